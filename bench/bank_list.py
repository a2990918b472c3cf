"""The bank list pages with 2,000 people: median time of a request through the whole stack.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/bank_list.py

Builds a throwaway database (test_<name>), fills it with 2,000 students in 31 classes, all
in the year's mentee bank and a fifth of them also mentors, with consents, and then times
GET requests of the list pages as the curator. Target: median under 150 ms.
"""

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

PEOPLE, RUNS = 2000, 30
PAGES = [
    ("mentees", "/mentees/"),
    ("mentees, search «иванова»", "/mentees/?q=иванова"),
    ("mentees, class + missing consent", "/mentees/?school_class={class_pk}&consent=-personal_data"),
    ("mentees, sorted by class, page 20", "/mentees/?sort=class&page=20"),
    ("mentors", "/mentors/"),
    ("people", "/people/"),
]


def fill():
    from mentoring import roles
    from mentoring.demo_names import random_person
    from participants.models import Consent, Mentee, Mentor, MentoringForm, Person, SchoolClass
    from tests.factories import make_user, make_year

    rng = random.Random(43)
    year = make_year()
    classes = SchoolClass.objects.bulk_create(
        SchoolClass(year=year, grade=grade, letter=letter)
        for grade in range(1, 12)
        for letter in ("АБВ" if grade <= 9 else "АБ")
    )
    people = []
    for n in range(PEOPLE):
        last, first, patronymic, _ = random_person(rng)
        person = Person(last_name=last, first_name=first, patronymic=patronymic, kind="student")
        person.school_class = classes[n % len(classes)]
        person.fill_search_name()
        people.append(person)
    people = Person.objects.bulk_create(people)
    forms = list(MentoringForm.objects.all())
    Mentee.objects.bulk_create(Mentee(person=p, year=year, form=rng.choice(forms)) for p in people)
    mentors = Mentor.objects.bulk_create(Mentor(person=p, year=year) for p in people[::5])
    Mentor.forms.through.objects.bulk_create(
        Mentor.forms.through(mentor=mentor, mentoringform=forms[0]) for mentor in mentors
    )
    Consent.objects.bulk_create(
        Consent(
            person=p,
            kind="personal_data",
            given_by="representative",
            representative_name="Родитель",
            given_on=year.start_date,
        )
        for p in people
        if rng.random() < 0.8
    )
    curator = make_user("bench-curator", [roles.CURATOR])
    return curator, classes[0]


def main():
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        curator, school_class = fill()
        client = Client()
        client.force_login(curator)
        print(f"{PEOPLE} people in the bank; median of {RUNS} requests after one warm-up")
        for label, url in PAGES:
            url = url.format(class_pk=school_class.pk)
            assert client.get(url).status_code == 200
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            print(f"  {label:<38} median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
