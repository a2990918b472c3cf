"""From intake answers to the banks, and the questionnaires panel of a person's card."""

import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from participants.models import Mentee, Mentor, Person
from surveys.models import Choice, Response, Survey
from tests.factories import make_consent, make_mentor, make_person
from tests.surveys.conftest import answers_for, choice_pk_by_value, copy_template, fill_url, invite, page

KEY = "intake-key-0123456789abcdef"


def open_survey(client, survey, link=False):
    """The curator opens ``survey`` today (and its open link): the survey as it is then."""
    assert client.post(reverse("survey_state", args=[survey.pk, "open"])).status_code == 302
    if link:
        client.post(reverse("survey_state", args=[survey.pk, "link-on"]))
    survey.refresh_from_db()
    return survey


def choice_text(survey, code, value):
    return Choice.objects.get(question__survey=survey, question__code=code, value=value).text


CONSENT_WARNING = re.compile(r" Нет согласия на обработку персональных данных: \d+ — [^.]+\)\.")


def to_bank(client, survey, *responses, consents=False):
    """The curator includes ``responses`` in the bank: the message, without the reminder about consents."""
    response = client.post(reverse("survey_to_bank", args=[survey.pk]), {"responses": [r.pk for r in responses]})
    assert response.status_code == 302 and response["Location"] == reverse("survey_responses", args=[survey.pk])
    message = [str(m) for m in get_messages(response.wsgi_request)][-1]
    return message if consents else CONSENT_WARNING.sub("", message)


@pytest.fixture
def mentee_intake(curator_client, year):
    return open_survey(curator_client, copy_template(curator_client, "mentee_intake_student"))


def answer_mentee_intake(client, survey, person, **answers):
    pk = lambda value: choice_pk_by_value(survey, "topics", value)  # noqa: E731
    values = dict(
        request="Хочу подтянуть алгебру",
        topics=[pk("study_math"), pk("exams")],
        form=choice_pk_by_value(survey, "form", "student_student"),
        growth_study_confidence="3",
    )
    values.update(answers)
    data = answers_for(survey, **values)
    link = invite(survey, person)
    assert client.post(fill_url(link), data).status_code == 302
    return Response.objects.get(invitation=link)


def test_a_mentee_intake_response_becomes_a_mentee_of_the_year(curator_client, mentee_intake, school, year):
    response = answer_mentee_intake(curator_client, mentee_intake, school.boris)
    assert to_bank(curator_client, mentee_intake, response) == "Включено в банк: 1."
    mentee = Mentee.objects.get(person=school.boris)
    topics = [choice_text(mentee_intake, "topics", value) for value in ("study_math", "exams")]
    assert mentee.year == year and mentee.status == Mentee.Status.APPLICATION
    assert mentee.request == f"Хочу подтянуть алгебру\nТемы: {topics[0]}, {topics[1]}."
    assert mentee.form == school.student_form
    response.refresh_from_db()
    assert response.mentee == mentee and response.added_to_bank_at is not None
    listed = curator_client.get(reverse("survey_responses", args=[mentee_intake.pk]))
    assert listed.context["to_bank"] is True
    assert "в банке" in page(listed)
    not_yet = curator_client.get(reverse("survey_responses", args=[mentee_intake.pk]), {"bank": "no"})
    assert list(not_yet.context["page"]) == []


def test_a_mentee_already_in_the_bank_keeps_what_the_curator_wrote(curator_client, mentee_intake, school):
    Mentee.objects.filter(pk=school.mentees.alyona.pk).update(request="Алгебра", form=school.teacher_form)
    response = answer_mentee_intake(curator_client, mentee_intake, school.alyona)
    assert (
        to_bank(curator_client, mentee_intake, response)
        == "Включено в банк: 0. Уже были в банке (добавлены пустые поля): 1."
    )
    assert Mentee.objects.filter(person=school.alyona).count() == 1
    mentee = Mentee.objects.get(person=school.alyona)
    assert (mentee.request, mentee.form) == ("Алгебра", school.teacher_form)
    response.refresh_from_db()
    assert response.mentee == mentee


