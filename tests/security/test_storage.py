"""Uploads go through the configured storage backend: nothing assumes the application's own disk."""

from django.core.files.storage import InMemoryStorage, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants.models import Consent
from tests.factories import make_person
from tests.participants.conftest import PDF


def test_a_scan_is_kept_and_served_by_another_storage_backend(curator_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}
    person = make_person(last_name="Ильина", first_name="Ольга", kind="teacher")
    data = {
        "kind": "personal_data",
        "given_by": "self",
        "given_on": "2026-09-01",
        "scan": SimpleUploadedFile("scan.pdf", PDF, content_type="application/pdf"),
    }
    assert curator_client.post(reverse("consent_add", args=[person.pk]), data).status_code == 302

    consent = Consent.objects.get(person=person)
    assert isinstance(default_storage._wrapped, InMemoryStorage)
    assert default_storage.exists(consent.scan.name)
    assert not any(tmp_path.iterdir())  # nothing on the application's disk

    response = curator_client.get(reverse("consent_scan", args=[consent.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
