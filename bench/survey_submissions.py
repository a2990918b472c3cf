"""Questionnaire submissions through gunicorn and PostgreSQL: throughput and exactly-once storage.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring_bench .venv/bin/python bench/survey_submissions.py

DATABASE_URL names the benchmark's own database (its name must contain «bench»): the script
creates it (dropping a leftover of an earlier run), migrates it, which installs the standard
questionnaire templates, and drops it at the end. No other database is touched.

The application runs as in production: ``mentoring.settings`` with DEBUG off, a SECRET_KEY,
ALLOWED_HOSTS=127.0.0.1, static files collected into a temporary STATIC_ROOT (whitenoise's
manifest storage), persistent database connections (CONN_MAX_AGE=60), served by
``gunicorn mentoring.wsgi`` on a free port of 127.0.0.1. Cookies are not «Secure» because the
benchmark speaks plain HTTP, as an intranet without TLS would (SECURE_COOKIES=false).

The school: the current year, 3,000 students in 21 classes, the year's copy of the standard
template «mentee_intake_student» open from today, and a personal link (invitation) for each
student. The load generator, in this process, runs simulated students in threads, each with
its own connections and cookies, like a browser:

1. journeys: half of the students GET their link's page (the form, the CSRF cookie and
   token), then POST valid answers (a new connection, as after minutes of filling in);
2. submissions: the other half first fetch their forms, then all of them POST: this times
   the POSTs alone.

One student in ten sends the form twice: half of them again after the first answer (the back
button), half of them twice at the same moment on two connections (a double click). The first
POST must get 302 to the link, every other POST the page «Ответ получен».

Each phase prints its rate, the latencies, and the CPU time per request spent by gunicorn, by
the PostgreSQL backends of the benchmark's database and by the load generator, with the share
of the machine other processes took meanwhile (the figures are only worth recording when that
share is near 0: the script waits up to a minute for a quiet machine before it starts).

Afterwards SQL checks that the responses are exactly those of the links that got a 302, one
each, and that each response has the answers the student sent. Target: at least 100
submissions per second, every response stored exactly once.

Options: --workers (3), --threads (1: sync workers; more: gthread), --concurrency (16),
--students (3000), --doubles (0.10), --wait-quiet (60 s).

The database, the settings, gunicorn, the browser and the CPU accounting are bench/harness.py's,
shared with the other benchmarks.
"""

import argparse
import http.client
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    ANSWERED,
    CSRF_INPUT,
    Browser,
    CpuMeter,
    choice_rows,
    create_database,
    database_url,
    drop_database,
    form_data,
    gunicorn,
    gunicorn_command,
    invite,
    open_survey,
    percentile,
    production_environment,
    random_answers,
    seed_school,
    set_up_django,
    wait_for_quiet,
    warm_up,
)

# --- The load generator ---------------------------------------------------------------------


@dataclass
class Student:
    token: str
    data: list  # [(name, value), …] without the CSRF token
    answers: int
    choices: int
    double: str = ""  # "", "again" (after the first answer) or "together" (two at once)
    browser: Browser | None = None
    body: bytes = b""  # the urlencoded POST, CSRF token included


@dataclass
class Tally:
    get_times: list = field(default_factory=list)
    post_times: list = field(default_factory=list)  # every POST
    stored_times: list = field(default_factory=list)  # the POSTs that stored a response (302)
    stored: Counter = field(default_factory=Counter)  # token → POSTs answered with the 302
    already: int = 0  # POSTs answered with «Ответ получен»
    errors: Counter = field(default_factory=Counter)  # (request, status or exception) → n
    lock: threading.Lock = field(default_factory=threading.Lock)

    def error(self, what, status):
        with self.lock:
            self.errors[(what, status)] += 1


def fetch_form(student, port, tally):
    """GET the link's page: the CSRF cookie, and the token the form carries."""
    browser = Browser(port)
    path = f"/a/{student.token}/"
    try:
        status, _, content, elapsed = browser.request("GET", path)
    except (OSError, http.client.HTTPException) as error:
        tally.error("GET", type(error).__name__)
        return False
    finally:
        browser.close()  # the student spends minutes on the form: the next request opens a new connection
    tally.get_times.append(elapsed)
    match = CSRF_INPUT.search(content)
    if status != 200 or not match or "csrftoken" not in browser.cookies:
        tally.error("GET", status)
        return False
    student.browser = browser
    student.body = urlencode([*student.data, ("csrfmiddlewaretoken", match.group(1).decode())]).encode()
    return True


