from types import SimpleNamespace

import pytest

from mentoring import roles
from tests.factories import make_class, make_person, make_user, make_year


@pytest.fixture
def year(db):
    return make_year()


@pytest.fixture
def personas(db, year):
    """The named people every access test is written against."""
    curator = make_user("curator", [roles.CURATOR, roles.TEACHER], last_name="Соколова", first_name="Ирина")
    director = make_user("director", [roles.ADMINISTRATION], last_name="Миронов", first_name="Алексей")
    class_leader = make_user("classleader", [roles.TEACHER], last_name="Белова", first_name="Наталья")
    make_class(
        year, 7, "А", leader=make_person(last_name="Белова", first_name="Наталья", kind="teacher", user=class_leader)
    )
    teacher = make_user("teacher", [roles.TEACHER], last_name="Зайцева", first_name="Ольга")
    mentor = make_user("mentor", [roles.TEACHER, roles.MENTOR], last_name="Королёв", first_name="Дмитрий")
    outsider = make_user("outsider", [], last_name="Посторонний", first_name="Иван")
    return SimpleNamespace(
        curator=curator,
        director=director,
        class_leader=class_leader,
        teacher=teacher,
        mentor=mentor,
        outsider=outsider,
    )


@pytest.fixture
def curator_client(client, personas):
    client.force_login(personas.curator)
    return client
