"""The consent forms of a class of 30: time of the PDF through the whole stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/consent_forms.py

Builds a throwaway database (test_<name>), fills one class with 30 students aged 10 to 17, all
in the year's mentee bank, two thirds with a parent's consent on record, and times GET requests
of the class's consents PDF (two documents a student, 60 pages) as the curator: median and worst
of 5 runs after one warm-up. Target: median under 3 s. Exits with status 1 when it is missed.
"""

import datetime
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from pypdf import PdfReader  # noqa: E402

STUDENTS, RUNS, TARGET = 30, 5, 3.0


def fill():
    from mentoring import roles
    from mentoring.demo_names import random_person
    from participants.models import Consent, Mentee, MentoringForm, Person, SchoolClass
    from tests.factories import make_school, make_user, make_year

    rng = random.Random(43)
    year = make_year()
    make_school(site="https://school43.example.ru", email="school43@example.ru")
    school_class = SchoolClass.objects.create(year=year, grade=8, letter="А")
    people = []
    for _ in range(STUDENTS):
        last, first, patronymic, _ = random_person(rng)
        born = datetime.date.today() - datetime.timedelta(days=rng.randint(10 * 365, 18 * 365 - 30))
        person = Person(
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            kind="student",
            birth_date=born,
            school_class=school_class,
        )
        person.fill_search_name()
        people.append(person)
    people = Person.objects.bulk_create(people)
    forms = list(MentoringForm.objects.all())
    Mentee.objects.bulk_create(Mentee(person=p, year=year, form=rng.choice(forms)) for p in people)
    Consent.objects.bulk_create(
        Consent(
            person=p,
            kind="personal_data",
            given_by="representative",
            representative_name=" ".join(random_person(rng, female=True)[:3]),
            representative_document="свидетельство о рождении II-АК № 654321",
            given_on=year.start_date,
        )
        for p in people
        if rng.random() < 2 / 3
    )
    return make_user("bench-curator", [roles.CURATOR]), school_class


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        curator, school_class = fill()
        client = Client()
        client.force_login(curator)
        url = f"/documents/forms/classes/{school_class.pk}/consents.pdf"
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        pages = len(PdfReader(io.BytesIO(response.content)).pages)
        times = []
        for _ in range(RUNS):
            start = time.perf_counter()
            response = client.get(url)
            times.append(time.perf_counter() - start)
            assert response.status_code == 200
        median = statistics.median(times)
        print(f"{STUDENTS} students, {pages} pages, {len(response.content) // 1024} KB; {RUNS} runs after one warm-up")
        print(f"  consents of a class of {STUDENTS:<12} median {median:5.2f} s   max {max(times):5.2f} s")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    if median >= TARGET:
        print(f"target missed: median {median:.2f} s, target < {TARGET:.0f} s")
        sys.exit(1)


if __name__ == "__main__":
    main()
