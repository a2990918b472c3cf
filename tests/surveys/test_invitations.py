"""Inviting people: whom each group names, who answers, one link each; the class sheets; «Мои анкеты»."""

import datetime
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from mentoring.models import DataExport
from surveys.models import Invitation, Survey
from tests.concurrency import post_at_once
from tests.factories import make_mentee, make_person, make_year
from tests.surveys.conftest import answers_for, days, fill_url, invite, page, today

SELF, PARENT, CLASS_LEADER = "self", "parent", "class_leader"


def invite_groups(client, survey, respondent_role=SELF, **groups):
    data = {"respondent_role": respondent_role}
    for name, value in groups.items():
        data[name] = value if not isinstance(value, bool) else "on"
    return client.post(reverse("survey_invitations", args=[survey.pk]), data)


def invited(survey, role=None):
    """{subject's full name: respondent's full name or None}."""
    links = survey.invitations.select_related("subject", "respondent")
    if role:
        links = links.filter(respondent_role=role)
    return {link.subject.full_name: link.respondent.full_name if link.respondent else None for link in links}


def message(response):
    """The latest message the request added (earlier ones stay queued while redirects are not followed)."""
    return [str(m) for m in get_messages(response.wsgi_request)][-1:]


# Whom each group names


def test_a_class_invites_its_students_only(curator_client, survey, school, personas):
    response = invite_groups(curator_client, survey, classes=[school.class_7a.pk])
    assert response.status_code == 302 and response["Location"] == reverse("survey_invitations", args=[survey.pk])
    assert invited(survey) == {"Семёнова Алёна Игоревна": "Семёнова Алёна Игоревна", "Абрамов Борис": "Абрамов Борис"}
    assert set(survey.invitations.values_list("respondent_role", "created_by")) == {(SELF, personas.curator.pk)}
    assert message(response) == ["Создано приглашений: 2."]


def test_two_classes_invite_both(curator_client, survey, school):
    invite_groups(curator_client, survey, classes=[school.class_7a.pk, school.class_8b.pk])
    assert set(invited(survey)) == {"Семёнова Алёна Игоревна", "Абрамов Борис", "Егоров Егор"}


def test_all_staff_are_teachers_and_other_staff(curator_client, survey, school):
    invite_groups(curator_client, survey, all_staff=True)
    assert set(invited(survey)) == {"Белова Наталья", "Юрьева Яна", "Кадрова Вера", "Ильина Ольга"}


def test_all_mentees_are_the_years_bank(curator_client, survey, school):
    make_mentee(school.boris, year=make_year(2025, current=False))
    invite_groups(curator_client, survey, all_mentees=True)
    assert set(invited(survey)) == {"Семёнова Алёна Игоревна", "Егоров Егор", "Юрьева Яна"}


def test_mentees_of_a_form(curator_client, survey, school):
    invite_groups(curator_client, survey, mentees_of_form=school.student_form.pk)
    assert set(invited(survey)) == {"Семёнова Алёна Игоревна", "Егоров Егор"}


def test_all_mentors_of_the_year(curator_client, survey, school):
    invite_groups(curator_client, survey, all_mentors=True)
    assert set(invited(survey)) == {"Ёжиков Илья", "Ильина Ольга"}


def test_overlapping_groups_invite_each_person_once(curator_client, survey, school):
    invite_groups(curator_client, survey, classes=[school.class_7a.pk], all_mentees=True, all_staff=True)
    names = list(survey.invitations.values_list("subject__last_name", flat=True))
    assert len(names) == len(set(names)) == 7


def test_a_choice_of_no_one_is_refused(curator_client, survey, school):
    response = invite_groups(curator_client, survey)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Выберите, кого пригласить."]
    assert not survey.invitations.exists()


# Who answers


def test_parents_answer_about_students_only(curator_client, survey, school):
    response = invite_groups(curator_client, survey, respondent_role=PARENT, all_mentees=True)
    assert invited(survey, PARENT) == {"Семёнова Алёна Игоревна": None, "Егоров Егор": None}
    assert message(response) == [
        "Создано приглашений: 2. Пропущено — некому отвечать (нет классного руководителя, не ученик): 1."
    ]


def test_the_class_leader_answers_about_each_student_of_a_led_class(curator_client, survey, school):
    response = invite_groups(
        curator_client, survey, respondent_role=CLASS_LEADER, classes=[school.class_7a.pk, school.class_8b.pk]
    )
    assert invited(survey, CLASS_LEADER) == {
        "Семёнова Алёна Игоревна": "Белова Наталья",
        "Абрамов Борис": "Белова Наталья",
    }
    assert "Пропущено — некому отвечать (нет классного руководителя, не ученик): 1." in message(response)[0]


