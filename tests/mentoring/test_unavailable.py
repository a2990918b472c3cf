import logging
from contextlib import contextmanager

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import IntegrityError, InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse

UNAVAILABLE_TEXT = "Сервис временно недоступен"
RETRY_TEXT = "Повторите через несколько секунд"


@contextmanager
def database_away(error=OperationalError):
    """Every query fails as it does while the database is away (undone before the test database is cleaned)."""

    def refuse(self, sql, params=None):
        raise error("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", refuse)
        yield


def error_records(caplog):
    return [record for record in caplog.records if record.levelno >= logging.ERROR]


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_page_whose_queries_fail_answers_503_and_asks_to_retry(client, personas, error):
    client.force_login(personas.curator)
    with database_away(error):
        response = client.get(reverse("people"))

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert UNAVAILABLE_TEXT in page
    assert RETRY_TEXT in page


def test_a_link_page_answers_503_to_a_student_who_submits_while_the_database_is_away(db, client):
    with database_away():
        response = client.post(reverse("survey_fill", args=["a" * 43]), {"request": "Хочу научиться программировать"})

    assert response.status_code == 503
    assert UNAVAILABLE_TEXT in response.content.decode()


def test_the_error_is_logged_once_with_its_cause(client, personas, caplog):
    client.force_login(personas.curator)
    with database_away(), caplog.at_level(logging.INFO):
        client.get(reverse("people"))

    [record] = error_records(caplog)
    assert record.status_code == 503
    assert "Connection refused" in record.getMessage()
    assert reverse("people") in record.getMessage()


def test_other_database_errors_stay_server_errors(personas):
    client = Client(raise_request_exception=False)
    client.force_login(personas.curator)
    with database_away(IntegrityError):
        response = client.get(reverse("people"))

    assert response.status_code == 500
    assert UNAVAILABLE_TEXT not in response.content.decode()


def test_an_error_in_a_middleware_after_the_view_answers_503_logged_once(personas, monkeypatch, caplog):
    """Logging in saves the session in SessionMiddleware, after the view has returned."""
    saved = SessionStore.save

    def save(self, must_create=False):
        if not must_create:
            raise OperationalError("server closed the connection unexpectedly")
        return saved(self, must_create=must_create)

    monkeypatch.setattr(SessionStore, "save", save)
    client = Client(raise_request_exception=False)

    with caplog.at_level(logging.INFO):
        response = client.post(reverse("login"), {"username": "curator", "password": "password"})

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert UNAVAILABLE_TEXT in response.content.decode()
    [record] = error_records(caplog)
    assert record.exc_info[0] is OperationalError


@pytest.mark.django_db(transaction=True)
def test_after_its_connection_dies_a_worker_answers_503_then_reconnects(client, personas):
    """A real broken connection: its backend is terminated, as a restart of PostgreSQL does."""
    client.force_login(personas.curator)
    assert client.get(reverse("people")).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        [pid] = cursor.fetchone()
    killer = connection.get_new_connection(connection.get_connection_params())
    try:
        killer.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        killer.close()

    assert client.get(reverse("people")).status_code == 503
    assert connection.connection is None

    response = client.get(reverse("people"))
    assert response.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] != pid


def test_healthz_answers_503_while_the_database_is_away(db, client):
    with database_away():
        assert client.get(reverse("healthz")).status_code == 503
