import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import DataExport
from participants import importing
from participants.models import Mentee, MentoringForm, Person, SchoolClass
from tests.factories import make_consent, make_mentee, make_mentor, make_person
from tests.participants.xlsx import read_xlsx, sheet_values

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export(client, name, **query):
    response = client.get(reverse(name), query)
    assert response.status_code == 200, response
    assert response["Content-Type"] == XLSX
    return response


def test_the_mentee_export_is_a_styled_filtered_sheet_with_real_dates(curator_client, bank):
    Person.objects.filter(last_name="Семёнова").update(birth_date=datetime.date(2012, 3, 5))
    response = export(curator_client, "mentees_export")
    assert response["Content-Disposition"] == 'attachment; filename="nastavlyaemye-2026.xlsx"'
    sheet = read_xlsx(response.content).active
    assert sheet.title == "Наставляемые 2026-2027"
    header = [cell.value for cell in sheet[1]]
    assert header == [
        "ФИО",
        "Дата рождения",
        "Категория",
        "Класс/должность",
        "Форма",
        "Ролевая модель",
        "Статус",
        "Запрос",
        "Согласие на обработку ПДн",
        "Согласие на распространение",
    ]
    assert all(cell.font.b and cell.fill.fill_type == "solid" for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:J5"
    assert sheet.column_dimensions["A"].width == 34
    rows = {row[0].value: row for row in sheet.iter_rows(min_row=2)}
    assert list(rows) == ["Абрамов Борис", "Егоров Егор", "Семёнова Алёна Игоревна", "Юрьева Яна"]
    alyona = rows["Семёнова Алёна Игоревна"]
    assert alyona[1].value == datetime.datetime(2012, 3, 5) and alyona[1].number_format == "dd.mm.yyyy"
    assert [cell.value for cell in alyona[2:]] == [
        "обучающийся",
        "7А",
        "ученик – ученик",
        None,
        "в банке",
        "Алгебра",
        "да",
        "нет",
    ]


def test_the_mentor_export_lists_forms_capacity_and_consents(curator_client, bank):
    response = export(curator_client, "mentors_export")
    assert response["Content-Disposition"] == 'attachment; filename="nastavniki-2026.xlsx"'
    values = sheet_values(response.content)
    assert values[0] == [
        "ФИО",
        "Дата рождения",
        "Категория",
        "Класс/должность",
        "Формы",
        "Компетенции",
        "Предметы",
        "Вместимость",
        "Статус",
        "Согласие на обработку ПДн",
        "Согласие на распространение",
        "Согласие по ТК",
    ]
    assert values[1:] == [
        [
            "Ёжиков Илья",
            None,
            "обучающийся",
            "10А",
            "ученик – ученик",
            None,
            None,
            1,
            "кандидат",
            "нет",
            "нет",
            "не требуется",
        ],
        [
            "Ильина Ольга",
            None,
            "педагог",
            "Учитель",
            "учитель – учитель",
            None,
            None,
            2,
            "кандидат",
            "да",
            "нет",
            "нет",
        ],
    ]


@pytest.mark.parametrize("name", ['=HYPERLINK("http://evil.example","жми")', "+7 (921) 000-00-00", "-1", "@SUM(A1)"])
def test_a_value_that_looks_like_a_formula_is_written_as_text(curator_client, bank, name):
    Person.objects.filter(last_name="Семёнова").update(first_name=name)
    mentee = Mentee.objects.get(person__last_name="Семёнова")
    mentee.request = name
    mentee.save()
    sheet = read_xlsx(export(curator_client, "mentees_export", q="семенова").content).active
    full_name, request = sheet["A2"], sheet["H2"]
    assert full_name.value == f"Семёнова {name} Игоревна"
    assert (request.value, request.data_type, request.quotePrefix) == (name, "s", True)
    people = read_xlsx(export(curator_client, "people_export", q="семенова").content).active
    first_name = people["B2"]
    assert (first_name.value, first_name.data_type, first_name.quotePrefix) == (name, "s", True)


def test_the_export_holds_only_the_rows_the_list_shows_and_is_logged(curator_client, personas, bank):
    response = export(curator_client, "mentees_export", q="егор", status="support")
    assert [row[0] for row in sheet_values(response.content)[1:]] == ["Егоров Егор"]
    entry = DataExport.objects.get()
    assert entry.user == personas.curator and entry.rows == 1
    assert (
        entry.what
        == "Наставляемые 2026/2027: экспорт в Excel (фильтр: Поиск по ФИО: егор; Статус: без пары — сопровождение)"
    )


def test_an_unfiltered_export_is_logged_without_a_filter(curator_client, bank):
    export(curator_client, "mentors_export")
    response = export(curator_client, "people_export", consent="personal_data", sort="class")
    assert [row[0] for row in sheet_values(response.content)[1:]] == ["Семёнова", "Ильина"]
    assert list(DataExport.objects.order_by("at").values_list("what", "rows")) == [
        ("Наставники 2026/2027: экспорт в Excel", 2),
        ("Люди: экспорт в Excel (фильтр: Согласия: есть согласие на обработку ПДн)", 2),
    ]


def test_the_people_export_has_the_import_columns_and_loads_back_unchanged(curator_client, bank, year):
    Person.objects.filter(last_name="Юрьева").update(
        birth_date=datetime.date(1999, 1, 31), email="yana@school43.ru", phone="-"
    )
    response = export(curator_client, "people_export")
    assert response["Content-Disposition"] == 'attachment; filename="lyudi-2026.xlsx"'
    values = sheet_values(response.content)
    assert values[0][:10] == [
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
    assert values[0][10:] == ["Согласие на обработку ПДн", "Согласие на распространение"]
    assert len(values) - 1 == Person.objects.count()
    plan = importing.read_people(response.content, year)
    assert plan.errors == []
    assert (plan.created, plan.updated, plan.unchanged) == (0, 0, Person.objects.count())


def test_a_class_leader_exports_only_their_own_class(client, personas, bank):
    client.force_login(personas.class_leader)
    mentees = sheet_values(export(client, "mentees_export").content)
    assert [row[0] for row in mentees[1:]] == ["Абрамов Борис", "Семёнова Алёна Игоревна"]
    people = sheet_values(export(client, "people_export").content)
    assert [row[0] for row in people[1:]] == ["Абрамов", "Семёнова"]
    assert client.get(reverse("mentors_export")).status_code == 403


@pytest.mark.parametrize("persona", ["teacher", "outsider"])
def test_someone_who_may_not_read_the_lists_cannot_export_them(client, personas, persona):
    client.force_login(getattr(personas, persona))
    for name in ("mentees_export", "mentors_export", "people_export"):
        assert client.get(reverse(name)).status_code == 403, name
    assert not DataExport.objects.exists()


def test_the_director_exports_and_anonymous_users_log_in(client, personas, bank):
    for name in ("mentees_export", "mentors_export", "people_export"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.force_login(personas.director)
    for name in ("mentees_export", "mentors_export", "people_export"):
        export(client, name)


def test_an_unknown_year_is_404_and_no_current_year_sends_back_to_the_list(curator_client, year):
    assert curator_client.get(reverse("mentees_export"), {"year": 1999}).status_code == 404
    year.is_current = False
    year.save()
    response = curator_client.get(reverse("mentees_export"))
    assert response.status_code == 302 and response.url == reverse("mentees")


def _fill(year, first, count):
    classes = [SchoolClass.objects.get_or_create(year=year, grade=5, letter=letter)[0] for letter in "АБ"]
    form = MentoringForm.objects.first()
    for n in range(first, first + count):
        person = make_person(
            last_name=f"Ученик{n}", first_name="Иван", school_class=classes[n % 2], birth_date=datetime.date(2012, 1, 1)
        )
        make_consent(person)
        make_mentee(person, form=form)
        make_mentor(person, forms=[form])


@pytest.mark.parametrize("name", ["mentees_export", "mentors_export", "people_export"])
def test_an_export_costs_the_same_queries_for_10_and_100_rows(curator_client, year, name):
    _fill(year, 0, 10)
    curator_client.get(reverse(name))
    with CaptureQueriesContext(connection) as small:
        curator_client.get(reverse(name))
    _fill(year, 10, 90)
    with CaptureQueriesContext(connection) as large:
        response = curator_client.get(reverse(name))
    assert len(sheet_values(response.content)) > 100
    assert len(small) == len(large), [query["sql"] for query in large.captured_queries]
