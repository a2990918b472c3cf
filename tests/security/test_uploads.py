"""Every upload point, proven: size limits, types told by content, random stored names inside
MEDIA_ROOT, safe download names, downloads only to those who may read them, and no way to reach
an uploaded file as a public static file.

The upload points are found twice — from the models' file fields and from the views that read
``request.FILES`` — so a new one that this module does not know fails here first.
"""

import datetime
import inspect
import io
import re
import urllib.parse
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.urls.exceptions import Resolver404
from django.utils import timezone
from django.views import static
from PIL import Image

from mentoring import filetypes
from mentoring.body_limit import BodySizeLimitMiddleware
from mentoring.models import Material, Publication, PublicationFile
from mentoring.storage import PrivateUploadTo
from participants import importing, uploads
from participants.models import Consent, PeopleImport, TrainingEvent, TrainingMaterial
from tests.factories import make_act, make_consent, make_person, make_user
from tests.pairs.conftest import forms, school  # noqa: F401  fixtures: a school with two pairs
from tests.participants.conftest import PDF, PNG
from tests.participants.xlsx import make_xlsx, student
from tests.reports.publishing_helpers import appear, child, make_publication

MB = 1024 * 1024
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00This program cannot be run in DOS mode.\r\n"
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
# A PDF reader finds «%PDF-» anywhere in the first kilobyte; a browser sees a page with a script.
HTML_BEFORE_PDF = b"<html><script>alert(document.cookie)</script><!--\n" + PDF
GIF_WITH_SCRIPT = b"GIF89a/*<svg onload=alert(1)>*/=1;alert(document.cookie);"


def plain_zip():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.html", HTML)
    return buffer.getvalue()


def real_png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, "PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# The table of upload points
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoredFile:
    """A model's file field: the upload points that fill it and the view that serves it."""

    uploads: tuple
    download: str | None = None
    why_none: str = ""


FILE_FIELDS = {
    "participants.Consent.scan": StoredFile(("consent_add", "consent_scan_upload"), "consent_scan"),
    "participants.TrainingMaterial.file": StoredFile(("training_material_add",), "training_material"),
    "mentoring.Material.file": StoredFile(("material_add", "material_edit"), "material_file"),
    "mentoring.PublicationFile.file": StoredFile(("publication_file_add",), "publication_file"),
    "mentoring.NormativeAct.scan": StoredFile(("act_scan",), "act_scan_download"),
    "mentoring.NormativeAct.pdf": StoredFile((), why_none="rendered by the application when the act is signed"),
    "mentoring.NormativeAct.public_pdf": StoredFile((), why_none="the site's copy, rendered by the application"),
}

SCAN_REFUSED = "Файл не похож на PDF, JPEG или PNG."
TRAINING_REFUSED = "Файл не похож на PDF, DOCX, XLSX, PPTX, JPEG, PNG или TXT."
MATERIAL_REFUSED = "Файл не похож ни на один из разрешённых видов"
IMPORT_REFUSED = "Это не файл Excel (.xlsx)"
EMPTY_REFUSED = "Отправленный файл пуст."


@dataclass(frozen=True)
class Point:
    """An upload point: its URL (name and the world's object it takes), the form's file field and
    other fields, the setting that limits it, where a stored file lands, the refusal of a file of
    a wrong type."""

    url_name: str
    file_field: str
    limit: str
    refused: str
    stored_in: str | None = None
    folder: str | None = None
    target: str | None = None
    fields: dict = field(default_factory=dict)

    def url(self, world):
        return reverse(self.url_name, args=[getattr(world, self.target).pk] if self.target else [])


