"""Who may open which page built by the programme core: anonymous users log in, wrong roles get 403."""

import pytest
from django.urls import reverse

from tests.factories import make_activity, make_stage

READERS = {"curator", "director"}
CURATOR = {"curator"}


@pytest.fixture
def activity(year):
    return make_activity(make_stage(year))


def pages(activity):
    stage, start_year = activity.stage, activity.stage.year.start_year
    return [
        # (method, url, who may, status for them)
        ("get", reverse("roadmap"), READERS, 200),
        ("get", reverse("years"), READERS, 200),
        ("get", reverse("school"), READERS, 200),
        ("get", reverse("activity_edit", args=[activity.pk]), CURATOR, 200),
        ("get", reverse("activity_create", args=[stage.pk]), CURATOR, 200),
        ("post", reverse("activity_done", args=[activity.pk]), CURATOR, 302),
        ("post", reverse("activity_reopen", args=[activity.pk]), CURATOR, 302),
        ("post", reverse("roadmap_create", args=[start_year]), CURATOR, 302),
        ("post", reverse("roadmap_copy", args=[start_year]), CURATOR, 302),
        ("post", reverse("year_add"), CURATOR, 400),
        ("post", reverse("year_make_current", args=[start_year]), CURATOR, 302),
        ("post", reverse("activity_delete", args=[activity.pk]), CURATOR, 302),
    ]


def test_anonymous_users_are_sent_to_log_in(client, personas, activity):
    for method, url, _, _ in pages(activity):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("persona", ["curator", "director", "class_leader", "teacher", "mentor", "outsider"])
def test_each_role_gets_what_it_may(client, personas, activity, persona):
    client.force_login(getattr(personas, persona))
    username = getattr(personas, persona).username
    for method, url, allowed, status in pages(activity):
        response = getattr(client, method)(url)
        expected = status if username in allowed else 403
        assert response.status_code == expected, f"{persona} {method.upper()} {url}"


def test_the_home_page_needs_a_login_and_nothing_more(client, personas):
    assert client.get(reverse("home")).status_code == 302
    for persona in vars(personas).values():
        client.force_login(persona)
        assert client.get(reverse("home")).status_code == 200


@pytest.mark.parametrize("persona, may", [("curator", True), ("director", False), ("teacher", False)])
def test_the_admin_is_for_the_curator(client, personas, persona, may):
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("admin:index"))
    assert (response.status_code == 200) is may


def test_healthz_needs_no_login(client, db):
    assert client.get(reverse("healthz")).status_code == 200
