"""Mixed load through gunicorn and PostgreSQL: students answering questionnaires while staff browse.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring_bench_load .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --throwaway --fault-at 30

The database is the benchmark's own: on the local server, DATABASE_URL names it (its name must
contain «bench»; without DATABASE_URL it is ``mentoring_bench_load``), created, migrated and
dropped at the end as bench/survey_submissions.py does; with ``--throwaway`` it lives on a
PostgreSQL server started for the run in a temporary directory and removed afterwards
(bench/harness.py). The application runs with the production settings of bench/harness.py
(DEBUG off, static files collected, persistent connections CONN_MAX_AGE=60 with health checks)
under ``gunicorn mentoring.wsgi`` with ``--workers`` sync workers (4).

The school is the large demo one, ``seed_demo --large``: the demo school and on top of it 2,000
students, 150 staff, 500 pairs and groups, 5,000 meetings and 5,000 questionnaire responses
(2,901 students in all), then ANALYZE. For the students the year gets copies of the standard
student intake, open from today, with a personal link for every student in each copy: as many
copies as the students could use up at the shortest think time.

For ``--duration`` seconds (60), in threads of this process, each with its own connections and
cookies:

- ``--students`` students (50) each take a link, open it (GET the form), think ``--think``
  seconds (1–3), send their answers (POST), follow the redirect to the thanks page, and take
  the next link; a 503 is asked again after a second;
- ``--staff`` staff (5) log in and open pages of their role in random order, thinking
  ``--staff-think`` seconds (1–3) between them. They are taken in turn from two curators (the
  people list, the banks of mentees and mentors, the pairs, the monitoring dashboard, the
  register of documents, a signed order's PDF, a survey's results), the director (the dashboard
  and its per-pair page, the pairs, the register, the PDF, the results), the class leader of 7А
  (the people list, the mentees, their surveys) and a mentor (their mentees, their surveys).

The report: per page the requests, requests per second, median, 95th percentile and worst
latency, and any answer other than 200 and 302; the totals; the CPU spent by gunicorn, by the
PostgreSQL backends and by this load generator, with the share other processes took (the script
waits up to ``--wait-quiet`` seconds, 60, for a quiet machine first); then SQL checks that the
stored responses are exactly those whose POST got the redirect, each once with all its answers.

``--fault-at SECONDS`` stops PostgreSQL that many seconds into the run and starts it again after
``--outage`` seconds (0: as ``pg_ctl restart -m fast``), on the throwaway server, or with
``--restart-local`` on the local server's cluster (Debian's ``pg_ctlcluster``; every database on
it goes down, so only when asked). The report adds the outage as the clients saw it: the 503
answers, any other failure, the time from the database accepting connections again to the
first 200 of /healthz and to the first response stored, and whether gunicorn's processes are
the ones that started.
"""

import argparse
import math
import random
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    CpuMeter,
    Links,
    Load,
    ThrowawayPostgres,
    check_exactly_once,
    create_database,
    database_url,
    drop_database,
    first_healthy,
    gunicorn,
    gunicorn_command,
    links_for,
    open_survey,
    page_table,
    postgres_bindir,
    production_environment,
    run_all,
    server_errors,
    server_processes,
    set_up_django,
    staff_member,
    student,
    wait_for_quiet,
    warm_up,
)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mentoring_bench_load"
THROWAWAY_DATABASE = "mentoring_bench_load"
STAFF = ["curator", "curator", "director", "classleader", "mentor"]
PAGE_ORDER = [
    "survey form (GET)",
    "survey answers (POST)",
    "thanks page (GET)",
    "login form (GET)",
    "login (POST)",
    "people list",
    "mentees bank",
    "mentors bank",
    "pairs list",
    "monitoring dashboard",
    "monitoring per pair",
    "documents register",
    "signed order PDF",
    "survey results",
    "my surveys",
    "my mentees",
]


# --- The school -----------------------------------------------------------------------------


