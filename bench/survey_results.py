"""A questionnaire's results page and Excel export with 1,000 responses.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/mentoring_bench .venv/bin/python bench/survey_results.py

Builds its own database (the name in DATABASE_URL must contain «bench»; created and dropped
like bench/survey_submissions.py, with the same production settings), the current year, 1,000
students, the year's copy of the standard «mentee_intake_student» and a response of each
student through a used personal link, with realistic answers (every required question, about
60 % of the optional ones; 1–3 options of a multiple choice; scales around 6 of 10), all
written with bulk_create. Then, as a logged-in curator:

- in this process, through the Django test client (full middleware and template stack, no
  test instrumentation): the number of queries of one request, and the median and 95th
  percentile of 30 requests (5 for the export) after a warm-up;
- through gunicorn (3 sync workers, as in production) with the curator's session cookie, once
  every worker has served the page: the same timings, one request at a time.

Pages: the results page, the first page of the responses list, the Excel export of all answers.

Target: the results page for 1,000 responses under 1 s.
"""

import datetime
import random
import shutil
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import (
    Browser,
    create_database,
    database_url,
    drop_database,
    gunicorn,
    open_survey,
    percentile,
    production_environment,
    random_answers,
    seed_school,
    set_up_django,
    warm_up,
)

RESPONSES, RUNS, EXPORT_RUNS = 1000, 30, 5
WORKERS = 3


def seed_responses(survey, people, rng):
    """A response through a used personal link from each of ``people``; the number of answers."""
    from django.utils import timezone

    from surveys.filling import questions_of
    from surveys.models import Answer, Invitation, Question, Response

    questions = questions_of(survey)
    now = timezone.now()
    moments = [now - datetime.timedelta(minutes=rng.randrange(14 * 24 * 60)) for _ in people]
    invitations = Invitation.objects.bulk_create(
        Invitation(
            survey=survey,
            subject=person,
            respondent=person,
            respondent_role="self",
            expires_at=survey.link_expiry(),
            used_at=moment,
        )
        for person, moment in zip(people, moments, strict=True)
    )
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            invitation=invitation,
            respondent_id=invitation.respondent_id,
            subject_id=invitation.subject_id,
            respondent_role="self",
            submitted_at=invitation.used_at,
        )
        for invitation in invitations
    )
    answers, chosen = [], []
    for response in responses:
        for question, value in random_answers(questions, rng).items():
            answer = Answer(response=response, question=question)
            if isinstance(value, list):
                chosen.append((answer, value))
            elif question.kind in Question.NUMERIC:
                answer.number = Decimal(value)
            elif isinstance(value, bool):
                answer.flag = value
            elif isinstance(value, datetime.date):
                answer.date = value
            else:
                answer.text = value
            answers.append(answer)
    Answer.objects.bulk_create(answers, batch_size=2000)
    Through = Answer.choices.through
    Through.objects.bulk_create(
        (Through(answer_id=answer.pk, choice_id=choice.pk) for answer, choices in chosen for choice in choices),
        batch_size=5000,
    )
    return len(answers), sum(len(choices) for _, choices in chosen)


def make_curator():
    from django.contrib.auth.models import Group

    from mentoring import roles
    from mentoring.models import User

    curator = User.objects.create_user("bench-curator", password=None, last_name="Куратова", first_name="Анна")
    curator.groups.set(Group.objects.filter(name=roles.CURATOR))
    return curator


def report(label, seconds, extra=""):
    ms = [s * 1000 for s in seconds]
    print(
        f"  {label:<44} median {statistics.median(ms):7.1f} ms   p95 {percentile(ms, 95):7.1f} ms"
        f"   max {max(ms):7.1f} ms{extra}"
    )


def timed(get, url, runs, check):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        status, content = get(url)
        times.append(time.perf_counter() - started)
        assert status == 200 and check(content), (url, status)
    return times


def main():
    url, name = database_url()
    rng = random.Random(43)
    create_database(url, name)
    workdir = Path(tempfile.mkdtemp(prefix="bench-survey-results-"))
    env = production_environment(url, workdir / "static")
    try:
        set_up_django(env)
        from django.db import connection, connections
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        year, people = seed_school(RESPONSES, rng)
        survey = open_survey(year)
        started = time.perf_counter()
        answers, options = seed_responses(survey, people, rng)
        curator = make_curator()
        print(
            f"{RESPONSES} responses to «{survey.title}»: {answers} answers, {options} chosen options"
            f" (seeded in {time.perf_counter() - started:.1f} s)"
        )
        pages = {
            "results page": (f"/surveys/{survey.pk}/results/", f'data-testid="response-count">{RESPONSES}<'.encode()),
            "responses list (first page)": (f"/surveys/{survey.pk}/responses/", b"<table"),
            "Excel export of all answers": (f"/surveys/{survey.pk}/answers.xlsx", b"PK"),
        }

        client = Client(SERVER_NAME="127.0.0.1")  # the production ALLOWED_HOSTS; no test instrumentation
        client.force_login(curator)

        def get_in_process(path):
            response = client.get(path)
            return response.status_code, response.content

        print(f"in process (Django test client), after a warm-up; {RUNS} requests each ({EXPORT_RUNS} of the export):")
        for label, (path, marker) in pages.items():
            get_in_process(path)
            with CaptureQueriesContext(connection) as queries:
                status, content = get_in_process(path)
            count = len(queries)  # now: the next requests empty the connection's log
            assert status == 200 and marker in content, (path, status)
            runs = EXPORT_RUNS if path.endswith(".xlsx") else RUNS
            times = timed(get_in_process, path, runs, lambda content, marker=marker: marker in content)
            report(label, times, f"   {count} queries, {len(content) // 1024} KB")

        session = client.cookies["sessionid"].value
        connections.close_all()
        with gunicorn(env, WORKERS, 1, workdir / "gunicorn.log") as (port, _):
            browser = Browser(port)
            browser.cookies["sessionid"] = session

            def get_over_http(path):
                status, _, content, _ = browser.request("GET", path)
                browser.close()
                return status, content

            print(f"through gunicorn ({WORKERS} sync workers), after a warm-up of each worker; one request at a time:")
            for label, (path, marker) in pages.items():
                warm_up(port, [path] * WORKERS, browser.cookies)
                runs = EXPORT_RUNS if path.endswith(".xlsx") else RUNS
                times = timed(get_over_http, path, runs, lambda content, marker=marker: marker in content)
                report(label, times)
    finally:
        drop_database(url, name)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
