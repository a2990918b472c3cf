import datetime
import io
import zipfile

import pytest
from django.test.utils import override_settings

from participants import importing
from participants.models import Person
from tests.factories import make_class, make_person, make_user, make_year
from tests.participants.xlsx import HEADER, make_xlsx, student, teacher


@pytest.fixture
def classes(year):
    return {name: make_class(year, int(name[:-1]), name[-1]) for name in ("7А", "7Б", "10А")}


def read(rows, year, header=HEADER):
    return importing.read_people(make_xlsx(rows, header=header), year)


def load(rows, year, header=HEADER, user=None):
    plan = read(rows, year, header)
    assert plan.errors == []
    return importing.apply(plan, user)


def test_a_valid_file_creates_the_people_it_lists(year, classes):
    plan = load([student(), teacher()], year)
    assert (plan.created, plan.updated, plan.unchanged) == (2, 0, 0)
    alyona = Person.objects.get(last_name="Семёнова")
    assert (alyona.first_name, alyona.patronymic, alyona.birth_date) == ("Алёна", "Игоревна", datetime.date(2012, 3, 5))
    assert alyona.kind == Person.Kind.STUDENT and alyona.school_class == classes["7А"]
    assert alyona.search_name == "семенова алена игоревна"
    olga = Person.objects.get(last_name="Кузнецова")
    assert (olga.kind, olga.school_class, olga.position) == (Person.Kind.TEACHER, None, "Учитель математики")
    assert (olga.email, olga.phone) == ("kuznetsova@school43.ru", "+7 921 000-00-00")


def test_the_header_may_come_in_any_order_case_and_spacing_and_unknown_columns_are_ignored(year, classes):
    header = ["  класс ", "Примечание", "ИМЯ", "фамилия", "  Дата   рождения", "КАТЕГОРИЯ", "e-mail"]
    load([["7 а", "новенькая", "Алёна", "Семёнова", "05.03.2012", "Ученица", "a@b.ru"]], year, header=header)
    alyona = Person.objects.get()
    assert (alyona.last_name, alyona.first_name, alyona.school_class, alyona.email) == (
        "Семёнова",
        "Алёна",
        classes["7А"],
        "a@b.ru",
    )


@pytest.mark.parametrize(
    ("category", "kind"),
    [
        ("обучающийся", "student"),
        ("Ученик", "student"),
        ("УЧАЩИЙСЯ", "student"),
        ("педагог", "teacher"),
        ("Учитель", "teacher"),
        ("сотрудник", "staff"),
        ("внешний", "external"),
        ("Внешний участник", "external"),
    ],
)
def test_a_category_is_read_from_its_synonyms(year, classes, category, kind):
    plan = read([student(kind=category)], year)
    assert plan.errors == []
    assert plan.rows[0].values["kind"] == kind


@pytest.mark.parametrize("spelling", ["7А", "7 А", "7-а", "7а", " 7 - А ", "7A"])
def test_a_class_is_read_from_every_usual_spelling(year, classes, spelling):
    plan = read([student(school_class=spelling)], year)
    assert plan.errors == []
    assert plan.rows[0].values["school_class"] == classes["7А"]


def test_a_class_is_looked_up_in_the_import_year_only(year, classes):
    other_year = make_year(2027, current=False)
    make_class(other_year, 7, "Г")
    plan = read([student(school_class="7Г")], year)
    assert plan.errors == [(2, "класса 7Г нет в 2026/2027 учебном году — добавьте его на странице «Классы»")]
    assert read([student(school_class="7Г")], other_year).errors == []


def test_the_class_of_a_teacher_is_ignored(year, classes):
    row = teacher()
    row[5] = "9Я"
    plan = read([row], year)
    assert plan.errors == []
    assert plan.rows[0].values["school_class"] is None


@pytest.mark.parametrize(
    "birth", [datetime.datetime(2012, 3, 5), datetime.date(2012, 3, 5), "05.03.2012", "5.3.2012", "2012-03-05", 40973]
)
def test_a_birth_date_is_read_as_an_excel_date_or_as_text(year, classes, birth):
    plan = read([student(birth=birth)], year)
    assert plan.errors == []
    assert plan.rows[0].values["birth_date"] == datetime.date(2012, 3, 5)


def test_empty_rows_are_skipped_and_an_empty_patronymic_is_allowed(year, classes):
    plan = load([student(), [None] * 9, ["", " ", None], student("Орлов", "Пётр", "", "01.09.2011")], year)
    assert plan.created == 2
    assert Person.objects.get(last_name="Орлов").patronymic == ""


