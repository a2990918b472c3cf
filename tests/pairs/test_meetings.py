"""The meeting journal: the curator plans and logs, the pair's mentor logs; the calendar's approval."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from pairs import calendar
from pairs.models import Meeting, Mentorship
from pairs.programme_forms import HeldMeetingForm, LogForm, MeetingForm, PlanForm
from tests.concurrency import post_at_once
from tests.pairs.test_programmes import make_programme, messages_of

pytestmark = pytest.mark.django_db


def days_ago(number):
    return timezone.localdate() - datetime.timedelta(days=number)


@pytest.fixture
def programme(school, personas):
    """The own pair's programme of seven meetings, its calendar approved."""
    programme = make_programme(school.own_pair)
    calendar.approve_calendar(programme, personas.curator)
    return programme


@pytest.fixture
def mentor_client(client, personas):
    client.force_login(personas.mentor)
    return client


def first_meeting(school):
    return school.own_pair.meetings.first()


def edit_url(meeting):
    return reverse("meeting_edit", args=[meeting.mentorship_id, meeting.pk])


def log_data(**fields):
    data = {
        "held": "True",
        "held_on": str(days_ago(1)),
        "duration": "45",
        "format": "in_person",
        "topic": "Знакомство",
        "notes": "Поговорили об интересах",
    }
    data.update(fields)
    return data


def plan_data(**fields):
    return {"stage": "series", "topic": "Разбор контрольной", "planned_on": "2027-02-10", "planned_time": "", **fields}


def is_approved(programme):
    programme.refresh_from_db()
    return programme.calendar_approved_at is not None


# ---------------------------------------------------------------------------------------------
# Logging
# ---------------------------------------------------------------------------------------------


def test_the_mentor_logs_a_planned_meeting(mentor_client, school, personas, programme):
    meeting = first_meeting(school)
    form = mentor_client.get(edit_url(meeting)).context["form"]
    assert isinstance(form, LogForm) and not isinstance(form, MeetingForm)
    assert form.initial["held_on"] == meeting.planned_on
    response = mentor_client.post(edit_url(meeting), log_data(format="online"))
    assert response.status_code == 302 and response["Location"] == f"{school.own_pair.get_absolute_url()}#meetings"
    meeting.refresh_from_db()
    assert (meeting.held, meeting.held_on, meeting.duration, meeting.format) == (True, days_ago(1), 45, "online")
    assert meeting.logged_by == personas.mentor and meeting.logged_at is not None
    assert is_approved(programme)  # the journal does not change the calendar


@pytest.mark.parametrize("status, after", [("approved", "active"), ("proposed", "proposed"), ("active", "active")])
def test_a_held_meeting_starts_the_work_of_an_approved_pair(mentor_client, school, programme, status, after):
    Mentorship.objects.filter(pk=school.own_pair.pk).update(status=status)
    mentor_client.post(edit_url(first_meeting(school)), log_data())
    pair = Mentorship.objects.get(pk=school.own_pair.pk)
    assert pair.status == after
    if status == "approved":
        assert pair.history.first().status == "active"


def test_a_meeting_not_held_keeps_no_date_and_starts_nothing(mentor_client, school, programme):
    Mentorship.objects.filter(pk=school.own_pair.pk).update(status="approved")
    meeting = first_meeting(school)
    mentor_client.post(edit_url(meeting), log_data(held="False", notes="Наставляемый заболел"))
    meeting.refresh_from_db()
    assert (meeting.held, meeting.held_on, meeting.duration) == (False, None, None)
    assert meeting.notes == "Наставляемый заболел"
    assert meeting.logged_at is not None
    assert Mentorship.objects.get(pk=school.own_pair.pk).status == "approved"


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"held_on": ""}, "held_on", "Укажите дату проведения встречи."),
        ({"duration": "3"}, "duration", "Длительность встречи — от 5 до 600 минут."),
        ({"duration": "601"}, "duration", "Длительность встречи — от 5 до 600 минут."),
        ({"held_on": str(days_ago(-1))}, "held_on", "Дата проведения ещё не наступила."),
    ],
)
def test_a_wrong_entry_is_refused_in_russian(mentor_client, school, programme, fields, field, message):
    meeting = first_meeting(school)
    response = mentor_client.post(edit_url(meeting), log_data(**fields))
    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    meeting.refresh_from_db()
    assert meeting.held is None and meeting.logged_at is None


