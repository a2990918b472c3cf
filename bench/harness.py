"""What the benchmarks and the database-restart test share.

Running the application as in production: its own PostgreSQL database (on the local server, or
on a throwaway server started for the run), production settings, gunicorn on a free port.
Simulated browsers, students who answer personal links and staff who browse; CPU accounting;
and the SQL checks that every submitted response is stored exactly once, with all its answers.

Nothing here imports Django at module level: a script builds the environment of the server
(``production_environment``) and then configures itself with it (``set_up_django``). The test
suite imports this module as ``bench.harness`` for the pieces that need no Django settings of
their own (the throwaway server, gunicorn, the simulated people, the checks).
"""

import datetime
import http.client
import json
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
from dataclasses import astuple, dataclass, field
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


def database_url(default=DEFAULT_URL):
    """(url, name) of the benchmark's own database: DATABASE_URL, else ``default``."""
    url = os.environ.get("DATABASE_URL") or default
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


def production_environment(url, static_root, media_root=None):
    """The environment of the gunicorn process (and of this one): production settings."""
    env = {
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
    if media_root:
        env["MEDIA_ROOT"] = str(media_root)
    return env


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


# --- A throwaway PostgreSQL server ----------------------------------------------------------


def postgres_bindir():
    """The bin directory of the newest installed PostgreSQL server (Debian's
    /usr/lib/postgresql/N/bin, else the one on PATH), or None when there is none."""
    installed = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"),
        key=lambda path: int(path.parent.parent.name) if path.parent.parent.name.isdigit() else 0,
    )
    pg_ctl = installed[-1] if installed else shutil.which("pg_ctl")
    if pg_ctl and (Path(pg_ctl).parent / "initdb").exists():
        return Path(pg_ctl).parent
    return None


