"""The bank lists: search, filters, sorting, pagination and who sees which rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import Mentee, Mentor, MentoringForm, Person
from tests.factories import make_mentee, make_mentor, make_person, make_year
from tests.participants.conftest import names


def test_the_mentee_bank_lists_the_years_mentees_in_russian_order(curator_client, bank):
    response = curator_client.get(reverse("mentees"))
    assert response.status_code == 200
    assert names(response) == [
        "Абрамов Борис",
        "Егоров Егор",
        "Семёнова Алёна Игоревна",
        "Юрьева Яна",
    ]
    assert "Найдено: 4" in response.content.decode()


def test_the_search_ignores_case_and_yo(curator_client, bank):
    for query in ["семенова", "СЕМЁНОВА", "алена", "Семенова  Алена"]:
        response = curator_client.get(reverse("mentees"), {"q": query})
        assert names(response) == ["Семёнова Алёна Игоревна"], query


def test_a_search_finds_a_name_typed_with_yo_for_e(curator_client, bank):
    make_mentee(make_person(last_name="Федоров", first_name="Пётр", school_class=bank.class_8b))
    assert names(curator_client.get(reverse("mentees"), {"q": "фёдоров"})) == ["Федоров Пётр"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"category": "teacher"}, ["Юрьева Яна"]),
        ({"category": "student", "status": "application"}, ["Абрамов Борис"]),
        ({"status": "support"}, ["Егоров Егор"]),
        ({"consent": "personal_data"}, ["Семёнова Алёна Игоревна"]),
        ({"consent": "-personal_data"}, ["Абрамов Борис", "Егоров Егор", "Юрьева Яна"]),
        ({"consent": "dissemination"}, ["Егоров Егор"]),
        ({"sort": "-name"}, ["Юрьева Яна", "Семёнова Алёна Игоревна", "Егоров Егор", "Абрамов Борис"]),
    ],
)
def test_the_filters_narrow_the_mentee_bank(curator_client, bank, query, expected):
    assert names(curator_client.get(reverse("mentees"), query)) == expected


def test_the_class_and_form_filters(curator_client, bank):
    by_class = curator_client.get(reverse("mentees"), {"school_class": bank.class_8b.pk})
    assert names(by_class) == ["Егоров Егор"]
    by_form = curator_client.get(reverse("mentees"), {"form": bank.student_form.pk})
    assert "Юрьева Яна" not in names(by_form)
    assert len(names(by_form)) == 3


def test_a_filter_value_that_does_not_exist_lists_everyone_with_no_error(curator_client, bank):
    response = curator_client.get(reverse("mentees"), {"status": "nonsense", "school_class": "x"})
    assert response.status_code == 200


def test_the_mentor_bank_shows_who_lacks_the_labour_consent(curator_client, bank):
    response = curator_client.get(reverse("mentors"), {"consent": "-labour"})
    assert names(response) == ["Ильина Ольга"]
    assert "ТК: нет" in response.content.decode()
    everyone = curator_client.get(reverse("mentors"))
    assert names(everyone) == ["Ёжиков Илья", "Ильина Ольга"]


def test_the_mentor_bank_filters_by_category_and_form(curator_client, bank):
    assert names(curator_client.get(reverse("mentors"), {"category": "student"})) == ["Ёжиков Илья"]
    assert names(curator_client.get(reverse("mentors"), {"form": bank.student_form.pk})) == ["Ёжиков Илья"]


def test_another_years_bank_is_shown_on_request(curator_client, bank):
    earlier = make_year(2025, current=False)
    make_mentee(make_person(last_name="Прошлогодний", first_name="Иван"), year=earlier)
    response = curator_client.get(reverse("mentees"), {"year": 2025})
    assert names(response) == ["Прошлогодний Иван"]
    assert curator_client.get(reverse("mentees"), {"year": 1999}).status_code == 404


def test_the_list_is_paginated_by_fifty(curator_client, year):
    people = Person.objects.bulk_create(
        Person(last_name=f"Фамилия{n:03}", first_name="Имя", kind="student", search_name=f"фамилия{n:03} имя")
        for n in range(60)
    )
    Mentee.objects.bulk_create(Mentee(person=person, year=year) for person in people)
    first = curator_client.get(reverse("mentees"), {"q": "имя"})
    second = curator_client.get(reverse("mentees"), {"q": "имя", "page": 2})
    assert len(names(first)) == 50
    assert len(names(second)) == 10
    assert "Найдено: 60" in first.content.decode()
    assert "q=%D0%B8%D0%BC%D1%8F&amp;page=2" in first.content.decode()


def test_the_director_reads_the_banks_without_edit_controls(client, personas, bank):
    client.force_login(personas.director)
    response = client.get(reverse("people"))
    assert response.status_code == 200
    assert reverse("person_add") not in response.content.decode()
    assert client.get(reverse("mentors")).status_code == 200


def test_a_class_leader_sees_the_students_of_own_class_only(client, personas, bank):
    client.force_login(personas.class_leader)
    response = client.get(reverse("mentees"))
    assert names(response) == ["Абрамов Борис", "Семёнова Алёна Игоревна"]
    assert list(response.context["filter"].form.fields["school_class"].queryset) == [bank.class_7a]
    assert names(client.get(reverse("mentees"), {"school_class": bank.class_8b.pk})) == names(response)
    people = client.get(reverse("people"))
    assert [p.full_name for p in people.context["page"]] == ["Абрамов Борис", "Семёнова Алёна Игоревна"]
    assert client.get(reverse("mentors")).status_code == 403


def test_a_mentor_without_pairs_sees_no_mentees(client, personas, bank):
    client.force_login(personas.mentor)
    assert names(client.get(reverse("mentees"))) == []
    assert client.get(reverse("mentors")).status_code == 403
    card = reverse("person", args=[bank.mentees.alyona.person_id])
    assert client.get(card).status_code == 404


@pytest.mark.parametrize("persona", ["teacher", "outsider"])
def test_staff_without_a_class_may_not_read_the_banks(client, personas, bank, persona):
    client.force_login(getattr(personas, persona))
    for name in ["mentees", "mentors", "people", "classes"]:
        assert client.get(reverse(name)).status_code == 403, name


def test_anonymous_visitors_log_in_first(client, bank):
    for name in ["mentees", "mentors", "people", "classes"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("login")), name


def _bank_of(count, year):
    people = Person.objects.bulk_create(
        Person(last_name=f"Ученик{n}", first_name="Имя", kind="student", search_name=f"ученик{n} имя")
        for n in range(count)
    )
    forms = list(MentoringForm.objects.all()[:2])  # ids differ after a transactional test refills them
    Mentee.objects.bulk_create(Mentee(person=person, year=year, form=forms[0]) for person in people)
    Mentor.objects.bulk_create(Mentor(person=person, year=year) for person in people[: count // 2])
    for mentor in Mentor.objects.filter(year=year):
        mentor.forms.set(forms)


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["mentees", "mentors", "people"])
def test_a_list_costs_the_same_queries_for_10_and_500_people(curator_client, year, name):
    _bank_of(10, year)
    small = _queries(curator_client, reverse(name))
    Mentor.objects.all().delete()
    Mentee.objects.all().delete()
    Person.objects.filter(kind="student").delete()
    _bank_of(500, year)
    assert _queries(curator_client, reverse(name)) == small


def test_a_mentor_card_costs_the_same_queries_with_10_and_500_people(curator_client, bank, year):
    mentor = make_mentor(make_person(last_name="Сергеев", first_name="Сергей", kind="teacher"))
    url = reverse("person", args=[mentor.person_id])
    _bank_of(10, year)
    small = _queries(curator_client, url)
    _bank_of(500, year)
    curator_client.post(reverse("mentor_edit", args=[mentor.pk]), {"status": "trained", "capacity": 3})
    assert _queries(curator_client, url) == small
