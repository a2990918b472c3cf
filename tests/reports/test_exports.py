"""The Excel reports of monitoring: the year's full report, the region's report from the list of
indicators, the list's editing, access and the number of queries."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from mentoring.models import DataExport, Material, NormativeAct
from pairs.models import Event, Meeting
from participants.models import Mentee, MentorProfile, Person, TrainingEvent
from reports import indicators
from reports.models import Indicator
from surveys.models import Answer, Question, Response, Survey
from tests.factories import make_act, make_class, make_mentee, make_mentor, make_mentorship, make_person, make_year
from tests.surveys.conftest import make_survey

HOSTILE = '=HYPERLINK("http://x","y")'
D = datetime.date
P = Indicator.Period


def teacher(last_name, first_name="Анна", **fields):
    return make_person(last_name=last_name, first_name=first_name, kind=Person.Kind.TEACHER, **fields)


def answer(survey, person, **values):
    """A response of ``person`` about themselves: numbers, or True/False for yes/no questions."""
    response = Response.objects.create(
        survey=survey, respondent=person, subject=person, respondent_role="self", submission_key=None
    )
    for code, value in values.items():
        question = Question.objects.get(survey=survey, code=code)
        field = "flag" if isinstance(value, bool) else "number"
        Answer.objects.create(response=response, question=question, **{field: value})


@pytest.fixture
def data(year, personas, forms, requisites):
    """A small year with known answers.

    Students in the band 10–18: Анна, Борис, Вера (7А), Дарья, Егор, Жанна (8А) — 6; involved:
    Анна (a mentee) and Дарья (supported without a pair) — 33.3 %. Глеб (10Б) is 19, out of the
    band; Малыш (2В) is 8.

    Pairs and groups:
    - P1: the teacher Королёва and Анна, «учитель – ученик», active from 15.09.2026;
    - G: the external Внешний with the teachers Молодая (young) and Старшая, «учитель – учитель»,
      a group finished on 20.01.2027, a best practice;
    - P3: the student Глеб and Малыш, «ученик – ученик», terminated on 15.10.2026;
    - a pair of 2025/2026 finished with no end date: in no period of 2026/2027.
    Meetings of P1: planned 20.09 missed, planned 10.10 held 12.10, planned 10.02 not marked, and
    one held outside the plan on 01.03.2027.
    """
    seventh = personas.class_leader.person.led_classes.get(year=year)
    eighth, tenth, second = make_class(year, 8, "А"), make_class(year, 10, "Б"), make_class(year, 2, "В")
    student = lambda last, first, school_class, **f: make_person(  # noqa: E731
        last_name=last, first_name=first, school_class=school_class, **f
    )
    anna = make_mentee(student("Антонова", "Анна", seventh), form=forms.teacher_student, status=Mentee.Status.PAIRED)
    boris = make_mentee(student("Борисов", "Борис", seventh), form=forms.student, status=Mentee.Status.IN_BANK)
    student("Веселова", "Вера", seventh)
    make_mentee(student("Дмитриева", "Дарья", eighth), status=Mentee.Status.SUPPORT, support="Беседы с психологом")
    student("Егоров", "Егор", eighth)
    student("Жукова", "Жанна", eighth)
    small = make_mentee(student("Малышев", "Миша", second), form=forms.student, status=Mentee.Status.DROPPED)
    young = make_mentee(teacher("Молодая", birth_date=D(2000, 1, 1)), form=forms.teachers)
    elder = make_mentee(teacher("Старшая", birth_date=D(1970, 1, 1)), form=forms.teachers)

    appointment = make_act(year, NormativeAct.Kind.MENTORS_ORDER, number="12-о", date=D(2026, 10, 1))
    main = make_mentor(teacher("Королёва", "Мария"), forms=[forms.teacher_student], capacity=2, appointment=appointment)
    MentorProfile.objects.create(person=main.person, rating=5)
    hostile = make_mentor(teacher(HOSTILE, "Ирина"), forms=[forms.student])
    external = make_mentor(
        make_person(last_name="Внешний", first_name="Пётр", kind=Person.Kind.EXTERNAL, organisation="ООО «Ромашка»"),
        forms=[forms.teachers],
    )
    older = make_mentor(student("Глебов", "Глеб", tenth, birth_date=D(2007, 6, 1)), forms=[forms.student])

    order = make_act(year, NormativeAct.Kind.PAIRS_ORDER, number="45-о", date=D(2026, 9, 14))
    p1 = make_mentorship(
        main, [anna], form=forms.teacher_student, status="active", starts_on=D(2026, 9, 15), order=order
    )
    group = make_mentorship(
        external,
        [young, elder],
        form=forms.teachers,
        status="finished",
        title="Школа молодого педагога",
        ended_on=D(2027, 1, 20),
        outcome="reached",
        best_practice=True,
    )
    p3 = make_mentorship(
        older,
        [small],
        form=forms.student,
        status="terminated",
        starts_on=D(2026, 9, 10),
        ended_on=D(2026, 10, 15),
        end_reason="Переезд",
    )
    make_mentorship(make_mentor(main.person, make_year(2025, current=False)), [], status="finished")

    Meeting.objects.create(
        mentorship=p1, topic="Знакомство", stage="acquaintance", planned_on=D(2026, 9, 20), held=False
    )
    Meeting.objects.create(
        mentorship=p1,
        topic="Пробная",
        stage="trial",
        planned_on=D(2026, 10, 10),
        held=True,
        held_on=D(2026, 10, 12),
        duration=45,
        format="online",
    )
    Meeting.objects.create(mentorship=p1, topic="План на весну", planned_on=D(2027, 2, 10))
    Meeting.objects.create(mentorship=p1, topic="Вне плана", held=True, held_on=D(2027, 3, 1))

    Event.objects.create(year=year, kind=Event.Kind.FINAL, title="Итоговая встреча", held_on=D(2027, 5, 20))
    Event.objects.create(year=year, kind=Event.Kind.OTHER, title="Общая встреча", held_on=D(2026, 12, 1))
    case = Material.objects.create(title="Кейс группы", kind=Material.Kind.CASE, year=year)
    Material.objects.filter(pk=case.pk).update(created_at=timezone.make_aware(datetime.datetime(2026, 12, 1, 12)))
    Material.objects.create(title="Рекомендации", kind=Material.Kind.RECOMMENDATION, year=year)
    autumn = TrainingEvent.objects.create(year=year, kind="induction", title="Установочная", held_on=D(2026, 10, 5))
    autumn.attendees.set([main, hostile])
    spring = TrainingEvent.objects.create(year=year, kind="exchange", title="Обмен опытом", held_on=D(2027, 3, 1))
    spring.attendees.set([main])

    scale, yes_no = Question.Kind.SCALE_10, Question.Kind.YES_NO
    before = make_survey(
        year,
        "Ожидания наставляемых",
        [("sat_meetings", scale, False, (), 1), ("growth_confidence", scale, False, (), 1)],
        purpose=Survey.Purpose.BEFORE,
    )
    after = make_survey(
        year,
        "Итоги наставляемых",
        [
            ("sat_meetings", scale, False, (), 1),
            ("growth_confidence", scale, False, (), 1),
            ("recommend", yes_no, False, (), 2),
        ],
        purpose=Survey.Purpose.AFTER,
    )
    mentors_after = make_survey(
        year, "Итоги наставников", [("sat_training", scale, False, (), 1)], purpose=Survey.Purpose.AFTER
    )
    make_survey(year, "Анкета наставляемого", [("topics_free", scale, False, (), 1)], purpose="mentee_intake")
    answer(before, anna.person, sat_meetings=5, growth_confidence=4)
    answer(after, anna.person, sat_meetings=8, growth_confidence=7, recommend=True)
    answer(after, young.person, sat_meetings=6, recommend=True)
    answer(mentors_after, main.person, sat_training=9)
    return SimpleNamespace(
        year=year,
        forms=forms,
        anna=anna,
        boris=boris,
        young=young,
        main=main,
        hostile=hostile,
        external=external,
        older=older,
        p1=p1,
        group=group,
        p3=p3,
    )


def workbook(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(b"".join(response)) if response.streaming else io.BytesIO(response.content))


def rows_of(sheet, header_row=1):
    """[{header: cell}] of a sheet's rows under its header."""
    rows = list(sheet.iter_rows(min_row=header_row))
    headers = [cell.value for cell in rows[0]]
    return [dict(zip(headers, row, strict=False)) for row in rows[1:]]