def seed():
    """``seed_demo --large`` and ANALYZE, as autovacuum runs it within a minute of a bulk load; seconds."""
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("seed_demo", "--large", stdout=StringIO())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def describe():
    """What the seeded school holds."""
    from mentoring.models import NormativeAct
    from pairs.models import Meeting, Mentorship
    from participants.models import Person
    from surveys.models import Response

    return (
        f"{Person.objects.filter(kind=Person.Kind.STUDENT).count()} students,"
        f" {Person.objects.exclude(kind=Person.Kind.STUDENT).count()} other people;"
        f" {Mentorship.objects.count()} pairs and groups, {Meeting.objects.count()} meetings,"
        f" {Response.objects.count()} questionnaire responses, {NormativeAct.objects.count()} documents"
    )


def staff_pages():
    """{username: [(page, path), …]}: what each of the demo staff opens."""
    from django.db.models import Count
    from django.urls import reverse

    from mentoring.models import AcademicYear, NormativeAct
    from surveys.models import Survey

    year = AcademicYear.objects.current()
    act = NormativeAct.objects.exclude(pdf="").order_by("-pk").first()
    results = Survey.objects.filter(year=year).annotate(n=Count("responses")).order_by("-n").first()
    page = {
        "people list": reverse("people"),
        "mentees bank": reverse("mentees"),
        "mentors bank": reverse("mentors"),
        "pairs list": reverse("mentorships"),
        "monitoring dashboard": reverse("monitoring"),
        "monitoring per pair": reverse("monitoring_pairs"),
        "documents register": reverse("acts"),
        "signed order PDF": reverse("act_pdf", args=[act.pk]),
        "survey results": reverse("survey_results", args=[results.pk]),
        "my surveys": reverse("my_surveys"),
        "my mentees": reverse("my_mentees"),
    }
    curator = ["people list", "mentees bank", "mentors bank", "pairs list", "monitoring dashboard"]
    curator += ["documents register", "signed order PDF", "survey results"]
    director = ["monitoring dashboard", "monitoring per pair", "pairs list", "documents register"]
    director += ["signed order PDF", "survey results"]
    chosen = {
        "curator": curator,
        "director": director,
        "classleader": ["people list", "mentees bank", "my surveys"],
        "mentor": ["my mentees", "my surveys"],
    }
    return {username: [(name, page[name]) for name in names] for username, names in chosen.items()}


def student_links(count, rng):
    """Copies of the student intake for the current year with a link for every student in each,
    at least ``count`` links in all; (survey ids, links)."""
    from mentoring.models import AcademicYear
    from participants.models import Person

    year = AcademicYear.objects.current()
    students = list(Person.objects.filter(kind=Person.Kind.STUDENT).order_by("pk"))
    surveys, links = [], []
    for _ in range(math.ceil(count / len(students))):
        survey = open_survey(year)
        surveys.append(survey.pk)
        links += links_for(survey, students, rng)
    rng.shuffle(links)
    return surveys, links


# --- Restarting PostgreSQL ------------------------------------------------------------------


class LocalCluster:
    """The local server's cluster that serves ``url``, stopped and started with Debian's pg_ctlcluster."""

    def __init__(self, url):
        port = str(urlsplit(url).port or 5432)
        listed = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True)
        clusters = [line.split()[:2] for line in listed.stdout.splitlines() if line.split()[2:3] == [port]]
        if not clusters:
            sys.exit(f"--restart-local: no cluster of pg_lsclusters listens on port {port}.")
        self.version, self.name = clusters[0]

    def restart(self, pause=0.0):
        """Stop (fast), stay down ``pause`` seconds, start; (stop began, accepting connections
        again) in monotonic time."""
        stopping = time.monotonic()
        subprocess.run(["pg_ctlcluster", self.version, self.name, "stop", "-m", "fast"], check=True)
        time.sleep(pause)
        subprocess.run(["pg_ctlcluster", self.version, self.name, "start"], check=True)
        return stopping, time.monotonic()


