from io import StringIO

import pytest
from django.core.management import call_command

from mentoring import roles
from mentoring.models import AcademicYear, RoadmapActivity, School, User
from participants.models import Person, SchoolClass


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=False)
def test_it_builds_a_plausible_school_and_prints_the_logins():
    output = seed()
    for login in ["curator", "director", "classleader", "mentor"]:
        assert login in output
    assert "nastavnik2026" in output

    year = AcademicYear.objects.current()
    assert year is not None
    assert School.load().missing_requisites == []
    students = Person.objects.filter(kind=Person.Kind.STUDENT)
    staff = Person.objects.exclude(kind=Person.Kind.STUDENT)
    assert 850 <= students.count() <= 950
    assert 65 <= staff.count() <= 75
    assert set(SchoolClass.objects.values_list("grade", flat=True)) == set(range(1, 12))
    assert not SchoolClass.objects.filter(class_leader__isnull=True).exists()
    assert not students.filter(school_class__isnull=True).exists()
    assert RoadmapActivity.objects.filter(stage__year=year).count() > 30
    assert staff.filter(position="Педагог-психолог").exists()

    seventh_a = SchoolClass.objects.get(year=year, grade=7, letter="А")
    assert seventh_a.class_leader.user.username == "classleader"
    assert User.objects.get(username="curator").groups.filter(name=roles.CURATOR).exists()
    assert User.objects.get(username="mentor").groups.filter(name=roles.MENTOR).exists()
    assert User.objects.get(username="director").check_password("nastavnik2026")


@pytest.mark.django_db
def test_running_it_again_changes_nothing():
    seed()
    counts = Person.objects.count(), User.objects.count(), RoadmapActivity.objects.count()
    output = seed()
    assert "уже загружены" in output
    assert (Person.objects.count(), User.objects.count(), RoadmapActivity.objects.count()) == counts


@pytest.mark.django_db
def test_it_leaves_a_real_schools_database_alone():
    User.objects.create_user("admin", password="x")
    output = seed()
    assert "не загружаются" in output
    assert not Person.objects.exists()
    assert not School.objects.exists()


@pytest.mark.django_db
def test_it_works_on_a_leap_day(monkeypatch):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: datetime.date(2028, 2, 29))
    seed()
    assert AcademicYear.objects.current().start_year == 2027
