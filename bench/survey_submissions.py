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
"""

import argparse
import datetime
import http.client
import os
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/mentoring_bench"
TEMPLATE_KEY = "mentee_intake_student"
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ANSWERED = "Ответ получен".encode()

REQUESTS = [
    "Не понимаю дроби и проценты, на контрольных всё время путаюсь.",
    "Хочу подготовиться к олимпиаде по биологии, но не знаю, с чего начать.",
    "Перешёл в новую школу и пока ни с кем не общаюсь.",
    "Трудно готовиться к ОГЭ по математике самостоятельно.",
    "Хочу научиться программировать на Python и сделать свой проект.",
    "Не успеваю делать домашние задания, не умею планировать время.",
    "Хочу понять, кем работать, и какие предметы выбрать для экзаменов.",
    "Боюсь выступать перед классом, на уроках молчу, даже когда знаю ответ.",
    "Хочу написать исследовательскую работу по истории нашего района.",
    "Плохо пишу сочинения: не получается изложить мысль.",
]
WISHES = [
    "Чтобы был спокойным и мог объяснить несколько раз.",
    "Чтобы разбирался в программировании и робототехнике.",
    "Встречаться после уроков по вторникам или четвергам.",
    "Лучше старшеклассник, с ним проще говорить.",
    "Чтобы не ругал за ошибки.",
]


# --- The database and the settings ----------------------------------------------------------


def database_url():
    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL must name a PostgreSQL database.")
    name = urlsplit(url).path.lstrip("/")
    if "bench" not in name:
        sys.exit(
            f"DATABASE_URL names «{name}»: the benchmark creates and drops its database,"
            " so its name must contain «bench»."
        )
    return url, name


def _maintenance_connection(url):
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    params = conninfo_to_dict(url.replace("postgres://", "postgresql://", 1))
    params.pop("dbname", None)
    return psycopg.connect(**params, dbname="postgres", autocommit=True)


def create_database(url, name):
    from psycopg import sql

    with _maintenance_connection(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url, name):
    from django.db import connections
    from psycopg import sql

    connections.close_all()
    with _maintenance_connection(url) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def production_environment(url, static_root):
    """The environment of the gunicorn process (and of this one): production settings."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mentoring.settings",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_COOKIES": "false",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }


def set_up_django(env):
    """Configure this process like the server and build the schema and the static files."""
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    return time.perf_counter() - started


# --- The school and the survey --------------------------------------------------------------


def seed_school(students, rng):
    """The current year, ``students`` students in 21 classes (5–11 А/Б/В); (year, people)."""
    from django.db import transaction

    from mentoring.demo_names import random_person
    from mentoring.models import AcademicYear
    from participants.models import Person, SchoolClass

    today = datetime.date.today()
    with transaction.atomic():
        year = AcademicYear.objects.create(start_year=today.year if today.month >= 9 else today.year - 1)
        year.make_current()
    classes = SchoolClass.objects.bulk_create(
        SchoolClass(year=year, grade=grade, letter=letter) for grade in range(5, 12) for letter in "АБВ"
    )
    people = []
    for n in range(students):
        last, first, patronymic, _ = random_person(rng)
        person = Person(last_name=last, first_name=first, patronymic=patronymic, kind=Person.Kind.STUDENT)
        person.school_class = classes[n % len(classes)]
        person.fill_search_name()
        people.append(person)
    return year, Person.objects.bulk_create(people, batch_size=1000)


def open_survey(year):
    """The year's copy of the standard student intake, open from today."""
    from django.utils import timezone

    from surveys import copying
    from surveys.models import Survey

    survey = copying.copy(Survey.objects.get(template_key=TEMPLATE_KEY), year, None)
    survey.opens_on = timezone.localdate()
    survey.save(update_fields=["opens_on"])
    return survey


def invite(survey, people, **fields):
    from surveys.models import Invitation

    expires_at = survey.link_expiry()
    return Invitation.objects.bulk_create(
        (
            Invitation(
                survey=survey,
                subject=person,
                respondent=person,
                respondent_role="self",
                expires_at=expires_at,
                **fields,
            )
            for person in people
        ),
        batch_size=1000,
    )