def test_the_same_person_may_be_asked_about_by_self_and_by_a_parent(curator_client, survey, school):
    invite_groups(curator_client, survey, classes=[school.class_7a.pk])
    invite_groups(curator_client, survey, respondent_role=PARENT, classes=[school.class_7a.pk])
    assert survey.invitations.filter(subject=school.alyona).count() == 2


# One link each


def test_inviting_twice_adds_no_one(curator_client, survey, school):
    invite_groups(curator_client, survey, classes=[school.class_7a.pk])
    first = dict(survey.invitations.values_list("subject", "token"))
    response = invite_groups(curator_client, survey, classes=[school.class_7a.pk, school.class_8b.pk])
    assert message(response) == ["Создано приглашений: 1. Уже были приглашены: 2."]
    again = dict(survey.invitations.values_list("subject", "token"))
    assert len(again) == survey.invitations.count() == 3
    assert {pk: again[pk] for pk in first} == first


@pytest.mark.django_db(transaction=True)
def test_simultaneous_invitations_make_one_link_per_person(survey, school, personas):
    url = reverse("survey_invitations", args=[survey.pk])
    statuses = post_at_once(
        personas.curator, url, {"respondent_role": SELF, "classes": [school.class_7a.pk], "all_staff": "on"}, times=3
    )
    assert statuses == [302, 302, 302]
    assert survey.invitations.count() == 6
    assert survey.invitations.values("subject").distinct().count() == 6


def test_tokens_are_long_url_safe_and_distinct(curator_client, survey, school):
    invite_groups(curator_client, survey, classes=[school.class_7a.pk, school.class_8b.pk], all_staff=True)
    tokens = list(survey.invitations.values_list("token", flat=True))
    assert len(tokens) == 7 == len(set(tokens))
    assert all(len(token) >= 43 and re.fullmatch(r"[A-Za-z0-9_-]+", token) for token in tokens)


def test_a_link_lasts_the_surveys_link_days(curator_client, survey, school):
    Survey.objects.filter(pk=survey.pk).update(link_days=14)
    before = timezone.now()
    invite_groups(curator_client, survey, classes=[school.class_7a.pk])
    after = timezone.now()
    for expires_at in survey.invitations.values_list("expires_at", flat=True):
        assert before + datetime.timedelta(days=14) <= expires_at <= after + datetime.timedelta(days=14)


def test_the_invitations_page_lists_links_with_their_status(curator_client, survey, school):
    invite_groups(curator_client, survey, classes=[school.class_7a.pk, school.class_8b.pk])
    curator_client.post(
        fill_url(survey.invitations.get(subject=school.alyona)), answers_for(survey)
    )  # the curator's own browser, no matter
    response = curator_client.get(reverse("survey_invitations", args=[survey.pk]))
    assert response.context["page"].paginator.count == 3
    classes = {str(c): (c.invited, c.answered) for c in response.context["classes"]}
    assert classes == {"7А": (2, 1), "8Б": (1, 0)}
    answered = curator_client.get(reverse("survey_invitations", args=[survey.pk]), {"status": "answered"})
    assert [i.subject for i in answered.context["page"]] == [school.alyona]
    by_class = curator_client.get(reverse("survey_invitations", args=[survey.pk]), {"class": school.class_8b.pk})
    assert [i.subject for i in by_class.context["page"]] == [school.egor]


# Hand-picked


def test_people_are_invited_by_hand(curator_client, survey, school):
    url = reverse("survey_invite_people", args=[survey.pk])
    assert curator_client.get(url).status_code == 200
    response = curator_client.post(url, {"people": [school.boris.pk, school.young.pk], "respondent_role": SELF})
    assert response.status_code == 302
    assert invited(survey) == {"Абрамов Борис": "Абрамов Борис", "Юрьева Яна": "Юрьева Яна"}
    parents = curator_client.post(url, {"people": [school.boris.pk, school.young.pk], "respondent_role": PARENT})
    assert "Пропущено" in message(parents)[0]
    assert invited(survey, PARENT) == {"Абрамов Борис": None}


def test_a_hand_picked_invite_needs_someone(curator_client, survey, school):
    response = curator_client.post(reverse("survey_invite_people", args=[survey.pk]), {"people": ["x", ""]})
    assert response.status_code == 200
    assert message(response) == ["Отметьте хотя бы одного человека."]
    assert not survey.invitations.exists()


def test_an_unknown_role_invites_no_one(curator_client, survey, school):
    response = curator_client.post(
        reverse("survey_invite_people", args=[survey.pk]),
        {"people": [school.boris.pk], "respondent_role": "boss"},
        follow=True,
    )
    assert message(response) == ["Выберите, кто отвечает."]
    assert not survey.invitations.exists()


