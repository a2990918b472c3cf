"""Names sort as a Russian reader expects: case-insensitively, with Ё beside Е, not after Я."""

import pytest
from django.db import connection

from mentoring.models import User
from participants.models import Person
from tests.factories import make_person, make_user

SHUFFLED = ["Яковлев", "ёлкин", "Ершов", "абрамов", "Ёжиков", "Елисеев", "Жуков", "Борисов", "Ежиков", "Эрдман"]
RUSSIAN_ORDER = ["абрамов", "Борисов", "Ежиков", "Ёжиков", "Елисеев", "ёлкин", "Ершов", "Жуков", "Эрдман", "Яковлев"]


@pytest.mark.django_db
def test_people_sort_in_russian_order():
    for surname in SHUFFLED:
        make_person(last_name=surname)
    assert list(Person.objects.order_by("last_name").values_list("last_name", flat=True)) == RUSSIAN_ORDER


@pytest.mark.django_db
def test_users_sort_in_russian_order():
    for surname in SHUFFLED:
        make_user(last_name=surname)
    assert list(User.objects.values_list("last_name", flat=True)) == RUSSIAN_ORDER


@pytest.mark.django_db
def test_the_name_columns_use_the_russian_collation():
    if connection.vendor != "postgresql":
        pytest.skip("the ICU collation is a PostgreSQL object; SQLite registers the same name in Python")
    with connection.cursor() as cursor:
        cursor.execute("SELECT collprovider FROM pg_collation WHERE collname = 'russian'")
        assert cursor.fetchone() == ("i",)  # ICU
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'participants_person' AND column_name = 'last_name'"
        )
        assert cursor.fetchone() == ("russian",)
