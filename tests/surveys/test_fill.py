"""Filling in a survey through a personal link or the open link: what is stored, and when nothing is."""

import datetime
import decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from surveys.models import Answer, Invitation, Response, Survey
from tests.concurrency import post_at_once
from tests.factories import make_class, make_person
from tests.surveys.conftest import (
    answers_for,
    choice_pk,
    copy_template,
    days,
    field_errors,
    fill_url,
    invite,
    page,
    today,
)


@pytest.fixture
def student(year):
    return make_person(last_name="Семёнова", first_name="Алёна", school_class=make_class(year, 9, "В"))


@pytest.fixture
def link(survey, student):
    return invite(survey, student)


def answer(response, code):
    return response.answers.get(question__code=code)


# The form


def test_a_personal_link_shows_the_form_without_a_login(client, survey, link):
    response = client.get(fill_url(link))
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    html = page(response)
    assert "Анкета обо всём" in html
    assert "Основные вопросы" in html and "Подробности" in html
    for question in survey.questions.all():
        assert f'name="{question.code}"' in html
    assert "Математика" in html and "Чтение" in html


def test_an_unknown_token_is_404(client, survey):
    assert client.get(reverse("survey_fill", args=["no-such-token"])).status_code == 404


def test_every_kind_of_answer_is_stored_as_given(client, survey, link, student):
    data = answers_for(
        survey,
        mood="9",
        energy="2",
        favourite=choice_pk(survey, "favourite", "Физика"),
        hobbies=[choice_pk(survey, "hobbies", "Спорт"), choice_pk(survey, "hobbies", "Чтение")],
        agree="no",
        nickname="Алёнка",
        story="Люблю задачи.\nИ олимпиады.",
        age="14.5",
        birthday="2012-03-05",
    )
    response = client.post(fill_url(link), data)
    assert response.status_code == 302
    assert response["Location"] == fill_url(link)
    stored = Response.objects.get()
    assert stored.survey == survey and stored.invitation == link
    assert answer(stored, "mood").number == 9
    assert answer(stored, "energy").number == 2
    assert [c.text for c in answer(stored, "favourite").choices.all()] == ["Физика"]
    assert [c.text for c in answer(stored, "hobbies").choices.all()] == ["Спорт", "Чтение"]
    assert answer(stored, "agree").flag is False
    assert answer(stored, "nickname").text == "Алёнка"
    assert answer(stored, "story").text == "Люблю задачи.\nИ олимпиады."
    assert answer(stored, "age").number == decimal.Decimal("14.5")
    assert answer(stored, "birthday").date == datetime.date(2012, 3, 5)
    assert stored.answers.count() == 9
    link.refresh_from_db()
    assert link.used_at is not None
    thanks = client.get(fill_url(link))
    assert thanks.status_code == 200
    assert "Ответ получен" in page(thanks)
    assert "Спасибо! Ваши ответы сохранены." in page(thanks)


def test_a_yes_answer_is_stored_as_true(client, survey, link):
    client.post(fill_url(link), answers_for(survey, agree="yes"))
    assert Answer.objects.get(question__code="agree").flag is True


def test_optional_questions_left_empty_store_no_answer(client, survey, link):
    data = answers_for(survey, energy=None, nickname="", story=None, birthday="")
    assert client.post(fill_url(link), data).status_code == 302
    codes = set(Answer.objects.values_list("question__code", flat=True))
    assert codes == {"mood", "favourite", "hobbies", "agree", "age"}