def test_the_message_reminds_of_missing_consents(curator_client, mentee_intake, school):
    make_consent(school.boris)
    with_consent = answer_mentee_intake(curator_client, mentee_intake, school.boris)
    assert to_bank(curator_client, mentee_intake, with_consent, consents=True) == "Включено в банк: 1."
    without = answer_mentee_intake(curator_client, mentee_intake, school.alyona)
    message = to_bank(curator_client, mentee_intake, without, consents=True)
    assert "Нет согласия на обработку персональных данных: 1" in message


def test_blank_fields_of_a_bank_record_are_filled(curator_client, mentee_intake, school):
    Mentee.objects.filter(pk=school.mentees.alyona.pk).update(form=None)
    response = answer_mentee_intake(curator_client, mentee_intake, school.alyona, form=None)
    to_bank(curator_client, mentee_intake, response)
    mentee = Mentee.objects.get(person=school.alyona)
    assert mentee.request.startswith("Хочу подтянуть алгебру\nТемы: ")
    assert mentee.form is None


def test_an_open_link_response_without_names_is_not_included(curator_client, client, year):
    survey = open_survey(curator_client, copy_template(curator_client, "mentee_intake_student"), link=True)
    data = {**answers_for(survey), "submission_key": KEY}
    assert curator_client.post(reverse("survey_open_fill", args=[survey.open_token]), data).status_code == 302
    response = Response.objects.get(survey=survey)
    people = Person.objects.count()
    assert to_bank(curator_client, survey, response) == "Включено в банк: 0. Без фамилии и имени, не включены: 1."
    assert Person.objects.count() == people and not Mentee.objects.exists()
    response.refresh_from_db()
    assert response.added_to_bank_at is None


# Mentors through the open link


@pytest.fixture
def mentor_intake(curator_client, year):
    return open_survey(curator_client, copy_template(curator_client, "mentor_intake"), link=True)


def answer_mentor_intake(client, survey, key=KEY, **answers):
    pk = lambda code, value: choice_pk_by_value(survey, code, value)  # noqa: E731
    values = dict(
        last_name="Кузнецова",
        first_name="Ольга",
        patronymic="Петровна",
        category=pk("category", "teacher"),
        position="Учитель математики",
        organisation="",
        email="kuznetsova@school43.ru",
        phone="+7 921 000-00-00",
        form=pk("form", "teacher_teacher"),
        topics=None,
        teacher_topics=[pk("teacher_topics", "lesson_planning"), pk("teacher_topics", "parents")],
        competencies="Двадцать лет в школе",
        subjects="Математика, информатика",
        capacity="3",
    )
    values.update(answers)
    data = {**answers_for(survey, **values), "submission_key": key}
    assert client.post(reverse("survey_open_fill", args=[survey.open_token]), data).status_code == 302
    return Response.objects.get(submission_key=key)


def test_a_mentor_intake_response_makes_the_person_and_the_mentor(curator_client, mentor_intake, school, year):
    response = answer_mentor_intake(curator_client, mentor_intake)
    assert to_bank(curator_client, mentor_intake, response) == "Включено в банк: 1."
    person = Person.objects.get(last_name="Кузнецова")
    assert (person.first_name, person.patronymic, person.kind) == ("Ольга", "Петровна", Person.Kind.TEACHER)
    assert (person.position, person.email, person.phone) == (
        "Учитель математики",
        "kuznetsova@school43.ru",
        "+7 921 000-00-00",
    )
    assert person.search_name == "кузнецова ольга петровна"
    mentor = Mentor.objects.get(person=person)
    topics = [choice_text(mentor_intake, "teacher_topics", value) for value in ("lesson_planning", "parents")]
    assert mentor.year == year
    assert mentor.competencies == f"Двадцать лет в школе\nТемы: {topics[0]}, {topics[1]}."
    assert mentor.subjects == "Математика, информатика"
    assert list(mentor.forms.all()) == [school.teacher_form]
    assert mentor.capacity == 3


