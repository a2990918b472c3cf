import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import roadmap
from mentoring.roadmap import Status
from tests.factories import make_activity, make_stage

TODAY = datetime.date(2026, 11, 24)


def status(activity, proven=None):
    return roadmap.status_of(activity, TODAY, proven or {})


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (datetime.date(2026, 12, 1), datetime.date(2026, 12, 31), Status.NOT_STARTED),
        (datetime.date(2026, 11, 1), datetime.date(2026, 11, 30), Status.IN_PROGRESS),
        (datetime.date(2026, 11, 24), datetime.date(2026, 11, 24), Status.IN_PROGRESS),
        (datetime.date(2026, 9, 1), datetime.date(2026, 11, 23), Status.OVERDUE),
    ],
)
def test_status_follows_the_dates(year, start, end, expected):
    activity = make_activity(make_stage(year), start=start, end=end)
    assert status(activity) == expected


def test_an_activity_marked_done_is_done_even_when_late(year):
    activity = make_activity(make_stage(year), start=datetime.date(2026, 9, 1), end=datetime.date(2026, 9, 30))
    activity.done_at = timezone.now()
    assert status(activity) == Status.DONE


def test_evidence_in_the_data_completes_an_activity(year):
    activity = make_activity(make_stage(year), end=datetime.date(2026, 9, 30), evidence_code="curator_assigned")
    assert status(activity, {"curator_assigned": False}) == Status.OVERDUE
    assert status(activity, {"curator_assigned": True}) == Status.DONE


def test_progress_counts_done_and_overdue():
    progress = roadmap.Progress()
    for item in [Status.DONE, Status.DONE, Status.OVERDUE, Status.IN_PROGRESS]:
        progress.count(item)
    assert (progress.done, progress.overdue, progress.total, progress.percent) == (2, 1, 4, 50)
    assert roadmap.Progress().percent == 0


def test_the_page_shows_every_stage_and_activity_with_its_status(curator_client, year):
    stage = make_stage(year, 1, "Подготовка условий")
    late = make_activity(
        stage,
        title="Протокол педсовета",
        start=datetime.date(2026, 8, 1),
        end=datetime.date(2026, 9, 30),
        expected_result="Протокол",
        responsible="Куратор",
    )
    make_activity(
        make_stage(year, 2, "Банк наставляемых"),
        title="Анкетирование",
        start=datetime.date(2027, 1, 1),
        end=datetime.date(2027, 1, 31),
    )
    response = curator_client.get(reverse("roadmap"))
    content = response.content.decode()
    assert "Этап 1. Подготовка условий" in content
    assert "Этап 2. Банк наставляемых" in content
    assert "Протокол педсовета" in content and "Анкетирование" in content
    stages = response.context["stages"]
    statuses = {a.title: a.status for s in stages for a in s.activities.all()}
    today = timezone.localdate()
    assert statuses["Протокол педсовета"] == (Status.OVERDUE if today > late.end_date else Status.IN_PROGRESS)
    assert response.context["overall"].total == 2


def test_it_shows_another_year_on_request(curator_client, year):
    from tests.factories import make_year

    past = make_year(2025, current=False)
    make_activity(make_stage(past, 1, "Прошлогодний этап"))
    response = curator_client.get(reverse("roadmap"), {"year": 2025})
    assert response.context["year"] == past
    assert "Прошлогодний этап" in response.content.decode()
    assert curator_client.get(reverse("roadmap"), {"year": 1999}).status_code == 404
    assert curator_client.get(reverse("roadmap"), {"year": "abc"}).status_code == 404
    assert curator_client.get(reverse("roadmap"), {"year": "²"}).status_code == 404


def test_without_a_roadmap_the_curator_is_offered_to_create_one(curator_client, year):
    content = curator_client.get(reverse("roadmap")).content.decode()
    assert "Создать по типовой дорожной карте" in content
    assert reverse("roadmap_create", args=[year.start_year]) in content


def test_the_director_reads_but_gets_no_edit_controls(client, personas, year):
    make_activity(make_stage(year))
    client.force_login(personas.director)
    content = client.get(reverse("roadmap")).content.decode()
    assert "Мероприятие 1" in content
    assert "Отметить выполненным" not in content
    assert "Добавить мероприятие" not in content


def _fill(year, count):
    codes = ["", "curator_assigned", "school_requisites"]
    stages = [make_stage(year, number, f"Этап {number}") for number in range(1, 8)]
    for n in range(count):
        make_activity(stages[n % 7], n // 7 + 1, evidence_code=codes[n % 3])


@pytest.mark.parametrize("count", [10, 100])
def test_the_page_costs_the_same_queries_for_10_and_100_activities(
    curator_client, year, count, django_assert_num_queries
):
    _fill(year, count)
    curator_client.get(reverse("roadmap"))  # warm the session
    # session, user, roles, year, stages, activities, two evidence checks (one reads the school),
    # all years for the selector, the school for the footer
    with django_assert_num_queries(10):
        response = curator_client.get(reverse("roadmap"))
    assert response.context["overall"].total == count


def test_a_stage_period_is_written_as_a_roadmap_writes_it():
    assert roadmap.month_period(datetime.date(2026, 9, 1), datetime.date(2026, 9, 30)) == "сентябрь 2026"
    assert roadmap.month_period(datetime.date(2026, 8, 1), datetime.date(2026, 9, 30)) == "август — сентябрь 2026"
    assert roadmap.month_period(datetime.date(2026, 11, 1), datetime.date(2027, 4, 30)) == "ноябрь 2026 — апрель 2027"


@pytest.mark.parametrize("count", [10, 100])
def test_the_home_page_costs_the_same_queries_whatever_the_roadmap(
    curator_client, year, count, django_assert_num_queries
):
    _fill(year, count)
    curator_client.get(reverse("home"))
    # session, user, roles, year, stages, activities, two evidence checks, the school for the footer
    with django_assert_num_queries(9):
        curator_client.get(reverse("home"))