def test_missing_required_answers_are_named_in_russian_and_nothing_is_stored(client, survey, link):
    data = answers_for(survey, mood=None, favourite=None, hobbies=None, agree=None, age="")
    response = client.post(fill_url(link), data)
    assert response.status_code == 200
    assert field_errors(response) == {
        "mood": ["Обязательное поле."],
        "favourite": ["Обязательное поле."],
        "hobbies": ["Выберите хотя бы один вариант."],
        "agree": ["Обязательное поле."],
        "age": ["Обязательное поле."],
    }
    html = page(response)
    assert "Ответы не отправлены" in html
    for code in ("mood", "favourite", "hobbies", "agree", "age"):
        assert f'href="#q-{code}"' in html  # the summary links each question to fix
    assert 'href="#q-story"' not in html
    assert "Выберите хотя бы один вариант." in html
    assert Response.objects.count() == 0 and Answer.objects.count() == 0
    link.refresh_from_db()
    assert link.used_at is None
    assert 'value="Развёрнутый ответ на вопрос story"' not in html  # a textarea keeps the typed text inside
    assert "Развёрнутый ответ на вопрос story" in html


@pytest.mark.parametrize(
    "code, value, message",
    [
        ("mood", "11", "Выберите корректный вариант."),
        ("mood", "0", "Выберите корректный вариант."),
        ("energy", "6", "Выберите корректный вариант."),
        ("favourite", "999999", "Выберите корректный вариант."),
        ("hobbies", ["999999"], "Выберите корректный вариант."),
        ("agree", "maybe", "Выберите корректный вариант."),
        ("nickname", "я" * 501, "не более 500 символов"),
        ("story", "я" * 5001, "не более 5000 символов"),
        ("age", "двенадцать", "Введите число."),
        ("age", "1234567890123", "12 цифр"),
        ("age", "12.345", "2 цифр"),
        ("birthday", "2026-02-30", "Введите правильную дату."),
        ("birthday", "вчера", "Введите правильную дату."),
    ],
)
def test_an_invalid_answer_is_refused_with_a_message_and_nothing_is_stored(client, survey, link, code, value, message):
    response = client.post(fill_url(link), answers_for(survey, **{code: value}))
    assert response.status_code == 200
    errors = field_errors(response)
    assert list(errors) == [code]
    assert message in errors[code][0]
    assert Response.objects.count() == 0 and Answer.objects.count() == 0


def test_a_choice_of_another_question_is_refused(client, survey, link):
    other = choice_pk(survey, "hobbies", "Спорт")
    response = client.post(fill_url(link), answers_for(survey, favourite=other))
    assert list(field_errors(response)) == ["favourite"]
    assert Response.objects.count() == 0


def test_the_longest_allowed_texts_are_stored(client, survey, link):
    data = answers_for(survey, nickname="я" * 500, story="я" * 5000)
    assert client.post(fill_url(link), data).status_code == 302
    assert len(Answer.objects.get(question__code="story").text) == 5000


# Links that cannot be used


def assert_closed(response, headline):
    assert response.status_code == 410
    assert headline in page(response)
    assert "<form" not in page(response)


def test_an_expired_link_says_so_and_takes_no_answer(client, survey, student):
    link = invite(survey, student, expires_at=timezone.now() - datetime.timedelta(minutes=1))
    assert_closed(client.get(fill_url(link)), "Срок действия ссылки истёк")
    assert_closed(client.post(fill_url(link), answers_for(survey)), "Срок действия ссылки истёк")
    assert Response.objects.count() == 0


def test_a_revoked_link_takes_no_answer(client, survey, link):
    Invitation.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
    assert_closed(client.get(fill_url(link)), "Ссылка больше не действует")
    assert_closed(client.post(fill_url(link), answers_for(survey)), "Ссылка больше не действует")
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    "change",
    [{"stopped": True}, {"opens_on": "past", "closes_on": "yesterday"}],
    ids=["stopped", "past closing date"],
)
def test_a_closed_survey_takes_no_answer(client, survey, link, change):
    values = {"past": today() - days(10), "yesterday": today() - days(1)}
    Survey.objects.filter(pk=survey.pk).update(**{name: values.get(value, value) for name, value in change.items()})
    assert_closed(client.get(fill_url(link)), "Приём ответов закрыт")
    assert_closed(client.post(fill_url(link), answers_for(survey)), "Приём ответов закрыт")
    assert Response.objects.count() == 0