class ThrowawayPostgres:
    """A PostgreSQL server of its own: a new cluster in a temporary directory, listening on a
    free port of 127.0.0.1 and on a socket in that directory, trust authentication, fsync off.

    A context manager: the cluster is created and started on entry, stopped and removed on exit.
    initdb refuses to run as root, so as root the server runs as the ``postgres`` user.
    """

    def __init__(self, bindir):
        self.bindir = Path(bindir)
        self.directory = Path(tempfile.mkdtemp(prefix="mentoring-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self.run_as = []
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
            self.run_as = ["runuser", "-u", "postgres", "--"]

    def url(self, name):
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, program, *args, check=True):
        command = [*self.run_as, str(self.bindir / program), *args]
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if check and done.returncode:
            raise RuntimeError(f"{program} {' '.join(map(str, args))} failed:\n{done.stdout}{done.stderr}")

    def __enter__(self):
        try:
            self._run("initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
            self.start()
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exception):
        self._run("pg_ctl", "-D", self.data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.directory, ignore_errors=True)

    def start(self):
        """Start the server; return once it accepts connections."""
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", self.data, "-l", self.directory / "log", "-w", "-o", options, "start")

    def stop(self):
        """Stop the server as ``pg_ctl restart -m fast`` does: every session is ended, and the
        transactions in progress are rolled back."""
        self._run("pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def restart(self, pause=0.0):
        """Stop, stay down ``pause`` seconds, start again; (stop began, accepting connections
        again) in monotonic time."""
        stopping = time.monotonic()
        self.stop()
        time.sleep(pause)
        self.start()
        return stopping, time.monotonic()


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


@dataclass(frozen=True)
class Link:
    """A personal link and the answers its student sends."""

    token: str
    data: tuple  # ((field, value), …) as the form posts them, without the CSRF token
    answers: int  # answers the stored response must hold
    choices: int  # chosen options among them

    @classmethod
    def from_json(cls, row):
        token, data, answers, choices = row
        return cls(token, tuple(map(tuple, data)), answers, choices)


def links_for(survey, people, rng):
    """A personal link to ``survey`` for each of ``people``, with random answers."""
    from surveys.filling import questions_of

    questions = questions_of(survey)
    links = []
    for invitation in invite(survey, people):
        answers = random_answers(questions, rng)
        links.append(Link(invitation.token, tuple(form_data(answers)), len(answers), choice_rows(answers)))
    return links


def school_with_links(students, seed=43):
    """For another process (the test suite): seed ``students`` students with an open survey and
    a link for each; JSON {"survey": id, "links": [[token, data, answers, choices], …]}."""
    rng = random.Random(seed)
    year, people = seed_school(students, rng)
    survey = open_survey(year)
    return json.dumps({"survey": survey.pk, "links": [astuple(link) for link in links_for(survey, people, rng)]})


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


def server_processes(master):
    """{pid: start time} of gunicorn's master and its workers: a process started anew, even
    under the same pid, has another start time."""
    processes = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if master in (int(entry.name), int(fields[1])):
                processes[int(entry.name)] = int(fields[19])
    return processes


def first_healthy(port, limit, interval=0.05):
    """Ask /healthz every ``interval`` seconds until it answers 200; the monotonic time of that
    answer, or None after ``limit`` seconds."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        browser = Browser(port, timeout=limit)
        try:
            status, *_ = browser.request("GET", "/healthz")
        except (OSError, http.client.HTTPException):
            status = None
        finally:
            browser.close()
        if status == 200:
            return time.monotonic()
        time.sleep(interval)
    return None


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


# --- Simulated people ----------------------------------------------------------------------


class Browser:
    """One simulated browser: a connection to the server and its cookies."""

    def __init__(self, port, timeout=120):
        self.port, self.timeout = port, timeout
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        """(status, headers, body, seconds); raises OSError or HTTPException."""
        headers = {"User-Agent": "bench", "Accept": "text/html", **(headers or {})}
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
        other = Browser(self.port, self.timeout)
        other.cookies = dict(self.cookies)
        return other

    def close(self):
        self.connection.close()


RETRY_PAUSE = 1.0  # seconds a simulated person waits before asking again after a 503


class Links:
    """Links handed out one at a time to the simulated students, from any thread."""

    def __init__(self, links):
        self._left = list(reversed(links))
        self._lock = threading.Lock()

    def take(self):
        with self._lock:
            return self._left.pop() if self._left else None


@dataclass
class Load:
    """What the simulated people saw: every request, and what became of every link."""

    requests: list = field(default_factory=list)  # (page, status or exception name, monotonic start, seconds)
    posted: dict = field(default_factory=dict)  # token → Link: the links whose answers were sent
    stored: Counter = field(default_factory=Counter)  # token → POSTs answered with the redirect
    answered: Counter = field(default_factory=Counter)  # token → POSTs answered «Ответ получен»
    unavailable: Counter = field(default_factory=Counter)  # token → POSTs answered 503
    lock: threading.Lock = field(default_factory=threading.Lock)

    def send(self, browser, page, method, path, body=None):
        """One request, recorded under ``page``; (status, headers, content), or None when the
        connection failed or timed out."""
        started = time.monotonic()
        try:
            status, headers, content, seconds = browser.request(method, path, body)
        except (OSError, http.client.HTTPException) as error:
            self.requests.append((page, type(error).__name__, started, time.monotonic() - started))
            return None
        self.requests.append((page, status, started, seconds))
        return status, headers, content

    def served(self, browser, page, method, path, body=None, until=0.0, token=None):
        """``send``, and again after a pause while the answer is 503, as a person reading
        «Повторите через несколько секунд» does, for as long as ``until`` allows. The 503s
        answered to the POST of a link's answers are counted under its ``token``."""
        while True:
            answer = self.send(browser, page, method, path, body)
            if answer is None or answer[0] != 503:
                return answer
            if token:
                with self.lock:
                    self.unavailable[token] += 1
            if time.monotonic() + RETRY_PAUSE > until:
                return answer
            time.sleep(RETRY_PAUSE)


def student(port, links, load, until, think, rng, timeout=120):
    """Answer links one after the other until ``until``: open the link (the form), think, send
    the answers, and follow the redirect to the thanks page. A 503 is asked again after a pause;
    any other failure leaves the link. The last form is left unsent when time is up."""
    while time.monotonic() < until and (link := links.take()) is not None:
        browser = Browser(port, timeout)
        path = f"/a/{link.token}/"
        try:
            answer = load.served(browser, "survey form (GET)", "GET", path, until=until)
            match = answer and answer[0] == 200 and CSRF_INPUT.search(answer[2])
            if not match:
                continue
            time.sleep(rng.uniform(*think))
            if time.monotonic() >= until:
                return
            body = urlencode([*link.data, ("csrfmiddlewaretoken", match.group(1).decode())]).encode()
            load.posted[link.token] = link
            answer = load.served(browser, "survey answers (POST)", "POST", path, body, until, link.token)
            if answer is None:
                continue
            status, headers, content = answer
            if status == 302 and headers.get("Location", "").endswith(path):
                with load.lock:
                    load.stored[link.token] += 1
                load.send(browser, "thanks page (GET)", "GET", path)
            elif status == 200 and ANSWERED in content:
                with load.lock:
                    load.answered[link.token] += 1
        finally:
            browser.close()


def staff_member(port, login_path, username, password, pages, load, until, think, rng, timeout=120):
    """Log in, then open ``pages`` ([(label, path), …]) in random order until ``until``,
    thinking between them."""
    browser = Browser(port, timeout)
    try:
        answer = load.served(browser, "login form (GET)", "GET", login_path, until=until)
        match = answer and answer[0] == 200 and CSRF_INPUT.search(answer[2])
        if not match:
            return
        body = urlencode({"username": username, "password": password, "csrfmiddlewaretoken": match.group(1).decode()})
        answer = load.served(browser, "login (POST)", "POST", login_path, body.encode(), until=until)
        if not answer or answer[0] != 302:
            return
        while time.monotonic() < until:
            label, path = rng.choice(pages)
            load.served(browser, label, "GET", path, until=until)
            time.sleep(rng.uniform(*think))
    finally:
        browser.close()


def run_all(targets):
    """Run each (function, args) in a thread of its own; wait for them all."""
    threads = [threading.Thread(target=function, args=args) for function, args in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


# --- Checks and the report ------------------------------------------------------------------


def check_exactly_once(url, survey_ids, load):
    """SQL checks that the responses to ``survey_ids`` are exactly those whose POST got the
    redirect, each stored once with every answer and chosen option sent (no partial records);
    [(description, passed), …]."""
    import psycopg

    from surveys.models import Answer, Invitation, Response

    invitation, response, answer = (model._meta.db_table for model in (Invitation, Response, Answer))
    chosen = Answer.choices.through._meta.db_table
    with psycopg.connect(url) as connection:
        responses, without_link, doubled = connection.execute(
            f"SELECT count(*), count(*) - count(invitation_id), count(invitation_id) - count(DISTINCT invitation_id)"
            f" FROM {response} WHERE survey_id = ANY(%s)",
            [list(survey_ids)],
        ).fetchone()
        rows = connection.execute(
            f"""SELECT i.token, i.used_at IS NOT NULL, count(DISTINCT r.id), count(DISTINCT a.id), count(c.id)
                FROM {invitation} i
                LEFT JOIN {response} r ON r.invitation_id = i.id
                LEFT JOIN {answer} a ON a.response_id = r.id
                LEFT JOIN {chosen} c ON c.answer_id = a.id
                WHERE i.survey_id = ANY(%s) GROUP BY i.token, i.used_at""",
            [list(survey_ids)],
        ).fetchall()
    stored = {token: (used, n, answers, choices) for token, used, n, answers, choices in rows}
    succeeded = set(load.stored)
    used = {token for token, (is_used, *_) in stored.items() if is_used}
    with_response = {token for token, (_, n, *_) in stored.items() if n}
    partial = [
        token for token in succeeded if stored[token][1:] != (1, load.posted[token].answers, load.posted[token].choices)
    ]
    twice = sum(1 for n in load.stored.values() if n > 1)
    told_late = sum(load.answered.values())
    return [
        (
            f"responses stored: {responses} = links whose POST got the redirect: {len(succeeded)}",
            responses == len(succeeded),
        ),
        (f"links whose POST got the redirect more than once: {twice}", twice == 0),
        (
            f"responses without a link, or links with two responses: {without_link + doubled}",
            not without_link + doubled,
        ),
        (
            f"used links, links with a response: {len(used)}, {len(with_response)}, the same as got the redirect",
            used == with_response == succeeded,
        ),
        (f"responses missing an answer or a chosen option sent (partial records): {len(partial)}", not partial),
        (f"POSTs answered «Ответ получен», a response stored without the redirect: {told_late}", told_late == 0),
    ]


def percentile(times, p):
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1] if len(times) > 1 else times[0]


def page_table(load, seconds, order=()):
    """Markdown rows per page, those named in ``order`` first, the others in the order first
    requested, then all pages together: requests, requests per second, median, 95th percentile
    and worst latency, answers other than 200 and 302."""
    pages = {page: [] for page in order}
    for page, status, _, elapsed in load.requests:
        pages.setdefault(page, []).append((status, elapsed))
    pages = {page: requests for page, requests in pages.items() if requests}
    everything = [request for requests in pages.values() for request in requests]
    lines = [
        "| page | requests | per second | median | p95 | max | other answers |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for page, requests in [*pages.items(), ("**all pages**", everything)]:
        ms = [elapsed * 1000 for _, elapsed in requests]
        other = Counter(status for status, _ in requests if status not in (200, 302))
        lines.append(
            f"| {page} | {len(requests)} | {len(requests) / seconds:.1f} | {statistics.median(ms):.0f} ms"
            f" | {percentile(ms, 95):.0f} ms | {max(ms):.0f} ms"
            f" | {', '.join(f'{status}: {n}' for status, n in sorted(other.items(), key=str)) or '—'} |"
        )
    return "\n".join(lines)


def server_errors(load):
    """Answers 500 and above (503 included), and requests that failed without an answer."""
    return sum(1 for _, status, *_ in load.requests if not isinstance(status, int) or status >= 500)