def random_answers(questions, rng):
    """{question: value} as a student would answer: every required question, some optional ones.

    Values: a list of Choice (single: one), an int for scales, a bool, a str, a Decimal, a date.
    """
    from surveys.models import Question

    K = Question.Kind
    answers = {}
    for question in questions:
        if not question.required and rng.random() < 0.4:
            continue
        kind = question.kind
        if kind in Question.SCALES:
            top = Question.SCALES[kind]
            answers[question] = min(top, max(1, round(rng.gauss(top * 0.6, top * 0.2))))
        elif kind == K.SINGLE:
            answers[question] = [rng.choice(list(question.choices.all()))]
        elif kind == K.MULTIPLE:
            options = list(question.choices.all())
            answers[question] = rng.sample(options, rng.randint(1, min(3, len(options))))
        elif kind == K.YES_NO:
            answers[question] = rng.random() < 0.7
        elif kind == K.LONG_TEXT:
            answers[question] = " ".join(rng.sample(REQUESTS if question.required else WISHES, 2))
        elif kind == K.SHORT_TEXT:
            answers[question] = rng.choice(WISHES)
        elif kind == K.NUMBER:
            answers[question] = Decimal(rng.randint(1, 20))
        else:
            answers[question] = datetime.date.today() - datetime.timedelta(days=rng.randint(0, 60))
    return answers


def form_data(answers):
    """The answers as the form posts them: [(question code, value), …]."""
    pairs = []
    for question, value in answers.items():
        if isinstance(value, list):
            pairs += [(question.code, str(choice.pk)) for choice in value]
        elif isinstance(value, bool):
            pairs.append((question.code, "yes" if value else "no"))
        elif isinstance(value, datetime.date):
            pairs.append((question.code, value.isoformat()))
        else:
            pairs.append((question.code, str(value)))
    return pairs


def choice_rows(answers):
    return sum(len(value) for value in answers.values() if isinstance(value, list))


# --- gunicorn -------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(port, workers, threads):
    command = [str(Path(sys.executable).parent / "gunicorn"), "mentoring.wsgi", "--bind", f"127.0.0.1:{port}"]
    command += ["--workers", str(workers), "--backlog", "2048"]
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    return command


def warm_up(port, paths, cookies=None, rounds=2):
    """GET ``paths`` all at once, ``rounds`` times, so that every worker has served a request:
    a worker's first request imports the URL configuration and with it every view (WeasyPrint:
    about 0.7 s)."""

    def get(path):
        browser = Browser(port)
        browser.cookies.update(cookies or {})
        status, *_ = browser.request("GET", path)
        browser.close()
        assert status == 200, (path, status)

    for _ in range(rounds):
        threads = [threading.Thread(target=get, args=(path,)) for path in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()


@contextmanager
def gunicorn(env, workers, threads, log_path):
    """A gunicorn serving the application on a free port of 127.0.0.1; yields (port, master's pid)."""
    port = free_port()
    command = gunicorn_command(port, workers, threads)
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {server.returncode}: {Path(log_path).read_text()[-2000:]}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not answer /healthz within 30 s")
            time.sleep(0.2)
        yield port, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# --- CPU accounting -------------------------------------------------------------------------

TICK = os.sysconf("SC_CLK_TCK")


def _process_times():
    """{pid: (parent pid, CPU seconds)} of every process."""
    times = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            times[int(entry.name)] = (int(fields[1]), (int(fields[11]) + int(fields[12])) / TICK)
    return times


def _machine_busy(steal_only=False):
    """CPU seconds the machine has been busy (or, with ``steal_only``, taken by the hypervisor)."""
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, stat.readline().split()[1:9])
    return (steal if steal_only else user + nice + system + irq + softirq + steal) / TICK