def test_an_outside_mentor_becomes_an_external_person(curator_client, mentor_intake):
    response = answer_mentor_intake(
        curator_client,
        mentor_intake,
        category=choice_pk_by_value(mentor_intake, "category", "external"),
        organisation="ООО «Завод»",
        email="не почта",
    )
    to_bank(curator_client, mentor_intake, response)
    person = Person.objects.get(last_name="Кузнецова")
    assert (person.kind, person.organisation, person.email) == (Person.Kind.EXTERNAL, "ООО «Завод»", "")


def test_a_known_person_is_found_by_name_whatever_the_case_and_yo(curator_client, mentor_intake, school):
    known = make_person(last_name="Королёва", first_name="Анна", patronymic="Сергеевна", kind=Person.Kind.TEACHER)
    response = answer_mentor_intake(
        curator_client, mentor_intake, last_name="КОРОЛЕВА", first_name="анна", patronymic=" Сергеевна "
    )
    people = Person.objects.count()
    to_bank(curator_client, mentor_intake, response)
    assert Person.objects.count() == people
    assert Mentor.objects.get(person=known).competencies.startswith("Двадцать лет в школе")
    known.refresh_from_db()
    assert known.email == ""  # the card is not rewritten from a questionnaire


def test_two_people_of_the_same_name_make_a_new_one(curator_client, mentor_intake):
    for _ in range(2):
        make_person(last_name="Кузнецова", first_name="Ольга", patronymic="Петровна", kind=Person.Kind.TEACHER)
    response = answer_mentor_intake(curator_client, mentor_intake)
    to_bank(curator_client, mentor_intake, response)
    assert Person.objects.filter(last_name="Кузнецова").count() == 3


def test_a_mentor_already_in_the_bank_is_not_duplicated_or_overwritten(curator_client, mentor_intake, school, year):
    person = make_person(last_name="Кузнецова", first_name="Ольга", patronymic="Петровна", kind=Person.Kind.TEACHER)
    make_mentor(person, forms=[school.student_form], competencies="Своё описание куратора", capacity=2)
    response = answer_mentor_intake(curator_client, mentor_intake)
    message = to_bank(curator_client, mentor_intake, response)
    assert message == "Включено в банк: 0. Уже были в банке (добавлены пустые поля): 1."
    mentor = Mentor.objects.get(person=person, year=year)
    assert mentor.competencies == "Своё описание куратора"
    assert mentor.subjects == "Математика, информатика"
    assert mentor.capacity == 2
    assert set(mentor.forms.all()) == {school.student_form, school.teacher_form}


def test_two_responses_by_the_same_new_person_make_one_person(curator_client, mentor_intake):
    first = answer_mentor_intake(curator_client, mentor_intake)
    second = answer_mentor_intake(curator_client, mentor_intake, key="intake-key-second-0123456789")
    message = to_bank(curator_client, mentor_intake, first, second)
    assert message == "Включено в банк: 1. Уже были в банке (добавлены пустые поля): 1."
    assert Person.objects.filter(last_name="Кузнецова").count() == 1
    assert Mentor.objects.filter(person__last_name="Кузнецова").count() == 1


def test_only_intake_surveys_of_a_year_go_to_the_bank(curator_client, survey, school):
    stored = Response.objects.create(survey=survey, subject=school.boris, respondent=school.boris)
    message = to_bank(curator_client, survey, stored)
    assert message == "В банк включают по анкетам наставляемых и наставников."
    template = Survey.objects.templates().get(template_key="mentee_intake_student")
    assert to_bank(curator_client, template, stored) == "В банк включают по анкетам наставляемых и наставников."
    assert not Mentee.objects.filter(person=school.boris).exists()


def test_nothing_chosen_is_explained(curator_client, mentee_intake):
    response = curator_client.post(reverse("survey_to_bank", args=[mentee_intake.pk]), {"responses": ["abc"]})
    assert [str(m) for m in get_messages(response.wsgi_request)][
        -1
    ] == "Отметьте ответы, которые нужно включить в банк."


