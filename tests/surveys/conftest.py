"""Surveys for the questionnaire tests: one question of every kind, valid answers, personal links."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from participants.models import MentoringForm, Person
from surveys.models import Choice, Invitation, Question, Survey
from tests.factories import make_class, make_mentee, make_mentor, make_person

KIND = Question.Kind

# (code, kind, required, choices, section number) — one question of every kind.
EVERY_KIND = [
    ("mood", KIND.SCALE_10, True, (), 1),
    ("energy", KIND.SCALE_5, False, (), 1),
    ("favourite", KIND.SINGLE, True, ("Математика", "Физика", "Литература"), 1),
    ("hobbies", KIND.MULTIPLE, True, ("Спорт", "Музыка", "Чтение"), 1),
    ("agree", KIND.YES_NO, True, (), 1),
    ("nickname", KIND.SHORT_TEXT, False, (), 2),
    ("story", KIND.LONG_TEXT, False, (), 2),
    ("age", KIND.NUMBER, True, (), 2),
    ("birthday", KIND.DATE, False, (), 2),
]


def today():
    return timezone.localdate()


def days(number):
    return datetime.timedelta(days=number)


def make_survey(year, title="Анкета обо всём", questions=EVERY_KIND, **fields):
    """A year's survey open today, in two sections, with ``questions`` as (code, kind, required, choices, section)."""
    fields.setdefault("opens_on", today())
    survey = Survey.objects.create(title=title, year=year, **fields)
    sections = {
        1: survey.sections.create(title="Основные вопросы", position=1),
        2: survey.sections.create(title="Подробности", position=2),
    }
    for position, (code, kind, required, choices, section) in enumerate(questions, start=1):
        add_question(
            survey, code, kind, required=required, choices=choices, section=sections[section], position=position
        )
    return survey


def add_question(survey, code, kind, required=True, choices=(), section=None, position=None, text=None):
    question = Question.objects.create(
        survey=survey,
        section=section or survey.sections.first(),
        code=code,
        kind=kind,
        text=text or f"Вопрос «{code}»",
        required=required,
        position=position if position is not None else survey.questions.count() + 1,
    )
    Choice.objects.bulk_create(
        Choice(question=question, text=choice, value=f"{code}_{number}", position=number)
        for number, choice in enumerate(choices, start=1)
    )
    return question


@pytest.fixture
def survey(year):
    """The year's survey with one question of every kind, open today."""
    return make_survey(year)


def choice_pk(survey, code, text):
    """The pk (as POST carries it) of the choice ``text`` of question ``code``."""
    return str(Choice.objects.get(question__survey=survey, question__code=code, text=text).pk)


def choice_pk_by_value(survey, code, value):
    return str(Choice.objects.get(question__survey=survey, question__code=code, value=value).pk)


def answers_for(survey, **overrides):
    """Valid POST data answering every question of ``survey``; ``code=None`` leaves a question out."""
    data = {}
    for question in survey.questions.prefetch_related("choices"):
        kind = question.kind
        if kind in Question.SCALES:
            value = str(min(7, question.scale_max))
        elif kind == KIND.SINGLE:
            value = str(question.choices.all()[0].pk)
        elif kind == KIND.MULTIPLE:
            value = [str(choice.pk) for choice in question.choices.all()[:2]]
        elif kind == KIND.YES_NO:
            value = "yes"
        elif kind == KIND.SHORT_TEXT:
            value = f"Короткий ответ {question.code}"
        elif kind == KIND.LONG_TEXT:
            value = f"Развёрнутый ответ на вопрос {question.code}"
        elif kind == KIND.NUMBER:
            value = "12"
        else:
            value = "2012-03-05"
        data[question.code] = value
    for code, value in overrides.items():
        if value is None:
            data.pop(code, None)
        else:
            data[code] = value
    return data


def invite(survey, person, role=Invitation.Respondent.SELF, respondent="same", **fields):
    """A personal link to ``survey`` about ``person`` (answered by the person themselves unless told)."""
    if respondent == "same":
        respondent = person if role == Invitation.Respondent.SELF else None
    fields.setdefault("expires_at", survey.link_expiry())
    return Invitation.objects.create(
        survey=survey, subject=person, respondent_role=role, respondent=respondent, **fields
    )


def fill_url(invitation):
    return reverse("survey_fill", args=[invitation.token])


def page(response):
    return response.content.decode()


def field_errors(response):
    """{question code: [messages]} of the form a page shows."""
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.fixture
def school(year, personas):
    """7А (led by the class leader persona) with two students, 8Б without a leader, staff, mentees and mentors."""
    class_7a = personas.class_leader.person.led_classes.get()
    class_8b = make_class(year, 8, "Б")
    student_form = MentoringForm.objects.get(name="ученик – ученик")
    teacher_form = MentoringForm.objects.get(name="учитель – учитель")
    alyona = make_person(last_name="Семёнова", first_name="Алёна", patronymic="Игоревна", school_class=class_7a)
    boris = make_person(last_name="Абрамов", first_name="Борис", school_class=class_7a)
    egor = make_person(last_name="Егоров", first_name="Егор", school_class=class_8b)
    young = make_person(last_name="Юрьева", first_name="Яна", kind=Person.Kind.TEACHER, position="Учитель химии")
    clerk = make_person(last_name="Кадрова", first_name="Вера", kind=Person.Kind.STAFF, position="Секретарь")
    senior = make_person(last_name="Ёжиков", first_name="Илья", school_class=make_class(year, 10, "А"))
    mentor_teacher = make_person(last_name="Ильина", first_name="Ольга", kind=Person.Kind.TEACHER)
    mentees = SimpleNamespace(
        alyona=make_mentee(alyona, form=student_form),
        egor=make_mentee(egor, form=student_form),
        young=make_mentee(young, form=teacher_form),
    )
    mentors = SimpleNamespace(
        senior=make_mentor(senior, forms=[student_form]),
        teacher=make_mentor(mentor_teacher, forms=[teacher_form]),
    )
    return SimpleNamespace(
        class_7a=class_7a,
        class_8b=class_8b,
        alyona=alyona,
        boris=boris,
        egor=egor,
        young=young,
        clerk=clerk,
        senior=senior,
        mentor_teacher=mentor_teacher,
        class_leader=personas.class_leader.person,
        mentees=mentees,
        mentors=mentors,
        student_form=student_form,
        teacher_form=teacher_form,
    )


def copy_template(client, key, **post):
    """The curator takes the standard template ``key`` into the current year: the new survey."""
    template = Survey.objects.templates().get(template_key=key)
    response = client.post(reverse("survey_copy", args=[template.pk]), post)
    assert response.status_code == 302, response
    return Survey.objects.filter(source=template).latest("pk")
