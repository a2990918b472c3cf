"""Results: counts, averages and distributions, before/after, each response, the Excel file; who reads them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import DataExport
from participants.models import Person
from surveys.models import Answer, Response, Survey
from tests.factories import make_class, make_person
from tests.participants.xlsx import read_xlsx, sheet_values
from tests.surveys.conftest import answers_for, choice_pk, copy_template, fill_url, invite, page, today

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def submit(client, survey, person, **answers):
    """``person`` answers ``survey`` through their own personal link."""
    link = invite(survey, person)
    response = client.post(fill_url(link), answers_for(survey, **answers))
    assert response.status_code == 302, response.context and response.context["form"].errors
    return Response.objects.get(invitation=link)


def results_of(response):
    """{question code: QuestionResult} of a results page."""
    return {result.question.code: result for _, items in response.context["sections"] for result in items}


def bars(result):
    return [(bar.label, bar.count, bar.share) for bar in result.bars]


@pytest.fixture
def three(client, survey, year):
    """Three students answered with known values."""
    klass = make_class(year, 9, "В")
    people = [make_person(last_name=name, first_name="Ученик", school_class=klass) for name in ("Аа", "Бб", "Вв")]
    pk = lambda code, text: choice_pk(survey, code, text)  # noqa: E731
    given = [
        dict(mood="2", energy="5", favourite=pk("favourite", "Математика"), agree="yes", age="10", nickname="Один",
             hobbies=[pk("hobbies", "Спорт"), pk("hobbies", "Музыка")]),
        dict(mood="4", energy="3", favourite=pk("favourite", "Математика"), agree="yes", age="12", nickname="Два",
             hobbies=[pk("hobbies", "Спорт")]),
        dict(mood="9", energy=None, favourite=pk("favourite", "Физика"), agree="no", age="17.5", nickname="",
             hobbies=[pk("hobbies", "Чтение")]),
    ]  # fmt: skip
    return [submit(client, survey, person, **answers) for person, answers in zip(people, given, strict=True)]


def test_the_results_count_average_and_distribute_each_question(curator_client, survey, three):
    response = curator_client.get(reverse("survey_results", args=[survey.pk]))
    assert response.status_code == 200
    assert response.context["response_count"] == 3
    results = results_of(response)
    mood = results["mood"]
    assert (mood.answered, mood.average, mood.minimum, mood.maximum) == (3, Decimal("5"), 2, 9)
    assert bars(mood) == [
        ("1", 0, 0.0), ("2", 1, 33.3), ("3", 0, 0.0), ("4", 1, 33.3), ("5", 0, 0.0),
        ("6", 0, 0.0), ("7", 0, 0.0), ("8", 0, 0.0), ("9", 1, 33.3), ("10", 0, 0.0),
    ]  # fmt: skip
    energy = results["energy"]
    assert (energy.answered, energy.average) == (2, Decimal("4"))
    assert bars(energy) == [("1", 0, 0.0), ("2", 0, 0.0), ("3", 1, 50.0), ("4", 0, 0.0), ("5", 1, 50.0)]
    assert bars(results["favourite"]) == [("Математика", 2, 66.7), ("Физика", 1, 33.3), ("Литература", 0, 0.0)]
    assert bars(results["hobbies"]) == [("Спорт", 2, 66.7), ("Музыка", 1, 33.3), ("Чтение", 1, 33.3)]
    assert bars(results["agree"]) == [("да", 2, 66.7), ("нет", 1, 33.3)]
    age = results["age"]
    assert (age.answered, round(age.average, 4), age.minimum, age.maximum) == (
        3,
        Decimal("13.1667"),
        10,
        Decimal("17.5"),
    )
    assert (results["nickname"].answered, results["birthday"].answered) == (2, 3)
    html = page(response)
    assert 'data-testid="response-count">3<' in html
    assert 'среднее <strong class="text-body">5,00</strong>' in html
    assert "от 10 до 17,5" in html
    assert "Читать ответы (2)" in html


def test_the_written_answers_of_a_question_are_listed(curator_client, survey, three):
    nickname = survey.questions.get(code="nickname")
    response = curator_client.get(reverse("survey_question_answers", args=[survey.pk, nickname.pk]))
    assert [answer.text for answer in response.context["page"]] == ["Два", "Один"]


def test_a_survey_without_answers_shows_zeros(curator_client, survey):
    response = curator_client.get(reverse("survey_results", args=[survey.pk]))
    results = results_of(response)
    assert response.context["response_count"] == 0
    assert results["mood"].average is None and results["mood"].answered == 0
    assert bars(results["agree"]) == [("да", 0, 0.0), ("нет", 0, 0.0)]


def test_the_after_survey_compares_shared_items_with_the_before_survey(curator_client, client, year):
    before = copy_template(curator_client, "mentee_before")
    after = copy_template(curator_client, "mentee_after")
    Survey.objects.filter(pk__in=[before.pk, after.pk]).update(opens_on=today())
    before.refresh_from_db()
    after.refresh_from_db()
    klass = make_class(year, 9, "В")
    ann, bob = (make_person(last_name=name, first_name="Ученик", school_class=klass) for name in ("Аа", "Бб"))
    submit(client, before, ann, sat_programme_overall="4", sat_comfort="7")
    submit(client, before, bob, sat_programme_overall="6", sat_comfort="7")
    submit(client, after, ann, sat_programme_overall="8", sat_comfort="7")
    submit(client, after, bob, sat_programme_overall="9", sat_comfort="6")
    response = curator_client.get(reverse("survey_results", args=[after.pk]))
    rows = {row.code: row for row in response.context["comparison"]}
    assert list(rows) == list(
        after.questions.filter(code__startswith="sat_")
        .order_by("section__position", "position")
        .values_list("code", flat=True)
    )
    assert len(rows) == 8  # the growth_ items are asked only after
    overall = rows["sat_programme_overall"]
    assert (overall.before, overall.after, overall.change) == (Decimal("5"), Decimal("8.5"), Decimal("3.5"))
    assert (overall.before_count, overall.after_count) == (2, 2)
    comfort = rows["sat_comfort"]
    assert (comfort.before, comfort.after, comfort.change) == (Decimal("7"), Decimal("6.5"), Decimal("-0.5"))
    html = page(response)
    assert "До и после программы" in html
    assert "+3,5" in html and "-0,5" in html
    assert curator_client.get(reverse("survey_results", args=[before.pk])).context["comparison"] == []


def test_an_item_not_answered_before_has_no_change(curator_client, year):
    before = copy_template(curator_client, "mentee_before")
    after = copy_template(curator_client, "mentee_after")
    Survey.objects.filter(pk=after.pk).update(opens_on=today())
    after.refresh_from_db()
    submit(curator_client, after, make_person(), sat_programme_overall="8")
    rows = {
        row.code: row for row in curator_client.get(reverse("survey_results", args=[after.pk])).context["comparison"]
    }
    assert (rows["sat_programme_overall"].before, rows["sat_programme_overall"].change) == (None, None)
    assert before.responses.count() == 0


# Query counts do not grow with the number of responses


def add_responses(survey, count, school_class):
    """``count`` responses by different students answering every question, written in bulk."""
    questions = {question.code: question for question in survey.questions.prefetch_related("choices")}
    people = Person.objects.bulk_create(
        Person(last_name=f"Ученик{n}", first_name="Тест", kind="student", school_class=school_class)
        for n in range(count)
    )
    now = timezone.now()
    responses = Response.objects.bulk_create(
        Response(survey=survey, subject=person, respondent=person, respondent_role="self", submitted_at=now)
        for person in people
    )
    answers, chosen = [], []
    for n, response in enumerate(responses):
        for code, question in questions.items():
            answer = Answer(response=response, question=question)
            if question.kind in ("scale10", "scale5", "number"):
                answer.number = 1 + n % 5
            elif question.kind == "yesno":
                answer.flag = n % 2 == 0
            elif question.kind in ("text", "textarea"):
                answer.text = f"Ответ {n} на {code}"
            elif question.kind == "date":
                answer.date = datetime.date(2012, 1, 1 + n % 28)
            else:
                picked = list(question.choices.all())[: 1 if question.kind == "single" else 2]
                chosen.append((answer, picked))
            answers.append(answer)
    Answer.objects.bulk_create(answers, batch_size=5000)
    Through = Answer.choices.through
    Through.objects.bulk_create(
        [Through(answer_id=answer.pk, choice_id=choice.pk) for answer, choices in chosen for choice in choices],
        batch_size=5000,
    )


def queries(client, survey):
    """{page: number of queries}, and the exported sheet's rows."""
    counts = {}
    for name in ("survey_results", "survey_responses", "survey_export"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(name, args=[survey.pk]))
        assert response.status_code == 200
        counts[name] = len(captured)
    return counts, sheet_values(response.content)


