"""Intake questionnaires with the codes matching reads, and answers stored straight in the database."""

from surveys.models import Answer, Choice, Question, Response
from tests.surveys.conftest import make_survey

TOPICS = ("Учёба", "Общение", "Проекты", "Спорт")
FORMATS = ("Очно", "Онлайн")

INTAKE_QUESTIONS = [
    ("topics", Question.Kind.MULTIPLE, True, TOPICS, 1),
    ("meeting_format", Question.Kind.SINGLE, False, FORMATS, 1),
    ("confidence", Question.Kind.SCALE_10, False, (), 1),
]


def intake(year, purpose, title=None):
    """An open intake questionnaire of ``purpose`` with topics, meeting format and a scale."""
    return make_survey(year, title=title or str(purpose), questions=INTAKE_QUESTIONS, purpose=purpose)


def give(survey, person, mentee=None, **values):
    """A response of ``person`` about themselves: choices by their texts, numbers as they are."""
    response = Response.objects.create(
        survey=survey, respondent=person, subject=person, respondent_role="self", mentee=mentee, submission_key=None
    )
    for code, value in values.items():
        question = Question.objects.get(survey=survey, code=code)
        if question.has_choices:
            answer = Answer.objects.create(response=response, question=question)
            texts = [value] if isinstance(value, str) else value
            answer.choices.set(Choice.objects.filter(question=question, text__in=texts))
        else:
            Answer.objects.create(response=response, question=question, number=value)
    return response
