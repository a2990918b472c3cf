"""Uploaded scans and materials: the content decides the type, the size is limited, the stored name is ours."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from participants import uploads
from participants.models import Consent, TrainingEvent, TrainingMaterial
from tests.factories import make_person
from tests.participants.conftest import JPEG, PDF, PNG

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode."
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
TEXT = "Согласие на обработку персональных данных".encode()


def office(main_part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return buffer.getvalue()


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


@pytest.fixture
def person(db):
    return make_person(last_name="Ильина", first_name="Ольга", kind="teacher")


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()]


def add_consent(client, person, name, content, content_type="application/pdf"):
    data = {
        "kind": "personal_data",
        "given_by": "self",
        "given_on": "2026-09-01",
        "scan": SimpleUploadedFile(name, content, content_type=content_type),
    }
    return client.post(reverse("consent_add", args=[person.pk]), data)


@pytest.mark.parametrize(
    "name, content, extension",
    [("scan.pdf", PDF, ".pdf"), ("photo.jpeg", JPEG, ".jpg"), ("photo.png", PNG, ".png")],
)
def test_a_pdf_jpeg_or_png_scan_is_accepted_by_its_content(curator_client, person, media, name, content, extension):
    response = add_consent(curator_client, person, name, content)
    assert response.status_code == 302
    consent = Consent.objects.get(person=person)
    assert consent.scan.name.endswith(extension)
    assert (media / consent.scan.name).read_bytes() == content


def test_a_scan_is_stored_with_the_extension_of_its_content_not_of_its_name(curator_client, person):
    add_consent(curator_client, person, "scan.png", PDF, content_type="image/png")
    assert Consent.objects.get(person=person).scan.name.endswith(".pdf")


@pytest.mark.parametrize(
    "name, content",
    [("scan.pdf", EXE), ("scan.pdf", TEXT), ("scan.pdf", HTML), ("scan.jpg", HTML), ("scan.exe", EXE)],
)
def test_it_refuses_a_renamed_exe_text_or_html(curator_client, person, media, name, content):
    response = add_consent(curator_client, person, name, content)
    assert response.status_code == 200
    assert "Файл не похож на PDF, JPEG или PNG." in response.content.decode()
    assert not Consent.objects.exists()
    assert stored_files(media) == []


def test_the_browsers_content_type_is_not_trusted(curator_client, person):
    response = add_consent(curator_client, person, "scan.pdf", EXE, content_type="application/pdf")
    assert "Файл не похож на PDF, JPEG или PNG." in response.content.decode()


def test_it_refuses_a_file_over_the_limit(curator_client, person, settings, media):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    response = add_consent(curator_client, person, "scan.pdf", PDF + b"0" * 1024 * 1024)
    assert "Файл больше 1 МБ." in response.content.decode()
    assert not Consent.objects.exists()
    assert stored_files(media) == []


def test_the_stored_name_is_random_and_keeps_nothing_of_the_uploaders_path(curator_client, person, media):
    add_consent(curator_client, person, "../../etc/Ильина паспорт.pdf", PDF)
    add_consent(curator_client, make_person(kind="teacher"), "../../etc/Ильина паспорт.pdf", PDF)
    names = list(Consent.objects.values_list("scan", flat=True))
    assert all(re.fullmatch(r"consents/\d{4}/[0-9a-f]{32}\.pdf", name) for name in names), names
    assert len(set(names)) == 2
    assert all(path.is_relative_to(media / "consents") for path in stored_files(media))


@pytest.fixture
def event(year):
    return TrainingEvent.objects.create(year=year, kind="induction", title="Роль наставника", held_on="2026-10-01")


def add_material(client, event, name, content):
    data = {"title": "Презентация", "file": SimpleUploadedFile(name, content, content_type="application/octet-stream")}
    return client.post(reverse("training_material_add", args=[event.pk]), data)


@pytest.mark.parametrize(
    "name, content, extension",
    [
        ("slides.pdf", PDF, ".pdf"),
        ("plan.docx", office("word/document.xml"), ".docx"),
        ("list.xlsx", office("xl/workbook.xml"), ".xlsx"),
        ("slides.pptx", office("ppt/presentation.xml"), ".pptx"),
        ("notes.txt", TEXT, ".txt"),
        ("photo.png", PNG, ".png"),
    ],
)
def test_materials_may_also_be_office_documents_and_plain_text(curator_client, event, name, content, extension):
    response = add_material(curator_client, event, name, content)
    assert response.status_code == 302
    assert TrainingMaterial.objects.get(event=event).file.name.endswith(extension)


@pytest.mark.parametrize(
    "name, content",
    [
        ("archive.docx", plain_zip()),
        ("broken.docx", b"PK\x03\x04garbage"),
        ("page.txt", b"\x00\x01binary"),
        ("x.html", HTML),
    ],
)
def test_a_zip_that_is_no_office_document_or_binary_text_is_refused_as_material(curator_client, event, name, content):
    response = add_material(curator_client, event, name, content)
    assert response.status_code == 200
    assert "Файл не похож на PDF, DOCX, XLSX, PPTX, JPEG, PNG или TXT." in response.content.decode()
    assert not TrainingMaterial.objects.exists()


def test_plain_text_is_not_a_scan_even_when_named_txt():
    with pytest.raises(ValidationError, match="не похож"):
        uploads.check(SimpleUploadedFile("scan.txt", TEXT), uploads.SCAN_TYPES)


def test_a_checked_file_is_renamed_to_its_true_extension():
    file = SimpleUploadedFile("скан.exe.png", PDF)
    assert uploads.check(file, uploads.SCAN_TYPES) is uploads.PDF
    assert file.name == "скан.exe.pdf"
