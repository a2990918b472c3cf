"""Roadmap evidence from questionnaires: each check turns true with the data it describes, false without."""

import pytest

from mentoring import evidence
from participants.models import Mentee
from surveys.models import Answer, Question, Response, Survey
from tests.factories import make_mentee, make_person, make_year
from tests.surveys.conftest import add_question

PURPOSES = {
    "mentee_questionnaires": Survey.Purpose.MENTEE_INTAKE,
    "third_party_info": Survey.Purpose.THIRD_PARTY,
    "mentor_questionnaires": Survey.Purpose.MENTOR_INTAKE,
    "satisfaction_surveyed": Survey.Purpose.AFTER,
}


def check(code, year):
    return evidence.evaluate([code], year)[code]


def test_the_checks_are_registered_with_their_labels():
    labels = dict(evidence.choices())
    assert labels["mentee_baseline"] == "У каждого наставляемого банка есть стартовая оценка"
    assert labels["mentor_questionnaires"] == "Получены анкеты потенциальных наставников"
    for code in PURPOSES:
        assert evidence.get(code) is not None


@pytest.mark.parametrize("code", list(PURPOSES))
def test_a_response_to_the_years_survey_of_that_purpose_is_the_evidence(year, code):
    survey = Survey.objects.create(title="Анкета", year=year, purpose=PURPOSES[code])
    other = Survey.objects.create(title="Другая", year=year, purpose=Survey.Purpose.FEEDBACK)
    Response.objects.create(survey=other)
    assert check(code, year) is False
    Response.objects.create(survey=survey)
    assert check(code, year) is True


@pytest.mark.parametrize("code", list(PURPOSES))
def test_a_response_of_another_year_or_to_a_template_is_not(year, code):
    last_year = make_year(2025, current=False)
    Response.objects.create(survey=Survey.objects.create(title="Прошлая", year=last_year, purpose=PURPOSES[code]))
    Response.objects.create(survey=Survey.objects.templates().filter(purpose=PURPOSES[code]).first())
    assert check(code, year) is False
    assert check(code, last_year) is True


@pytest.fixture
def intake(year):
    survey = Survey.objects.create(title="Анкета наставляемого", year=year, purpose=Survey.Purpose.MENTEE_INTAKE)
    survey.sections.create(title="Самооценка", position=1)
    add_question(survey, "growth_motivation", Question.Kind.SCALE_10)
    add_question(survey, "mood", Question.Kind.SCALE_10)
    return survey


def answered(survey, code, **response_fields):
    response = Response.objects.create(survey=survey, **response_fields)
    Answer.objects.create(response=response, question=survey.questions.get(code=code), number=5)
    return response


def test_an_empty_bank_has_no_baseline(year, intake):
    assert check("mentee_baseline", year) is False


def test_every_mentee_of_the_bank_needs_growth_answers(year, intake):
    ann = make_mentee(make_person(last_name="Аа"), status=Mentee.Status.IN_BANK)
    bob = make_mentee(make_person(last_name="Бб"), status=Mentee.Status.PAIRED)
    answered(intake, "growth_motivation", subject=ann.person)
    assert check("mentee_baseline", year) is False
    answered(intake, "mood", subject=bob.person)  # not a self-assessment item
    assert check("mentee_baseline", year) is False
    answered(intake, "growth_motivation", subject=bob.person)
    assert check("mentee_baseline", year) is True


def test_a_response_linked_to_the_mentee_record_counts_without_a_subject(year, intake):
    ann = make_mentee(make_person(last_name="Аа"), status=Mentee.Status.IN_BANK)
    answered(intake, "growth_motivation")  # someone else's open-link answer
    assert check("mentee_baseline", year) is False
    answered(intake, "growth_motivation", mentee=ann)
    assert check("mentee_baseline", year) is True


def test_applications_are_not_yet_the_bank(year, intake):
    make_mentee(make_person(last_name="Аа"), status=Mentee.Status.APPLICATION)
    assert check("mentee_baseline", year) is False
    ann = make_mentee(make_person(last_name="Бб"), status=Mentee.Status.IN_BANK)
    answered(intake, "growth_motivation", subject=ann.person)
    assert check("mentee_baseline", year) is True


def test_growth_answers_of_another_year_are_not_this_years_baseline(year, intake):
    ann = make_mentee(make_person(last_name="Аа"), status=Mentee.Status.IN_BANK)
    last_year = make_year(2025, current=False)
    old = Survey.objects.create(title="Прошлогодняя", year=last_year, purpose=Survey.Purpose.MENTEE_INTAKE)
    old.sections.create(title="Самооценка", position=1)
    add_question(old, "growth_motivation", Question.Kind.SCALE_10)
    answered(old, "growth_motivation", subject=ann.person)
    assert check("mentee_baseline", year) is False