def test_a_hand_picked_invite_takes_only_the_roles_the_page_offers(curator_client, survey, school):
    """The page offers «сам участник», «родитель», «классный руководитель»; a forged «staff» must not make
    the class leader the respondent of a link labelled «сотрудник школы»."""
    curator_client.post(
        reverse("survey_invite_people", args=[survey.pk]), {"people": [school.boris.pk], "respondent_role": "staff"}
    )
    assert not survey.invitations.filter(respondent_role="staff").exists()


# Revoking


def test_a_revoked_link_stops_working(curator_client, client, survey, school):
    link = invite(survey, school.boris)
    response = curator_client.post(reverse("invitation_revoke", args=[survey.pk, link.pk]), follow=True)
    assert "Ссылка отозвана: по ней больше нельзя ответить." in page(response)
    link.refresh_from_db()
    assert link.revoked_at is not None and link.status == "отозвано"
    client.logout()
    assert client.get(fill_url(link)).status_code == 410


def test_an_answered_link_cannot_be_revoked(curator_client, survey, school):
    link = invite(survey, school.boris)
    curator_client.post(fill_url(link), answers_for(survey))
    response = curator_client.post(reverse("invitation_revoke", args=[survey.pk, link.pk]), follow=True)
    assert "Эту ссылку отозвать нельзя" in page(response)
    link.refresh_from_db()
    assert link.revoked_at is None


def test_a_link_of_another_survey_is_not_revoked_through_this_one(curator_client, survey, school, year):
    other = Survey.objects.create(title="Другая", year=year)
    link = invite(other, school.boris)
    curator_client.post(reverse("invitation_revoke", args=[survey.pk, link.pk]))
    link.refresh_from_db()
    assert link.revoked_at is None


# The class sheet