def test_a_response_of_another_survey_is_not_taken(curator_client, mentee_intake, school, year):
    other = open_survey(curator_client, copy_template(curator_client, "mentee_intake_student"))
    response = answer_mentee_intake(curator_client, other, school.boris)
    assert to_bank(curator_client, mentee_intake, response) == "Включено в банк: 0."
    assert not Mentee.objects.filter(person=school.boris).exists()


def test_the_administration_may_not_add_to_the_bank(client, curator_client, mentee_intake, school, personas):
    response = answer_mentee_intake(curator_client, mentee_intake, school.boris)
    client.force_login(personas.director)
    assert (
        client.post(reverse("survey_to_bank", args=[mentee_intake.pk]), {"responses": [response.pk]}).status_code == 403
    )
    assert not Mentee.objects.filter(person=school.boris).exists()
    listed = client.get(reverse("survey_responses", args=[mentee_intake.pk]))
    assert listed.context["to_bank"] is False


# The person's card


@pytest.fixture
def told(curator_client, school, year):
    """The class leader told about Алёна in the (confidential) third-party questionnaire."""
    survey = open_survey(curator_client, copy_template(curator_client, "third_party"))
    link = invite(survey, school.alyona, role="class_leader", respondent=school.class_leader)
    data = answers_for(survey, request="Трудно даются дроби", tp_strengths="Старательная, любит рисовать")
    assert curator_client.post(fill_url(link), data).status_code == 302
    return survey


def card(client, person):
    response = client.get(reverse("person", args=[person.pk]))
    assert response.status_code == 200
    return page(response)


def test_the_card_shows_what_others_told_and_the_starting_assessment(curator_client, told, mentee_intake, school):
    intake = answer_mentee_intake(curator_client, mentee_intake, school.alyona)
    to_bank(curator_client, mentee_intake, intake)
    html = card(curator_client, school.alyona)
    assert 'data-testid="survey-panel"' in html
    assert "Сведения о запросе из анкет третьих лиц" in html
    assert "Трудно даются дроби" in html and "Старательная, любит рисовать" in html
    assert "классный руководитель · Сведения о запросе наставляемого" in html
    assert "Стартовая оценка" in html
    growth = mentee_intake.questions.get(code="growth_study_confidence")
    assert growth.text in html
    assert "3 из 10" in html
    assert "по ней включён в банк" in html


def test_what_a_class_leader_told_about_a_student_is_not_shown_as_her_own(curator_client, told, school):
    """The class leader answered the third-party questionnaire about Алёна: her own card must not present
    Алёна's request as information about the class leader herself."""
    html = card(curator_client, school.class_leader)
    assert "Сведения о запросе из анкет третьих лиц" not in html
    assert "Трудно даются дроби" not in html


def test_a_card_without_questionnaires_has_no_panel(curator_client, school):
    assert 'data-testid="survey-panel"' not in card(curator_client, school.boris)


def test_a_waiting_invitation_is_listed_on_the_card(curator_client, survey, school):
    invite(survey, school.boris)
    html = card(curator_client, school.boris)
    assert "Приглашения" in html and "Анкета обо всём (сам участник): ожидает ответа" in html


def test_the_class_leader_sees_only_answers_that_are_not_confidential(client, curator_client, told, school, personas):
    open_one = open_survey(curator_client, copy_template(curator_client, "third_party"))
    Survey.objects.filter(pk=open_one.pk).update(confidential=False, title="Сведения (открытые)")
    link = invite(open_one, school.alyona, role="parent")
    curator_client.post(fill_url(link), answers_for(open_one, request="Мама: не любит математику"))
    client.force_login(personas.class_leader)
    html = card(client, school.alyona)
    assert "Мама: не любит математику" in html
    assert "Трудно даются дроби" not in html and "Старательная" not in html


def test_a_class_leader_sees_no_panel_for_another_class(client, curator_client, told, school, personas):
    client.force_login(personas.class_leader)
    assert client.get(reverse("person", args=[school.egor.pk])).status_code == 404