def test_a_survey_closing_today_still_takes_answers(client, survey, link):
    Survey.objects.filter(pk=survey.pk).update(closes_on=today())
    assert client.post(fill_url(link), answers_for(survey)).status_code == 302


def test_a_survey_not_open_yet_says_when_it_opens(client, survey, link):
    tomorrow = today() + days(1)
    Survey.objects.filter(pk=survey.pk).update(opens_on=tomorrow)
    response = client.post(fill_url(link), answers_for(survey))
    assert_closed(response, "Приём ответов ещё не начался")
    assert f"Ответы принимаются с {tomorrow:%d.%m.%Y}" in page(response)
    assert Response.objects.count() == 0


def test_a_draft_survey_is_not_open_yet(client, survey, link):
    Survey.objects.filter(pk=survey.pk).update(opens_on=None)
    response = client.get(fill_url(link))
    assert_closed(response, "Приём ответов ещё не начался")
    assert "Куратор ещё не открыл анкету" in page(response)


# One response per link


def test_a_second_submit_stores_nothing(client, survey, link):
    assert client.post(fill_url(link), answers_for(survey, nickname="Первый")).status_code == 302
    again = client.post(fill_url(link), answers_for(survey, nickname="Второй"))
    assert again.status_code == 200
    assert "Ответ получен" in page(again)
    assert Response.objects.count() == 1
    assert Answer.objects.get(question__code="nickname").text == "Первый"


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_store_one_response(survey, link):
    statuses = post_at_once(None, fill_url(link), answers_for(survey), times=3)
    assert sorted(statuses) == [200, 200, 302]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 9


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_to_an_anonymous_survey_store_one_response(survey, link):
    Survey.objects.filter(pk=survey.pk).update(anonymous=True)
    statuses = post_at_once(None, fill_url(link), answers_for(survey), times=3)
    assert sorted(statuses) == [200, 200, 302]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 9


def test_the_database_holds_one_response_per_link(survey, link):
    Response.objects.create(survey=survey, invitation=link)
    with pytest.raises(IntegrityError), transaction.atomic():
        Response.objects.create(survey=survey, invitation=link)


# Privacy of the link pages


def test_a_link_page_never_shows_another_respondents_answers(client, survey, link, year):
    other = invite(survey, make_person(last_name="Абрамов", first_name="Борис"))
    secret = "Мой секрет: боюсь контрольных"
    client.post(fill_url(link), answers_for(survey, story=secret, nickname="Алёнка-секрет"))
    for response in (client.get(fill_url(other)), client.get(fill_url(link))):
        assert response.status_code == 200
        assert secret not in page(response)
        assert "Алёнка-секрет" not in page(response)


def test_the_own_link_after_answering_shows_only_the_thanks(client, survey, link):
    client.post(fill_url(link), answers_for(survey, story="Мой развёрнутый ответ"))
    response = client.get(fill_url(link))
    assert "Ответ получен" in page(response)
    assert "Мой развёрнутый ответ" not in page(response)
    assert "<form" not in page(response)


def test_a_link_about_a_student_names_the_student_for_the_class_leader(client, survey, student, personas):
    leader = personas.class_leader.person
    link = invite(survey, student, role=Invitation.Respondent.CLASS_LEADER, respondent=leader)
    assert "Об участнике: <strong>Семёнова Алёна</strong>, 9В." in page(client.get(fill_url(link)))


# Who the response is tied to


