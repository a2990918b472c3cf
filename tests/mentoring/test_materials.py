"""«Методическая копилка»: the list with search and filters, adding and changing materials, file
checks by content, the download, and who may do what."""

import io
import zipfile

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring import filetypes
from mentoring.models import Material, MaterialTag
from tests.concurrency import post_at_once

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def pdf(name="Рекомендации.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def office(name, main_part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def odf(name, mimetype):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def ole(name, stream):
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    return SimpleUploadedFile(name, header + stream.encode("utf-16-le") + b"\x00\x00" + b"\x00" * 64)


def add(client, **fields):
    data = {"title": "Адаптация пятиклассников", "kind": "recommendation", "description": "", "tags": ""}
    data.update(fields)
    return client.post(reverse("material_add"), data)


def material(**fields):
    fields.setdefault("title", "Сценарий итоговой встречи")
    fields.setdefault("kind", Material.Kind.SCENARIO)
    tags = fields.pop("tags", [])
    item = Material.objects.create(**fields)
    item.tags.set([MaterialTag.objects.get_or_create(name=name)[0] for name in tags])
    return item


# Adding, changing, deleting


def test_the_curator_adds_a_material_with_a_file_and_tags(curator_client, personas, year):
    MaterialTag.objects.create(name="Адаптация")
    response = add(
        curator_client,
        file=pdf(),
        tags="адаптация, 5 класс , , 5 КЛАСС",
        description="Как встретить новичков",
        year=year.pk,
    )
    item = Material.objects.get()
    assert response.status_code == 302 and response.url == item.get_absolute_url()
    assert item.created_by == personas.curator and item.year == year
    assert item.file_name == "Рекомендации.pdf"
    assert item.file.name.startswith("materials/") and item.file.name.endswith(".pdf")
    assert "Рекомендации" not in item.file.name
    # An existing tag is matched ignoring case; a repeated new one is made once.
    assert sorted(tag.name for tag in item.tags.all()) == ["5 класс", "Адаптация"]
    assert MaterialTag.objects.count() == 2
    page = curator_client.get(item.get_absolute_url()).content.decode()
    assert "Как встретить новичков" in page and reverse("material_file", args=[item.pk]) in page


def test_a_material_needs_a_file_a_link_or_a_description(curator_client):
    response = add(curator_client)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Прикрепите файл, дайте ссылку или напишите описание — хотя бы что-то одно."
    ]
    assert not Material.objects.exists()
    assert add(curator_client, url="https://example.org/metodichka").status_code == 302
    assert add(curator_client, title="Другой", description="Текст").status_code == 302
    assert Material.objects.count() == 2


def test_the_curator_edits_a_material_replacing_its_file_and_tags(
    curator_client, media, django_capture_on_commit_callbacks
):
    add(curator_client, file=pdf(), tags="ОГЭ, математика")
    item = Material.objects.get()
    old_file = media / item.file.name
    assert old_file.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(
            reverse("material_edit", args=[item.pk]),
            {
                "title": "Подготовка к ОГЭ",
                "kind": "template",
                "description": "",
                "tags": "Математика",
                "file": office("Шаблон плана.docx", "word/document.xml"),
            },
        )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.kind, item.file_name) == ("Подготовка к ОГЭ", "template", "Шаблон плана.docx")
    assert [tag.name for tag in item.tags.all()] == ["математика"]
    assert not old_file.exists() and (media / item.file.name).exists()
    form = curator_client.get(reverse("material_edit", args=[item.pk])).context["form"]
    assert form.initial["tags"] == "математика"


def test_clearing_the_only_content_is_refused_and_clearing_the_file_forgets_its_name(
    curator_client, media, django_capture_on_commit_callbacks
):
    add(curator_client, file=pdf(), description="")
    item = Material.objects.get()
    url = reverse("material_edit", args=[item.pk])
    fields = {"title": item.title, "kind": item.kind, "description": "", "tags": "", "file-clear": "on"}
    assert curator_client.post(url, fields).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert curator_client.post(url, {**fields, "description": "Теперь с описанием"}).status_code == 302
    item.refresh_from_db()
    assert not item.file and item.file_name == ""
    assert list(media.rglob("*.pdf")) == []


