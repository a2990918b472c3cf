"""Every URL pattern of the project against every role, with the outcome the access policy sets
(``tests/security/matrix.py``): a new URL without an entry fails, a refused request changes
nothing, and no page shows the students of 8Б to anybody but management."""

import io
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentoring import pdf
from surveys.models import Invitation
from tests.security import matrix
from tests.security.matrix_world import SECRET_SURNAMES, build
from tests.surveys.conftest import invite

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Every row of these apps' tables is compared before and after a role's refused requests.
TRACKED_APPS = {"auth", "mentoring", "participants", "surveys", "pairs", "reports"}


def pdf_from_html(html, request=None):
    """Rendering is proven by the documents' own tests; here a document's HTML stands for its
    PDF, so what the document shows is searched like a page."""
    return b"%PDF-1.4\n" + html.encode()


@pytest.fixture
def world(personas, year, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(pdf, "render_html", pdf_from_html)
    world = build(personas, year)
    world.users = {
        matrix.TEACHER: personas.teacher,
        matrix.CLASS_LEADER: personas.class_leader,
        matrix.MENTOR: personas.mentor,
        matrix.ADMINISTRATION: personas.director,
        matrix.CURATOR: personas.curator,
    }
    return world


def client_for(role, world):
    """A browser of ``role``: logged in, or holding the personal link it has opened."""
    client = Client()
    if role == matrix.LINK_HOLDER:
        assert client.get(reverse("survey_fill", args=[world.link.token])).status_code == 200
    elif role in world.users:
        client.force_login(world.users[role])
    return client


def content_of(response):
    """The response's text as bytes: a workbook's cells, a download's bytes, a page's HTML.
    (Reading a download to its end closes it, as the test client does.)"""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith(XLSX):
        workbook = load_workbook(io.BytesIO(content), read_only=True)
        cells = (str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row)
        return " ".join(cells).encode()
    return content


def snapshot():
    """Every row of the tracked tables, table by table."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label in TRACKED_APPS
    }


def check(client, role, world, method, url, expected, fresh_session=False):
    """None if ``role`` gets ``expected``, else what went wrong. An allowed request is undone
    once answered, so every request meets the same school; a refused one is kept, so that the
    role's snapshot shows whether it changed anything."""
    label = f"{role} {method.upper()} {url}"
    try:
        with transaction.atomic():
            sender = client_for(role, world) if fresh_session else client
            response = getattr(sender, method)(url)
            got = matrix.outcome(response, method)
            content = content_of(response)
            if expected == matrix.OK:
                transaction.set_rollback(True)
    except Exception as error:
        return f"{label} expected {expected}, raised {type(error).__name__}: {error}"
    if got != expected:
        return f"{label} expected {expected} got {got} ({response.status_code})"
    shown = [name for name in SECRET_SURNAMES if name.encode() in content]
    if shown and role not in matrix.SEES_EVERYONE and got == matrix.OK:
        return f"{label} shows students of 8Б: {', '.join(shown)}"
    return None


def test_every_url_pattern_has_an_entry_and_every_entry_a_pattern():
    keys = {key for _route, key, in_admin in matrix.url_patterns() if not in_admin}
    missing = sorted(keys - matrix.MATRIX.keys())
    stale = sorted(matrix.MATRIX.keys() - keys)
    assert not missing, f"URL patterns without an entry in the authorization matrix: {missing}"
    assert not stale, f"Entries of the authorization matrix without a URL pattern: {stale}"


def test_every_entry_is_tried_with_a_known_outcome_for_each_role():
    """A misspelt role or outcome in the matrix would otherwise go untried."""
    for key, entry in matrix.MATRIX.items():
        assert entry.checks(), key
        for method, rules in entry.checks():
            assert set(rules) == set(matrix.ROLES), (key, method)
            assert set(rules.values()) <= {matrix.OK, matrix.LOGIN, matrix.FORBIDDEN, matrix.NOT_FOUND}, key


@pytest.mark.parametrize("role", matrix.ROLES)
def test_each_url_answers_the_role_as_the_policy_says(world, role):
    client = client_for(role, world)
    before = snapshot()
    problems = []
    for key, entry in matrix.MATRIX.items():
        url = matrix.url_of(key, world)
        for method, rules in entry.checks():
            problems.append(check(client, role, world, method, url, rules[role], entry.fresh_session))
    for url, rules in matrix.admin_checks(world.users[matrix.CURATOR]):
        problems.append(check(client, role, world, "get", url, rules[role]))
    after = snapshot()
    if changed := [label for label in before if before[label] != after[label]]:
        problems.append(f"{role}: refused requests changed {', '.join(changed)}")
    problems = [problem for problem in problems if problem]
    assert not problems, f"{len(problems)} mismatch(es):\n" + "\n".join(problems)


def test_a_personal_link_that_cannot_be_used_says_so_and_shows_no_form(world):
    client = Client()
    survey, other = world.survey, world.other_mentee.person
    revoked = invite(survey, other, Invitation.Respondent.PARENT, revoked_at=timezone.now())
    expired = invite(survey, other, Invitation.Respondent.CLASS_LEADER, expires_at=timezone.now() - timedelta(days=1))
    for invitation, status in ((revoked, 410), (expired, 410), (world.answered, 200)):
        response = client.get(reverse("survey_fill", args=[invitation.token]))
        assert response.status_code == status, invitation
        assert "form" not in response.context, invitation
        assert "Хочу разобраться в алгебре" not in response.content.decode()
    assert client.get(reverse("survey_fill", args=["x" * 43])).status_code == 404
    assert client.get(reverse("survey_open_fill", args=["x" * 43])).status_code == 404
    assert client.get(reverse("survey_open_done", args=["x" * 43])).status_code == 404
    survey.stopped = True
    survey.save(update_fields=["stopped"])
    assert client.get(reverse("survey_fill", args=[world.link.token])).status_code == 410
    assert client.get(reverse("survey_open_fill", args=[survey.open_token])).status_code == 410


def test_the_class_leader_and_the_mentor_reach_their_own_but_not_through_them_anothers(client, world):
    """The matrix's 404s are about the object: the same pages open for one's own class and pair,
    and an own pair's address does not lead to another pair's meeting."""
    client.force_login(world.users[matrix.CLASS_LEADER])
    own_student = world.own_mentee.person
    assert client.get(reverse("person", args=[own_student.pk])).status_code == 200
    assert client.get(reverse("request_note_add", args=[world.own_mentee.pk])).status_code == 200
    assert client.get(reverse("survey_class", args=[world.survey.pk, world.seventh.pk])).status_code == 200
    assert client.get(reverse("class_pairs_sheet", args=[world.seventh.pk])).status_code == 200
    assert client.get(reverse("consent_scan", args=[world.own_consent.pk])).status_code == 200

    client.force_login(world.users[matrix.MENTOR])
    own_pair = world.own_pair.pk
    assert client.get(reverse("mentorship", args=[own_pair])).status_code == 200
    assert client.get(reverse("programme", args=[own_pair])).status_code == 200
    assert client.get(reverse("meeting_edit", args=[own_pair, world.own_meeting.pk])).status_code == 200
    assert client.get(reverse("person", args=[own_student.pk])).status_code == 200
    assert client.get(reverse("meeting_edit", args=[own_pair, world.meeting.pk])).status_code == 404
    before = snapshot()
    data = {"held": "true", "held_on": "2026-11-02", "duration": "45", "format": "in_person", "topic": "Чужая"}
    assert client.post(reverse("meeting_edit", args=[own_pair, world.meeting.pk]), data).status_code == 404
    assert snapshot() == before


def test_a_mentor_reads_the_mentees_card_but_not_the_consent_its_family_signed(client, world):
    client.force_login(world.users[matrix.MENTOR])
    scan_url = reverse("consent_scan", args=[world.own_consent.pk])
    card = client.get(reverse("person", args=[world.own_mentee.person_id]))
    assert card.status_code == 200
    assert scan_url not in card.content.decode() and "скан загружен" in card.content.decode()
    assert client.get(scan_url).status_code == 404
    client.force_login(world.users[matrix.CLASS_LEADER])
    assert scan_url in client.get(reverse("person", args=[world.own_mentee.person_id])).content.decode()