POINTS = {
    point.url_name: point
    for point in [
        Point(
            "consent_add",
            "scan",
            "UPLOAD_MAX_BYTES",
            SCAN_REFUSED,
            "participants.Consent.scan",
            "consents",
            target="adult",
            fields={"kind": "personal_data", "given_by": "self", "given_on": "2026-09-01"},
        ),
        Point(
            "consent_scan_upload",
            "scan",
            "UPLOAD_MAX_BYTES",
            SCAN_REFUSED,
            "participants.Consent.scan",
            "consents",
            target="unscanned",
        ),
        Point("act_scan", "scan", "UPLOAD_MAX_BYTES", SCAN_REFUSED, "mentoring.NormativeAct.scan", "acts", "act"),
        Point(
            "training_material_add",
            "file",
            "UPLOAD_MAX_BYTES",
            TRAINING_REFUSED,
            "participants.TrainingMaterial.file",
            "training",
            target="event",
            fields={"title": "Памятка наставника"},
        ),
        Point(
            "material_add",
            "file",
            "MATERIAL_UPLOAD_MAX_BYTES",
            MATERIAL_REFUSED,
            "mentoring.Material.file",
            "materials",
            fields={"title": "Адаптация пятиклассников", "kind": "recommendation", "tags": ""},
        ),
        Point(
            "material_edit",
            "file",
            "MATERIAL_UPLOAD_MAX_BYTES",
            MATERIAL_REFUSED,
            "mentoring.Material.file",
            "materials",
            target="material",
            fields={"title": "Памятка", "kind": "recommendation", "tags": ""},
        ),
        Point(
            "publication_file_add",
            "file",
            "MATERIAL_UPLOAD_MAX_BYTES",
            MATERIAL_REFUSED,
            "mentoring.PublicationFile.file",
            "publications",
            target="draft",
            fields={"title": "", "alt": ""},
        ),
        Point("people_import", "file", "IMPORT_MAX_BYTES", IMPORT_REFUSED),
    ]
}
FILE_POINTS = [name for name, point in POINTS.items() if point.stored_in]
# Each limit its own size, so a point checking another point's limit is caught.
LIMITS = {"UPLOAD_MAX_BYTES": 1 * MB, "MATERIAL_UPLOAD_MAX_BYTES": 2 * MB, "IMPORT_MAX_BYTES": 3 * MB}