def test_names_keep_their_spelling_but_match_ignoring_case_yo_and_spaces(year, classes):
    stored = make_person(
        last_name="Семёнова", first_name="Алёна", patronymic="Игоревна", birth_date=datetime.date(2012, 3, 5)
    )
    plan = load([student("  СЕМЕНОВА ", "алена", "Игоревна")], year)
    assert (plan.created, plan.updated) == (0, 1)
    stored.refresh_from_db()
    assert (stored.last_name, stored.first_name) == ("СЕМЕНОВА", "алена")
    assert Person.objects.count() == 1


def test_re_importing_the_same_file_changes_nothing_and_creates_no_duplicates(year, classes):
    rows = [student(), teacher(), student("Орлов", "Пётр", "Ильич", "01.09.2011", "7Б")]
    assert load(rows, year).created == 3
    again = load(rows, year)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert Person.objects.count() == 3


def test_an_updated_file_updates_the_people_it_matches(year, classes):
    load([student(), teacher()], year)
    plan = load([student(school_class="7Б", phone="+7 900 111-22-33"), teacher()], year)
    assert (plan.created, plan.updated, plan.unchanged) == (0, 1, 1)
    assert plan.of(importing.UPDATED)[0].changed == ["school_class", "phone"]
    alyona = Person.objects.get(last_name="Семёнова")
    assert (alyona.school_class, alyona.phone) == (classes["7Б"], "+7 900 111-22-33")


def test_a_column_absent_from_the_file_leaves_the_field_alone_and_an_empty_one_clears_it(year, classes):
    load([teacher()], year)
    header = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Должность"]
    plan = load([["Кузнецова", "Ольга", "Петровна", "12.10.1980", "педагог", ""]], year, header=header)
    assert plan.updated == 1
    olga = Person.objects.get()
    assert (olga.position, olga.email, olga.phone) == ("", "kuznetsova@school43.ru", "+7 921 000-00-00")


def test_without_a_patronymic_column_a_person_is_matched_by_surname_name_and_birth_date(year, classes):
    load([student()], year)
    header = ["Фамилия", "Имя", "Дата рождения", "Категория", "Класс"]
    plan = load([["Семенова", "Алена", "05.03.2012", "обучающийся", "7Б"]], year, header=header)
    assert (plan.created, plan.updated) == (0, 1)
    assert Person.objects.get().patronymic == "Игоревна"


def test_a_student_needs_a_class(year, classes):
    header = ["Фамилия", "Имя", "Категория"]
    assert read([student(school_class="")], year).errors == [(2, "у обучающегося не указан класс")]
    assert read([["Орлов", "Пётр", "ученик"]], year, header=header).errors == [
        (2, "у обучающегося не указан класс: добавьте столбец «Класс»")
    ]


def test_every_bad_row_is_named_with_its_excel_row_number_and_nothing_is_saved(year, classes):
    plan = read(
        [
            student(),  # row 2 is fine
            student(birth="31.02.2010"),
            student(school_class="7Г"),
            student(last_name="", first_name=""),
            student(kind="директор"),
            student(email="not-an-email"),
            student("Орлов", "Пётр", birth="01.01.2031"),
            student("Орлов", "Пётр", birth="01.01.1890"),
            student(school_class="12А"),
            student("Новиков", "Илья", kind=""),
        ],
        year,
    )
    assert plan.errors == [
        (3, "неверная дата рождения «31.02.2010»"),
        (4, "класса 7Г нет в 2026/2027 учебном году — добавьте его на странице «Классы»"),
        (5, "не указана фамилия; не указано имя"),
        (6, "неизвестная категория «директор» (допустимо: обучающийся, педагог, сотрудник, внешний)"),
        (7, "неверный адрес электронной почты «not-an-email»"),
        (8, "дата рождения 01.01.2031 ещё не наступила"),
        (9, "дата рождения 01.01.1890 раньше 1900 года"),
        (10, "неверный класс «12А» (пример: 7А)"),
        (11, "не указана категория"),
    ]
    with pytest.raises(ValueError):
        importing.apply(plan)
    assert not Person.objects.exists()


def test_the_same_person_twice_is_counted_once_but_with_other_data_is_an_error(year, classes):
    plan = read([student(), student(), teacher()], year)
    assert plan.errors == [] and plan.created == 2
    plan = read([student(), teacher(), student(school_class="7Б")], year)
    assert plan.errors == [(4, "этот человек уже есть в строке 2 с другими данными")]