def test_the_curator_deletes_a_material_and_its_file(curator_client, media, django_capture_on_commit_callbacks):
    add(curator_client, file=pdf())
    item = Material.objects.get()
    url = reverse("material_delete", args=[item.pk])
    assert curator_client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(url)
    assert response.status_code == 302 and response.url == reverse("materials")
    assert not Material.objects.exists()
    assert list(media.rglob("*.pdf")) == []


# Files checked by content


def test_an_executable_named_pdf_is_refused(curator_client):
    response = add(curator_client, file=SimpleUploadedFile("Методичка.pdf", b"MZ\x90\x00" + b"\x00" * 200))
    assert response.status_code == 200
    error = response.context["form"].errors["file"][0]
    assert error.startswith("Файл не похож ни на один из разрешённых видов")
    assert "по содержимому" in error
    assert not Material.objects.exists()


def test_a_file_over_the_limit_is_refused(curator_client, settings):
    settings.MATERIAL_UPLOAD_MAX_BYTES = 1024 * 1024
    response = add(curator_client, file=pdf(content=PDF_BYTES + b"0" * 1024 * 1024))
    assert response.context["form"].errors["file"] == ["Файл больше 1 МБ: уменьшите его или дайте ссылку на него."]
    assert not Material.objects.exists()


def test_the_default_limit_is_twenty_megabytes(curator_client):
    big = PDF_BYTES + b"0" * (20 * 1024 * 1024 - len(PDF_BYTES) + 1)
    response = add(curator_client, file=pdf(content=big))
    assert response.context["form"].errors["file"] == ["Файл больше 20 МБ: уменьшите его или дайте ссылку на него."]


@pytest.mark.parametrize(
    "upload, extension",
    [
        (lambda: office("a.docx", "word/document.xml"), ".docx"),
        (lambda: office("a.xlsx", "xl/workbook.xml"), ".xlsx"),
        (lambda: office("Презентация.pptx", "ppt/presentation.xml"), ".pptx"),
        (lambda: odf("a.odt", "application/vnd.oasis.opendocument.text"), ".odt"),
        (lambda: odf("a.ods", "application/vnd.oasis.opendocument.spreadsheet"), ".ods"),
        (lambda: odf("a.odp", "application/vnd.oasis.opendocument.presentation"), ".odp"),
        (lambda: ole("a.doc", "WordDocument"), ".doc"),
        (lambda: ole("a.xls", "Workbook"), ".xls"),
        (lambda: ole("a.ppt", "PowerPoint Document"), ".ppt"),
        (lambda: SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20), ".png"),
        (lambda: SimpleUploadedFile("a.jpeg", b"\xff\xd8\xff\xe0" + b"\x00" * 20), ".jpg"),
        (lambda: SimpleUploadedFile("a.txt", "План встреч".encode()), ".txt"),
    ],
)
def test_each_accepted_type_is_recognised_by_content(upload, extension):
    file = upload()
    kind, _name = filetypes.check(file)
    assert kind.extension == extension


def test_a_misnamed_file_gets_its_true_extension(curator_client, media):
    add(curator_client, file=office("План.pdf", "word/document.xml"))
    item = Material.objects.get()
    assert item.file_name == "План.docx" and item.file.name.endswith(".docx")
    with pytest.raises(ValidationError, match="не похож"):
        filetypes.check(SimpleUploadedFile("a.txt", b"\x00\x01binary"))
    with pytest.raises(ValidationError, match="не похож"):
        filetypes.check(SimpleUploadedFile("a.bin", "просто текст".encode()))


# A double submit


def test_a_double_submitted_add_stores_one_material(curator_client, personas):
    first = add(curator_client, description="Текст")
    second = add(curator_client, description="Текст")
    assert Material.objects.count() == 1
    assert second.url == first.url
    assert "повторная отправка не сохранена" in messages_of(second)[-1]
    # Another title is another material.
    add(curator_client, title="Другое", description="Текст")
    assert Material.objects.count() == 2


def test_two_adds_at_the_same_moment_store_one_material(personas, year, transactional_db):
    data = {"title": "Сценарий", "kind": "scenario", "description": "Текст", "tags": "праздник"}
    statuses = post_at_once(personas.curator, reverse("material_add"), data)
    assert statuses == [302, 302]
    assert Material.objects.count() == 1
    assert MaterialTag.objects.count() == 1


# The list: search, filters, pages