def test_an_anonymous_response_keeps_no_link_to_the_respondent(client, survey, link, personas):
    Survey.objects.filter(pk=survey.pk).update(anonymous=True)
    client.force_login(personas.teacher)
    assert client.post(fill_url(link), answers_for(survey)).status_code == 302
    stored = Response.objects.get()
    assert stored.invitation is None
    assert stored.respondent is None and stored.subject is None and stored.user is None
    assert stored.respondent_role == ""
    local = timezone.localtime(stored.submitted_at)
    assert (local.date(), local.time()) == (today(), datetime.time(0, 0))
    link.refresh_from_db()
    assert link.used_at is not None
    assert "Ответ получен" in page(client.get(fill_url(link)))


def test_an_anonymous_answer_cannot_be_matched_to_its_link_by_order(client, survey, student):
    """Responses are numbered in the order they arrive; if the links kept the exact time they were answered,
    sorting both would pair each anonymous response with its respondent. The link keeps only the day."""
    Survey.objects.filter(pk=survey.pk).update(anonymous=True)
    first, second = invite(survey, student), invite(survey, make_person(last_name="Абрамов", first_name="Борис"))
    client.post(fill_url(first), answers_for(survey))
    client.post(fill_url(second), answers_for(survey))
    first.refresh_from_db()
    second.refresh_from_db()
    midnight = timezone.make_aware(datetime.datetime.combine(today(), datetime.time()))
    assert first.used_at == second.used_at == midnight


def test_an_anonymous_survey_through_the_open_link_keeps_no_user_and_only_the_day(client, survey, personas):
    Survey.objects.filter(pk=survey.pk).update(anonymous=True, open_token="anonymous-open-token-0123456789")
    client.force_login(personas.teacher)
    url = reverse("survey_open_fill", args=["anonymous-open-token-0123456789"])
    assert client.post(url, {**answers_for(survey), "submission_key": KEY}).status_code == 302
    stored = Response.objects.get()
    assert stored.user is None and stored.respondent is None
    assert timezone.localtime(stored.submitted_at).time() == datetime.time(0, 0)


def test_a_named_response_records_who_answered_about_whom(client, survey, student, personas):
    leader = personas.class_leader.person
    link = invite(survey, student, role=Invitation.Respondent.CLASS_LEADER, respondent=leader)
    client.force_login(personas.class_leader)
    client.post(fill_url(link), answers_for(survey))
    stored = Response.objects.get()
    assert stored.invitation == link
    assert (stored.respondent, stored.subject, stored.respondent_role) == (leader, student, "class_leader")
    assert stored.user == personas.class_leader
    assert abs(stored.submitted_at - timezone.now()) < datetime.timedelta(minutes=1)


def test_a_self_response_records_the_person_as_respondent_and_subject(client, survey, link, student):
    client.post(fill_url(link), answers_for(survey))
    stored = Response.objects.get()
    assert (stored.respondent, stored.subject, stored.respondent_role) == (student, student, "self")
    assert stored.user is None


def test_no_view_invites_anyone_to_a_template(curator_client, school):
    template = Survey.objects.templates().get(template_key="mentee_before")
    assert (
        curator_client.post(
            reverse("survey_invite_people", args=[template.pk]), {"people": [school.alyona.pk]}
        ).status_code
        == 404
    )
    response = curator_client.post(
        reverse("survey_invitations", args=[template.pk]), {"all_staff": "on", "respondent_role": "self"}
    )
    assert response.status_code == 200
    assert response.context["form"] is None
    assert not Invitation.objects.filter(survey=template).exists()


def test_a_link_to_a_template_takes_no_answers(client, curator_client, school):
    """A year's survey turned into a template (the admin's «шаблон» box) keeps its links: they must stop."""
    survey = copy_template(curator_client, "mentee_before")
    link = invite(survey, school.alyona)
    Survey.objects.filter(pk=survey.pk).update(is_template=True, opens_on=today())
    response = client.post(fill_url(link), answers_for(survey))
    assert response.status_code == 410
    assert not Response.objects.filter(survey=survey).exists()


# The open link


@pytest.fixture
def open_survey(survey):
    Survey.objects.filter(pk=survey.pk).update(open_token="open-token-for-tests-0123456789abcdef")
    survey.refresh_from_db()
    return survey