def post_form(student, browser, tally):
    path = f"/a/{student.token}/"
    try:
        status, headers, content, elapsed = browser.request("POST", path, student.body)
    except (OSError, http.client.HTTPException) as error:
        tally.error("POST", type(error).__name__)
        return
    finally:
        browser.close()
    tally.post_times.append(elapsed)
    if status == 302 and headers.get("Location", "").endswith(path):
        tally.stored_times.append(elapsed)
        with tally.lock:
            tally.stored[student.token] += 1
    elif status == 200 and ANSWERED in content:
        with tally.lock:
            tally.already += 1
    else:
        tally.error("POST", status)


def submit(student, tally):
    """POST the answers, and for a double submitter a second time: after, or at the same moment."""
    if student.double == "together":
        barrier = threading.Barrier(2)
        second = student.browser.fresh()

        def post(browser):
            barrier.wait()
            post_form(student, browser, tally)

        twin = threading.Thread(target=post, args=(second,))
        twin.start()
        post(student.browser)
        twin.join()
        return
    post_form(student, student.browser, tally)
    if student.double == "again":
        post_form(student, student.browser.fresh(), tally)


def run_users(students, concurrency, action):
    """Run ``action(student)`` for every student from ``concurrency`` threads; the seconds taken."""
    queue = list(reversed(students))
    lock = threading.Lock()

    def user():
        while True:
            with lock:
                if not queue:
                    return
                student = queue.pop()
            action(student)

    threads = [threading.Thread(target=user) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def journey(student, port, tally):
    if fetch_form(student, port, tally):
        submit(student, tally)


# --- Checks and the report ------------------------------------------------------------------


def check(survey, students, tally):
    """SQL checks of exactly-once storage; [(description, passed), …]."""
    from django.db import connection

    from surveys.models import Answer, Invitation, Response

    tables = {
        "invitation": Invitation._meta.db_table,
        "response": Response._meta.db_table,
        "answer": Answer._meta.db_table,
        "choice": Answer.choices.through._meta.db_table,
    }
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {tables['response']} WHERE survey_id = %s", [survey.pk])
        responses = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT count(*) FROM (SELECT invitation_id FROM {tables['response']} WHERE survey_id = %s"
            " GROUP BY invitation_id HAVING count(*) > 1 OR invitation_id IS NULL) AS doubled",
            [survey.pk],
        )
        doubled = cursor.fetchone()[0]
        cursor.execute(
            f"""SELECT i.token, i.used_at IS NOT NULL, count(DISTINCT r.id), count(DISTINCT a.id), count(c.id)
                FROM {tables["invitation"]} i
                LEFT JOIN {tables["response"]} r ON r.invitation_id = i.id
                LEFT JOIN {tables["answer"]} a ON a.response_id = r.id
                LEFT JOIN {tables["choice"]} c ON c.answer_id = a.id
                WHERE i.survey_id = %s GROUP BY i.token, i.used_at""",
            [survey.pk],
        )
        stored = {token: (used, n, answers, chosen) for token, used, n, answers, chosen in cursor.fetchall()}
    by_token = {student.token: student for student in students}
    succeeded = set(tally.stored)
    used = {token for token, (is_used, *_) in stored.items() if is_used}
    with_response = {token for token, (_, n, *_) in stored.items() if n}
    wrong_answers = [
        token for token in succeeded if stored[token][1:] != (1, by_token[token].answers, by_token[token].choices)
    ]
    return [
        (f"responses stored: {responses} = links that got the 302: {len(succeeded)}", responses == len(succeeded)),
        (
            f"links that got more than one 302: {sum(1 for n in tally.stored.values() if n > 1)}",
            all(n == 1 for n in tally.stored.values()),
        ),
        (f"links with two responses, or responses without a link: {doubled}", doubled == 0),
        (
            f"used links = links with a response = links that got the 302: {len(used)}, {len(with_response)}",
            used == with_response == succeeded,
        ),
        (
            f"responses whose answers or chosen options differ from what was sent: {len(wrong_answers)}",
            not wrong_answers,
        ),
        (f"errors: {sum(tally.errors.values())}", not tally.errors),
    ]


def latency(label, times):
    ms = [t * 1000 for t in times]
    print(
        f"  {label:<16} median {statistics.median(ms):6.1f} ms   p95 {percentile(ms, 95):6.1f} ms"
        f"   max {max(ms):6.1f} ms   ({len(ms)} requests)"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--students", type=int, default=3000, help="invitations, half per phase (3000)")
    parser.add_argument("--concurrency", type=int, default=16, help="simulated students at once (16)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes (3)")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker; more than 1: gthread (1: sync)")
    parser.add_argument("--doubles", type=float, default=0.10, help="share of students who send twice (0.10)")
    parser.add_argument(
        "--wait-quiet", type=float, default=60, help="wait up to this many seconds for a quiet machine (60)"
    )
    parser.add_argument("--keep-log", action="store_true", help="print gunicorn's log at the end")
    options = parser.parse_args()

    url, name = database_url()
    rng = random.Random(43)
    create_database(url, name)
    workdir = Path(tempfile.mkdtemp(prefix="bench-surveys-"))
    env = production_environment(url, workdir / "static")
    try:
        seconds = set_up_django(env)
        from django.db import connections

        from surveys.filling import questions_of

        started = time.perf_counter()
        year, people = seed_school(options.students, rng)
        survey = open_survey(year)
        invitations = invite(survey, people)
        questions = questions_of(survey)
        students = []
        for invitation in invitations:
            answers = random_answers(questions, rng)
            students.append(Student(invitation.token, form_data(answers), len(answers), choice_rows(answers)))
        for student in rng.sample(students, round(options.doubles * len(students))):
            student.double = rng.choice(["again", "together"])
        connections.close_all()
        print(
            f"migrate + collectstatic {seconds:.1f} s; {len(students)} students and links seeded in"
            f" {time.perf_counter() - started:.1f} s; survey «{survey.title}»: {len(questions)} questions,"
            f" {sum(len(s.data) for s in students) / len(students):.1f} form values per response"
        )
        print(
            f"gunicorn: {' '.join(gunicorn_command('PORT', options.workers, options.threads)[1:])};"
            f" {options.concurrency} simulated students at once;"
            f" {sum(1 for s in students if s.double)} of them send twice"
        )

        half = len(students) // 2
        journeys, burst = students[:half], students[half:]
        disturbed = []
        with gunicorn(env, options.workers, options.threads, workdir / "gunicorn.log") as (port, pid):
            warm_up(port, [f"/a/{student.token}/" for student in students[: options.workers * options.threads]])
            meter = CpuMeter(url, name, pid)
            wait_for_quiet(options.wait_quiet)

            def phase(group, action, unit):
                tally = Tally()
                meter.start()
                elapsed = run_users(group, options.concurrency, lambda student: action(student, tally))
                units = {"journey": len(group), "GET": len(tally.get_times), "POST": len(tally.post_times)}[unit]
                return tally, elapsed, lambda: disturbed.append(meter.stop(units, unit))

            print(f"\n1. journeys: {len(journeys)} students, each GETs the form, then POSTs the answers")
            phase1, elapsed, cpu = phase(journeys, lambda s, tally: journey(s, port, tally), "journey")
            print(
                f"  {len(journeys) / elapsed:6.1f} journeys (GET+POST)/s,"
                f" {len(phase1.post_times) / elapsed:6.1f} POSTs/s,"
                f" {len(phase1.stored) / elapsed:6.1f} responses stored/s   ({elapsed:.1f} s)"
            )
            latency("GET form", phase1.get_times)
            latency("POST → 302", phase1.stored_times)
            cpu()

            print(f"2. submissions: {len(burst)} students fetch their forms, then all of them POST")
            phase2, elapsed, cpu = phase(burst, lambda s, tally: fetch_form(s, port, tally), "GET")
            print(f"  {len(phase2.get_times) / elapsed:6.1f} GETs/s of the form   ({elapsed:.1f} s)")
            latency("GET form", phase2.get_times)
            cpu()
            ready = [student for student in burst if student.browser]
            phase3, elapsed, cpu = phase(ready, submit, "POST")
            print(
                f"  {len(phase3.post_times) / elapsed:6.1f} POSTs/s,"
                f" {len(phase3.stored) / elapsed:6.1f} responses stored/s   ({elapsed:.1f} s)"
            )
            latency("POST → 302", phase3.stored_times)
            cpu()

        tally = Tally()
        for part in (phase1, phase2, phase3):
            tally.post_times += part.post_times
            tally.stored.update(part.stored)
            tally.already += part.already
            tally.errors.update(part.errors)
        print(
            f"POSTs: {len(tally.post_times)}; 302 (stored): {sum(tally.stored.values())};"
            f" «Ответ получен»: {tally.already}; errors: {dict(tally.errors) or 'none'}"
        )

        print("checks:")
        results = check(survey, students, tally)
        for description, passed in results:
            print(f"  {'ok  ' if passed else 'FAIL'} {description}")
        passed = all(ok for _, ok in results)
        print("PASS: every submitted response stored exactly once" if passed else "FAIL")
        if max(disturbed) > 0.10:
            print(
                f"WARNING: other processes took up to {100 * max(disturbed):.0f} % of the machine's CPU during"
                " a phase: the rates above understate what the server can do. Rerun on a quiet machine."
            )
        if options.keep_log or not passed:
            print((workdir / "gunicorn.log").read_text()[-5000:])
    finally:
        drop_database(url, name)
        shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
