"""PostgreSQL restarted under load.

A throwaway PostgreSQL server of the test's own, the application under gunicorn as in
production (2 sync workers, persistent connections with health checks), 20 simulated students
answering personal links, and the server stopped for two seconds in the middle. While it is
away every answer is 503, never 500, never a hang; once it accepts connections again the same
gunicorn processes serve within seconds; and the stored responses are exactly those whose POST
got the redirect, each once and with all its answers, including those of students who sent their
answers again after a 503.
"""

import json
import os
import random
import subprocess
import sys
import time
from types import SimpleNamespace

import pytest

from bench import harness

STUDENTS = 20
LINKS = 1500  # more than 20 students answer in the run on two cores
THINK = (0.05, 0.2)  # seconds between opening a link and sending it
RUN = 9.0  # seconds of load
RESTART_AT = 3.0  # seconds into the run
OUTAGE = 2.0  # seconds the database stays stopped
TIMEOUT = 10.0  # seconds a simulated browser waits for an answer
RECOVERY_BOUND = 10.0  # seconds from the database accepting connections to /healthz answering 200


SET_UP = f"""
import django
django.setup()
from django.core.management import call_command
from bench import harness
call_command("migrate", verbosity=0)
print(harness.school_with_links({LINKS}))
"""


@pytest.fixture(scope="module")
def postgres():
    bindir = harness.postgres_bindir()
    if bindir is None:
        message = "the PostgreSQL server (initdb, pg_ctl) is not installed: apt-get install postgresql"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with harness.ThrowawayPostgres(bindir) as server:
        yield server


@pytest.fixture(scope="module")
def application(postgres, tmp_path_factory):
    """The schema, a school with a survey and LINKS personal links, and gunicorn serving it with
    the production settings (static files aside: ``server_settings``)."""
    directory = tmp_path_factory.mktemp("database-restart")
    url = postgres.url("mentoring_restart")
    harness.create_database(url, "mentoring_restart")
    env = harness.production_environment(url, directory / "static", directory / "media")
    env.update(DJANGO_SETTINGS_MODULE="tests.reliability.server_settings", CONN_MAX_AGE="60")
    done = subprocess.run([sys.executable, "-c", SET_UP], cwd=harness.ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    seeded = json.loads(done.stdout)
    log = directory / "gunicorn.log"
    with harness.gunicorn(env, 2, 1, log) as (port, master):
        links = [harness.Link.from_json(row) for row in seeded["links"]]
        harness.warm_up(port, [f"/a/{link.token}/" for link in links[:2]])
        yield SimpleNamespace(url=url, survey=seeded["survey"], links=links, port=port, master=master, log=log)


def test_the_application_serves_through_a_restart_of_the_database(postgres, application):
    port = application.port
    load = harness.Load()
    links = harness.Links(application.links)
    processes = harness.server_processes(application.master)
    restart = {}

    def restart_the_database():
        time.sleep(RESTART_AT)
        restart["stopping"], restart["accepting"] = postgres.restart(pause=OUTAGE)
        restart["healthy"] = harness.first_healthy(port, limit=RECOVERY_BOUND)

    until = time.monotonic() + RUN
    harness.run_all(
        [(restart_the_database, ())]
        + [(harness.student, (port, links, load, until, THINK, random.Random(n), TIMEOUT)) for n in range(STUDENTS)]
    )

    gunicorn_log = application.log.read_text()
    statuses = {status for _, status, *_ in load.requests}
    assert statuses <= {200, 302, 503}, f"answers seen: {statuses}\n{gunicorn_log[-3000:]}"
    unavailable = [started for _, status, started, _ in load.requests if status == 503]
    assert unavailable, "no request met the stopped database: the restart came too late or too early"
    # 503s only while the database was away: sent during the stop (a request in flight may meet
    # it) and before the server accepted connections again.
    assert restart["stopping"] - 1 < min(unavailable) and max(unavailable) < restart["accepting"]

    assert restart["healthy"] is not None, f"/healthz did not answer 200 within {RECOVERY_BOUND} s of the restart"
    assert restart["healthy"] - restart["accepting"] < RECOVERY_BOUND
    stored_after = [
        started
        for page, status, started, _ in load.requests
        if page == "survey answers (POST)" and status == 302 and started > restart["healthy"]
    ]
    assert stored_after, "no response was stored after the database came back"
    sent_again = [token for token in load.unavailable if load.stored[token]]
    assert sent_again, "no student whose answers got a 503 sent them again with success"

    assert harness.server_processes(application.master) == processes, "gunicorn restarted a process"
    assert "Traceback" not in gunicorn_log, gunicorn_log[-3000:]

    checks = harness.check_exactly_once(application.url, [application.survey], load)
    assert all(passed for _, passed in checks), "\n".join(description for description, _ in checks)