KEY = "k" * 24


def open_url(survey):
    return reverse("survey_open_fill", args=[survey.open_token])


def test_the_open_link_shows_the_form_with_a_one_time_key(client, open_survey):
    response = client.get(open_url(open_survey))
    assert response.status_code == 200
    key = response.context["submission_key"]
    assert len(key) >= 32
    assert f'name="submission_key" value="{key}"' in page(response)
    assert client.get(open_url(open_survey)).context["submission_key"] != key


def test_the_open_link_stores_a_response_without_an_invitation(client, open_survey, personas):
    key = client.get(open_url(open_survey)).context["submission_key"]
    response = client.post(open_url(open_survey), {**answers_for(open_survey, nickname="Гость"), "submission_key": key})
    assert response.status_code == 302
    assert response["Location"] == reverse("survey_open_done", args=[open_survey.open_token])
    stored = Response.objects.get()
    assert stored.invitation is None and stored.respondent is None and stored.subject is None
    assert stored.submission_key == key
    assert Answer.objects.get(question__code="nickname").text == "Гость"
    done = client.get(response["Location"])
    assert "Ответ получен" in page(done) and "Гость" not in page(done)


def test_the_same_open_page_sent_twice_stores_one_response(client, open_survey):
    data = {**answers_for(open_survey), "submission_key": KEY}
    assert client.post(open_url(open_survey), data).status_code == 302
    again = client.post(open_url(open_survey), data)
    assert again.status_code == 200
    assert "Ответ получен" in page(again)
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 9


def test_two_open_pages_store_two_responses(client, open_survey):
    client.post(open_url(open_survey), {**answers_for(open_survey), "submission_key": KEY})
    client.post(open_url(open_survey), {**answers_for(open_survey), "submission_key": "m" * 24})
    assert Response.objects.count() == 2


@pytest.mark.parametrize("key", ["", "short", "not a key: spaces!" * 2, "x" * 65])
def test_an_open_submit_without_a_proper_key_stores_nothing(client, open_survey, key):
    response = client.post(open_url(open_survey), {**answers_for(open_survey), "submission_key": key})
    assert response.status_code == 200
    assert Response.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_the_same_open_page_sent_at_once_stores_one_response(open_survey):
    statuses = post_at_once(None, open_url(open_survey), {**answers_for(open_survey), "submission_key": KEY}, times=3)
    assert sorted(statuses) == [200, 200, 302]
    assert Response.objects.count() == 1
    assert Answer.objects.count() == 9


def test_a_disabled_open_link_is_404(client, open_survey):
    url = open_url(open_survey)
    Survey.objects.filter(pk=open_survey.pk).update(open_token=None)
    assert client.get(url).status_code == 404
    assert client.post(url, {**answers_for(open_survey), "submission_key": KEY}).status_code == 404
    assert Response.objects.count() == 0


@pytest.mark.parametrize(
    "change",
    [{"stopped": True}, {"opens_on": None}, {"opens_on": "tomorrow"}],
    ids=["stopped", "draft", "not yet open"],
)
def test_an_open_link_of_a_survey_not_taking_answers_is_410(client, open_survey, change):
    values = {"tomorrow": today() + days(1)}
    Survey.objects.filter(pk=open_survey.pk).update(**{k: values.get(v, v) for k, v in change.items()})
    response = client.post(open_url(open_survey), {**answers_for(open_survey), "submission_key": KEY})
    assert response.status_code == 410
    assert Response.objects.count() == 0


def test_an_open_link_never_reaches_a_template(client, db):
    template = Survey.objects.templates().get(template_key="mentor_intake")
    Survey.objects.filter(pk=template.pk).update(open_token="template-open-token-0123456789")
    assert client.get(reverse("survey_open_fill", args=["template-open-token-0123456789"])).status_code == 404
