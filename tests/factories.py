"""Small plain factories for the tests: people, users with roles, years and roadmaps."""

import datetime
import itertools

from django.contrib.auth.models import Group

from mentoring.models import AcademicYear, NormativeAct, RoadmapActivity, RoadmapStage, School, User
from participants.models import Consent, Mentee, Mentor, Person, SchoolClass

_serial = itertools.count(1)


def make_user(username=None, roles=(), **fields):
    username = username or f"user{next(_serial)}"
    fields.setdefault("last_name", "Тестова")
    fields.setdefault("first_name", "Анна")
    user = User.objects.create_user(username, password="password", **fields)
    user.groups.set(Group.objects.filter(name__in=roles))
    return user


def make_year(start_year=2026, current=True):
    year = AcademicYear.objects.create(start_year=start_year)
    if current:
        year.make_current()
    return year


def make_school(**fields):
    defaults = dict(
        full_name="Государственное бюджетное общеобразовательное учреждение школа № 43",
        short_name="ГБОУ школа № 43",
        director_name="Миронов Алексей Николаевич",
        address="ул. Школьная, д. 43",
        city="Санкт-Петербург",
    )
    return School.objects.create(**{**defaults, **fields})


def make_person(**fields):
    fields.setdefault("last_name", "Петров")
    fields.setdefault("first_name", "Пётр")
    fields.setdefault("kind", Person.Kind.STUDENT)
    return Person.objects.create(**fields)


def make_class(year, grade=7, letter="А", leader=None):
    return SchoolClass.objects.create(year=year, grade=grade, letter=letter, class_leader=leader)


def make_stage(year, number=1, title="Подготовка условий"):
    return RoadmapStage.objects.create(year=year, number=number, title=title)


def make_activity(stage, number=None, start=None, end=None, **fields):
    if number is None:
        number = stage.activities.count() + 1
    start = start or datetime.date(stage.year.start_year, 9, 1)
    end = end or start + datetime.timedelta(days=29)
    fields.setdefault("title", f"Мероприятие {number}")
    return RoadmapActivity.objects.create(stage=stage, number=number, start_date=start, end_date=end, **fields)


def make_mentee(person=None, year=None, **fields):

    person = person or make_person()
    year = year or AcademicYear.objects.get(is_current=True)
    return Mentee.objects.create(person=person, year=year, **fields)


def make_mentor(person=None, year=None, forms=(), **fields):

    person = person or make_person(last_name="Наставникова", first_name="Вера", kind=Person.Kind.TEACHER)
    year = year or AcademicYear.objects.get(is_current=True)
    mentor = Mentor.objects.create(person=person, year=year, **fields)
    mentor.forms.set(forms)
    return mentor


def make_consent(person, kind="personal_data", **fields):

    fields.setdefault("given_on", datetime.date(2026, 9, 1))
    if fields.get("given_by") == "representative":
        fields.setdefault("representative_name", "Петрова Анна Ивановна")
    return Consent.objects.create(person=person, kind=kind, **fields)


def make_mentorship(mentor, mentees, form=None, status="proposed", **fields):
    from pairs.models import Membership, Mentorship
    from participants.models import MentoringForm

    form = form or MentoringForm.objects.get(name="ученик – ученик")
    fields.setdefault("starts_on", datetime.date(mentor.year.start_year, 11, 1))
    fields.setdefault("ends_on", datetime.date(mentor.year.start_year + 1, 4, 30))
    if len(mentees) > 1:
        fields.setdefault("is_group", True)
        fields.setdefault("title", "Олимпиадная группа")
    mentorship = Mentorship.objects.create(year=mentor.year, form=form, mentor=mentor, status=status, **fields)
    for mentee in mentees:
        Membership.objects.create(mentorship=mentorship, mentee=mentee)
    return mentorship


def make_act(year, kind=NormativeAct.Kind.PAIRS_ORDER, number="45-о", date=None, status="signed", **fields):
    """An entry of the register; a signed one without a stored PDF unless the test renders one."""
    import django.utils.timezone

    date = date or datetime.date(year.start_year, 11, 10)
    if status != NormativeAct.Status.DRAFT:
        fields.setdefault("signed_at", django.utils.timezone.now())
    fields.setdefault("heading", "О закреплении наставнических пар (групп)")
    return NormativeAct.objects.create(year=year, kind=kind, number=number, date=date, status=status, **fields)