def test_search_finds_text_in_title_description_authors_and_tags(curator_client):
    material(title="Кейс: учитель – учитель", description="Молодой специалист", authors="Соколова И.В.")
    material(title="Шаблон плана", tags=["Олимпиада"])
    material(title="Другое", description="Ничего общего")
    url = reverse("materials")

    def titles(**query):
        return sorted(item.title for item in curator_client.get(url, query).context["page"])

    assert titles(q="МОЛОДОЙ") == ["Кейс: учитель – учитель"]
    assert titles(q="соколова") == ["Кейс: учитель – учитель"]
    assert titles(q="олимп") == ["Шаблон плана"]
    assert titles(q="кейс специалист") == ["Кейс: учитель – учитель"]
    assert titles(q="кейс олимп") == []
    assert titles(tag="Олимпиада") == ["Шаблон плана"]
    assert titles(kind="scenario") == ["Другое", "Кейс: учитель – учитель", "Шаблон плана"]
    assert titles(kind="case") == []


def test_tags_on_the_list_are_links_to_the_tag_filter(curator_client):
    material(title="Шаблон", tags=["ОГЭ", "Математика"])
    material(title="Другой", tags=["Математика"])
    page = curator_client.get(reverse("materials")).content.decode()
    assert 'href="?tag=%D0%9E%D0%93%D0%AD"' in page
    response = curator_client.get(reverse("materials"), {"tag": "ОГЭ"})
    assert [item.title for item in response.context["page"]] == ["Шаблон"]
    assert 'data-testid="active-tag"' in response.content.decode()


def test_the_list_costs_a_fixed_number_of_queries_and_pages_by_fifty(curator_client):
    material(title="Первый", tags=["a", "b"])
    url = reverse("materials")
    curator_client.get(url)
    with CaptureQueriesContext(connection) as one:
        curator_client.get(url)
    for number in range(60):
        material(title=f"Материал {number}", tags=["a", f"t{number}"])
    with CaptureQueriesContext(connection) as many:
        response = curator_client.get(url)
    assert len(many) == len(one)
    assert response.context["page"].paginator.count == 61
    assert len(response.context["page"].object_list) == 50
    assert len(curator_client.get(url, {"page": 2}).context["page"].object_list) == 11


# Who may do what


@pytest.mark.parametrize("persona", ["curator", "director", "teacher", "mentor", "class_leader"])
def test_every_staff_role_reads_and_downloads(client, personas, persona, media):
    item = material(title="Памятка", file_name="Памятка наставнику.pdf")
    item.file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF_BYTES))
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("materials")).status_code == 200
    assert client.get(reverse("material", args=[item.pk])).status_code == 200
    response = client.get(reverse("material_file", args=[item.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''%D0%9F%D0%B0%D0%BC%D1%8F%D1%82%D0%BA%D0%B0" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_download_needs_a_login_and_a_role(client, personas, media):
    item = material(title="Памятка", file_name="Памятка.pdf")
    item.file.save("x.pdf", SimpleUploadedFile("x.pdf", PDF_BYTES))
    url = reverse("material_file", args=[item.pk])
    response = client.get(url)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 403
    assert client.get(reverse("materials")).status_code == 403
    assert client.get(reverse("material", args=[item.pk])).status_code == 403


def test_a_material_without_a_file_has_nothing_to_download(curator_client):
    item = material(description="Только текст")
    assert curator_client.get(reverse("material_file", args=[item.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["director", "teacher", "mentor"])
def test_only_the_curator_writes(client, personas, persona):
    item = material(description="Текст")
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("material_add")).status_code == 403
    assert add(client, description="Текст").status_code == 403
    assert client.get(reverse("material_edit", args=[item.pk])).status_code == 403
    assert client.post(reverse("material_edit", args=[item.pk]), {"title": "x"}).status_code == 403
    assert client.post(reverse("material_delete", args=[item.pk])).status_code == 403
    assert Material.objects.count() == 1
    page = client.get(reverse("material", args=[item.pk])).content.decode()
    assert reverse("material_edit", args=[item.pk]) not in page
    assert reverse("material_add") not in client.get(reverse("materials")).content.decode()


def test_the_menu_shows_the_piggy_bank_to_every_staff_role(client, personas):
    for persona, shown in [("curator", True), ("director", True), ("teacher", True), ("mentor", True)]:
        client.force_login(getattr(personas, persona))
        labels = [section.label for section in client.get(reverse("materials")).context["menu"]]
        assert ("Методическая копилка" in labels) is shown