def test_the_mentor_cannot_move_the_calendar(mentor_client, school, programme):
    meeting = first_meeting(school)
    mentor_client.post(edit_url(meeting), log_data(planned_on="2027-01-01", stage="final"))
    planned = meeting.planned_on
    meeting.refresh_from_db()
    assert (meeting.planned_on, meeting.stage) == (planned, "acquaintance")
    assert is_approved(programme)


def test_the_mentor_adds_a_meeting_held_outside_the_calendar(mentor_client, school, personas, programme):
    url = reverse("meeting_add", args=[school.own_pair.pk])
    assert isinstance(mentor_client.get(url).context["form"], HeldMeetingForm)
    data = {key: value for key, value in log_data(topic="Консультация перед контрольной").items() if key != "held"}
    response = mentor_client.post(url, {**data, "stage": "series"})
    assert response.status_code == 302
    meeting = school.own_pair.meetings.get(topic="Консультация перед контрольной")
    assert (meeting.held, meeting.held_on, meeting.planned_on) == (True, days_ago(1), None)
    assert meeting.logged_by == personas.mentor
    assert is_approved(programme)  # held outside the plan: the calendar is as approved
    journal = mentor_client.get(reverse("programme", args=[school.own_pair.pk])).context["meetings"]
    days = [entry.planned_on or entry.held_on for entry in journal]
    assert meeting in journal and days == sorted(days)


def test_a_meeting_held_outside_the_calendar_needs_its_date(mentor_client, school):
    url = reverse("meeting_add", args=[school.own_pair.pk])
    response = mentor_client.post(url, {"stage": "series", "topic": "Консультация", "format": "in_person"})
    assert response.context["form"].errors["held_on"] == ["Укажите дату проведения встречи."]
    assert not Meeting.objects.exists()


def test_the_log_of_a_meeting_is_cleared_when_it_is_unmarked(school, personas, programme):
    meeting = calendar.log_meeting(first_meeting(school), personas.mentor, held=True, held_on=days_ago(2))
    assert meeting.logged_by == personas.mentor
    calendar.log_meeting(meeting, personas.curator, held=None, held_on=None)
    meeting.refresh_from_db()
    assert (meeting.held, meeting.logged_by, meeting.logged_at) == (None, None, None)
    with pytest.raises(TypeError):
        calendar.log_meeting(meeting, personas.curator, planned_on=days_ago(0))


# ---------------------------------------------------------------------------------------------
# The calendar
# ---------------------------------------------------------------------------------------------


def test_the_curator_adds_a_planned_meeting_and_approves_the_calendar_again(curator_client, school, programme):
    url = reverse("meeting_add", args=[school.own_pair.pk])
    assert isinstance(curator_client.get(url).context["form"], PlanForm)
    response = curator_client.post(url, plan_data(planned_time="15:30"))
    assert response.status_code == 302 and messages_of(response) == ["Встреча добавлена."]
    meeting = school.own_pair.meetings.get(topic="Разбор контрольной")
    assert (meeting.planned_on, meeting.planned_time, meeting.held) == (
        datetime.date(2027, 2, 10),
        datetime.time(15, 30),
        None,
    )
    assert not is_approved(programme)


def test_a_planned_meeting_needs_a_date(curator_client, school, programme):
    response = curator_client.post(reverse("meeting_add", args=[school.own_pair.pk]), plan_data(planned_on=""))
    assert response.context["form"].errors["planned_on"] == ["Обязательное поле."]
    assert is_approved(programme)


def curator_data(meeting, **fields):
    """The curator's form of ``meeting`` as it stands, with ``fields`` changed."""
    data = {
        "stage": meeting.stage,
        "topic": meeting.topic,
        "planned_on": str(meeting.planned_on),
        "planned_time": "",
        "held": "",
        "held_on": "",
        "duration": "",
        "format": meeting.format,
        "notes": meeting.notes,
    }
    data.update(fields)
    return data


def test_renaming_a_meeting_keeps_the_approval_and_moving_it_withdraws_it(curator_client, school, programme):
    meeting = school.own_pair.meetings.last()
    assert isinstance(curator_client.get(edit_url(meeting)).context["form"], MeetingForm)
    curator_client.post(edit_url(meeting), curator_data(meeting, topic="Итоги года", notes="Пригласить родителей"))
    meeting.refresh_from_db()
    assert meeting.topic == "Итоги года" and meeting.logged_at is None
    assert is_approved(programme)
    curator_client.post(edit_url(meeting), curator_data(meeting, planned_on="2027-04-28"))
    meeting.refresh_from_db()
    assert meeting.planned_on == datetime.date(2027, 4, 28)
    assert not is_approved(programme)


