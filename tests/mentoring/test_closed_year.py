"""A closed year's data is read-only at the data level: the guard registry of mentoring.closing."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from mentoring import closing
from mentoring.models import AcademicYear, Material, NormativeAct, RoadmapActivity, RoadmapStage
from pairs.models import Event, Meeting, Membership, Mentorship, Programme
from participants.models import (
    Consent,
    Interview,
    Mentee,
    Mentor,
    MentoringForm,
    MentorProfile,
    Person,
    RequestNote,
    SchoolClass,
)
from surveys.models import Response, Survey
from tests.factories import (
    make_act,
    make_activity,
    make_consent,
    make_mentee,
    make_mentor,
    make_mentorship,
    make_person,
    make_stage,
    make_year,
)

MESSAGE = "Учебный год 2026/2027 закрыт: изменения в нём невозможны."


def close(year):
    AcademicYear.objects.filter(pk=year.pk).update(closed_at=timezone.now())
    year.refresh_from_db()


@pytest.fixture
def form(db):
    return MentoringForm.objects.get(name="ученик – ученик")


@pytest.fixture
def data(year, form):
    """A year with a roadmap, a mentee and a mentor in a pair with a meeting, then closed."""
    stage = make_stage(year)
    activity = make_activity(stage)
    mentee = make_mentee(form=form, request="Математика")
    spare = make_mentee(make_person(last_name="Запасова"))
    mentor = make_mentor(forms=[form])
    pair = make_mentorship(mentor, [mentee], form=form, status="finished")
    meeting = Meeting.objects.create(mentorship=pair, stage="series", topic="Разбор задач")
    act = make_act(year)
    close(year)
    return type("Data", (), locals())


def refused(action):
    """``action`` refused; a savepoint keeps the test's transaction usable (deletes and m2m
    changes run in an atomic block without a savepoint of their own)."""
    with pytest.raises(closing.YearClosed) as error, transaction.atomic():
        action()
    assert str(error.value) == MESSAGE
    return error.value


def test_the_message_names_the_year():
    assert str(closing.YearClosed(2025)) == "Учебный год 2025/2026 закрыт: изменения в нём невозможны."
    assert isinstance(closing.YearClosed(2025), closing.PermissionDenied)


def test_saving_and_deleting_a_closed_years_rows_is_refused(data):
    data.mentee.request = "Физика"
    refused(data.mentee.save)
    refused(data.spare.delete)
    data.activity.title = "Другое"
    refused(data.activity.save)
    refused(data.stage.delete)
    data.meeting.topic = "Другое"
    refused(data.meeting.save)
    refused(data.pair.delete)
    data.act.heading = "О другом"
    refused(data.act.save)
    refused(lambda: RoadmapStage.objects.create(year=data.year, number=2, title="Новый этап"))
    refused(lambda: Meeting.objects.create(mentorship=data.pair, stage="series", topic="Ещё одна"))
    refused(lambda: Mentee.objects.create(person=make_person(last_name="Новиков"), year=data.year))
    refused(lambda: RequestNote.objects.create(mentee=data.mentee, text="Со слов мамы"))
    refused(lambda: Interview.objects.create(mentor=data.mentor, held_on=datetime.date(2026, 10, 1)))
    refused(lambda: Programme.objects.create(mentorship=data.pair))
    refused(lambda: SchoolClass.objects.create(year=data.year, grade=5, letter="В"))
    refused(lambda: Survey.objects.create(title="Анкета", year=data.year))
    data.mentee.refresh_from_db()
    assert data.mentee.request == "Математика"
    assert Meeting.objects.count() == 1 and RoadmapStage.objects.count() == 1 and Mentee.objects.count() == 2


def test_moving_a_row_into_or_out_of_a_closed_year_is_refused(data):
    open_year = make_year(2027, current=False)
    data.mentee.year = open_year
    refused(data.mentee.save)  # the stored row is in the closed year
    other = make_mentee(make_person(last_name="Открытова"), year=open_year)
    other.year = data.year
    refused(other.save)  # the new value is the closed year
    stage = make_stage(open_year)
    activity = make_activity(stage, start=datetime.date(2027, 9, 1))
    activity.stage = data.stage
    refused(activity.save)
    assert RoadmapActivity.objects.get(pk=activity.pk).stage == stage


def test_m2m_links_of_a_closed_year_are_refused(data, form):
    refused(lambda: data.pair.mentees.add(data.spare))
    refused(lambda: data.pair.mentees.remove(data.mentee))
    refused(lambda: data.spare.mentorships.add(data.pair))
    refused(lambda: data.mentor.forms.clear())
    refused(lambda: data.mentor.forms.add(MentoringForm.objects.exclude(pk=form.pk).first()))
    assert Membership.objects.count() == 1 and list(data.mentor.forms.all()) == [form]
    # A common event of an open year may not take in a closed year's pair either.
    event = Event.objects.create(year=make_year(2027, current=False), title="Итоги", held_on=datetime.date(2028, 5, 1))
    refused(lambda: event.mentorships.add(data.pair))
    assert not event.mentorships.exists()


def test_open_years_stay_writable_at_one_query_per_check(year, django_assert_num_queries):
    activity = make_activity(make_stage(year))
    activity.title = "Другое"
    with django_assert_num_queries(2):  # the year's check and the update
        activity.save()
    make_year(2025, current=False)
    close(AcademicYear.objects.get(start_year=2025))
    activity.save()
    assert RoadmapActivity.objects.get().title == "Другое"


def test_best_practices_and_publishing_stay_possible_after_closing(data):
    data.pair.best_practice = True
    data.pair.case = Material.objects.create(title="Кейс пары", kind=Material.Kind.CASE)
    data.pair.save(update_fields=["best_practice", "case", "updated_at"])
    for record in (data.mentee, data.mentor):
        record.best_practice = True
        record.save(update_fields=["best_practice", "updated_at"])
    data.act.status, data.act.published_at = NormativeAct.Status.PUBLISHED, timezone.now()
    data.act.save(update_fields=["status", "published_at", "updated_at"])
    assert Mentorship.objects.get().best_practice and Mentee.objects.get(pk=data.mentee.pk).best_practice
    assert Mentor.objects.get().best_practice and NormativeAct.objects.get().status == "published"
    # Anything more in the same save is refused.
    data.mentee.results = "Итоги"
    refused(lambda: data.mentee.save(update_fields=["best_practice", "results", "updated_at"]))
    refused(lambda: data.pair.save())


def test_people_consents_the_long_term_base_and_materials_are_not_a_years_data(data):
    person = data.mentor.person
    person.phone = "+7 900 000-00-00"
    person.save()
    consent = make_consent(person)
    consent.withdrawn_on = datetime.date(2027, 6, 1)
    consent.save()
    MentorProfile.objects.create(person=person, rating=5, notes="Лучший наставник года")
    Material.objects.create(title="Рекомендации", year=data.year)
    survey_template = Survey.objects.create(title="Шаблон", is_template=True)
    survey_template.title = "Шаблон анкеты"
    survey_template.save()
    assert Consent.objects.get().withdrawn_on == datetime.date(2027, 6, 1)


def test_the_registry_holds_the_years_data_and_nothing_else():
    from pairs import models as pairs
    from participants.models import TrainingMaterial
    from surveys import models as surveys

    expected = {
        RoadmapStage: "year",
        RoadmapActivity: "stage__year",
        NormativeAct: "year",
        SchoolClass: "year",
        Mentee: "year",
        Mentor: "year",
        Interview: "mentor__year",
        RequestNote: "mentee__year",
        Survey: "year",
        Response: "survey__year",
        surveys.Section: "survey__year",
        surveys.Question: "survey__year",
        surveys.Choice: "question__survey__year",
        surveys.Invitation: "survey__year",
        surveys.Answer: "response__survey__year",
        TrainingMaterial: "event__year",
        Mentorship: "year",
        Membership: "mentorship__year",
        Programme: "mentorship__year",
        Meeting: "mentorship__year",
        Event: "year",
        pairs.MatchingRun: "year",
        pairs.Proposal: "run__year",
        pairs.PairRule: "year",
    }
    for model, path in expected.items():
        assert closing.guarded(model).path == path
    for model in (Person, Consent, MentorProfile, Material, AcademicYear):
        assert closing.guarded(model) is None