def test_two_stored_people_with_the_same_name_and_birth_date_are_not_guessed_between(year, classes):
    for _ in range(2):
        make_person(
            last_name="Семёнова", first_name="Алёна", patronymic="Игоревна", birth_date=datetime.date(2012, 3, 5)
        )
    assert read([student()], year).errors == [
        (2, "в базе несколько человек с такими ФИО и датой рождения — объедините их")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00garbage\xff" * 20, "Это не файл Excel (.xlsx)"),
        ("Фамилия;Имя;Категория\nОрлов;Пётр;ученик\n".encode(), "Это не файл Excel (.xlsx)"),
        (b"", "Это не файл Excel (.xlsx)"),
        (make_xlsx([], header=None), "Лист пуст: нет строки заголовков"),
        (make_xlsx([["Орлов", "Пётр", "ученик"]], header=None), "не похожа на строку заголовков"),
        (make_xlsx([], header=["Фамилия", "Отчество"]), "нет обязательных столбцов: «Имя», «Категория»"),
        (make_xlsx([], header=["Фамилия", "Имя", "Категория", "имя"]), "Столбец «Имя» встречается"),
        (make_xlsx([]), "нет ни одной строки с людьми"),
    ],
)
def test_a_file_that_is_not_a_list_of_people_gets_a_clear_message(year, content, message):
    plan = importing.read_people(content, year)
    assert len(plan.errors) == 1
    number, text = plan.errors[0]
    assert number is None and message in text


@override_settings(IMPORT_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused(year):
    plan = importing.read_people(make_xlsx([student()] * 50), year)
    assert plan.errors == [(None, "Файл больше 1 КБ. Разделите список на несколько файлов.")]


def test_every_change_is_recorded_in_the_history_with_the_importing_user(year, classes):
    curator = make_user("curator")
    load([student(), teacher()], year, user=curator)
    load([student(phone="+7 900 000-00-01"), teacher()], year, user=curator)
    alyona = Person.objects.get(last_name="Семёнова")
    records = list(alyona.history.order_by("history_date"))
    assert [record.history_type for record in records] == ["+", "~"]
    assert {record.history_user for record in records} == {curator}
    assert {record.history_change_reason for record in records} == {"Импорт из Excel"}
    assert Person.history.count() == 3


def test_two_thousand_rows_are_read_and_saved_with_a_fixed_number_of_queries(
    year, classes, django_assert_max_num_queries
):
    rows = [
        student("Фамилия", f"Имя{n}", "", datetime.date(2010, 1, 1) + datetime.timedelta(days=n)) for n in range(2000)
    ]
    content = make_xlsx(rows)
    with django_assert_max_num_queries(20):
        plan = importing.read_people(content, year)
        importing.apply(plan)
    assert Person.objects.count() == 2000


def test_a_file_longer_than_the_row_limit_is_refused(year, classes, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 3)
    plan = read([student(f"Орлов{n}", "Пётр") for n in range(4)], year)
    assert plan.errors == [(None, "В файле больше 3 строк с людьми. Разделите список на несколько файлов.")]


def test_a_damaged_sheet_inside_a_valid_zip_gets_a_clear_message(year, classes):
    source = zipfile.ZipFile(io.BytesIO(make_xlsx([student()] * 20)))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as damaged:
        for item in source.infolist():
            content = source.read(item)
            damaged.writestr(
                item, content[: len(content) * 2 // 3] if item.filename.endswith("sheet1.xml") else content
            )
    plan = importing.read_people(stream.getvalue(), year)
    assert plan.errors == [(None, "Файл Excel повреждён: лист не читается. Сохраните его в Excel заново.")]


def test_the_start_of_teaching_work_is_read_and_a_bad_year_named(year):
    header = ["Фамилия", "Имя", "Категория", "Год начала педагогической работы"]
    rows = [["Молодова", "Мария", "педагог", 2024], ["Опытнова", "Ольга", "педагог", "1999"]]
    plan = load(rows, year, header)
    assert plan.created == 2
    assert dict(Person.objects.values_list("last_name", "career_start")) == {"Молодова": 2024, "Опытнова": 1999}
    bad = read([["Странная", "Софья", "педагог", "давно"], ["Будущая", "Вера", "педагог", 2999]], year, header)
    assert [number for number, _ in bad.errors] == [2, 3]
    assert "неверный год начала педагогической работы «давно»" in bad.errors[0][1]
