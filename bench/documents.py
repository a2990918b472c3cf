"""The order fixing 300 pairs and groups: time of rendering its PDF and of signing it.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/documents.py [--runs 5] [--profile]

Builds a throwaway database (test_<name>) with one school year: 300 mentors (half teachers,
half students of grades 8–11), 270 pairs of one mentee and 30 groups of 3–5, all proposed,
their mentees students of grades 5–11 in 21 classes, every mentee with a personal-data consent
and every mentor appointed. A draft «приказ о закреплении наставнических пар и групп» takes
all 300 by default (``documents.create_draft``). Then ``documents.render(act)`` is timed
``--runs`` times after one cold run (median and worst), with its steps: the annex (queries),
the HTML (template) and WeasyPrint (layout and PDF); then ``documents.sign`` once. Target: the
order on 300 pairs renders in under 3 s (median). ``--profile`` prints the costliest functions
of one render (cProfile). The script exits with status 1 when the target is missed.
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAIRS, GROUPS, TARGET = 270, 30, 3.0


def fill():
    """The year, the draft order on its 300 pairs and groups, and the director who signs it."""
    from mentoring import roles
    from mentoring.demo_names import random_person
    from mentoring.models import NormativeAct
    from pairs.models import Membership, Mentorship
    from participants.models import Consent, Mentee, Mentor, MentoringForm, Person, SchoolClass
    from reports import documents
    from tests.factories import make_school, make_user, make_year

    rng = random.Random(300)
    year = make_year()
    make_school()
    curator = make_user("bench-curator", [roles.CURATOR], last_name="Соколова", first_name="Ирина")
    director = make_user("bench-director", [roles.ADMINISTRATION], last_name="Миронов", first_name="Алексей")
    classes = SchoolClass.objects.bulk_create(
        SchoolClass(year=year, grade=grade, letter=letter) for grade in range(5, 12) for letter in "АБВ"
    )

    def person(kind, school_class=None, position=""):
        last, first, patronymic, _ = random_person(rng)
        result = Person(
            last_name=last,
            first_name=first,
            patronymic=patronymic,
            kind=kind,
            school_class=school_class,
            position=position,
        )
        result.fill_search_name()
        return result

    older = [school_class for school_class in classes if school_class.grade >= 8]
    mentor_people = Person.objects.bulk_create(
        person("teacher", position=rng.choice(["учитель математики", "учитель русского языка и литературы"]))
        if n % 2
        else person("student", rng.choice(older))
        for n in range(PAIRS + GROUPS)
    )
    sizes = [1] * PAIRS + [rng.randint(3, 5) for _ in range(GROUPS)]
    mentee_people = Person.objects.bulk_create(person("student", rng.choice(classes)) for _ in range(sum(sizes)))
    forms = {form.name: form for form in MentoringForm.objects.all()}
    student_form, staff_form = forms["ученик – ученик"], forms["учитель – ученик"]
    mentors = Mentor.objects.bulk_create(
        Mentor(person=p, year=year, status=Mentor.Status.APPOINTED, capacity=5) for p in mentor_people
    )
    mentees = Mentee.objects.bulk_create(
        Mentee(person=p, year=year, status=Mentee.Status.PAIRED, form=student_form) for p in mentee_people
    )
    Consent.objects.bulk_create(
        Consent(
            person=p,
            kind=Consent.Kind.PERSONAL_DATA,
            given_by=Consent.GivenBy.REPRESENTATIVE,
            representative_name="Родитель",
            given_on=year.start_date,
        )
        for p in mentee_people
    )
    starts, ends = datetime.date(year.start_year, 11, 1), datetime.date(year.start_year + 1, 4, 30)
    mentorships = Mentorship.objects.bulk_create(
        Mentorship(
            year=year,
            form=staff_form if mentor.person.kind == "teacher" else student_form,
            mentor=mentor,
            is_group=size > 1,
            title=f"Группа подготовки к олимпиаде № {n}" if size > 1 else "",
            starts_on=starts,
            ends_on=ends,
        )
        for n, (mentor, size) in enumerate(zip(mentors, sizes, strict=True), start=1)
    )
    members, start = [], 0
    for mentorship, size in zip(mentorships, sizes, strict=True):
        members.extend(Membership(mentorship=mentorship, mentee=mentee) for mentee in mentees[start : start + size])
        start += size
    Membership.objects.bulk_create(members)

    day = datetime.date(year.start_year, 11, 10)
    act, _ = documents.create_draft(
        year, NormativeAct.Kind.PAIRS_ORDER, curator, documents.next_number(NormativeAct.Kind.PAIRS_ORDER, day), day
    )
    assert act.mentorships.count() == PAIRS + GROUPS
    return act, director, len(mentors), len(mentees)


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def steps(act):
    """The parts of one render: the annex's queries, the HTML, WeasyPrint's layout, the PDF file."""
    from django.template.loader import render_to_string
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    from mentoring import pdf
    from reports import documents, kinds

    kind = kinds.of(act)
    found = {}
    found["annex (queries)"], annex = timed(kind.annex, act)
    found["HTML (template)"], html = timed(render_to_string, kind.template, documents.context(act, annex=annex))
    fetcher = pdf.StaticFetcher(urljoin(pdf.DEFAULT_BASE_URL, settings.STATIC_URL))
    font_config = FontConfiguration()
    found["WeasyPrint: layout"], document = timed(
        HTML(string=html, base_url=pdf.DEFAULT_BASE_URL, url_fetcher=fetcher).render, font_config=font_config
    )
    found["WeasyPrint: write PDF"], _ = timed(document.write_pdf)
    return found, len(html)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="print the costliest functions of one render")
    options = parser.parse_args()

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from pypdf import PdfReader

        from mentoring.models import NormativeAct
        from reports import documents

        seconds, (act, director, mentor_count, mentee_count) = timed(fill)
        groups = act.mentorships.filter(is_group=True).count()
        print(
            f"draft order № {act.number}: {act.mentorships.count()} pairs and groups ({groups} groups), "
            f"{mentor_count} mentors, {mentee_count} mentees; built in {seconds:.1f} s"
        )
        cold, content = timed(documents.render, act)
        pages = len(PdfReader(io.BytesIO(content)).pages)
        times, cpu = [], []
        for _ in range(options.runs):
            started = time.process_time()
            seconds, content = timed(documents.render, act)
            times.append(seconds)
            cpu.append(time.process_time() - started)
        median = statistics.median(times)
        print(f"PDF: {pages} pages, {len(content) / 1024:.0f} KiB")
        print(
            f"documents.render(act): cold {cold:.2f} s; median {median:.2f} s, worst {max(times):.2f} s "
            f"of {options.runs} (CPU time of this process: median {statistics.median(cpu):.2f} s)"
        )

        found, html_size = steps(act)
        print(f"steps of one render (HTML {html_size / 1024:.0f} KiB):")
        for step, seconds in found.items():
            print(f"  {step:<24} {seconds:6.2f} s")

        if options.profile:
            profiler = cProfile.Profile()
            profiler.runcall(documents.render, act)
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
            print(out.getvalue())
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
            print(out.getvalue())

        day = act.date
        seconds, signed = timed(documents.sign, act, director, act.number, day)
        signed = NormativeAct.objects.get(pk=signed.pk)
        approved = signed.mentorships.filter(status="approved").count()
        with signed.pdf.open("rb") as stored:
            signed_pages = len(PdfReader(stored).pages)
        print(
            f"documents.sign(...): {seconds:.2f} s ({approved} pairs and groups approved, "
            f"{len(signed.people)} people stored, signed PDF {signed_pages} pages)"
        )
        signed.pdf.delete(save=False)
        if median >= TARGET:
            print(f"MISSED: render median {median:.2f} s, target < {TARGET:.0f} s")
            sys.exit(1)
        print(f"target: render < {TARGET:.0f} s: met")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
