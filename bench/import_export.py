"""Excel import and export of 2,000 people: median time of each, end to end.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/import_export.py

Builds a throwaway database (bench_import_export), 31 classes and a 2,000-row file of
students with generated Russian names, then times:

- the import of the file into an empty directory: read, check and save with history;
- the import of the same file again, when every row is unchanged;
- the import of a file in which every row has a new phone number;
- the import through the pages: upload (checked), preview (checked again), confirm (checked
  once more and saved);
- the exports of 2,000 people and 2,000 mentees to .xlsx through the real views.

Targets: an import under 5 s, an export under 2 s.
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

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PEOPLE, RUNS = 2000, 5
KINDS = ["обучающийся", "ученик", "Учащийся"]


def make_file(classes, phone_prefix="+7 921"):
    from openpyxl import Workbook

    from mentoring.demo_names import random_person

    rng = random.Random(43)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Должность", "Email", "Телефон"])
    for n in range(PEOPLE):
        last, first, patronymic, _ = random_person(rng)
        school_class = classes[n % len(classes)]
        birth = datetime.date(2025 - school_class.grade - 7, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        phone = f"{phone_prefix} {rng.randrange(1000):03} {rng.randrange(100):02} {rng.randrange(100):02}"
        sheet.append([last, first, patronymic, birth, rng.choice(KINDS), str(school_class), "", "", phone])
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def report(label, median, worst):
    print(f"  {label:<36} median {median:5.2f} s   max {worst:5.2f} s")


def timed(action, runs=RUNS, reset=None):
    times = []
    for _ in range(runs):
        if reset:
            reset()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times)


def main():
    from mentoring import roles
    from participants import importing
    from participants.models import Mentee, Person, SchoolClass
    from tests.factories import make_user, make_year

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.settings_dict["TEST"]["NAME"] = "bench_import_export"
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        year = make_year()
        classes = SchoolClass.objects.bulk_create(
            SchoolClass(year=year, grade=grade, letter=letter)
            for grade in range(1, 12)
            for letter in ("АБВ" if grade <= 9 else "АБ")
        )
        curator = make_user("bench-curator", [roles.CURATOR])
        content = make_file(classes)
        print(f"{PEOPLE} rows, {len(classes)} classes, file {len(content) // 1024} KB; median of {RUNS} runs")

        def load(data, expect=None):
            plan = importing.read_people(data, year)
            assert not plan.errors, plan.errors[:3]
            importing.apply(plan, curator)
            assert expect is None or getattr(plan, expect) == PEOPLE

        def empty():
            Person.history.all().delete()
            Person.objects.all().delete()

        report(f"import, {PEOPLE} new people", *timed(lambda: load(content, "created"), reset=empty))
        assert Person.objects.count() == PEOPLE
        report("import again, all unchanged", *timed(lambda: load(content, "unchanged")))
        changed = make_file(classes, phone_prefix="+7 911")
        report("import, every row updated", *timed(lambda: load(changed, "updated"), reset=lambda: load(content)))

        client = Client()
        client.force_login(curator)

        def through_the_pages():
            upload = SimpleUploadedFile("people.xlsx", content)
            preview = client.post("/people/import/", {"file": upload})
            assert preview.status_code == 302, preview.content.decode()[-2000:]
            assert client.get(preview.url).status_code == 200
            assert client.post(preview.url).status_code == 302

        report("upload, preview and confirm pages", *timed(through_the_pages, reset=empty))
        assert Person.objects.count() == PEOPLE

        Mentee.objects.bulk_create(Mentee(person=person, year=year) for person in Person.objects.all())
        for label, url in [("export of people", "/people/export.xlsx"), ("export of mentees", "/mentees/export.xlsx")]:
            assert client.get(url).status_code == 200  # warm-up

            def get(url=url):
                response = client.get(url)
                assert response.status_code == 200 and len(response.content) > 10_000

            report(f"{label}, {PEOPLE} rows", *timed(get))
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