def restart_during_run(server, at, pause, port, outage):
    """Wait ``at`` seconds, restart the database, then wait for /healthz: the times go in ``outage``."""
    time.sleep(at)
    outage["stopping"], outage["accepting"] = server.restart(pause)
    outage["healthy"] = first_healthy(port, limit=60)


def report_outage(load, outage, started):
    """Print the restart as the clients saw it: the 503s, and how soon the application served again."""

    def since(moment):
        return f"+{moment - started:.1f} s"

    def after_accepting(moment):
        return f"{1000 * (moment - outage['accepting']):.0f} ms after the database accepted connections"

    unavailable = [moment for _, status, moment, _ in load.requests if status == 503]
    stored_after = [
        moment + seconds
        for page, status, moment, seconds in load.requests
        if page == "survey answers (POST)" and status == 302 and moment >= outage["accepting"]
    ]
    retried = [token for token in load.unavailable if load.stored[token]]
    print(
        f"\nDatabase restart: stopping at {since(outage['stopping'])}, accepting connections again at"
        f" {since(outage['accepting'])} (down {outage['accepting'] - outage['stopping']:.1f} s)"
    )
    if unavailable:
        print(f"  503 answers: {len(unavailable)}, sent from {since(min(unavailable))} to {since(max(unavailable))}")
    print(f"  links whose POST got a 503, then the redirect when sent again: {len(retried)}")
    if outage["healthy"]:
        print(f"  /healthz answered 200 {after_accepting(outage['healthy'])}")
    if stored_after:
        print(f"  the first response stored after the restart: {after_accepting(min(stored_after))}")


def outage_checks(load, outage, same_processes):
    """[(description, passed), …]: a restart may cost 503s, nothing else."""
    failed = sum(
        1 for _, status, *_ in load.requests if not isinstance(status, int) or (status >= 500 and status != 503)
    )
    return [
        (f"5xx answers other than 503, and requests without an answer: {failed}", failed == 0),
        ("/healthz answered 200 within 60 s of the database accepting connections", outage["healthy"] is not None),
        (f"gunicorn's master and workers are the processes that started: {same_processes}", same_processes),
    ]


# --- The run --------------------------------------------------------------------------------