def by_first(rows, column):
    return {row[column].value: row for row in rows}


# ---------------------------------------------------------------------------------------------
# The year's full report
# ---------------------------------------------------------------------------------------------


def test_year_report_sheets_and_figures(curator_client, data):
    response = curator_client.get(reverse("year_report"))
    book = workbook(response)
    assert book.sheetnames == [
        "Показатели",
        "Наставляемые",
        "Наставники",
        "Пары и группы",
        "Встречи",
        "Анкеты",
        "Удовлетворённость и рост",
    ]
    assert 'filename="otchet-nastavnichestvo-2026-2027.xlsx"' in response["Content-Disposition"]
    sheet = book["Показатели"]
    assert sheet["A1"].value == "ГБОУ школа № 43: отчёт о реализации программы наставничества, 2026/2027 учебный год"
    assert sheet["A2"].value.startswith("Сформирован ")
    assert [cell.value for cell in sheet[4]] == ["Раздел", "Показатель", "Значение"]
    figures = {(row["Раздел"].value, row["Показатель"].value): row["Значение"] for row in rows_of(sheet, 4)}
    coverage = "Охват обучающихся"
    assert figures[coverage, "Обучающихся в возрастной группе"].value == 6
    assert figures[coverage, "Вовлечено в наставничество и сопровождение"].value == 2
    percent = figures[coverage, "Охват, %"]
    assert percent.value == pytest.approx(0.333) and percent.number_format == "0.0%"
    assert figures[coverage, "Целевой охват, %"].value == pytest.approx(0.7)
    assert figures[coverage, "Возрастная группа, лет"].value == "10–18"
    assert figures[coverage, "из них на сопровождении без пары"].value == 1
    assert figures["Молодые педагоги", "из них с наставником"].value == 1
    assert figures["Пары и группы", "Всего пар и групп"].value == 3
    assert figures["Пары и группы", "Групп — учитель – учитель"].value == 1
    assert figures["Пары и группы", "Статус «прекращена досрочно»"].value == 1
    assert figures["Банк наставляемых", "выбыли"].value == 1
    assert figures["Нагрузка наставников", "Мест у наставников"].value >= 2
    assert figures["Встречи", "Запланировано"].value == 3
    assert figures["Встречи", "Проведено из запланированных"].value == 1
    assert figures["Встречи", "Проведено всего, с внеплановыми"].value == 2
    assert figures["Встречи", "Не состоялись"].value == 1
    after = figures["Удовлетворённость: наставляемые", "Удовлетворённость после (1–10)"]
    assert after.value == 7 and after.number_format == "0.00"
    assert figures["Удовлетворённость: наставники", "Удовлетворённость после (1–10)"].value == 9
    assert figures["Рост наставляемых", "Изменение"].value == 3
    assert DataExport.objects.filter(what__startswith="Отчёт о программе наставничества").count() == 1