def _cpu_of(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK


class CpuMeter:
    """CPU seconds spent during a phase by gunicorn, by the PostgreSQL backends serving the
    benchmark's database (sampled every 0.2 s: Django reopens its connections after
    CONN_MAX_AGE), by this load generator, and by everything else on the machine."""

    def __init__(self, url, name, server_pid):
        self.url, self.name, self.server_pid = url, name, server_pid

    def _sample_backends(self, first=False):
        rows = self.connection.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND backend_type = 'client backend'", [self.name]
        )
        for (pid,) in rows.fetchall():
            cpu = _cpu_of(pid)
            if cpu is not None:
                self.backends_first.setdefault(pid, cpu if first else 0.0)
                self.backends_last[pid] = cpu

    def _gunicorn(self):
        return {pid: cpu for pid, (parent, cpu) in _process_times().items() if self.server_pid in (pid, parent)}

    def start(self):
        self.connection = _maintenance_connection(self.url)
        self.backends_first, self.backends_last = {}, {}
        self._sample_backends(first=True)
        own = os.times()
        self.before = (time.perf_counter(), _machine_busy(), own.user + own.system, self._gunicorn())
        self.steal = _machine_busy(steal_only=True)
        self.stopping = threading.Event()
        self.sampler = threading.Thread(target=self._run, daemon=True)
        self.sampler.start()

    def _run(self):
        while not self.stopping.wait(0.2):
            self._sample_backends()

    def stop(self, units, unit):
        """Print one line: CPU milliseconds per ``unit`` in each part, and how busy the machine was."""
        own = os.times()
        now, machine, me, server = time.perf_counter(), _machine_busy(), own.user + own.system, self._gunicorn()
        self.stopping.set()
        self.sampler.join()
        self._sample_backends()
        self.connection.close()
        then, machine_then, me_then, server_then = self.before
        wall = now - then
        parts = {
            "gunicorn": sum(cpu - server_then.get(pid, 0.0) for pid, cpu in server.items()),
            "PostgreSQL": sum(cpu - self.backends_first[pid] for pid, cpu in self.backends_last.items()),
            "load generator": me - me_then,
        }
        busy = machine - machine_then
        steal = _machine_busy(steal_only=True) - self.steal
        others = max(0.0, busy - steal - sum(parts.values()))
        cpus = os.cpu_count()
        shares = ", ".join(f"{label} {1000 * cpu / units:.1f} ms" for label, cpu in parts.items())
        print(
            f"  CPU per {unit}: {shares}; machine busy {100 * busy / wall / cpus:.0f} % of {cpus} cores,"
            f" other processes {100 * others / wall / cpus:.0f} %, steal {100 * steal / wall / cpus:.0f} %"
        )
        return (others + steal) / wall / cpus


def wait_for_quiet(limit, threshold=0.10):
    """Wait (at most ``limit`` seconds) until the machine's CPU is less than 10 % busy over a second."""
    deadline = time.monotonic() + limit
    while True:
        busy, started = _machine_busy(), time.perf_counter()
        time.sleep(1)
        share = (_machine_busy() - busy) / (time.perf_counter() - started) / os.cpu_count()
        if share < threshold:
            return
        if time.monotonic() > deadline:
            print(f"(the machine is still {100 * share:.0f} % busy with other work after {limit:.0f} s: starting)")
            return


# --- The load generator ---------------------------------------------------------------------


class Browser:
    """One simulated browser: a connection to the server and its cookies."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body, seconds); raises OSError or HTTPException."""
        headers = {"User-Agent": "bench/survey_submissions", "Accept": "text/html", **(headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if body is not None:
            origin = f"http://127.0.0.1:{self.port}"
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            content = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            raise
        elapsed = time.perf_counter() - started
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.headers, content, elapsed

    def fresh(self):
        """A new connection with the same cookies (a second tab, or the same tab minutes later)."""
        other = Browser(self.port)
        other.cookies = dict(self.cookies)
        return other

    def close(self):
        self.connection.close()


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


def percentile(times, p):
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1] if len(times) > 1 else times[0]


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