def test_moving_the_time_of_a_meeting_withdraws_the_approval(curator_client, school, programme):
    meeting = school.own_pair.meetings.last()
    curator_client.post(edit_url(meeting), curator_data(meeting, planned_time="16:00"))
    assert not is_approved(programme)


def test_the_curator_deletes_a_meeting_not_held_and_approves_again(curator_client, school, programme):
    meeting = school.own_pair.meetings.last()
    response = curator_client.post(reverse("meeting_delete", args=[school.own_pair.pk, meeting.pk]))
    assert messages_of(response) == ["Встреча «Итоговая встреча» удалена из календаря."]
    assert not Meeting.objects.filter(pk=meeting.pk).exists()
    assert not is_approved(programme)


def test_a_held_meeting_stays_in_the_journal(curator_client, school, personas, programme):
    meeting = calendar.log_meeting(first_meeting(school), personas.mentor, held=True, held_on=days_ago(3))
    response = curator_client.post(reverse("meeting_delete", args=[school.own_pair.pk, meeting.pk]))
    assert messages_of(response) == ["Проведённая встреча остаётся в журнале: удалить её нельзя."]
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    assert is_approved(programme)


def test_the_journal_on_the_programme_page_offers_the_mentor_to_log(mentor_client, school, programme):
    html = mentor_client.get(reverse("programme", args=[school.own_pair.pk])).content.decode()
    assert html.count("Отметить встречу") == 7
    assert reverse("meeting_delete", args=[school.own_pair.pk, first_meeting(school).pk]) not in html


# ---------------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------------


def snapshot():
    return list(Meeting.objects.order_by("pk").values_list("pk", "held", "held_on", "planned_on", "topic"))


@pytest.mark.parametrize(
    "persona, pair, status",
    [
        ("director", "own_pair", 403),
        ("teacher", "own_pair", 403),
        ("class_leader", "own_pair", 403),
        ("mentor", "other_pair", 404),
    ],
)
def test_only_the_curator_and_the_pairs_mentor_keep_the_journal(client, school, personas, persona, pair, status):
    mentorship = getattr(school, pair)
    meeting = make_programme(mentorship).mentorship.meetings.first()
    client.force_login(getattr(personas, persona))
    before = snapshot()
    for url in (edit_url(meeting), reverse("meeting_add", args=[mentorship.pk])):
        assert client.get(url).status_code == status, url
        assert client.post(url, log_data()).status_code == status, url
    assert client.post(reverse("meeting_delete", args=[mentorship.pk, meeting.pk])).status_code == 403
    assert snapshot() == before


def test_the_pairs_mentor_does_not_delete_meetings(mentor_client, school, programme):
    meeting = first_meeting(school)
    assert mentor_client.post(reverse("meeting_delete", args=[school.own_pair.pk, meeting.pk])).status_code == 403
    assert mentor_client.get(reverse("meeting_delete", args=[school.own_pair.pk, meeting.pk])).status_code == 405
    assert Meeting.objects.filter(pk=meeting.pk).exists()


def test_a_meeting_of_another_pair_is_not_found(curator_client, school):
    meeting = make_programme(school.other_pair).mentorship.meetings.first()
    url = reverse("meeting_edit", args=[school.own_pair.pk, meeting.pk])
    assert curator_client.get(url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, school, programme):
    meeting = first_meeting(school)
    before = snapshot()
    for url in (
        edit_url(meeting),
        reverse("meeting_add", args=[school.own_pair.pk]),
        reverse("meeting_delete", args=[school.own_pair.pk, meeting.pk]),
    ):
        response = client.post(url, log_data())
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    assert snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_a_held_meeting_sent_twice_at_once_is_stored_once(school, personas):
    url = reverse("meeting_add", args=[school.own_pair.pk])
    data = {
        "stage": Meeting.Stage.SERIES,
        "topic": "Разбор контрольной",
        "held_on": days_ago(1).isoformat(),
        "duration": "40",
        "format": Meeting.Format.IN_PERSON,
        "notes": "Разобрали ошибки",
    }
    statuses = post_at_once(personas.mentor, url, data)
    assert statuses == [302, 302]
    assert school.own_pair.meetings.filter(topic="Разбор контрольной").count() == 1