def test_year_report_lists(curator_client, data):
    book = workbook(curator_client.get(reverse("year_report")))

    mentees = by_first(rows_of(book["Наставляемые"]), "ФИО")
    assert [cell.value for cell in book["Наставляемые"][1]] == [
        "ФИО",
        "Класс/должность",
        "Категория",
        "Форма",
        "Статус",
        "Пара/группа",
        "Наставник",
        "Итоги",
        "Лучшая практика",
    ]
    anna = mentees["Антонова Анна"]
    assert anna["Класс/должность"].value == "7А"
    assert anna["Статус"].value == "в паре/группе"
    assert anna["Пара/группа"].value == f"Пара № {data.p1.pk}"
    assert anna["Наставник"].value == "Королёва Мария"
    assert mentees["Молодая Анна"]["Пара/группа"].value == "Группа «Школа молодого педагога»"
    assert mentees["Молодая Анна"]["Категория"].value == "педагог"
    assert len(mentees) == 6

    mentors = rows_of(book["Наставники"])
    hostile = next(row for row in mentors if row["ФИО"].value.startswith("="))
    assert hostile["ФИО"].value == f"{HOSTILE} Ирина" and hostile["ФИО"].data_type == "s"
    main = by_first(mentors, "ФИО")["Королёва Мария"]
    assert main["Мест"].value == 2 and main["Занято"].value == 1 and main["Пар/групп"].value == 1
    assert main["Приказ о назначении"].value.endswith("№ 12-о от 01.10.2026")
    assert main["Рейтинг"].value == 5
    assert by_first(mentors, "ФИО")["Внешний Пётр"]["Класс/должность/организация"].value == "ООО «Ромашка»"

    pairs = by_first(rows_of(book["Пары и группы"]), "№/название")
    p1 = pairs[f"Пара № {data.p1.pk}"]
    assert p1["Начало"].value == datetime.datetime(2026, 9, 15) and p1["Начало"].number_format == "dd.mm.yyyy"
    assert p1["Приказ"].value.endswith("№ 45-о от 14.09.2026")
    assert p1["Встреч проведено"].value == 2 and p1["Встреч запланировано"].value == 3
    assert p1["Последняя встреча"].value == datetime.datetime(2027, 3, 1)
    assert p1["Рост самооценки"].value == 3
    group = pairs["Группа «Школа молодого педагога»"]
    assert group["Наставляемые"].value == "Молодая Анна; Старшая Анна"
    assert group["Итог"].value == "цели достигнуты"
    assert group["Окончание"].value == datetime.datetime(2027, 1, 20)
    assert pairs[f"Пара № {data.p3.pk}"]["Итог"].value == "Переезд"

    meetings = rows_of(book["Встречи"])
    assert len(meetings) == 4
    trial = next(row for row in meetings if row["Тема"].value == "Пробная")
    assert trial["Проведена"].value == "да" and trial["Длительность, мин"].value == 45
    assert trial["Дата проведения"].value == datetime.datetime(2026, 10, 12)
    assert trial["Формат"].value == "дистанционно" and trial["Этап"].value == "пробная встреча"
    assert {row["Проведена"].value for row in meetings} == {"да", "нет", "не отмечена"}


