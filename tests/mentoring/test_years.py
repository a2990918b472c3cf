import pytest
from django.urls import reverse

from mentoring.models import AcademicYear, RoadmapStage
from participants.models import SchoolClass
from tests.factories import make_year


def test_it_lists_the_years_with_the_current_one(curator_client, year):
    make_year(2025, current=False)
    content = curator_client.get(reverse("years")).content.decode()
    assert "2026/2027" in content and "2025/2026" in content
    assert "текущий" in content


def test_the_curator_adds_a_year_with_its_roadmap(curator_client, year):
    response = curator_client.post(reverse("year_add"), {"start_year": 2027, "with_roadmap": "on"})
    assert response.status_code == 302
    added = AcademicYear.objects.get(start_year=2027)
    assert not added.is_current
    assert RoadmapStage.objects.filter(year=added).count() == 7


def test_a_year_that_exists_is_refused_in_russian(curator_client, year):
    response = curator_client.post(reverse("year_add"), {"start_year": 2026})
    assert response.status_code == 400
    assert "Такой учебный год уже есть." in response.content.decode()
    assert AcademicYear.objects.count() == 1


def test_the_first_year_becomes_current(curator_client, personas):
    SchoolClass.objects.all().delete()
    AcademicYear.objects.all().delete()
    curator_client.post(reverse("year_add"), {"start_year": 2026})
    assert AcademicYear.objects.get().is_current


def test_making_a_year_current_keeps_one_current(curator_client, year):
    make_year(2027, current=False)
    curator_client.post(reverse("year_make_current", args=[2027]))
    assert list(AcademicYear.objects.filter(is_current=True).values_list("start_year", flat=True)) == [2027]


@pytest.mark.django_db
def test_the_database_refuses_two_current_years():
    from django.db import IntegrityError, transaction

    AcademicYear.objects.create(start_year=2026, is_current=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        AcademicYear.objects.create(start_year=2027, is_current=True)


def test_the_year_a_day_falls_in():
    import datetime

    assert AcademicYear.start_year_of(datetime.date(2026, 11, 24)) == 2026
    assert AcademicYear.start_year_of(datetime.date(2027, 8, 31)) == 2026
    assert AcademicYear.start_year_of(datetime.date(2027, 9, 1)) == 2027


def test_the_form_suggests_the_year_after_the_latest(curator_client, year):
    assert curator_client.get(reverse("years")).context["form"].initial["start_year"] == 2027


@pytest.mark.parametrize("count", [2, 20])
def test_the_years_page_costs_the_same_queries_for_any_number_of_years(
    curator_client, year, count, django_assert_num_queries
):
    for start in range(2000, 2000 + count):
        make_year(start, current=False)
    curator_client.get(reverse("years"))
    # session, user, roles, the years with their stage counts, current year, school
    with django_assert_num_queries(6):
        curator_client.get(reverse("years"))
