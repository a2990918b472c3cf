"""Programmes: written from a template whose plan becomes the calendar, approved, listed; the templates."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from mentoring import roles
from pairs import access, calendar
from pairs.models import Meeting, Mentorship, Programme, ProgrammeTemplate
from pairs.views.programmes import panels
from pairs.workflow import Conflict
from participants.models import Person
from tests.concurrency import post_at_once
from tests.factories import make_mentee, make_mentor, make_mentorship, make_person, make_year

pytestmark = pytest.mark.django_db

Stage = Meeting.Stage
TOPICS = ["Знакомство", "Пробная встреча", "Планирование", "Учёба", "Проект", "Итоги четверти", "Итоговая встреча"]


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def make_programme(mentorship, topics=TOPICS, **fields):
    """A programme written through the service, its meetings planned from ``topics``."""
    fields = {"request": "Трудности с математикой", "goal": "Цель", "tasks": "Задача 1\nЗадача 2", **fields}
    fields.setdefault("expected_results", "Результат")
    fields.setdefault("starts_on", mentorship.starts_on)
    fields.setdefault("ends_on", mentorship.ends_on)
    return calendar.create_programme(Programme(mentorship=mentorship, **fields), topics)


def programme_data(**fields):
    data = {
        "request": "Трудности с математикой",
        "goal": "Подтянуть математику",
        "tasks": "Разобрать трудные темы\nНаучиться планировать время",
        "expected_results": "Четвёрка по алгебре\nУверенность у доски",
        "starts_on": "2026-11-01",
        "ends_on": "2027-04-30",
        "plan": "\n".join(TOPICS),
    }
    data.update(fields)
    return data


# ---------------------------------------------------------------------------------------------
# The calendar of a plan
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "count, stages",
    [
        (1, [Stage.FINAL]),
        (2, [Stage.ACQUAINTANCE, Stage.FINAL]),
        (3, [Stage.ACQUAINTANCE, Stage.SERIES, Stage.FINAL]),
        (4, [Stage.ACQUAINTANCE, Stage.TRIAL, Stage.PLANNING, Stage.FINAL]),
        (6, [Stage.ACQUAINTANCE, Stage.TRIAL, Stage.PLANNING, Stage.SERIES, Stage.SERIES, Stage.FINAL]),
    ],
)
def test_a_plan_follows_the_cycle_of_a_programme(count, stages):
    assert calendar.cycle(count) == stages


def test_dates_are_spread_over_the_period_on_school_days_only():
    # 1 Nov 2026 is a Sunday, 30 Jan 2027 a Saturday, 30 Apr 2027 a Friday.
    days = calendar.spread(datetime.date(2026, 11, 1), datetime.date(2027, 4, 30), 7)
    assert days == [
        datetime.date(2026, 11, 2),
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 31),
        datetime.date(2027, 1, 29),
        datetime.date(2027, 3, 1),
        datetime.date(2027, 3, 31),
        datetime.date(2027, 4, 30),
    ]


def test_a_weekend_at_an_end_of_the_period_moves_inwards():
    saturday, sunday = datetime.date(2026, 11, 7), datetime.date(2026, 11, 22)
    assert calendar.spread(saturday, sunday, 2) == [datetime.date(2026, 11, 9), datetime.date(2026, 11, 20)]


def test_a_programme_with_meetings_is_not_planned_again(school):
    programme = make_programme(school.own_pair)
    assert calendar.plan_meetings(programme, ["Ещё одна"]) == []
    assert school.own_pair.meetings.count() == len(TOPICS)


# ---------------------------------------------------------------------------------------------
# Writing a programme
# ---------------------------------------------------------------------------------------------


def test_the_form_starts_from_the_first_template_of_the_pairs_audience(curator_client, school):
    school.anna.request = "Не получается решать задачи"
    school.anna.save(update_fields=["request"])
    response = curator_client.get(reverse("programme_edit", args=[school.own_pair.pk]))
    template = ProgrammeTemplate.objects.filter(audience="students").first()
    form = response.context["form"]
    assert form.initial["goal"] == template.goal and form.initial["plan"] == template.plan
    assert form.initial["request"] == "Не получается решать задачи"
    assert form.initial["starts_on"] == school.own_pair.starts_on
    offered = set(response.context["choice"].fields["template"].queryset)
    assert offered == set(ProgrammeTemplate.objects.filter(audience="students"))


def test_no_template_leaves_the_programme_to_be_written(curator_client, school):
    response = curator_client.get(reverse("programme_edit", args=[school.own_pair.pk]), {"template": ""})
    assert response.context["form"].initial["goal"] == "" and response.context["form"].initial["plan"] == ""


def test_the_curator_writes_a_programme_and_its_plan_becomes_the_calendar(curator_client, school):
    pair = school.own_pair
    response = curator_client.post(reverse("programme_edit", args=[pair.pk]), programme_data())
    programme = Programme.objects.get(mentorship=pair)
    assert response.status_code == 302 and response["Location"] == programme.get_absolute_url()
    assert programme.goal == "Подтянуть математику" and programme.calendar_approved_at is None
    meetings = list(pair.meetings.all())
    assert [meeting.topic for meeting in meetings] == TOPICS
    assert [meeting.stage for meeting in meetings] == [
        Stage.ACQUAINTANCE,
        Stage.TRIAL,
        Stage.PLANNING,
        Stage.SERIES,
        Stage.SERIES,
        Stage.SERIES,
        Stage.FINAL,
    ]
    days = [meeting.planned_on for meeting in meetings]
    assert days[0] == datetime.date(2026, 11, 2) and days[-1] == datetime.date(2027, 4, 30)
    assert all(day.weekday() < 5 for day in days) and days == sorted(days)
    assert all(meeting.held is None for meeting in meetings)
    assert Meeting.history.filter(history_type="+").count() == len(TOPICS)


def test_the_programme_page_shows_the_programme_and_its_calendar(curator_client, school):
    make_programme(school.own_pair)
    response = curator_client.get(reverse("programme", args=[school.own_pair.pk]))
    assert response.context["tasks"] == ["Задача 1", "Задача 2"]
    html = response.content.decode()
    assert "Трудности с математикой" in html and "<li>Задача 2</li>" in html
    assert "Королёв Дмитрий" in html and "Антонова Анна" in html
    assert "Итоговая встреча" in html and "Не утверждён." in html and "Утвердить календарь" in html


@pytest.mark.parametrize(
    "fields, field, message",
    [
        ({"starts_on": "2027-05-01"}, "ends_on", "Окончание программы раньше её начала."),
        ({"goal": ""}, "goal", "Обязательное поле."),
        ({"plan": "Тема\n" + "Т" * 301}, "plan", "Тема встречи длиннее 300 знаков"),
        ({"plan": "\n".join(f"Тема {n}" for n in range(41))}, "plan", "В плане не больше 40 встреч, а строк — 41."),
    ],
)
def test_a_wrong_programme_is_refused_in_russian(curator_client, school, fields, field, message):
    response = curator_client.post(reverse("programme_edit", args=[school.own_pair.pk]), programme_data(**fields))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Programme.objects.exists() and not Meeting.objects.exists()


def test_editing_a_programme_keeps_its_calendar(curator_client, school):
    programme = make_programme(school.own_pair)
    url = reverse("programme_edit", args=[school.own_pair.pk])
    assert "plan" not in curator_client.get(url).context["form"].fields
    response = curator_client.post(url, programme_data(goal="Новая цель", plan="Другое"))
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.goal == "Новая цель"
    assert list(school.own_pair.meetings.values_list("topic", flat=True)) == TOPICS


def test_a_second_programme_of_a_pair_is_a_conflict(school):
    make_programme(school.own_pair)
    with pytest.raises(Conflict):
        make_programme(school.own_pair)
    assert Programme.objects.count() == 1 and Meeting.objects.count() == len(TOPICS)


@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_programme_is_stored_once_with_one_calendar(school, personas):
    url = reverse("programme_edit", args=[school.own_pair.pk])
    statuses = post_at_once(personas.curator, url, programme_data())
    assert statuses == [302, 302]
    assert Programme.objects.count() == 1
    assert list(Meeting.objects.values_list("topic", flat=True)) == TOPICS


# ---------------------------------------------------------------------------------------------
# Approving the calendar
# ---------------------------------------------------------------------------------------------


def test_the_curator_approves_the_calendar(curator_client, school, personas):
    programme = make_programme(school.own_pair)
    response = curator_client.post(reverse("programme_approve", args=[school.own_pair.pk]))
    assert response.status_code == 302 and messages_of(response) == ["Календарь встреч утверждён."]
    programme.refresh_from_db()
    assert programme.calendar_approved_by == personas.curator and programme.calendar_approved_at
    html = curator_client.get(programme.get_absolute_url()).content.decode()
    assert "Утверждён" in html and "Соколова Ирина" in html and "Утвердить календарь" not in html


def test_a_calendar_without_dates_is_not_approved(curator_client, school):
    programme = make_programme(school.own_pair, topics=[])
    response = curator_client.post(reverse("programme_approve", args=[school.own_pair.pk]))
    assert messages_of(response) == ["В календаре нет ни одной встречи с датой: добавьте встречи."]
    programme.refresh_from_db()
    assert programme.calendar_approved_at is None


def test_a_calendar_without_a_final_meeting_is_not_approved(curator_client, school):
    programme = make_programme(school.own_pair, topics=["Знакомство", "Итоги"])
    school.own_pair.meetings.filter(stage=Stage.FINAL).update(stage=Stage.SERIES)
    response = curator_client.post(reverse("programme_approve", args=[school.own_pair.pk]))
    assert messages_of(response) == [
        "В календаре нет итоговой встречи: добавьте её или укажите этап «итоговая встреча»."
    ]
    programme.refresh_from_db()
    assert programme.calendar_approved_at is None


def test_a_pair_without_a_programme_has_nothing_to_approve(curator_client, school):
    assert curator_client.post(reverse("programme_approve", args=[school.own_pair.pk])).status_code == 404


# ---------------------------------------------------------------------------------------------
# Who may do what
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "persona, pair, status",
    [
        ("curator", "own_pair", 200),
        ("director", "own_pair", 200),
        ("mentor", "own_pair", 200),
        ("mentor", "other_pair", 404),
        ("teacher", "own_pair", 403),
        ("class_leader", "own_pair", 403),
    ],
)
def test_who_reads_a_programme(client, school, personas, persona, pair, status):
    make_programme(getattr(school, pair))
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("programme", args=[getattr(school, pair).pk])).status_code == status


def test_the_pairs_mentor_reads_the_programme_but_changes_nothing(client, school, personas):
    make_programme(school.own_pair)
    client.force_login(personas.mentor)
    response = client.get(reverse("programme", args=[school.own_pair.pk]))
    html = response.content.decode()
    assert response.context["can_write"] is False and response.context["can_log"] is True
    assert "Утвердить календарь" not in html and "Изменить программу" not in html and "Отметить встречу" in html


@pytest.mark.parametrize(
    "persona, pair, status",
    [
        ("director", "own_pair", 403),
        ("mentor", "own_pair", 403),
        ("teacher", "own_pair", 403),
        ("mentor", "other_pair", 403),
    ],
)
def test_only_the_curator_writes_and_approves_programmes(client, school, personas, persona, pair, status):
    client.force_login(getattr(personas, persona))
    pk = getattr(school, pair).pk
    assert client.get(reverse("programme_edit", args=[pk])).status_code == status
    assert client.post(reverse("programme_edit", args=[pk]), programme_data()).status_code == status
    make_programme(getattr(school, pair))
    assert client.post(reverse("programme_approve", args=[pk])).status_code == status
    assert not Programme.objects.filter(calendar_approved_at__isnull=False).exists()
    assert Programme.objects.count() == 1


def test_an_anonymous_visitor_is_sent_to_log_in(client, school):
    pk = school.own_pair.pk
    for url in (
        reverse("programmes"),
        reverse("programme", args=[pk]),
        reverse("programme_edit", args=[pk]),
        reverse("programme_approve", args=[pk]),
        reverse("programme_templates"),
    ):
        response = client.post(url, programme_data()) if "approve" in url else client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    assert not Programme.objects.exists()


def test_approving_takes_a_post_only(curator_client, school):
    make_programme(school.own_pair)
    assert curator_client.get(reverse("programme_approve", args=[school.own_pair.pk])).status_code == 405


# ---------------------------------------------------------------------------------------------
# The year's programmes
# ---------------------------------------------------------------------------------------------


def test_the_list_shows_each_pairs_programme_calendar_and_meetings(curator_client, school, personas):
    today = timezone.localdate()
    Mentorship.objects.filter(pk=school.own_pair.pk).update(starts_on=today - datetime.timedelta(days=90))
    programme = make_programme(school.own_pair, starts_on=today - datetime.timedelta(days=90), ends_on=today)
    calendar.approve_calendar(programme, personas.curator)
    first = school.own_pair.meetings.first()
    calendar.log_meeting(first, personas.mentor, held=True, held_on=today - datetime.timedelta(days=40))
    terminated = make_mentorship(school.student_mentor, [school.boris], status="terminated", end_reason="Уехал")
    response = curator_client.get(reverse("programmes"))
    rows = {row.pk: row for row in response.context["page"]}
    assert set(rows) == {school.own_pair.pk, school.other_pair.pk} and terminated.pk not in rows
    own, other = rows[school.own_pair.pk], rows[school.other_pair.pk]
    assert (own.has_programme, own.calendar_approved, own.held_count, own.meeting_count) == (True, True, 1, 7)
    assert own.last_held_on == today - datetime.timedelta(days=40)
    assert own.quiet  # at work for 90 days, nothing held for 40
    assert (other.has_programme, other.calendar_approved, other.meeting_count, other.last_held_on) == (
        False,
        False,
        0,
        None,
    )
    assert 'data-testid="quiet"' in response.content.decode()


def test_a_recent_meeting_or_a_pair_not_yet_at_work_brings_no_warning(curator_client, school, personas):
    today = timezone.localdate()
    Mentorship.objects.filter(pk=school.own_pair.pk).update(starts_on=today - datetime.timedelta(days=90))
    make_programme(school.own_pair)
    calendar.log_meeting(school.own_pair.meetings.first(), personas.mentor, held=True, held_on=today)
    Mentorship.objects.filter(pk=school.other_pair.pk).update(status="proposed")
    rows = {row.pk: row for row in curator_client.get(reverse("programmes")).context["page"]}
    assert not rows[school.own_pair.pk].quiet and not rows[school.other_pair.pk].quiet


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"todo": "no_programme"}, {"other_pair"}),
        ({"todo": "unapproved"}, {"other_pair", "own_pair"}),
        ({"status": "active"}, {"other_pair", "own_pair"}),
        ({"status": "finished"}, set()),
    ],
)
def test_the_list_filters_by_status_and_what_is_missing(curator_client, school, query, expected):
    make_programme(school.own_pair)
    shown = {row.pk for row in curator_client.get(reverse("programmes"), query).context["page"]}
    assert shown == {getattr(school, name).pk for name in expected}


def test_the_list_of_another_year_is_chosen_by_its_start_year(curator_client, school):
    make_year(2025, current=False)
    response = curator_client.get(reverse("programmes"), {"year": 2025})
    assert response.context["year"].start_year == 2025 and list(response.context["page"]) == []


@pytest.mark.parametrize("persona, status", [("director", 200), ("mentor", 403), ("teacher", 403)])
def test_the_list_is_for_management(client, school, personas, persona, status):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("programmes")).status_code == status


def fill_pairs(year, forms, count):
    """``count`` more active pairs, each with a programme of three meetings, one of them held."""
    for number in range(count):
        mentor = make_mentor(make_person(last_name=f"Наставник{number}", kind=Person.Kind.TEACHER), year=year)
        mentee = make_mentee(make_person(last_name=f"Ученик{number}"), year=year)
        pair = make_mentorship(mentor, [mentee], form=forms.student, status="active")
        make_programme(pair, topics=["Знакомство", "Работа", "Итоги"])
        calendar.log_meeting(pair.meetings.first(), None, held=True, held_on=datetime.date(2026, 11, 2))


@pytest.mark.parametrize("count", [1, 10])
def test_the_list_costs_the_same_queries_for_1_and_10_pairs(
    curator_client, year, personas, forms, count, django_assert_num_queries
):
    fill_pairs(year, forms, count)
    curator_client.get(reverse("programmes"))  # warm the session
    # session, user, roles, year, the page's count, the school for the footer, years for the switch,
    # the rows with their counts, their mentees
    with django_assert_num_queries(9):
        response = curator_client.get(reverse("programmes"))
    assert len(response.context["page"]) == count


def test_the_panels_of_a_pair_page_cost_two_queries(rf, school, personas, django_assert_num_queries):
    make_programme(school.own_pair)
    request = rf.get("/")
    request.user = personas.mentor
    roles.roles_of(personas.mentor)
    mentorship = access.get_mentorship(personas.mentor, school.own_pair.pk)
    with django_assert_num_queries(2):
        context = panels(request, mentorship)
    assert context["programme"].mentorship_id == school.own_pair.pk and len(context["meetings"]) == len(TOPICS)
    assert (context["can_write"], context["can_log"], context["held_count"]) == (False, True, 0)


# ---------------------------------------------------------------------------------------------
# Templates
# ---------------------------------------------------------------------------------------------


def template_data(**fields):
    data = {
        "name": "Программа подготовки к олимпиаде",
        "audience": "students",
        "goal": "Подготовить к олимпиаде",
        "tasks": "Разобрать задачи прошлых лет",
        "expected_results": "Участие в муниципальном этапе",
        "plan": "Знакомство\nПробная задача\nПлан подготовки\nИтоговая встреча",
        "position": "5",
    }
    data.update(fields)
    return data


def test_the_curator_adds_and_edits_a_template(curator_client, db):
    response = curator_client.post(reverse("programme_template_add"), template_data())
    assert response.status_code == 302 and response["Location"] == reverse("programme_templates")
    template = ProgrammeTemplate.objects.get(name="Программа подготовки к олимпиаде")
    assert template.topics == ["Знакомство", "Пробная задача", "План подготовки", "Итоговая встреча"]
    url = reverse("programme_template_edit", args=[template.pk])
    curator_client.post(url, template_data(name="Олимпиадная программа"))
    template.refresh_from_db()
    assert template.name == "Олимпиадная программа"
    assert "Олимпиадная программа" in curator_client.get(reverse("programme_templates")).content.decode()


def test_a_template_needs_a_plan(curator_client, db):
    response = curator_client.post(reverse("programme_template_add"), template_data(plan="\n \n"))
    assert response.context["form"].errors["plan"]
    assert not ProgrammeTemplate.objects.filter(name="Программа подготовки к олимпиаде").exists()


def test_the_administration_reads_the_templates_but_changes_none(client, personas):
    client.force_login(personas.director)
    template = ProgrammeTemplate.objects.first()
    response = client.get(reverse("programme_templates"))
    assert response.status_code == 200 and template.name in response.content.decode()
    assert reverse("programme_template_edit", args=[template.pk]) not in response.content.decode()
    assert client.post(reverse("programme_template_add"), template_data()).status_code == 403
    assert client.post(reverse("programme_template_edit", args=[template.pk]), template_data()).status_code == 403
    assert not ProgrammeTemplate.objects.filter(name="Программа подготовки к олимпиаде").exists()


@pytest.mark.parametrize("persona", ["mentor", "teacher"])
def test_others_see_no_templates(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("programme_templates")).status_code == 403
    assert client.get(reverse("programme_template_add")).status_code == 403
