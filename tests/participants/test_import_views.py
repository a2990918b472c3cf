import datetime
import io
import re

import pytest
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from participants.models import PeopleImport, Person
from tests.concurrency import post_at_once
from tests.factories import make_class, make_person
from tests.participants.xlsx import make_xlsx, read_xlsx, student, teacher, upload


@pytest.fixture
def classes(year):
    return [make_class(year, 7, "Б"), make_class(year, 8, "А")]


def post_file(client, content, name="люди.xlsx"):
    return client.post(reverse("people_import"), {"file": upload(content, name)})


def error_rows(response):
    """(row, reason) of each line of the page's error table."""
    table = re.search(r'data-testid="import-errors".*?<tbody>(.*?)</tbody>', response.content.decode(), re.S)
    return [
        tuple(re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S))
        for row in re.findall(r"<tr>(.*?)</tr>", table[1], re.S)
    ]


def test_the_import_page_offers_the_upload_form_and_the_template(curator_client):
    content = curator_client.get(reverse("people_import")).content.decode()
    assert "Файл Excel (.xlsx)" in content and 'accept=".xlsx"' in content
    assert reverse("import_template") in content


def test_an_upload_is_previewed_with_its_counts_and_saved_on_confirmation(curator_client, personas, classes):
    make_person(
        last_name="Кузнецова", first_name="Ольга", patronymic="Петровна", birth_date=datetime.date(1980, 10, 12)
    )
    make_person(
        last_name="Орлов",
        first_name="Пётр",
        patronymic="Ильич",
        birth_date=datetime.date(2011, 9, 1),
        school_class=classes[0],
    )
    before = Person.objects.count()
    rows = [student(school_class="7Б"), teacher(), student("Орлов", "Пётр", "Ильич", "01.09.2011", "7Б")]
    response = post_file(curator_client, make_xlsx(rows))
    upload_record = PeopleImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("people_import_preview", args=[upload_record.pk])
    assert Person.objects.count() == before

    preview = curator_client.get(response.url)
    plan = preview.context["plan"]
    assert (plan.created, plan.updated, plan.unchanged) == (1, 1, 1)
    page = preview.content.decode()
    assert "Семёнова Алёна Игоревна" in page and "Загрузить" in page and "Отмена" in page

    response = curator_client.post(reverse("people_import_preview", args=[upload_record.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("people")
    assert "Загружено: новых 1, обновлено 1, без изменений 1." in response.content.decode()
    assert Person.objects.count() == before + 1
    assert Person.objects.get(last_name="Кузнецова").position == "Учитель математики"
    upload_record.refresh_from_db()
    assert upload_record.applied_at and (upload_record.created, upload_record.updated) == (1, 1)
    assert bytes(upload_record.content) == b""


def test_a_file_with_errors_lists_every_bad_row_and_stores_nothing(curator_client, classes):
    rows = [
        student(school_class="7Б"),
        student("Орлов", "Пётр", birth="31.02.2010", school_class="7Б"),
        student("Новиков", "Илья", school_class="7Г"),
        teacher(email="плохой адрес"),
    ]
    response = post_file(curator_client, make_xlsx(rows))
    assert response.status_code == 400
    assert error_rows(response) == [
        ("3", "Неверная дата рождения «31.02.2010»"),
        ("4", "Класса 7Г нет в 2026/2027 учебном году — добавьте его на странице «Классы»"),
        ("5", "Неверный адрес электронной почты «плохой адрес»"),
    ]
    assert not PeopleImport.objects.exists()
    assert not Person.objects.filter(last_name="Семёнова").exists()


@pytest.mark.parametrize(
    ("content", "name"),
    [(b"\x00not a workbook", "люди.xlsx"), ("Фамилия;Имя\nОрлов;Пётр\n".encode(), "люди.xlsx")],
)
def test_a_file_that_is_not_an_xlsx_gets_a_russian_message(curator_client, content, name):
    response = post_file(curator_client, content, name)
    assert response.status_code == 400
    assert error_rows(response) == [
        ("файл", "Это не файл Excel (.xlsx). Сохраните список в Excel как «Книга Excel (*.xlsx)».")
    ]
    assert not PeopleImport.objects.exists()


@override_settings(IMPORT_MAX_BYTES=2 * 1024 * 1024)
def test_a_file_over_the_size_limit_is_refused(curator_client):
    response = post_file(curator_client, b"0" * (2 * 1024 * 1024 + 1))
    assert response.status_code == 400
    assert "Файл больше 2 МБ. Разделите список на несколько файлов." in response.content.decode()
    assert not PeopleImport.objects.exists()


def test_the_confirmation_checks_the_file_again_against_the_current_data(curator_client, classes):
    post_file(curator_client, make_xlsx([student(school_class="7Б")]))
    upload_record = PeopleImport.objects.get()
    classes[0].delete()
    response = curator_client.post(reverse("people_import_preview", args=[upload_record.pk]))
    assert response.status_code == 400
    assert error_rows(response) == [("2", "Класса 7Б нет в 2026/2027 учебном году — добавьте его на странице «Классы»")]
    assert not Person.objects.filter(last_name="Семёнова").exists()
    assert PeopleImport.objects.get().applied_at is None


def test_a_confirmed_file_is_not_loaded_again(curator_client, classes):
    post_file(curator_client, make_xlsx([student(school_class="7Б")]))
    url = reverse("people_import_preview", args=[PeopleImport.objects.get().pk])
    curator_client.post(url)
    response = curator_client.post(url, follow=True)
    assert "Этот файл уже загружен." in response.content.decode()
    assert Person.objects.filter(last_name="Семёнова").count() == 1
    assert curator_client.get(url).status_code == 302


def test_cancelling_forgets_the_upload(curator_client, classes):
    post_file(curator_client, make_xlsx([student(school_class="7Б")]))
    url = reverse("people_import_preview", args=[PeopleImport.objects.get().pk])
    response = curator_client.post(url, {"cancel": "1"})
    assert response.url == reverse("people_import")
    assert not PeopleImport.objects.exists() and not Person.objects.filter(last_name="Семёнова").exists()


def test_an_upload_not_confirmed_within_a_day_expires(curator_client, classes):
    post_file(curator_client, make_xlsx([student(school_class="7Б")]))
    PeopleImport.objects.update(uploaded_at=timezone.now() - datetime.timedelta(days=2))
    response = curator_client.post(reverse("people_import_preview", args=[PeopleImport.objects.get().pk]))
    assert response.url == reverse("people_import")
    assert not PeopleImport.objects.exists() and not Person.objects.filter(last_name="Семёнова").exists()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_confirmations_load_the_file_once(personas, year):
    make_class(year, 7, "Б")
    upload_record = PeopleImport.objects.create(
        year=year,
        file_name="люди.xlsx",
        content=make_xlsx([student(school_class="7Б"), teacher()]),
        uploaded_by=personas.curator,
    )
    statuses = post_at_once(personas.curator, reverse("people_import_preview", args=[upload_record.pk]), {})
    assert statuses == [302, 302]
    assert Person.objects.filter(last_name__in=["Семёнова", "Кузнецова"]).count() == 2
    assert Person.history.filter(history_change_reason="Импорт из Excel").count() == 2
    upload_record.refresh_from_db()
    assert upload_record.created == 2


def test_the_history_names_the_curator_who_imported(curator_client, personas, classes):
    post_file(curator_client, make_xlsx([student(school_class="7Б")]))
    curator_client.post(reverse("people_import_preview", args=[PeopleImport.objects.get().pk]))
    record = Person.objects.get(last_name="Семёнова").history.get()
    assert (record.history_user, record.history_change_reason) == (personas.curator, "Импорт из Excel")


def test_the_template_has_the_import_columns_and_explains_them(curator_client):
    response = curator_client.get(reverse("import_template"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="shablon-lyudi.xlsx"' in response["Content-Disposition"]
    workbook = read_xlsx(response.content)
    sheet, notes = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == [
        "Фамилия",
        "Имя",
        "Отчество",
        "Дата рождения",
        "Категория",
        "Класс",
        "Должность",
        "Год начала педагогической работы",
        "Email",
        "Телефон",
    ]
    assert sheet.max_row == 1 and sheet["A1"].font.b and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["G"].width == 30
    assert notes.title == "Пояснения"
    explained = {row[0]: row[2] for row in notes.iter_rows(min_row=2, values_only=True) if row[0]}
    assert "обучающийся (ученик, учащийся), педагог (учитель), сотрудник или внешний" in explained["Категория"]


def test_the_template_loads_back_once_filled_in(curator_client, personas, classes):
    workbook = read_xlsx(curator_client.get(reverse("import_template")).content)
    workbook.active.append(student(school_class="7Б"))
    stream = io.BytesIO()
    workbook.save(stream)
    assert post_file(curator_client, stream.getvalue()).status_code == 302


def pages():
    return [
        ("get", reverse("people_import")),
        ("post", reverse("people_import")),
        ("get", reverse("import_template")),
        ("get", reverse("people_import_preview", args=[1])),
        ("post", reverse("people_import_preview", args=[1])),
    ]


def test_anonymous_users_are_sent_to_log_in(client, personas):
    for method, url in pages():
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("persona", ["director", "class_leader", "teacher", "mentor", "outsider"])
def test_only_the_curator_imports(client, personas, persona):
    client.force_login(getattr(personas, persona))
    for method, url in pages():
        assert getattr(client, method)(url).status_code == 403, f"{persona} {method.upper()} {url}"