def test_year_report_questionnaires_and_comparisons(curator_client, data):
    book = workbook(curator_client.get(reverse("year_report")))
    questions = rows_of(book["Анкеты"])
    surveys = {row["Анкета"].value for row in questions}
    assert not any("Анкета наставляемого" in title for title in surveys)  # an intake is no monitoring survey
    recommend = next(row for row in questions if row["Вопрос"].value == "Вопрос «recommend»")
    assert recommend["Анкета"].value == "Итоги наставляемых (Результаты (после программы); ответов: 2)"
    assert recommend["Распределение"].value == "да — 2; нет — 0"
    assert recommend["Раздел"].value == "Подробности"
    meetings = next(
        row
        for row in questions
        if row["Вопрос"].value == "Вопрос «sat_meetings»" and row["Анкета"].value.startswith("Итоги")
    )
    assert meetings["Ответов"].value == 2 and meetings["Среднее"].value == 7
    assert meetings["Распределение"].value.startswith("1 — 0; 2 — 0")

    comparisons = rows_of(book["Удовлетворённость и рост"])
    growth = [row for row in comparisons if row["Блок"].value == "Рост наставляемых"]
    item = next(row for row in growth if row["Разрез"].value == "пункт")
    assert (item["До"].value, item["После"].value, item["Изменение"].value) == (4, 7, 3)
    by_form = next(row for row in growth if row["Разрез"].value == "форма")
    assert by_form["Пункт / форма"].value == "учитель – ученик"
    mentees = [row for row in comparisons if row["Блок"].value == "Удовлетворённость: наставляемые"]
    total = next(row for row in mentees if row["Разрез"].value == "итого")
    assert (total["До"].value, total["После"].value) == (5, 7)


def test_year_report_for_another_year(curator_client, data):
    book = workbook(curator_client.get(reverse("year_report"), {"year": 2025}))
    assert book["Показатели"]["A1"].value.endswith("2025/2026 учебный год")
    assert len(rows_of(book["Пары и группы"])) == 1