# ---------------------------------------------------------------------------------------------
# The world and the helpers
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    """Uploaded files go to ``tmp_path/media``; anything written beside it escaped MEDIA_ROOT."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def limits(settings):
    for name, value in LIMITS.items():
        setattr(settings, name, value)
    return LIMITS


@pytest.fixture
def world(media, personas, school, year):  # noqa: F811
    """An object for every upload point and every download: consents with scans of a student of
    7А (the class leader's, in the ``mentor`` user's pair) and of 10Б (another class, another
    mentor's pair), a signed act, materials, a training event, publications."""
    anna_consent = make_consent(school.anna.person, given_by="representative", scan=SimpleUploadedFile("a.pdf", PDF))
    vera_consent = make_consent(school.vera.person, given_by="representative", scan=SimpleUploadedFile("v.pdf", PDF))
    act = make_act(year, scan=SimpleUploadedFile("act.pdf", PDF))
    event = TrainingEvent.objects.create(
        year=year, kind="induction", title="Роль наставника", held_on=datetime.date(2026, 10, 1)
    )
    training = TrainingMaterial.objects.create(event=event, title="Памятка", file=SimpleUploadedFile("t.pdf", PDF))
    material = Material.objects.create(
        title="Памятка", file=SimpleUploadedFile("m.pdf", PDF), file_name="Памятка.pdf", created_by=personas.curator
    )
    draft = make_publication("Черновик", status=Publication.Status.DRAFT)
    return SimpleNamespace(
        personas=personas,
        school=school,
        adult=make_person(last_name="Ильина", first_name="Ольга", kind="teacher"),
        unscanned=make_consent(make_person(last_name="Орлова", kind="teacher")),
        anna_consent=anna_consent,
        vera_consent=vera_consent,
        act=act,
        event=event,
        training=training,
        material=material,
        draft=draft,
        draft_file=attach(draft, "черновик.pdf", PDF),
    )


def attach(publication, file_name, content, stored_as=".pdf", is_image=False):
    """A file of ``publication`` stored as it is (not through the form), named ``file_name``."""
    attached = PublicationFile(publication=publication, file_name=file_name, size=len(content), is_image=is_image)
    attached.file.save(f"file{stored_as}", ContentFile(content), save=False)
    attached.save()
    return attached


def model_field(label):
    app_model, name = label.rsplit(".", 1)
    return apps.get_model(app_model), name


def stored_names():
    """Every stored file name of every known file field, and the import uploads kept."""
    names = {}
    for label in FILE_FIELDS:
        model, name = model_field(label)
        names[label] = set(model.objects.exclude(**{name: ""}).values_list(name, flat=True))
    names["imports"] = set(PeopleImport.objects.values_list("pk", flat=True))
    return names


def files_under(root):
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def filename_parameter(name):
    """The file name as a browser sends it, quoted (in UTF-8); one with quotes, backslashes or
    control characters in the RFC 2231 form, which carries them through the header to the parser."""
    if name.isprintable() and not set(name) & set('"\\'):
        return f'filename="{name}"'
    return "filename*=UTF-8''" + urllib.parse.quote(name, safe="")


def post_file(client, url, file_field, name, content, fields=None):
    """POST a multipart form written byte by byte, so a hostile file name reaches Django's parser
    as an attacker would send it (the test client would take the path off the name itself).
    A redirect is followed once, to read the message it leads to."""
    boundary = "----upload-boundary-7MA4YWxkTrZu0gW"
    body = b""
    for key, value in (fields or {}).items():
        body += f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
    body += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; {filename_parameter(name)}\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    body += content + f"\r\n--{boundary}--\r\n".encode()
    response = client.generic("POST", url, body, content_type=f"multipart/form-data; boundary={boundary}")
    page = client.get(response["Location"]) if response.status_code == 302 else response
    return response, page.content.decode()


def upload(client, world, point, name, content):
    return post_file(client, point.url(world), point.file_field, name, content, point.fields)


def new_name(before, point):
    """The one file name the upload added to its point's field."""
    added = stored_names()[point.stored_in] - before[point.stored_in]
    assert len(added) == 1, f"{point.url_name}: expected one stored file, got {added}"
    return added.pop()


def download_url(label, stored):
    model, name = model_field(label)
    return reverse(FILE_FIELDS[label].download, args=[model.objects.get(**{name: stored}).pk])


DISPOSITION = re.compile(
    r"(?P<kind>attachment|inline); (?:filename=\"(?P<plain>[^\"\\]*)\"|filename\*=utf-8''(?P<encoded>[\w%.~/-]+))"
)


def download_name(response):
    """(attachment or inline, the file name) of a download, proving the header is one safe line."""
    disposition = response["Content-Disposition"]
    match = DISPOSITION.fullmatch(disposition)
    assert match, f"unsafe Content-Disposition: {disposition!r}"
    name = match["plain"] if match["plain"] is not None else urllib.parse.unquote(match["encoded"])
    assert not re.search(r'[\x00-\x1f\x7f"/\\\u2028\u2029\u202a-\u202e\u2066-\u2069]', name), repr(name)
    assert 0 < len(name) <= 210 and not name.startswith("."), repr(name)
    return match["kind"], name


def assert_private_download(response, content, content_type):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert download_name(response)[0] == "attachment"


# ---------------------------------------------------------------------------------------------
# Every upload point is known
# ---------------------------------------------------------------------------------------------


def test_every_file_field_of_every_model_is_in_the_table_and_stored_under_random_names():
    found = {
        f"{model._meta.label}.{model_field.name}"
        for model in apps.get_models()
        for model_field in model._meta.get_fields()
        if isinstance(model_field, models.FileField)
    }
    assert found == set(FILE_FIELDS), "a file field was added or removed: describe it in FILE_FIELDS"
    for label in FILE_FIELDS:
        model, name = model_field(label)
        assert isinstance(model._meta.get_field(name).upload_to, PrivateUploadTo), label
    for label, stored in FILE_FIELDS.items():
        assert set(stored.uploads) <= set(POINTS), label
        assert stored.download or stored.why_none, label


def _patterns(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern


def test_every_view_reading_uploaded_files_is_an_upload_point_of_the_table():
    reading = {
        pattern.name
        for _route, pattern in _patterns(get_resolver())
        if not pattern.lookup_str.startswith("django.contrib.admin")
        and inspect.isfunction(inspect.unwrap(pattern.callback))
        and "request.FILES" in inspect.getsource(inspect.unwrap(pattern.callback))
    }
    assert reading == set(POINTS)
    assert {point.url_name for point in POINTS.values() if point.stored_in} == {
        name for stored in FILE_FIELDS.values() for name in stored.uploads
    }


def test_no_admin_form_takes_a_file(personas):
    """Uploads pass the checks of the upload points only: the admin offers no file field."""
    request = RequestFactory().get("/admin/")
    request.user = make_user("root", is_superuser=True, is_staff=True)
    for model, model_admin in admin.site._registry.items():
        form = model_admin.get_form(request)
        assert not [
            name
            for name, form_field in form.base_fields.items()
            if hasattr(form_field, "widget") and form_field.widget.needs_multipart_form
        ], model


# ---------------------------------------------------------------------------------------------
# Size limits
# ---------------------------------------------------------------------------------------------


def over_limit_content(point, size):
    return (PDF if point.stored_in else b"PK\x03\x04").ljust(size, b"0")


@pytest.mark.parametrize("point", POINTS.values(), ids=POINTS)
def test_a_file_over_its_limit_is_refused_unread_with_the_limit_named_and_nothing_stored(
    curator_client, world, media, limits, point, monkeypatch
):
    def unread(*args, **kwargs):
        raise AssertionError("a file over the limit was read")

    monkeypatch.setattr(filetypes, "detect", unread)
    monkeypatch.setattr(uploads, "detect", unread)
    monkeypatch.setattr(importing, "read_people", unread)
    before, on_disk = stored_names(), files_under(media.parent)

    response, page = upload(
        curator_client, world, point, "большой.pdf", over_limit_content(point, limits[point.limit] + 1)
    )

    assert response.status_code in (200, 302, 400)
    assert f"Файл больше {limits[point.limit] // MB} МБ" in page
    assert stored_names() == before
    assert files_under(media.parent) == on_disk


@pytest.mark.parametrize("point", [POINTS[name] for name in FILE_POINTS], ids=FILE_POINTS)
def test_a_file_of_exactly_the_limit_is_accepted(curator_client, world, limits, point):
    before = stored_names()
    upload(curator_client, world, point, "ровно.pdf", PDF.ljust(limits[point.limit], b"0"))
    assert new_name(before, point)


def test_the_import_accepts_a_workbook_under_its_limit(curator_client, world, limits):
    point = POINTS["people_import"]
    response, _page = upload(curator_client, world, point, "люди.xlsx", make_xlsx([student(school_class="7А")]))
    assert response.status_code == 302
    assert PeopleImport.objects.count() == 1


@pytest.fixture
def body_limit(settings):
    """The request body cap, which the settings put before anything that reads the request."""
    path = "mentoring.body_limit.BodySizeLimitMiddleware"
    middleware = list(settings.MIDDLEWARE)
    assert path in middleware
    assert middleware.index(path) < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    return path


class Unreadable(io.RawIOBase):
    def read(self, *args):
        raise AssertionError("the body of a request over the cap was read")

    readline = read


def test_a_body_larger_than_any_upload_is_refused_before_it_is_read(
    client, personas, limits, settings, body_limit, django_assert_num_queries
):
    client.force_login(personas.curator)
    too_large = max(limits.values()) + settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    with django_assert_num_queries(0):
        response = client.generic(
            "POST",
            reverse("material_add"),
            b"",
            content_type="multipart/form-data; boundary=x",
            CONTENT_LENGTH=str(too_large),
            **{"wsgi.input": Unreadable()},
        )
    assert response.status_code == 413
    page = response.content.decode()
    assert "Файл слишком большой" in page and "не больше 3 МБ" in page
    assert not Material.objects.filter(title="Адаптация пятиклассников").exists()


def test_a_body_within_the_cap_reaches_the_form_and_its_own_limit(curator_client, world, limits, body_limit):
    point = POINTS["consent_scan_upload"]
    response, page = upload(curator_client, world, point, "скан.pdf", PDF.ljust(2 * MB, b"0"))
    assert response.status_code == 200
    assert "Файл больше 1 МБ." in page


def test_the_body_cap_leaves_a_request_without_a_body_alone(client, personas, body_limit):
    client.force_login(personas.curator)
    assert client.get(reverse("materials")).status_code == 200
    assert BodySizeLimitMiddleware(lambda request: "passed")(RequestFactory().get("/", CONTENT_LENGTH="x")) == "passed"


# ---------------------------------------------------------------------------------------------
# Types told by content
# ---------------------------------------------------------------------------------------------

WRONG_FILES = {
    "html renamed pdf": ("документ.pdf", HTML),
    "svg with script renamed pdf": ("документ.pdf", SVG),
    "svg renamed png": ("picture.png", SVG),
    "exe renamed jpg": ("photo.jpg", EXE),
    "html in front of a pdf": ("document.pdf", HTML_BEFORE_PDF),
    "gif with script renamed png": ("picture.png", GIF_WITH_SCRIPT),
    "zip of html renamed docx": ("plan.docx", plain_zip()),
    "html renamed xlsx": ("people.xlsx", HTML),
}


@pytest.mark.parametrize("point", POINTS.values(), ids=POINTS)
@pytest.mark.parametrize("name, content", WRONG_FILES.values(), ids=WRONG_FILES)
def test_a_file_whose_content_is_not_an_accepted_type_is_refused(curator_client, world, media, point, name, content):
    before, on_disk = stored_names(), files_under(media.parent)
    response, page = upload(curator_client, world, point, name, content)
    assert response.status_code in (200, 302, 400)
    assert point.refused in page
    assert stored_names() == before
    assert files_under(media.parent) == on_disk


@pytest.mark.parametrize(
    "name, content",
    [("people.xlsx", PDF), ("people.xlsx", "Фамилия;Имя\nОрлов;Пётр\n".encode()), ("people.xlsx", plain_zip())],
)
def test_a_file_that_is_no_workbook_is_refused_by_the_import(curator_client, world, media, name, content):
    before, on_disk = stored_names(), files_under(media.parent)
    response, page = upload(curator_client, world, POINTS["people_import"], name, content)
    assert response.status_code == 400
    assert IMPORT_REFUSED in page
    assert stored_names() == before and files_under(media.parent) == on_disk


@pytest.mark.parametrize("point", POINTS.values(), ids=POINTS)
def test_an_empty_file_is_refused(curator_client, world, media, point):
    before, on_disk = stored_names(), files_under(media.parent)
    _response, page = upload(curator_client, world, point, "пустой.pdf", b"")
    assert EMPTY_REFUSED in page
    assert stored_names() == before
    assert files_under(media.parent) == on_disk


# ---------------------------------------------------------------------------------------------
# Hostile file names
# ---------------------------------------------------------------------------------------------

HOSTILE_NAMES = {
    "parent folders": "../../etc/passwd.pdf",
    "windows parent folders": "..\\..\\x.pdf",
    "absolute": "/etc/x.pdf",
    "windows absolute": "C:\\Windows\\System32\\x.pdf",
    "nul byte": "scan\x00.exe.pdf",
    "500 characters": "a" * 496 + ".pdf",
    "250 cyrillic characters": "я" * 246 + ".pdf",
    "line breaks": "scan\r\nSet-Cookie: session=stolen.pdf",
    "quotes": 'scan"; filename="evil.html',
    "cyrillic": "Ильина паспорт.pdf",
    "double extension": "scan.pdf.exe",
    "no extension": "scan",
    "svg extension": "scan.svg",
    "html extension": "Index.HTML",
    "right-to-left override": "scan\u202efdp.exe",
    "only dots and a suffix": "...pdf",
}


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES)
@pytest.mark.parametrize("point_name", FILE_POINTS)
def test_a_hostile_name_gives_a_random_name_inside_media_root_with_the_checked_extension(
    curator_client, world, media, point_name, name
):
    point = POINTS[point_name]
    before = stored_names()

    upload(curator_client, world, point, name, PDF)

    stored = new_name(before, point)
    assert re.fullmatch(rf"{point.folder}/\d{{4}}/[0-9a-f]{{32}}\.pdf", stored), stored
    path = (media / stored).resolve()
    assert path.is_relative_to(media.resolve()) and path.read_bytes() == PDF
    assert [name for name in files_under(media.parent) if not name.startswith("media/")] == []
    response = curator_client.get(download_url(point.stored_in, stored))
    assert_private_download(response, PDF, "application/pdf")
    assert download_name(response)[1].endswith(".pdf")


@pytest.mark.parametrize(
    "point_name, expected",
    [("material_add", "Ильина паспорт.pdf"), ("publication_file_add", "Ильина паспорт.pdf")],
)
def test_the_uploaders_name_is_kept_for_the_download_where_it_is_the_files_name(
    curator_client, world, point_name, expected
):
    point = POINTS[point_name]
    before = stored_names()
    upload(curator_client, world, point, "../Ильина  паспорт.PDF", PDF)
    response = curator_client.get(download_url(point.stored_in, new_name(before, point)))
    assert download_name(response) == ("attachment", expected)


@pytest.mark.parametrize("name", ["..", ".", "\x00\x00", "/"])
def test_a_file_whose_name_is_nothing_but_a_path_is_not_taken(curator_client, world, media, name):
    point = POINTS["training_material_add"]
    before, on_disk = stored_names(), files_under(media.parent)
    _response, page = upload(curator_client, world, point, name, PDF)
    assert "Обязательное поле." in page
    assert stored_names() == before and files_under(media.parent) == on_disk


@pytest.mark.parametrize("name", HOSTILE_NAMES.values(), ids=HOSTILE_NAMES)
def test_the_import_keeps_no_path_or_control_character_of_a_hostile_name(curator_client, world, media, name):
    """The workbook is kept in the database until it is confirmed; its name is only shown."""
    on_disk = files_under(media.parent)
    response, _page = upload(
        curator_client, world, POINTS["people_import"], name, make_xlsx([student(school_class="7А")])
    )
    assert response.status_code == 302
    kept = PeopleImport.objects.get().file_name
    assert kept and not re.search(r"[\x00-\x1f/\\]", kept)
    assert files_under(media.parent) == on_disk


def test_the_stored_extension_is_the_usual_one_of_a_known_type_and_nothing_else():
    upload_to = PrivateUploadTo("consents")
    assert upload_to(None, "скан.JPEG").endswith(".jpg")
    assert upload_to(None, "c:\\x\\скан.pdf").endswith(".pdf")
    for name in ["x.html", "x.svg", "x.exe", "x.php", "x.pdf.html", "x", "x.", ".htaccess", "x.pdf\x00.html"]:
        assert re.fullmatch(r"consents/\d{4}/[0-9a-f]{32}", upload_to(None, name)), name


# ---------------------------------------------------------------------------------------------
# Download names and types
# ---------------------------------------------------------------------------------------------

HOSTILE_TITLES = [
    'Памятка"\r\nSet-Cookie: session=stolen',
    "Памятка\nContent-Type: text/html",
    "../../etc/passwd",
    "..\\..\\boot.ini",
    'a"b\\c\x00d\x7fe',
    "Отчёт\u202efdp.exe",
    "\u2028\u2029",
    "   ...   ",
    "я" * 500,
    "report.html",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_serve_gives_a_safe_one_line_download_name_with_the_true_extension(media, title):
    stored = default_storage.save("materials/2026/file.pdf", ContentFile(PDF))
    material = Material(title="x", file=stored)
    response = filetypes.serve(material.file, title)
    kind, name = download_name(response)
    assert kind == "attachment" and name.endswith(".pdf")


@pytest.mark.parametrize("title", HOSTILE_TITLES[:3])
def test_downloads_named_after_records_stay_safe_with_hostile_titles(curator_client, world, title):
    TrainingMaterial.objects.filter(pk=world.training.pk).update(title=title)
    Material.objects.filter(pk=world.material.pk).update(file_name=title)
    PublicationFile.objects.filter(pk=world.draft_file.pk).update(file_name=title)
    person = world.school.anna.person
    type(person).objects.filter(pk=person.pk).update(last_name=title)
    for url in [
        reverse("training_material", args=[world.training.pk]),
        reverse("material_file", args=[world.material.pk]),
        reverse("publication_file", args=[world.draft_file.pk]),
        reverse("consent_scan", args=[world.anna_consent.pk]),
    ]:
        response = curator_client.get(url)
        assert_private_download(response, PDF, "application/pdf")
        assert download_name(response)[1].endswith(".pdf"), url


@pytest.mark.parametrize("point_name", ["training_material_add", "material_add", "publication_file_add"])
def test_html_uploaded_as_text_is_downloaded_as_plain_text_never_shown_as_a_page(curator_client, world, point_name):
    point = POINTS[point_name]
    before = stored_names()
    upload(curator_client, world, point, "notes.txt", HTML)
    stored = new_name(before, point)
    assert stored.endswith(".txt")
    response = curator_client.get(download_url(point.stored_in, stored))
    assert_private_download(response, HTML, "text/plain; charset=utf-8")
    assert download_name(response)[1].endswith(".txt")


@pytest.mark.parametrize("stored_as, content", [(".html", HTML), (".svg", SVG), ("", HTML)])
def test_a_stored_file_of_no_known_type_is_only_ever_downloaded_as_bytes(
    client, curator_client, world, stored_as, content
):
    """A file stored before the checks, or by other means, under another extension: neither the
    public section (which shows pictures inline) nor the private download sends it as a page."""
    shown = attach(make_publication("Итоги года"), "page", content, stored_as, is_image=True)
    private = attach(world.draft, "page", content, stored_as)
    for response in [
        client.get(reverse("public_file", args=[shown.pk])),
        curator_client.get(reverse("publication_file", args=[private.pk])),
    ]:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/octet-stream"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert download_name(response) == ("attachment", "page")


# ---------------------------------------------------------------------------------------------
# Who may download
# ---------------------------------------------------------------------------------------------

MANAGEMENT = ["curator", "director"]
OTHERS = ["teacher", "class_leader", "mentor", "outsider"]
DOWNLOADS = {
    "consent scan of the class leader's student": (
        "consent_scan",
        "anna_consent",
        [*MANAGEMENT, "class_leader"],
        {"teacher": 403, "outsider": 403},
    ),
    "consent scan of another class and another mentor's pair": (
        "consent_scan",
        "vera_consent",
        MANAGEMENT,
        {"class_leader": 404, "mentor": 404, "teacher": 403, "outsider": 403},
    ),
    "act scan": ("act_scan_download", "act", MANAGEMENT, dict.fromkeys(OTHERS, 403)),
    "training material": ("training_material", "training", MANAGEMENT, dict.fromkeys(OTHERS, 403)),
    "publication file": ("publication_file", "draft_file", MANAGEMENT, dict.fromkeys(OTHERS, 403)),
    "piggy bank material": (
        "material_file",
        "material",
        [*MANAGEMENT, "teacher", "class_leader", "mentor"],
        {"outsider": 403},
    ),
}


@pytest.mark.parametrize("url_name, target, allowed, refused", DOWNLOADS.values(), ids=DOWNLOADS)
def test_a_file_is_downloaded_only_by_those_who_may_read_it(client, world, url_name, target, allowed, refused):
    url = reverse(url_name, args=[getattr(world, target).pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login")), "anonymous"
    for persona in allowed:
        client.force_login(getattr(world.personas, persona))
        assert_private_download(client.get(url), PDF, "application/pdf")
    for persona, status in refused.items():
        client.force_login(getattr(world.personas, persona))
        response = client.get(url)
        assert response.status_code == status, persona
        assert not response.get("Content-Disposition"), persona


# ---------------------------------------------------------------------------------------------
# The public section and MEDIA_ROOT
# ---------------------------------------------------------------------------------------------


def test_the_public_section_serves_files_of_visible_publications_only(client, curator_client, world):
    now = timezone.now()
    published = make_publication("Итоги года")
    scheduled = make_publication("Анонс", published_at=now + datetime.timedelta(days=1))
    unconsented = make_publication("Победитель олимпиады")
    appear(unconsented, child())
    picture = real_png()
    shown = attach(published, "Фото.png", picture, ".png", is_image=True)
    attached = attach(published, "Памятка.pdf", PDF)
    hidden = [world.draft_file, attach(scheduled, "анонс.pdf", PDF), attach(unconsented, "грамота.pdf", PDF)]

    response = client.get(reverse("public_file", args=[shown.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert download_name(response) == ("inline", "Фото.png")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == picture
    response = client.get(reverse("public_file", args=[attached.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert download_name(response) == ("attachment", "Памятка.pdf")
    for item in hidden:
        assert client.get(reverse("public_file", args=[item.pk])).status_code == 404
        assert curator_client.get(reverse("public_file", args=[item.pk])).status_code == 404


def test_no_url_serves_media_root():
    for route, pattern in _patterns(get_resolver()):
        assert inspect.unwrap(pattern.callback) is not static.serve, route
        assert not route.startswith(django_settings.MEDIA_URL.lstrip("/")), route
    with pytest.raises(Resolver404):
        resolve(f"/{django_settings.MEDIA_URL.strip('/')}/consents/2026/{'0' * 32}.pdf")


def test_static_files_never_include_media_root():
    media_root = Path(django_settings.MEDIA_ROOT).resolve()
    assert getattr(django_settings, "WHITENOISE_ROOT", None) is None
    static_roots = [Path(django_settings.STATIC_ROOT), *map(Path, django_settings.STATICFILES_DIRS)]
    for root in (path.resolve() for path in static_roots):
        assert not media_root.is_relative_to(root) and not root.is_relative_to(media_root), root
    media_url, static_url = django_settings.MEDIA_URL.strip("/"), django_settings.STATIC_URL.strip("/")
    assert media_url and static_url and media_url != static_url
    assert not media_url.startswith(static_url + "/") and not static_url.startswith(media_url + "/")


@pytest.mark.parametrize("prefix", [django_settings.MEDIA_URL, django_settings.STATIC_URL, ""])
def test_a_stored_scan_cannot_be_fetched_by_its_path(client, world, media, prefix):
    stored = world.anna_consent.scan.name
    assert (media / stored).is_file()
    path = f"/{prefix.strip('/')}/{stored}".replace("//", "/")
    assert client.get(path).status_code == 404
    client.force_login(world.personas.curator)
    assert client.get(path).status_code == 404


# ---------------------------------------------------------------------------------------------
# Files leave the disk with their records
# ---------------------------------------------------------------------------------------------


def test_a_deleted_person_takes_the_scans_of_their_consents_off_the_disk(
    world, media, django_capture_on_commit_callbacks
):
    person = make_person(last_name="Уволенная", kind="teacher")
    consents = [
        make_consent(person, kind=kind, scan=SimpleUploadedFile("скан.pdf", PDF))
        for kind in ("personal_data", "labour")
    ]
    scans = [media / consent.scan.name for consent in consents]
    other = media / world.anna_consent.scan.name
    with django_capture_on_commit_callbacks(execute=True):
        person.delete()
    assert not any(scan.exists() for scan in scans) and other.exists()
    assert not Consent.objects.filter(person=person.pk).exists()


def test_a_replaced_act_scan_leaves_the_disk_once_the_new_one_is_saved(
    curator_client, world, media, django_capture_on_commit_callbacks
):
    old = media / world.act.scan.name
    with django_capture_on_commit_callbacks(execute=True):
        upload(curator_client, world, POINTS["act_scan"], "новый скан.png", PNG)
    world.act.refresh_from_db()
    assert not old.exists()
    assert world.act.scan.name.endswith(".png") and (media / world.act.scan.name).read_bytes() == PNG
    assert files_under(media) == sorted(name for label in FILE_FIELDS for name in stored_names()[label])
