"""Demo questionnaires of the current year: the standard ones taken into work, invitations,
and answers from about two thirds of those invited, so results and the banks have data."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from mentoring.models import User
from participants.demo import REQUESTS
from participants.models import Mentee, Person, SchoolClass
from surveys import copying, distribution
from surveys.models import Answer, Choice, Invitation, Question, Response, Survey, new_token

OPEN_MENTORS = [
    ("Лаптева", "Ксения", "Андреевна", "external", "Студентка 4 курса", "СПбГУ"),
    ("Шубин", "Артём", "Викторович", "external", "Инженер-конструктор", "ООО «Балтийские системы»"),
    ("Никитина", "Ольга", "Павловна", "teacher", "Учитель географии", ""),
]


def seed(ctx):
    year, rng = ctx.year, ctx.rng
    curator = User.objects.get(username="curator")
    templates = {survey.template_key: survey for survey in Survey.objects.templates()}

    def take(key, opened_days_ago=None, closed=False):
        survey = copying.copy(templates[key], year, curator)
        if opened_days_ago is not None:
            survey.opens_on = ctx.today - datetime.timedelta(days=opened_days_ago)
            survey.closes_on = ctx.today - datetime.timedelta(days=1) if closed else None
            survey.save(update_fields=["opens_on", "closes_on"])
        return survey

    intake = take("mentee_intake_student", opened_days_ago=70)
    students = Person.objects.filter(kind=Person.Kind.STUDENT, school_class__year=year)
    classes = SchoolClass.objects.filter(year=year, grade__in=[5, 6, 7, 8])
    distribution.invite(intake, students.filter(school_class__in=classes), Invitation.Respondent.SELF, curator)
    answer(rng, intake, intake.invitations.order_by("pk"), share=0.65)
    _link_to_bank(intake, year)

    third_party = take("third_party", opened_days_ago=60)
    class_7a = classes.get(grade=7, letter="А")
    distribution.invite(
        third_party, students.filter(school_class=class_7a), Invitation.Respondent.CLASS_LEADER, curator
    )
    answer(rng, third_party, third_party.invitations.order_by("pk"), share=0.5)

    mentors = take("mentor_intake", opened_days_ago=65)
    mentors.open_token = new_token()
    mentors.save(update_fields=["open_token"])
    _answer_openly(rng, mentors)

    before = take("mentee_before", opened_days_ago=30, closed=True)
    in_bank = Person.objects.filter(mentee_records__year=year, kind=Person.Kind.STUDENT)
    distribution.invite(before, in_bank, Invitation.Respondent.SELF, curator)
    answer(rng, before, before.invitations.order_by("pk"), share=0.8)
    take("mentee_after")  # prepared for the spring: its answers will compare with «before»
    take("feedback", opened_days_ago=20)


def _questions(survey):
    return list(survey.questions.prefetch_related(Prefetch("choices", Choice.objects.order_by("position"))))


def answer(rng, survey, invitations, share):
    """About ``share`` of the invitations answered with random but plausible answers."""
    questions, now = _questions(survey), timezone.now()
    chosen = [invitation for invitation in invitations if rng.random() < share]
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            invitation=invitation,
            respondent_id=invitation.respondent_id,
            subject_id=invitation.subject_id,
            respondent_role=invitation.respondent_role,
            submitted_at=now - datetime.timedelta(days=rng.randint(1, 40), minutes=rng.randint(0, 600)),
        )
        for invitation in chosen
    )
    for invitation, response in zip(chosen, responses, strict=True):
        invitation.used_at = response.submitted_at
    Invitation.objects.bulk_update(chosen, ["used_at"])
    _fill(rng, questions, responses)


def _answer_openly(rng, survey):
    questions = _questions(survey)
    responses = Response.objects.bulk_create(
        Response(survey=survey, submission_key=new_token(), submitted_at=timezone.now() - datetime.timedelta(days=n))
        for n in range(1, len(OPEN_MENTORS) + 1)
    )
    identities = {}
    for response, (last, first, patronymic, kind, position, organisation) in zip(responses, OPEN_MENTORS, strict=True):
        identities[response.pk] = {
            "last_name": last,
            "first_name": first,
            "patronymic": patronymic,
            "position": position,
            "organisation": organisation,
            "category": kind,
        }
    _fill(rng, questions, responses, identities)


def _fill(rng, questions, responses, identities=None):
    answers, picks = [], []
    for response in responses:
        given = (identities or {}).get(response.pk, {})
        for question in questions:
            if not question.required and rng.random() < 0.4 and question.code not in given:
                continue
            answer, picked = _random_answer(rng, question, given.get(question.code))
            if answer is None:
                continue
            answer.response = response
            answers.append(answer)
            picks.extend((answer, choice) for choice in picked)
    Answer.objects.bulk_create(answers, batch_size=1000)
    Through = Answer.choices.through
    Through.objects.bulk_create(
        [Through(answer_id=answer.pk, choice_id=choice.pk) for answer, choice in picks],
        batch_size=1000,
    )


def _random_answer(rng, question, given=None):
    answer, choices, kind = Answer(question=question), list(question.choices.all()), question.kind
    if kind in Question.SCALES:
        top = Question.SCALES[kind]
        answer.number = max(1, min(top, round(rng.gauss(top * 0.6, top * 0.2))))
    elif kind == Question.Kind.NUMBER:
        answer.number = rng.randint(1, 3)
    elif kind == Question.Kind.YES_NO:
        answer.flag = rng.random() < 0.7
    elif kind == Question.Kind.DATE:
        answer.date = timezone.localdate() - datetime.timedelta(days=rng.randint(1, 30))
    elif kind == Question.Kind.SINGLE:
        picked = [next((c for c in choices if c.value == given), None) or rng.choice(choices)]
        return answer, picked
    elif kind == Question.Kind.MULTIPLE:
        return answer, rng.sample(choices, k=min(len(choices), rng.randint(1, 3)))
    else:
        answer.text = given or (rng.choice(REQUESTS) if kind == Question.Kind.LONG_TEXT else "")
        if not answer.text:
            return None, []
    return answer, []


def _link_to_bank(intake, year):
    """The intake answers of students already in the bank are their starting assessment."""
    mentees = dict(Mentee.objects.filter(year=year).values_list("person_id", "pk"))
    linked = [response for response in intake.responses.all() if response.subject_id in mentees]
    for response in linked:
        response.mentee_id = mentees[response.subject_id]
        response.added_to_bank_at = response.submitted_at
    Response.objects.bulk_update(linked, ["mentee", "added_to_bank_at"])