def pdf_text(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    return " ".join(text.split())  # names and links wrap in the table's cells


def test_the_class_sheet_lists_the_students_still_to_answer_with_their_links(curator_client, survey, school, personas):
    alyona, boris = invite(survey, school.alyona), invite(survey, school.boris)
    egor = invite(survey, school.egor)
    revoked = invite(survey, make_person(last_name="Отозванный", first_name="Олег", school_class=school.class_7a))
    revoked.revoked_at = timezone.now()
    revoked.save()
    curator_client.post(fill_url(boris), answers_for(survey))
    response = curator_client.get(reverse("survey_class_sheet", args=[survey.pk, school.class_7a.pk]))
    text = pdf_text(response)
    assert "Анкета «Анкета обо всём»" in text and "7А класс" in text
    assert "Семёнова Алёна Игоревна" in text
    compact = "".join(text.split())
    assert f"http://testserver/a/{alyona.token}/" in compact
    assert "Абрамов" not in text and boris.token not in compact  # answered
    assert "Егоров" not in text and egor.token not in compact  # another class
    assert "Отозванный" not in text and revoked.token not in compact
    assert "Н.Белова" in compact
    entry = DataExport.objects.get()
    assert entry.user == personas.curator
    assert entry.what == "Листы ссылок: «Анкета обо всём», 7А"
    assert entry.rows == 1


def test_a_class_where_everyone_answered_gets_a_sheet_saying_so(curator_client, survey, school):
    link = invite(survey, school.alyona)
    curator_client.post(fill_url(link), answers_for(survey))
    text = pdf_text(curator_client.get(reverse("survey_class_sheet", args=[survey.pk, school.class_7a.pk])))
    assert "Все приглашённые ученики класса уже ответили." in text


def test_the_class_leader_sees_and_prints_only_their_own_class(client, personas, survey, school):
    invite(survey, school.alyona)
    invite(survey, school.egor)
    client.force_login(personas.class_leader)
    status_7a = client.get(reverse("survey_class", args=[survey.pk, school.class_7a.pk]))
    assert status_7a.status_code == 200
    assert [i.subject for i in status_7a.context["invitations"]] == [school.alyona]
    assert status_7a.context["answers_visible"] is False
    assert "Анкета конфиденциальная" in page(status_7a)
    assert "Семёнова Алёна Игоревна" in pdf_text(
        client.get(reverse("survey_class_sheet", args=[survey.pk, school.class_7a.pk]))
    )
    assert DataExport.objects.get().user == personas.class_leader
    assert client.get(reverse("survey_class", args=[survey.pk, school.class_8b.pk])).status_code == 403
    assert client.get(reverse("survey_class_sheet", args=[survey.pk, school.class_8b.pk])).status_code == 403
    assert DataExport.objects.count() == 1


def test_a_class_of_another_year_is_404(curator_client, survey, school):
    other = make_year(2025, current=False)
    from tests.factories import make_class

    old = make_class(other, 6, "А")
    assert curator_client.get(reverse("survey_class", args=[survey.pk, old.pk])).status_code == 404
    assert curator_client.get(reverse("survey_class_sheet", args=[survey.pk, old.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["teacher", "mentor", "outsider"])
def test_other_staff_see_no_class(client, personas, survey, school, persona):
    invite(survey, school.alyona)
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("survey_class", args=[survey.pk, school.class_7a.pk])).status_code == 403
    assert client.get(reverse("survey_class_sheet", args=[survey.pk, school.class_7a.pk])).status_code == 403
    assert client.get(reverse("survey_invitations", args=[survey.pk])).status_code == 403
    assert not DataExport.objects.exists()


def test_the_administration_reads_invitations_but_invites_no_one(client, personas, survey, school):
    client.force_login(personas.director)
    response = client.get(reverse("survey_invitations", args=[survey.pk]))
    assert response.status_code == 200 and response.context["form"] is None
    client.post(reverse("survey_invitations", args=[survey.pk]), {"respondent_role": SELF, "all_staff": "on"})
    assert not survey.invitations.exists()
    assert client.get(reverse("survey_class", args=[survey.pk, school.class_7a.pk])).status_code == 200


# «Мои анкеты»


def waiting(client):
    response = client.get(reverse("my_surveys"))
    assert response.status_code == 200
    return [(i.survey.title, i.subject.full_name) for i in response.context["waiting"]]


def test_a_staff_member_sees_their_own_waiting_link(client, personas, survey, school):
    me = school.class_leader
    link = invite(survey, me)
    client.force_login(personas.class_leader)
    assert waiting(client) == [("Анкета обо всём", "Белова Наталья")]
    html = page(client.get(reverse("my_surveys")))
    assert fill_url(link) in html
    client.post(fill_url(link), answers_for(survey))
    assert waiting(client) == []
    answered = client.get(reverse("my_surveys")).context["answered"]
    assert [i.survey.title for i in answered] == ["Анкета обо всём"]


def test_a_class_leader_sees_the_links_to_answer_about_their_students(client, personas, survey, school):
    invite(survey, school.alyona, role=CLASS_LEADER, respondent=school.class_leader)
    invite(survey, school.egor, role=PARENT)  # not theirs
    client.force_login(personas.class_leader)
    assert waiting(client) == [("Анкета обо всём", "Семёнова Алёна Игоревна")]
    assert "об ученике: Семёнова Алёна Игоревна, 7А" in page(client.get(reverse("my_surveys")))


@pytest.mark.parametrize(
    "change",
    ["stopped", "closed yesterday", "not yet open", "draft", "expired", "revoked"],
)
def test_a_link_that_cannot_be_used_is_not_waiting(client, personas, survey, school, change):
    link = invite(survey, school.class_leader)
    surveys = Survey.objects.filter(pk=survey.pk)
    if change == "stopped":
        surveys.update(stopped=True)
    elif change == "closed yesterday":
        surveys.update(opens_on=today() - days(9), closes_on=today() - days(1))
    elif change == "not yet open":
        surveys.update(opens_on=today() + days(1))
    elif change == "draft":
        surveys.update(opens_on=None)
    elif change == "expired":
        Invitation.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    else:
        Invitation.objects.filter(pk=link.pk).update(revoked_at=timezone.now())
    client.force_login(personas.class_leader)
    assert waiting(client) == []


def test_someone_elses_links_are_not_mine(client, personas, survey, school):
    teacher_person = make_person(last_name="Зайцева", first_name="Ольга", kind="teacher", user=personas.teacher)
    invite(survey, teacher_person)
    invite(survey, school.young)
    client.force_login(personas.class_leader)
    assert waiting(client) == []
    client.force_login(personas.teacher)
    assert waiting(client) == [("Анкета обо всём", "Зайцева Ольга")]


def test_a_teacher_without_a_person_sees_an_empty_page(client, personas, survey):
    client.force_login(personas.teacher)
    response = client.get(reverse("my_surveys"))
    assert "Сейчас анкет для вас нет." in page(response)
    assert response.context["classes"] == []


def test_a_class_leader_sees_how_many_of_their_class_have_answered(client, personas, survey, school, year):
    alyona, boris = invite(survey, school.alyona), invite(survey, school.boris)
    invite(survey, school.egor)  # 8Б
    invite(survey, school.alyona, role=PARENT)
    client.post(fill_url(alyona), answers_for(survey))
    other = Survey.objects.create(title="Вторая анкета", year=year, opens_on=today())
    invite(other, school.boris)
    Survey.objects.create(title="Без приглашений", year=year, opens_on=today())
    client.force_login(personas.class_leader)
    response = client.get(reverse("my_surveys"))
    rows = [(s.title, s.invitation_count, s.answered_count) for s in response.context["class_surveys"]]
    assert rows == [("Анкета обо всём", 3, 1), ("Вторая анкета", 1, 0)]
    assert reverse("survey_class", args=[survey.pk, school.class_7a.pk]) in page(response)
    assert boris.used_at is None
