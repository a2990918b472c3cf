"""The «Мониторинг» pages on the large demo school: seeding time, then page timings and queries.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring_bench_dashboard .venv/bin/python bench/dashboard.py

Builds its own database (the name in DATABASE_URL must contain «bench»; without DATABASE_URL
it is ``mentoring_bench_dashboard`` on the local server), created, migrated and dropped like
bench/survey_submissions.py, with the same production settings (DEBUG off, static files
collected). Then ``manage.py seed_demo --large`` fills it, timed: the ordinary demo school and
on top of it the large one (2,000 more students, 500 pairs and groups, 5,000 meetings, 5,000
questionnaire responses; ``--scale`` multiplies these).

As the demo director (``director``), in this process through the Django test client (full
middleware and template stack, no test instrumentation), each page gets 3 warm-up requests,
then ``--runs`` (30) timed ones; the script prints their median, 95th percentile and worst,
and the number of SQL queries of one request (``CaptureQueriesContext``).

Pages: the year's dashboard (``monitoring``) and the figures per pair (``monitoring_pairs``).
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    create_database,
    database_url,
    drop_database,
    percentile,
    production_environment,
    set_up_django,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mentoring_bench_dashboard"
PAGES = ["monitoring", "monitoring_pairs"]
WARM_UPS = 3


def seed(scale):
    """``seed_demo --large``; the seconds it took."""
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("seed_demo", "--large", "--scale", str(scale), stdout=StringIO())
    seconds = time.perf_counter() - started
    # The planner's statistics, as autovacuum gathers them within a minute of a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return seconds


def describe():
    from django.db.models import Q

    from pairs.models import Meeting, Mentorship
    from participants.models import Person
    from surveys.models import Answer, Response

    students = Person.objects.filter(kind=Person.Kind.STUDENT).count()
    staff = Person.objects.filter(Q(kind=Person.Kind.TEACHER) | Q(kind=Person.Kind.STAFF)).count()
    pairs = Mentorship.objects.count()
    groups = Mentorship.objects.filter(is_group=True).count()
    meetings = Meeting.objects.count()
    held = Meeting.objects.filter(held=True).count()
    return (
        f"{students} students, {staff} staff; {pairs} pairs and groups ({groups} groups); "
        f"{meetings} meetings ({held} held); {Response.objects.count()} responses, {Answer.objects.count()} answers"
    )


def report(label, seconds, extra=""):
    ms = [s * 1000 for s in seconds]
    print(
        f"  {label:<20} median {statistics.median(ms):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms"
        f"   max {max(ms):7.1f} ms{extra}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed requests of each page (30)")
    parser.add_argument("--scale", type=float, default=1.0, help="seed_demo --scale (1.0)")
    options = parser.parse_args()

    os.environ.setdefault("DATABASE_URL", DEFAULT_URL)
    url, name = database_url()
    create_database(url, name)
    workdir = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    env = production_environment(url, workdir / "static")
    try:
        set_up_django(env)
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from mentoring.models import User

        seconds = seed(options.scale)
        print(f"seed_demo --large --scale {options.scale:g}: {seconds:.1f} s")
        print(f"  {describe()}")

        client = Client(SERVER_NAME="127.0.0.1")  # the production ALLOWED_HOSTS; no test instrumentation
        # django-axes needs the request to authenticate, which Client.login does not pass.
        client.force_login(User.objects.get(username="director"))

        print(f"in process (Django test client) as the director; {WARM_UPS} warm-ups, {options.runs} requests each:")
        for page in PAGES:
            path = reverse(page)
            for _ in range(WARM_UPS):
                assert client.get(path).status_code == 200, path
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            count = len(queries)
            times = []
            for _ in range(options.runs):
                started = time.perf_counter()
                response = client.get(path)
                times.append(time.perf_counter() - started)
                assert response.status_code == 200, (path, response.status_code)
            report(f"{page} ({path})", times, f"   {count} queries, {len(response.content) // 1024} KB")
    finally:
        drop_database(url, name)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
