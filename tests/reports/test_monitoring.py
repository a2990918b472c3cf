"""The figures of monitoring on a small school whose every answer is known, the dashboard and
its pages: access, fixed query counts, the settings and the SWOT analysis."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.urls import reverse

from pairs.models import Meeting
from participants.models import Mentee, MentoringForm, Person
from reports import monitoring
from reports.models import YearReview
from surveys import codes, standard
from surveys.models import Answer, Question, Response, Survey
from tests.factories import make_class, make_mentee, make_mentor, make_mentorship, make_person

TODAY = datetime.date(2026, 11, 24)
SCALE = Question.Kind.SCALE_10


def student(school_class, last_name, born=None):
    return make_person(last_name=last_name, first_name="Ученик", school_class=school_class, birth_date=born)


def teacher(last_name, born=None, career_start=None):
    return make_person(
        last_name=last_name, first_name="Педагог", kind=Person.Kind.TEACHER, birth_date=born, career_start=career_start
    )


def survey_of(year, purpose, codes_):
    survey = Survey.objects.create(title=f"Анкета {purpose}", year=year, purpose=purpose)
    section = survey.sections.create(title="Оценки", position=1)
    for position, code in enumerate(codes_, start=1):
        survey.questions.create(section=section, code=code, kind=SCALE, text=f"Пункт {code}", position=position)
    return survey


def respond(survey, person, **values):
    response = Response.objects.create(survey=survey, subject=person, respondent=person)
    questions = {question.code: question for question in survey.questions.all()}
    Answer.objects.bulk_create(
        Answer(response=response, question=questions[code], number=value) for code, value in values.items()
    )
    return response


@pytest.fixture
def data(year, personas):
    """A school of nine students (seven of them 10–18 on 1 September 2026, four involved), five
    young-or-not teachers, four pairs, a journal and questionnaires before and after."""
    student_form = MentoringForm.objects.get(name="ученик – ученик")
    teachers_form = MentoringForm.objects.get(name="учитель – учитель")
    fourth, seventh = make_class(year, 4, "А"), personas.class_leader.person.led_classes.get(year=year)
    tenth, eleventh, third = make_class(year, 10, "Б"), make_class(year, 11, "А"), make_class(year, 3, "А")
    s = SimpleNamespace(
        paired=student(seventh, "Парный", datetime.date(2013, 5, 1)),
        alone=student(seventh, "Одинокий", datetime.date(2013, 9, 2)),
        tutor=student(tenth, "Старший"),  # no birth date: 10th grade counts as 16
        small=student(third, "Малыш", datetime.date(2018, 1, 1)),
        nineteen=student(eleventh, "Выпускник", datetime.date(2007, 9, 1)),  # 19 on 1 September
        supported=student(eleventh, "Сопровождаемый", datetime.date(2007, 9, 2)),  # still 18
        proposed=student(seventh, "Предложенный", datetime.date(2013, 1, 1)),
        ended=student(seventh, "Прекративший", datetime.date(2013, 2, 1)),
        ten=student(fourth, "Десятилетний", datetime.date(2016, 9, 1)),  # 10 exactly
    )
    t = SimpleNamespace(
        young_paired=teacher("Молодая", datetime.date(1995, 1, 1)),
        new=teacher("Новичок", datetime.date(1980, 1, 1), career_start=2024),
        seasoned=teacher("Опытная", datetime.date(1980, 1, 1), career_start=2020),
        thirty_four=teacher("Тридцатичетырёхлетняя", datetime.date(1991, 9, 2)),
        thirty_five=teacher("Тридцатипятилетняя", datetime.date(1991, 9, 1)),
    )
    mentor = make_mentor(teacher("Наставник", datetime.date(1970, 1, 1)), forms=[student_form], capacity=1)
    mentee = make_mentee(s.paired, form=student_form, status=Mentee.Status.PAIRED)
    pair = make_mentorship(mentor, [mentee], form=student_form, status="active", starts_on=datetime.date(2026, 9, 1))
    tutor = make_mentor(s.tutor, forms=[student_form], capacity=2)
    quiet = make_mentorship(
        tutor,
        [make_mentee(make_person(last_name="Внешний", kind=Person.Kind.EXTERNAL), form=student_form)],
        form=student_form,
        status="approved",
        starts_on=datetime.date(2026, 9, 1),
    )
    make_mentorship(
        make_mentor(teacher("Прежний", datetime.date(1970, 1, 1)), forms=[student_form], capacity=1),
        [make_mentee(s.ended, form=student_form, status=Mentee.Status.IN_BANK)],
        form=student_form,
        status="terminated",
        end_reason="Переезд",
    )
    make_mentorship(mentor, [make_mentee(s.proposed, form=student_form)], form=student_form)  # proposed
    make_mentee(s.supported, status=Mentee.Status.SUPPORT, support="Встречи с психологом")
    teachers_pair = make_mentorship(
        make_mentor(teacher("Методист", datetime.date(1965, 1, 1)), forms=[teachers_form], capacity=2),
        [make_mentee(t.young_paired, form=teachers_form, status=Mentee.Status.PAIRED)],
        form=teachers_form,
        status="active",
    )
    meetings = [
        Meeting(mentorship=pair, topic="Знакомство", planned_on=datetime.date(2026, 10, 10), held=True),
        Meeting(mentorship=pair, topic="Планирование", planned_on=datetime.date(2026, 11, 10), held=False),
        Meeting(mentorship=pair, topic="Серия", planned_on=datetime.date(2026, 11, 20)),
        Meeting(mentorship=pair, topic="Итог", planned_on=datetime.date(2026, 12, 10)),
        Meeting(mentorship=pair, topic="Вне плана", held=True, held_on=datetime.date(2026, 11, 1)),
    ]
    meetings[0].held_on = datetime.date(2026, 10, 10)
    Meeting.objects.bulk_create(meetings)
    return SimpleNamespace(
        year=year, s=s, t=t, pair=pair, quiet=quiet, teachers_pair=teachers_pair, mentor=mentor, tutor=tutor
    )


def test_coverage_counts_students_of_the_age_band_involved_in_pairs_or_support(data):
    coverage = monitoring.coverage(data.year, YearReview.of(data.year))
    assert (coverage.students, coverage.involved) == (7, 4)
    assert (coverage.as_mentees, coverage.as_mentors, coverage.supported) == (2, 1, 1)
    assert coverage.percent == 57.1
    assert coverage.target == 70 and not coverage.reached and coverage.needed == 1
    assert [(row.grade, row.students, row.involved) for row in coverage.grades] == [
        (4, 1, 0),
        (7, 4, 2),
        (10, 1, 1),
        (11, 1, 1),
    ]


def test_coverage_follows_the_configured_age_band_and_target(data):
    review = YearReview(year=data.year, coverage_target=50, age_from=11, age_to=18)
    coverage = monitoring.coverage(data.year, review)
    assert (coverage.students, coverage.involved, coverage.reached) == (6, 4, True)


def test_young_teachers_are_under_35_or_in_their_first_three_years(data):
    young = monitoring.young_teachers(data.year)
    assert (young.total, young.with_mentor, young.percent) == (3, 1, 33.3)


def test_pairs_by_form_and_status_bank_and_load(data):
    result = monitoring.mentorships(data.year)
    by_form = {row.form: (row.pairs, row.groups, row.mentees) for row in result.forms}
    # The proposal counts among the statuses only.
    assert by_form == {"ученик – ученик": (3, 0, 3), "учитель – учитель": (1, 0, 1)}
    assert dict(result.statuses) == {
        "предложена": 1,
        "утверждена": 1,
        "действует": 2,
        "завершена": 0,
        "прекращена досрочно": 1,
    }
    bank = monitoring.mentee_bank(data.year)
    assert (bank.matched, bank.waiting, bank.supported) == (2, 3, 1)
    load = monitoring.mentor_load(data.year)
    # The teacher mentor holds the active pair and the proposal on one place: overloaded.
    assert (load.mentors, load.places, load.taken, load.over) == (4, 6, 4, 1)
    assert [(mentor.pk, taken, places) for mentor, taken, places in load.overloaded] == [(data.mentor.pk, 2, 1)]


def test_meetings_held_against_planned_by_month_and_quiet_pairs(data):
    meetings = monitoring.meetings(data.year, today=TODAY)
    assert (meetings.planned, meetings.held, meetings.planned_held) == (4, 2, 1)
    assert (meetings.missed, meetings.unmarked, meetings.percent) == (1, 1, 25.0)
    by_month = {month.label: (month.planned, month.held) for month in meetings.months if month.planned or month.held}
    assert by_month == {"окт": (1, 1), "ноя": (2, 1), "дек": (1, 0)}
    assert meetings.quiet == [data.quiet] and meetings.quiet_count == 1


@pytest.fixture
def answered(data):
    """Questionnaires before and after: two mentees expected, one of them and a mentor answered after;
    a mentee's growth at intake and at the end, another's at intake only."""
    year, s = data.year, data.s
    mentee_before = survey_of(year, Survey.Purpose.BEFORE, ["sat_programme_overall", "sat_clear_tasks"])
    mentee_after = survey_of(
        year, Survey.Purpose.AFTER, ["sat_programme_overall", "sat_clear_tasks", "growth_a", "growth_b"]
    )
    mentor_after = survey_of(year, Survey.Purpose.AFTER, ["sat_programme_overall", "sat_training"])
    intake = survey_of(year, Survey.Purpose.MENTEE_INTAKE, ["growth_a", "growth_b", "growth_only_intake"])
    respond(mentee_before, s.paired, sat_programme_overall=4, sat_clear_tasks=6)
    respond(mentee_before, s.ended, sat_programme_overall=6, sat_clear_tasks=8)
    respond(mentee_after, s.paired, sat_programme_overall=8, sat_clear_tasks=9, growth_a=7, growth_b=8)
    respond(mentor_after, data.mentor.person, sat_programme_overall=10, sat_training=7)
    respond(intake, s.paired, growth_a=3, growth_b=5, growth_only_intake=1)
    respond(intake, s.ended, growth_a=2, growth_b=2)
    return data


def test_satisfaction_before_and_after_item_by_item_and_by_form(answered):
    result = monitoring.satisfaction(answered.year)
    mentees = {item.code: (item.before, item.after, item.change) for item in result["mentees"].items}
    assert mentees == {
        "sat_programme_overall": (Decimal("5.00"), Decimal("8.00"), Decimal("3.00")),
        "sat_clear_tasks": (Decimal("7.00"), Decimal("9.00"), Decimal("2.00")),
    }
    mentors = {item.code: (item.before, item.after) for item in result["mentors"].items}
    assert mentors == {"sat_programme_overall": (None, Decimal("10.00")), "sat_training": (None, Decimal("7.00"))}
    (form,) = result["mentees"].forms
    assert (form.form, form.before, form.before_count, form.after, form.after_count) == (
        "ученик – ученик",
        Decimal("6.00"),
        2,
        Decimal("8.50"),
        1,
    )
    assert result["mentees"].before == Decimal("6.00") and result["mentees"].after == Decimal("8.50")


def test_growth_compares_the_shared_items_of_people_who_gave_both(answered):
    growth = monitoring.growth(answered.year)
    assert [(item.code, item.before, item.after, item.before_count) for item in growth.items] == [
        ("growth_a", Decimal("3.00"), Decimal("7.00"), 1),
        ("growth_b", Decimal("5.00"), Decimal("8.00"), 1),
    ]
    (form,) = growth.forms
    assert (form.form, form.before, form.after) == ("ученик – ученик", Decimal("4.00"), Decimal("7.50"))
    pairs = monitoring.pair_growth([answered.pair, answered.quiet], answered.year)
    assert list(pairs) == [answered.pair.pk]
    assert (pairs[answered.pair.pk].baseline, pairs[answered.pair.pk].change) == (Decimal("4.00"), Decimal("3.50"))


def test_mentor_side_codes_are_the_mentor_only_satisfaction_items():
    mentor_only = {code for code, *_ in standard.MENTOR_SATISFACTION} - {
        code for code, *_ in standard.MENTEE_SATISFACTION
    }
    assert mentor_only == codes.MENTOR_SIDE_SATISFACTION


# ---------------------------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------------------------


def test_the_director_reads_the_dashboard_with_figures_and_tables(client, personas, answered):
    client.force_login(personas.director)
    page = client.get(reverse("monitoring")).content.decode()
    assert 'data-testid="coverage-chart"' in page and "57,1 %" in page
    assert 'data-testid="coverage-table"' in page and "при цели 70 %" in page
    assert 'data-testid="satisfaction-mentees"' in page and 'data-testid="growth"' in page
    assert 'data-testid="meetings-chart"' in page
    assert reverse("monitoring_settings") not in page  # the settings are the curator's


@pytest.mark.parametrize("name", ["monitoring", "monitoring_pairs", "monitoring_swot", "completion"])
def test_monitoring_is_for_the_curator_and_the_administration(client, personas, year, name):
    url = reverse(name)
    assert client.get(url).status_code == 302
    for user in (personas.teacher, personas.class_leader, personas.mentor, personas.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
    for user in (personas.curator, personas.director):
        client.force_login(user)
        assert client.get(url).status_code == 200


def _add_pair(year, number):
    form = MentoringForm.objects.get(name="ученик – ученик")
    grade = make_class(year, 5, "АБВГДЕЖЗИКЛМ"[number])
    mentor = make_mentor(teacher(f"Наставник{number}", datetime.date(1980, 1, 1)), forms=[form])
    mentees = [make_mentee(student(grade, f"Ученик{number}", datetime.date(2014, 3, 1)), form=form)]
    pair = make_mentorship(mentor, mentees, form=form, status="active", starts_on=datetime.date(2026, 9, 1))
    day = datetime.date(2026, 10, 1)
    Meeting.objects.create(mentorship=pair, topic="Встреча", planned_on=day, held=True, held_on=day)


def test_the_dashboard_and_the_pairs_page_cost_the_same_queries_whatever_the_size(
    client, personas, answered, django_assert_num_queries
):
    client.force_login(personas.director)
    counts = {}
    for name in ("monitoring", "monitoring_pairs"):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        counts[name] = len(queries)
    for number in range(12):
        _add_pair(answered.year, number)
    for name, count in counts.items():
        with django_assert_num_queries(count):
            assert client.get(reverse(name)).status_code == 200


def test_the_pairs_page_shows_meetings_and_growth_per_pair_and_filters_quiet_pairs(client, personas, answered):
    client.force_login(personas.curator)
    page = client.get(reverse("monitoring_pairs")).content.decode()
    assert "4,0 → 7,5" in page and "(+3,5)" in page
    quiet = client.get(reverse("monitoring_pairs"), {"quiet": "1"}).context["page"].object_list
    assert [row.pk for row in quiet] == [answered.quiet.pk]


def test_the_curator_sets_the_target_and_the_age_band(client, personas, data):
    client.force_login(personas.curator)
    response = client.post(reverse("monitoring_settings"), {"coverage_target": 50, "age_from": 11, "age_to": 18})
    assert response.status_code == 302
    review = YearReview.objects.get(year=data.year)
    assert (review.coverage_target, review.age_from, review.age_to) == (50, 11, 18)
    page = client.get(reverse("monitoring")).content.decode()
    assert "цель достигнута" in page
    bad = client.post(reverse("monitoring_settings"), {"coverage_target": 150, "age_from": 15, "age_to": 12})
    assert bad.status_code == 200
    assert "Верхняя граница возраста не может быть меньше нижней." in bad.content.decode()
    assert YearReview.objects.get(year=data.year).coverage_target == 50
    client.force_login(personas.director)
    assert client.get(reverse("monitoring_settings")).status_code == 403


def test_a_new_year_takes_the_settings_of_the_last_review(data):
    from tests.factories import make_year

    YearReview.objects.create(year=data.year, coverage_target=80, age_from=11, age_to=17)
    later = make_year(2027, current=False)
    review = YearReview.of(later)
    assert (review.pk, review.coverage_target, review.age_from, review.age_to) == (None, 80, 11, 17)


def test_the_curator_writes_the_swot_analysis_once_and_the_director_reads_it(client, personas, data):
    client.force_login(personas.curator)
    fields = {
        "strengths": "Охват растёт\nВстречи проходят регулярно",
        "weaknesses": "Мало наставников из педагогов",
        "opportunities": "",
        "threats": "Нагрузка педагогов",
        "conclusions": "Провести обучение наставников",
    }
    for _ in range(2):
        assert client.post(reverse("monitoring_swot"), fields).status_code == 302
    assert YearReview.objects.filter(year=data.year).count() == 1
    client.force_login(personas.director)
    page = client.get(reverse("monitoring_swot"))
    text = page.content.decode()
    assert "<li>Встречи проходят регулярно</li>" in text and "Провести обучение наставников" in text
    assert 'data-testid="swot-figures"' in text and "57,1 %" in text
    assert client.post(reverse("monitoring_swot"), {**fields, "threats": "Другое"}).status_code == 403
    assert YearReview.objects.get(year=data.year).threats == "Нагрузка педагогов"