def _add_rows(data, number):
    """``number`` more mentees, mentors, pairs (with a meeting each) in the year."""
    seventh = data.anna.person.school_class
    for index in range(number):
        mentee = make_mentee(make_person(last_name=f"Новиков{index}", school_class=seventh), form=data.forms.student)
        mentor = make_mentor(teacher(f"Наставник{index}"), forms=[data.forms.student])
        MentorProfile.objects.create(person=mentor.person, rating=3)
        pair = make_mentorship(mentor, [mentee], form=data.forms.student, status="active")
        Meeting.objects.create(mentorship=pair, topic="Встреча", planned_on=D(2026, 11, 10))


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        assert response.status_code == 200
    return len(queries)


def test_year_report_queries_do_not_grow_with_rows(curator_client, data):
    url = reverse("year_report")
    small = _queries(curator_client, url)
    _add_rows(data, 6)
    assert _queries(curator_client, url) == small
    assert small < 80


# ---------------------------------------------------------------------------------------------
# The region's report
# ---------------------------------------------------------------------------------------------

EXPECTED = {  # key: (first half, second half)
    "students_in_band": (6, 6),
    "students_involved": (2, 2),
    "students_involved_percent": (33.3, 33.3),
    "students_mentees": (1, 1),
    "students_mentors": (0, 0),
    "students_supported": (1, 1),
    "young_teachers": (1, 1),
    "young_teachers_mentored": (1, 1),
    "young_teachers_percent": (100.0, 100.0),
    "teachers_mentors": (1, 1),
    "teachers_mentors_percent": (20.0, 20.0),  # Королёва of 5 teachers
    "mentors_total": (3, 2),
    "mentors_students": (1, 0),
    "mentors_staff": (1, 1),
    "mentors_external": (1, 1),
    "mentees_total": (4, 3),
    "mentees_students": (2, 1),
    "mentees_teachers": (2, 2),
    "pairs_total": (3, 2),
    "pairs": (2, 1),
    "groups": (1, 1),
    "pairs_finished": (0, 1),
    "pairs_terminated": (1, 0),
    "best_practices": (1, 1),
    "meetings_held": (1, 1),  # held on 12.10 counts in the first half only; 01.03 in the second
    "meetings_planned": (2, 1),
    "meetings_held_percent": (50.0, 0.0),
    "final_events": (0, 1),
    "cases_written": (1, 0),
    "mentors_trained": (2, 1),
    "satisfaction_mentees": (Decimal("7.00"), Decimal("7.00")),
    "satisfaction_mentors": (Decimal("9.00"), Decimal("9.00")),
    "growth_change": (Decimal("3.00"), Decimal("3.00")),
}


def test_every_catalogue_figure_for_two_periods(data):
    forms = data.forms
    expected = {
        **EXPECTED,
        f"form:{forms.teacher_student.pk}": (1, 1),
        f"form:{forms.teachers.pk}": (1, 1),
        f"form:{forms.student.pk}": (1, 0),
    }
    catalogue = indicators.catalogue()
    assert set(expected) <= set(catalogue)
    assert set(EXPECTED) == set(indicators.FIGURES)
    rows = [
        Indicator(position=number, name=key, metric=key, period=period)
        for number, (key, period) in enumerate(
            ((key, period) for key in expected for period in (P.FIRST_HALF, P.SECOND_HALF)), start=1
        )
    ]
    values = {(row.indicator.metric, row.indicator.period): row.value for row in indicators.report(data.year, rows)}
    for key, (first, second) in expected.items():
        assert (values[key, P.FIRST_HALF], values[key, P.SECOND_HALF]) == (first, second), key


def test_calendar_and_custom_periods(data):
    rows = [
        Indicator(position=1, name="год", metric="meetings_held", period=P.YEAR),
        Indicator(
            position=2,
            name="октябрь",
            metric="meetings_held",
            period=P.CUSTOM,
            starts_on=D(2026, 10, 1),
            ends_on=D(2026, 10, 31),
        ),
        Indicator(position=3, name="календарный", metric="pairs_total", period=P.CALENDAR),
    ]
    year, october, calendar = indicators.report(data.year, rows)
    assert (year.value, october.value) == (2, 1)
    assert october.period_text == "01.10.2026–31.10.2026"
    # 2027: P1 and the group of 2026/2027; the pair of 2025/2026 is in none of its periods.
    assert calendar.value == 2 and calendar.period_text == "01.01.2027–31.12.2027"


