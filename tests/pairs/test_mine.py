"""«Мои наставляемые»: a mentor's own pairs and groups, their programmes and the meetings to log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from mentoring import roles
from pairs import calendar
from participants.models import Person
from tests.factories import make_mentee, make_mentor, make_mentorship, make_person, make_user, make_year
from tests.pairs.test_programmes import make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentor_client(client, personas):
    client.force_login(personas.mentor)
    return client


def test_the_mentor_sees_own_pairs_with_mentees_programme_and_next_meeting(mentor_client, school, personas):
    today = timezone.localdate()
    make_programme(school.own_pair, topics=["Знакомство", "Планирование", "Итоги"])
    first, second, last = school.own_pair.meetings.all()
    calendar.log_meeting(first, personas.mentor, held=True, held_on=first.planned_on)
    last.planned_on, last.planned_time = today + datetime.timedelta(days=7), datetime.time(15, 0)
    calendar.save_meeting(last, personas.curator)
    second.planned_on = today - datetime.timedelta(days=2)
    calendar.save_meeting(second, personas.curator)

    response = mentor_client.get(reverse("my_mentees"))
    (pair,) = response.context["current"]
    assert pair == school.own_pair and response.context["earlier"] == []
    assert pair.next_meeting == last and pair.waiting == [second, last]
    assert (pair.held_count, pair.meeting_count, pair.has_programme) == (1, 3, True)
    html = response.content.decode()
    assert "Антонова Анна" in html and "7А" in html
    assert "Веселова" not in html  # another mentor's mentee
    assert reverse("programme", args=[pair.pk]) in html
    assert html.count("Отметить встречу<span") == 2
    assert reverse("meeting_edit", args=[pair.pk, second.pk]) in html and "прошла — отметьте" in html
    assert f"{last.planned_on:%d.%m.%Y} в 15:00" in html


def test_earlier_years_are_folded_away(mentor_client, school, personas, forms):
    earlier_year = make_year(2025, current=False)
    mentor = make_mentor(school.own_mentor.person, year=earlier_year)
    mentee = make_mentee(make_person(last_name="Прошлогодняя", first_name="Полина"), year=earlier_year)
    old_pair = make_mentorship(mentor, [mentee], form=forms.student, status="finished")
    response = mentor_client.get(reverse("my_mentees"))
    assert response.context["current"] == [school.own_pair] and response.context["earlier"] == [old_pair]
    html = response.content.decode()
    assert "<details" in html and "П. Прошлогодняя" in html


def test_a_mentor_without_pairs_is_told_so_kindly(client, db, year):
    client.force_login(make_user("newmentor", [roles.MENTOR]))
    response = client.get(reverse("my_mentees"))
    assert response.status_code == 200
    assert "Пока у вас нет наставляемых." in response.content.decode()


@pytest.mark.parametrize("persona", ["teacher", "class_leader", "outsider"])
def test_only_mentors_have_mentees(client, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("my_mentees")).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse("my_mentees"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "persona, mine, programmes",
    [("mentor", True, False), ("curator", False, True), ("director", False, True), ("teacher", False, False)],
)
def test_the_menu_offers_the_mentees_to_a_mentor_with_pairs(client, school, personas, persona, mine, programmes):
    client.force_login(getattr(personas, persona))
    labels = [section.label for section in client.get(reverse("home")).context["menu"]]
    assert ("Мои наставляемые" in labels, "Программы" in labels) == (mine, programmes)


def test_a_mentor_without_pairs_is_not_offered_the_page(client, db, year):
    client.force_login(make_user("newmentor", [roles.MENTOR]))
    labels = [section.label for section in client.get(reverse("my_mentees")).context["menu"]]
    assert "Мои наставляемые" not in labels


def fill_pairs(mentor, forms, count):
    """``count`` more groups of the mentor, each with a programme of three meetings."""
    for number in range(count):
        mentees = [make_mentee(make_person(last_name=f"Ученик{number}{n}", kind=Person.Kind.STUDENT)) for n in (1, 2)]
        group = make_mentorship(mentor, mentees, form=forms.student, status="active", title=f"Группа {number}")
        make_programme(group, topics=["Знакомство", "Работа", "Итоги"])


@pytest.mark.parametrize("count", [1, 10])
def test_the_page_costs_the_same_queries_for_1_and_10_pairs(
    mentor_client, school, forms, count, django_assert_num_queries
):
    fill_pairs(school.own_mentor, forms, count)
    mentor_client.get(reverse("my_mentees"))  # warm the session
    # session, user, roles, year, the pairs with their counts, their mentees, their waiting meetings,
    # the school for the footer, the menu's check for «Мои наставляемые»
    with django_assert_num_queries(9):
        response = mentor_client.get(reverse("my_mentees"))
    assert len(response.context["current"]) == count + 1
