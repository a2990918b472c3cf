import pytest
from django.db import OperationalError
from django.db.backends.utils import CursorWrapper
from django.urls import reverse


@pytest.mark.django_db
def test_it_answers_200_when_the_database_answers(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_it_answers_503_when_the_database_does_not(client, monkeypatch):
    def refuse(self, sql, params=None):
        raise OperationalError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", refuse)
    response = client.get(reverse("healthz"))
    assert response.status_code == 503


@pytest.mark.django_db
def test_it_refuses_post(client):
    assert client.post(reverse("healthz")).status_code == 405


@pytest.mark.django_db
def test_it_answers_head_for_probes(client):
    assert client.head(reverse("healthz")).status_code == 200