def test_regional_report_download(curator_client, data):
    Indicator.objects.create(position=1, name=HOSTILE, metric="meetings_held", period=P.FIRST_HALF)
    Indicator.objects.create(position=2, name="Доля вовлечённых", metric="students_involved_percent")
    Indicator.objects.create(position=3, name="Удовлетворённость", metric="satisfaction_mentees")
    Indicator.objects.create(position=4, name="Снятый показатель", metric="form:999999")
    response = curator_client.get(reverse("regional_report"))
    book = workbook(response)
    assert book.sheetnames == ["Отчёт"]
    sheet = book["Отчёт"]
    assert sheet["A1"].value.startswith("ГБОУ школа № 43: отчёт о реализации целевой модели наставничества, 2026/2027")
    assert [cell.value for cell in sheet[4]] == ["№", "Показатель", "Период", "Значение"]
    rows = rows_of(sheet, 4)
    first = rows[0]
    assert first["№"].value == 1
    assert first["Показатель"].value == HOSTILE and first["Показатель"].data_type == "s"
    assert first["Период"].value == "01.09.2026–31.12.2026"
    assert first["Значение"].value == 1
    share = rows[1]["Значение"]
    assert share.value == pytest.approx(0.333) and share.number_format == "0.0%"
    assert rows[1]["Период"].value == "01.09.2026–31.08.2027"
    assert rows[2]["Значение"].value == 7 and rows[2]["Значение"].number_format == "0.00"
    assert rows[3]["Значение"].value is None
    assert DataExport.objects.filter(what__startswith="Отчёт для региона", rows=4).count() == 1


def test_regional_report_queries_bounded(curator_client, data):
    url = reverse("regional_report")
    indicators.add_typical()
    few = _queries(curator_client, url)
    for number in range(10):
        Indicator.objects.create(position=100 + number, name=f"Ещё {number}", metric="pairs_total", period=P.FIRST_HALF)
    _add_rows(data, 5)
    assert _queries(curator_client, url) == few


# ---------------------------------------------------------------------------------------------
# The list of indicators
# ---------------------------------------------------------------------------------------------


def names():
    return list(Indicator.objects.values_list("position", "name"))


def test_fill_with_typical_list_once(curator_client, data):
    url = reverse("indicators")
    page = curator_client.get(url)
    assert "Заполнить типовым списком" in page.content.decode()
    curator_client.post(reverse("indicators_fill"))
    curator_client.post(reverse("indicators_fill"))
    assert Indicator.objects.count() == len(indicators.TYPICAL)
    assert [position for position, _ in names()] == list(range(1, len(indicators.TYPICAL) + 1))
    catalogue = indicators.catalogue()
    assert all(row.metric in catalogue for row in Indicator.objects.all())
    assert "Заполнить типовым списком" not in curator_client.get(url).content.decode()