def arguments():
    """The command line's options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--duration", type=float, default=60, help="seconds of load (60)")
    parser.add_argument("--students", type=int, default=50, help="simulated students (50)")
    parser.add_argument("--staff", type=int, default=len(STAFF), help="simulated staff, taken in turn from STAFF (5)")
    parser.add_argument("--think", type=float, nargs=2, default=[1, 3], help="a student's think time range (1 3)")
    parser.add_argument("--staff-think", type=float, nargs=2, default=[1, 3], help="staff think time range (1 3)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (4)")
    parser.add_argument("--throwaway", action="store_true", help="run on a PostgreSQL server of its own")
    parser.add_argument("--fault-at", type=float, help="restart PostgreSQL this many seconds into the run")
    parser.add_argument("--outage", type=float, default=0, help="seconds PostgreSQL stays stopped (0)")
    parser.add_argument("--restart-local", action="store_true", help="--fault-at restarts the local cluster")
    parser.add_argument("--wait-quiet", type=float, default=60, help="wait up to this long for a quiet machine (60)")
    options = parser.parse_args()
    if options.fault_at is not None and not (options.throwaway or options.restart_local):
        parser.error("--fault-at needs --throwaway, or --restart-local to restart the local server")
    return options


@contextmanager
def database(options):
    """(url, name, the server to restart or None): the benchmark's database on a throwaway server
    of its own, or on the local one."""
    if not options.throwaway:
        url, name = database_url(DEFAULT_URL)
        yield url, name, LocalCluster(url) if options.restart_local else None
        return
    bindir = postgres_bindir()
    if bindir is None:
        sys.exit("--throwaway: the PostgreSQL server (initdb, pg_ctl) is not installed.")
    with ThrowawayPostgres(bindir) as server:
        yield server.url(THROWAWAY_DATABASE), THROWAWAY_DATABASE, server


def main():
    options = arguments()
    workdir = Path(tempfile.mkdtemp(prefix="bench-load-"))
    with database(options) as (url, name, server):
        create_database(url, name)
        env = production_environment(url, workdir / "static", workdir / "media")
        env["CONN_MAX_AGE"] = "60"
        try:
            passed = run(options, url, name, env, workdir, server)
        finally:
            drop_database(url, name)
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if passed else 1)


def run(options, url, name, env, workdir, server):
    """Seed, serve, load, report and check; whether every check passed."""
    rng = random.Random(43)
    setup_seconds = set_up_django(env)
    from django.db import connections
    from django.urls import reverse

    from mentoring import demo

    print(f"migrate + collectstatic {setup_seconds:.1f} s; seed_demo --large + ANALYZE {seed():.1f} s")
    print(f"  {describe()}")
    pages = staff_pages()
    needed = options.students * options.duration / max(options.think[0], 0.1)
    surveys, links = student_links(needed, rng)
    connections.close_all()
    print(f"  copies of the student intake open: {len(surveys)}, with {len(links)} personal links")
    print(
        f"gunicorn: {' '.join(gunicorn_command('PORT', options.workers, 1)[1:])}; CONN_MAX_AGE=60;"
        f" {options.students} students (think {options.think[0]:g}–{options.think[1]:g} s), {options.staff} staff"
        f" (think {options.staff_think[0]:g}–{options.staff_think[1]:g} s), {options.duration:g} s"
    )

    load, outage = Load(), {}
    with gunicorn(env, options.workers, 1, workdir / "gunicorn.log") as (port, master):
        warm_up(port, [f"/a/{link.token}/" for link in links[: options.workers]] + [reverse("login")] * options.workers)
        processes = server_processes(master)
        wait_for_quiet(options.wait_quiet)
        # The meter reads the backends' CPU through a connection of its own, which a restart would end.
        meter = CpuMeter(url, name, master) if options.fault_at is None else None
        if meter:
            meter.start()
        started = time.monotonic()
        until = started + options.duration
        queue = Links(links)
        staff = [STAFF[n % len(STAFF)] for n in range(options.staff)]
        people = [
            (student, (port, queue, load, until, options.think, random.Random(n))) for n in range(options.students)
        ]
        people += [
            (
                staff_member,
                (
                    port,
                    reverse("login"),
                    username,
                    demo.PASSWORD,
                    pages[username],
                    load,
                    until,
                    options.staff_think,
                    random.Random(1000 + n),
                ),
            )
            for n, username in enumerate(staff)
        ]
        if options.fault_at is not None:
            people.append((restart_during_run, (server, options.fault_at, options.outage, port, outage)))
        run_all(people)
        disturbed = meter.stop(len(load.requests), "request") if meter else 0.0
        same_processes = server_processes(master) == processes
        log = (workdir / "gunicorn.log").read_text()

    print(f"\n{page_table(load, options.duration, PAGE_ORDER)}\n")
    stored = sum(load.stored.values())
    errors = server_errors(load)
    print(
        f"{len(load.requests)} requests in {options.duration:g} s ({len(load.requests) / options.duration:.1f}/s);"
        f" responses stored {stored} ({stored / options.duration:.1f}/s); 5xx answers and failed requests: {errors}"
    )
    checks = check_exactly_once(url, surveys, load)
    if outage:
        report_outage(load, outage, started)
        checks += outage_checks(load, outage, same_processes)
    else:
        checks.append((f"5xx answers and requests without an answer: {errors}", errors == 0))
    print("checks:")
    for description, ok in checks:
        print(f"  {'ok  ' if ok else 'FAIL'} {description}")
    passed = all(ok for _, ok in checks)
    print("PASS" if passed else "FAIL")
    if disturbed > 0.10:
        print(
            f"WARNING: other processes took {100 * disturbed:.0f} % of the machine's CPU during the run:"
            " the figures above understate what the server can do. Rerun on a quiet machine."
        )
    if not passed or "Traceback" in log:
        print(log[-5000:])
    return passed


if __name__ == "__main__":
    main()