def test_results_responses_and_export_cost_the_same_queries_for_10_and_1000_responses(curator_client, survey, year):
    klass = make_class(year, 9, "В")
    add_responses(survey, 10, klass)
    few, rows = queries(curator_client, survey)
    assert len(rows) == 11
    add_responses(survey, 990, klass)
    many, rows = queries(curator_client, survey)
    assert many == few
    assert len(rows) == 1001


# The Excel file


def export(client, survey):
    response = client.get(reverse("survey_export", args=[survey.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == f'attachment; filename="survey-{survey.pk}-answers.xlsx"'
    return response


def test_the_export_has_a_row_per_response_and_a_column_per_question(curator_client, client, survey, school, personas):
    submit(client, survey, school.alyona)
    link = invite(survey, school.boris, role="class_leader", respondent=school.class_leader)
    client.post(fill_url(link), answers_for(survey, nickname=None, age="-3.25", agree="no"))
    values = sheet_values(export(curator_client, survey).content)
    assert values[0] == [
        "№", "Дата ответа", "Участник", "Класс / должность", "Кто отвечал",
        "mood: Вопрос «mood»", "energy: Вопрос «energy»", "favourite: Вопрос «favourite»",
        "hobbies: Вопрос «hobbies»", "agree: Вопрос «agree»", "nickname: Вопрос «nickname»",
        "story: Вопрос «story»", "age: Вопрос «age»", "birthday: Вопрос «birthday»",
    ]  # fmt: skip
    midnight = datetime.datetime.combine(timezone.localdate(), datetime.time())
    assert values[1] == [
        1, midnight, "Семёнова Алёна Игоревна", "7А", "сам участник", 7, 5, "Математика", "Спорт; Музыка", "да",
        "Короткий ответ nickname", "Развёрнутый ответ на вопрос story", 12, datetime.datetime(2012, 3, 5),
    ]  # fmt: skip
    assert values[2][:5] == [2, midnight, "Абрамов Борис", "7А", "классный руководитель"]
    assert (values[2][9], values[2][10], values[2][12]) == ("нет", None, -3.25)
    assert len(values) == 3
    entry = DataExport.objects.get()
    assert (entry.user, entry.what, entry.rows) == (personas.curator, "Ответы на анкету «Анкета обо всём»", 2)


@pytest.mark.parametrize("text", ['=HYPERLINK("http://evil.example","жми")', "+7 (921) 000-00-00", "-1", "@SUM(A1)"])
def test_an_answer_that_looks_like_a_formula_stays_text(curator_client, client, survey, school, text):
    submit(client, survey, school.alyona, nickname=text, story=text)
    sheet = read_xlsx(export(curator_client, survey).content).active
    header = [cell.value for cell in sheet[1]]
    for code in ("nickname", "story"):
        cell = sheet.cell(row=2, column=header.index(f"{code}: Вопрос «{code}»") + 1)
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


def test_an_anonymous_surveys_export_carries_no_names(curator_client, client, survey, school):
    Survey.objects.filter(pk=survey.pk).update(anonymous=True)
    survey.refresh_from_db()
    client.post(fill_url(invite(survey, school.alyona)), answers_for(survey))
    assert Response.objects.count() == 1
    values = sheet_values(export(curator_client, survey).content)
    assert values[0][:3] == ["№", "Дата ответа", "mood: Вопрос «mood»"]
    assert len(values[0]) == 11 and len(values) == 2
    cells = " ".join(str(value) for row in values for value in row)
    assert "Семёнова" not in cells and "7А" not in cells and "сам участник" not in cells
    listed = curator_client.get(reverse("survey_responses", args=[survey.pk]))
    assert "Семёнова" not in page(listed)


def test_an_anonymous_response_is_exported_with_the_day_it_was_given(curator_client, client, survey, school):
    """An anonymous response keeps only its day (local midnight, the evening before in UTC)."""
    Survey.objects.filter(pk=survey.pk).update(anonymous=True)
    client.post(fill_url(invite(survey, school.alyona)), answers_for(survey))
    values = sheet_values(export(curator_client, survey).content)
    assert values[1][:2] == [1, datetime.datetime.combine(today(), datetime.time())]


def test_the_export_dates_a_response_by_the_schools_calendar(curator_client, survey):
    """At 01:30 in Moscow it is still 22:30 of the day before in UTC; the sheet shows the Moscow day."""
    moscow = timezone.get_current_timezone()
    late = datetime.datetime(2026, 11, 11, 1, 30, tzinfo=moscow)
    Response.objects.create(survey=survey, submitted_at=late)
    values = sheet_values(export(curator_client, survey).content)
    assert values[1][1] == datetime.datetime(2026, 11, 11)


# The responses


def test_the_responses_list_names_who_answered(curator_client, client, survey, school):
    submit(client, survey, school.alyona)
    response = curator_client.get(reverse("survey_responses", args=[survey.pk]))
    assert [r.subject for r in response.context["page"]] == [school.alyona]
    assert "Семёнова Алёна Игоревна" in page(response)
    assert response.context["to_bank"] is False


def test_a_response_shows_every_answer(curator_client, client, survey, school):
    stored = submit(client, survey, school.alyona, story="Люблю задачи")
    response = curator_client.get(reverse("survey_response", args=[survey.pk, stored.pk]))
    assert response.status_code == 200
    html = page(response)
    assert "Люблю задачи" in html and "Спорт; Музыка" in html and "05.03.2012" in html
    assert "Семёнова Алёна Игоревна, 7А" in html


def test_a_response_of_another_survey_is_404(curator_client, client, survey, school, year):
    stored = submit(client, survey, school.alyona)
    other = Survey.objects.create(title="Другая", year=year)
    assert curator_client.get(reverse("survey_response", args=[other.pk, stored.pk])).status_code == 404


# Who reads results


def management_pages(survey):
    return [reverse(name, args=[survey.pk]) for name in ("survey_results", "survey_responses", "survey_export")]


def test_the_administration_reads_results_responses_and_the_export(client, personas, survey, school):
    stored = submit(client, survey, school.alyona)
    client.force_login(personas.director)
    for url in [*management_pages(survey), reverse("survey_response", args=[survey.pk, stored.pk])]:
        assert client.get(url).status_code == 200, url
    assert DataExport.objects.get().user == personas.director


@pytest.mark.parametrize("persona", ["teacher", "mentor", "outsider", "class_leader"])
def test_others_read_no_results(client, personas, survey, school, persona):
    stored = submit(client, survey, school.alyona)
    client.force_login(getattr(personas, persona))
    for url in management_pages(survey):
        assert client.get(url).status_code == 403, url
    nickname = survey.questions.get(code="nickname")
    assert client.get(reverse("survey_question_answers", args=[survey.pk, nickname.pk])).status_code == 403
    if persona != "class_leader":
        assert client.get(reverse("survey_response", args=[survey.pk, stored.pk])).status_code == 403
    assert not DataExport.objects.exists()


def test_results_ask_an_anonymous_visitor_to_log_in(client, survey):
    for url in management_pages(survey):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_class_leader_reads_their_students_answers_only_on_an_open_survey(client, personas, survey, school):
    Survey.objects.filter(pk=survey.pk).update(confidential=False)
    alyona = submit(client, survey, school.alyona, story="Ответ Алёны")
    egor = submit(client, survey, school.egor, story="Ответ Егора")
    client.force_login(personas.class_leader)
    own = client.get(reverse("survey_response", args=[survey.pk, alyona.pk]))
    assert own.status_code == 200 and "Ответ Алёны" in page(own)
    assert client.get(reverse("survey_response", args=[survey.pk, egor.pk])).status_code == 404
    status = client.get(reverse("survey_class", args=[survey.pk, school.class_7a.pk]))
    assert status.context["answers_visible"] is True
    assert reverse("survey_response", args=[survey.pk, alyona.pk]) in page(status)


def test_a_class_leader_reads_no_answers_of_a_confidential_survey(client, personas, survey, school):
    alyona = submit(client, survey, school.alyona)
    client.force_login(personas.class_leader)
    assert client.get(reverse("survey_response", args=[survey.pk, alyona.pk])).status_code == 403
    status = client.get(reverse("survey_class", args=[survey.pk, school.class_7a.pk]))
    assert reverse("survey_response", args=[survey.pk, alyona.pk]) not in page(status)


def test_a_class_leader_reads_no_answers_of_an_anonymous_survey(client, personas, survey, school):
    Survey.objects.filter(pk=survey.pk).update(confidential=False, anonymous=True)
    link = invite(survey, school.alyona)
    client.post(fill_url(link), answers_for(survey))
    stored = Response.objects.get()
    client.force_login(personas.class_leader)
    assert client.get(reverse("survey_response", args=[survey.pk, stored.pk])).status_code == 403


def test_a_class_leader_reads_no_open_link_response(client, personas, survey, school):
    Survey.objects.filter(pk=survey.pk).update(confidential=False)
    stored = Response.objects.create(survey=survey)
    client.force_login(personas.class_leader)
    assert client.get(reverse("survey_response", args=[survey.pk, stored.pk])).status_code == 404