def test_add_edit_delete_and_move(curator_client, data):
    add = reverse("indicator_add")
    form = {"name": "Число пар", "metric": "pairs_total", "period": P.FIRST_HALF}
    assert curator_client.post(add, form).status_code == 302
    assert curator_client.post(add, form).status_code == 302  # sent twice: stored once
    curator_client.post(add, {"name": "Встречи", "metric": "meetings_held", "period": P.YEAR})
    curator_client.post(add, {"name": "Кейсы", "metric": "cases_written", "period": P.YEAR})
    assert names() == [(1, "Число пар"), (2, "Встречи"), (3, "Кейсы")]

    response = curator_client.post(add, {"name": "Свой", "metric": "pairs_total", "period": P.CUSTOM})
    assert response.status_code == 200 and "укажите обе даты" in response.content.decode()
    response = curator_client.post(
        add,
        {"name": "Свой", "metric": "nonsense", "period": P.YEAR},
    )
    assert response.status_code == 200 and Indicator.objects.count() == 3

    cases = Indicator.objects.get(name="Кейсы")
    curator_client.post(reverse("indicator_move", args=[cases.pk, "up"]))
    assert names() == [(1, "Число пар"), (2, "Кейсы"), (3, "Встречи")]
    first = Indicator.objects.get(name="Число пар")
    curator_client.post(reverse("indicator_move", args=[first.pk, "up"]))  # already first
    curator_client.post(reverse("indicator_move", args=[first.pk, "down"]))
    assert names() == [(1, "Кейсы"), (2, "Число пар"), (3, "Встречи")]

    edit = reverse("indicator_edit", args=[first.pk])
    assert curator_client.get(edit).status_code == 200
    response = curator_client.post(
        edit,
        {
            "name": "Пары за октябрь",
            "metric": "pairs_total",
            "period": P.CUSTOM,
            "starts_on": "2026-10-01",
            "ends_on": "2026-10-31",
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.name, first.starts_on, first.position) == ("Пары за октябрь", D(2026, 10, 1), 2)
    curator_client.post(edit, {"name": "Пары", "metric": "pairs_total", "period": P.YEAR, "starts_on": "2026-10-01"})
    first.refresh_from_db()
    assert first.starts_on is None  # dates belong to a custom period only

    curator_client.post(reverse("indicator_delete", args=[cases.pk]))
    curator_client.post(reverse("indicator_delete", args=[cases.pk]))
    assert names() == [(1, "Пары"), (2, "Встречи")]

    page = curator_client.get(reverse("indicators")).content.decode()
    assert "Пары" in page and "01.09.2026–31.08.2027" in page


def test_list_flags_a_figure_no_longer_counted(client, personas, data):
    Indicator.objects.create(position=1, name="Форма снята", metric="form:999999")
    client.force_login(personas.director)
    page = client.get(reverse("indicators")).content.decode()
    assert 'data-testid="unknown-metric"' in page
    assert "Добавить показатель" not in page and "Заполнить типовым списком" not in page


def test_the_tab_and_the_page(curator_client, data):
    page = curator_client.get(reverse("monitoring_reports")).content.decode()
    assert 'aria-current="page" href="/monitoring/reports/">Отчёты</a>' in page
    assert reverse("year_report") in page
    assert reverse("regional_report") not in page  # the list is empty yet
    indicators.add_typical()
    assert reverse("regional_report") in curator_client.get(reverse("monitoring_reports")).content.decode()
    assert "Отчёты</a>" in curator_client.get(reverse("monitoring")).content.decode()


def test_demo_list_is_the_typical_one(data):
    assert indicators.add_typical() == len(indicators.TYPICAL)
    assert indicators.add_typical() == 0


# ---------------------------------------------------------------------------------------------
# Access
# ---------------------------------------------------------------------------------------------

READ = ["monitoring_reports", "year_report", "regional_report", "indicators"]


@pytest.mark.parametrize("name", READ)
@pytest.mark.parametrize("persona", ["curator", "director"])
def test_management_reads(client, personas, data, name, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", READ)
@pytest.mark.parametrize("persona", ["teacher", "mentor", "class_leader"])
def test_others_refused(client, personas, data, name, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", READ)
def test_anonymous_logs_in(client, data, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["director", "teacher"])
def test_only_the_curator_edits(client, personas, data, persona):
    indicator = Indicator.objects.create(position=1, name="Пары", metric="pairs_total")
    client.force_login(getattr(personas, persona))
    form = {"name": "Другое", "metric": "pairs", "period": P.YEAR}
    assert client.get(reverse("indicator_add")).status_code == 403
    assert client.post(reverse("indicator_add"), form).status_code == 403
    assert client.post(reverse("indicator_edit", args=[indicator.pk]), form).status_code == 403
    assert client.post(reverse("indicator_delete", args=[indicator.pk])).status_code == 403
    assert client.post(reverse("indicator_move", args=[indicator.pk, "down"])).status_code == 403
    assert client.post(reverse("indicators_fill")).status_code == 403
    assert names() == [(1, "Пары")]
    assert DataExport.objects.count() == 0


def test_download_needs_get(curator_client, data):
    assert curator_client.post(reverse("year_report")).status_code == 405
