import datetime

import pytest
from django.urls import reverse

from mentoring import roadmap
from mentoring.models import AcademicYear, RoadmapActivity, RoadmapStage
from mentoring.roadmap_seed import STAGES
from tests.concurrency import post_at_once
from tests.factories import make_activity, make_stage, make_year


def test_the_seed_has_the_seven_stages_of_the_school_roadmap():
    assert [stage["title"] for stage in STAGES] == [
        "Подготовка условий для реализации системы (целевой модели) наставничества",
        "Формирование банка наставляемых",
        "Формирование банка наставников",
        "Отбор и обучение наставников",
        "Организация и осуществление работы наставнических пар/групп",
        "Завершение персонализированных программ наставничества",
        "Информационная поддержка системы (целевой модели) наставничества",
    ]


def test_a_year_is_generated_from_the_seed_with_its_months_moved(year):
    roadmap.create_from_seed(year)
    assert RoadmapStage.objects.filter(year=year).count() == 7
    activities = RoadmapActivity.objects.filter(stage__year=year)
    assert activities.count() == sum(len(stage["activities"]) for stage in STAGES)
    curator_order = activities.get(stage__number=1, number=4)
    assert curator_order.expected_result.startswith("Приказ о назначении куратора")
    assert (curator_order.start_date, curator_order.end_date) == (datetime.date(2026, 8, 1), datetime.date(2026, 9, 30))
    assert curator_order.evidence_code == "curator_order"
    final_meeting = activities.get(stage__number=5, title__startswith="Проведение групповой заключительной")
    assert final_meeting.start_date == datetime.date(2027, 4, 1)
    assert all(
        a.start_date >= datetime.date(2026, 8, 1) and a.end_date <= datetime.date(2027, 6, 30) for a in activities
    )
    assert all(a.responsible for a in activities)


def test_a_year_keeps_its_roadmap_when_asked_twice(year):
    roadmap.create_from_seed(year)
    with pytest.raises(roadmap.RoadmapError):
        roadmap.create_from_seed(year)
    assert RoadmapStage.objects.filter(year=year).count() == 7


def test_copying_to_the_next_year_shifts_dates_and_clears_done(year, personas):
    stage = make_stage(year, 1, "Подготовка")
    make_activity(
        stage,
        1,
        start=datetime.date(2027, 2, 1),
        end=datetime.date(2027, 2, 28),
        responsible="Куратор",
        done_note="готово",
        evidence_code="curator_assigned",
        done_by=personas.curator,
        done_at=datetime.datetime(2027, 2, 20, tzinfo=datetime.UTC),
    )
    next_year = roadmap.copy_to_next_year(year)
    assert next_year.start_year == 2027
    copied = RoadmapActivity.objects.get(stage__year=next_year)
    assert (copied.start_date, copied.end_date) == (datetime.date(2028, 2, 1), datetime.date(2028, 2, 29))
    assert (copied.responsible, copied.evidence_code) == ("Куратор", "curator_assigned")
    assert (copied.done_at, copied.done_by, copied.done_note) == (None, None, "")


def test_a_leap_day_moves_to_the_end_of_february():
    assert roadmap.shift_years(datetime.date(2028, 2, 29), 1) == datetime.date(2029, 2, 28)
    assert roadmap.shift_years(datetime.date(2023, 9, 30), 3) == datetime.date(2026, 9, 30)


def test_the_curator_creates_the_next_years_roadmap_from_the_page(curator_client, year):
    roadmap.create_from_seed(year)
    response = curator_client.post(reverse("roadmap_copy", args=[year.start_year]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("roadmap") + "?year=2027")
    next_year = AcademicYear.objects.get(start_year=2027)
    assert not next_year.is_current
    assert (
        RoadmapActivity.objects.filter(stage__year=next_year).count()
        == RoadmapActivity.objects.filter(stage__year=year).count()
    )
    # Twice is refused with a message and creates nothing more.
    response = curator_client.post(reverse("roadmap_copy", args=[year.start_year]), follow=True)
    assert "уже есть дорожная карта" in response.content.decode()
    assert RoadmapStage.objects.filter(year=next_year).count() == 7


def test_the_curator_creates_a_roadmap_from_the_seed_from_the_page(curator_client, year):
    response = curator_client.post(reverse("roadmap_create", args=[year.start_year]), follow=True)
    assert "создана по типовой" in response.content.decode()
    assert len(response.context["stages"]) == 7


def test_the_next_year_of_an_old_year_is_created_when_missing(db):
    old = make_year(2024, current=False)
    make_activity(make_stage(old))
    assert roadmap.copy_to_next_year(old).start_year == 2025


def test_an_empty_roadmap_is_not_copied(curator_client, year):
    response = curator_client.post(reverse("roadmap_copy", args=[year.start_year]), follow=True)
    assert "нет дорожной карты: копировать нечего" in response.content.decode()
    assert not AcademicYear.objects.filter(start_year=2027).exists()


def test_no_year_is_made_past_the_last_one(db):
    last = make_year(2100, current=False)
    make_activity(make_stage(last))
    with pytest.raises(roadmap.RoadmapError):
        roadmap.copy_to_next_year(last)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_creations_make_one_roadmap(personas, year):
    statuses = post_at_once(personas.curator, reverse("roadmap_create", args=[year.start_year]), {})
    assert statuses == [302, 302]
    assert RoadmapStage.objects.filter(year=year).count() == 7
