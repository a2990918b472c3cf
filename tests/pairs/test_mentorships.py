"""Pairs and groups through their pages: the list, a pair's page and statuses, groups and their
members, letters and questionnaires for the participants, the class sheet, the person's card."""

import datetime
import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from mentoring.models import DataExport
from pairs.models import Mentorship
from participants.models import Mentee, Mentor, Person
from surveys.models import Invitation, Survey
from tests.concurrency import post_at_once
from tests.factories import make_act, make_mentee, make_mentor, make_mentorship, make_person
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def listed(response):
    return {row.pk for row in response.context["page"]}


def login(client, user):
    client.force_login(user)
    return client


def new_mentee(last_name, school_class, form):
    return make_mentee(make_person(last_name=last_name, first_name="Ученик", school_class=school_class), form=form)


@pytest.fixture
def group(school, forms):
    """A proposed group of the student mentor Глеб (10Б) with Борис (7А) and Галина (7А)."""
    galina = new_mentee("Галкина", school.seventh, forms.student)
    return make_mentorship(
        school.student_mentor, [school.boris, galina], form=forms.student, title="Олимпиада по математике"
    )


# The list


@pytest.mark.parametrize(
    "query, expected",
    [
        ({}, {"own_pair", "other_pair", "group"}),
        ({"status": "active"}, {"own_pair", "other_pair"}),
        ({"status": "proposed"}, {"group"}),
        ({"status": "finished"}, set()),
        ({"kind": "group"}, {"group"}),
        ({"kind": "pair"}, {"own_pair", "other_pair"}),
        ({"form": "student"}, {"group"}),
        ({"form": "teacher_student", "kind": "pair", "q": "Другова"}, {"other_pair"}),
        ({"q": "королев"}, {"own_pair"}),  # the mentor's name, without Ё
        ({"q": "ВЕСЕЛОВА ВЕРА"}, {"other_pair"}),  # a mentee's name
        ({"q": "Галкина"}, {"group"}),
        ({"q": "Никого"}, set()),
    ],
)
def test_the_list_filters_and_searches(curator_client, school, forms, group, query, expected):
    if "form" in query:
        query = {**query, "form": getattr(forms, query["form"]).pk}
    response = curator_client.get(reverse("mentorships"), query)
    assert response.status_code == 200
    named = {"own_pair": school.own_pair.pk, "other_pair": school.other_pair.pk, "group": group.pk}
    assert listed(response) == {named[name] for name in expected}
    assert f'data-testid="count">Найдено: {len(expected)}<' in response.content.decode()


def test_the_list_shows_the_participants_and_status_counts(curator_client, school, group):
    page = curator_client.get(reverse("mentorships")).content.decode()
    table = re.search(r'<table[^>]*data-testid="mentorships".*?</table>', page, re.S).group(0)
    assert re.search(r"Группа «Олимпиада по математике».*?Старшеклассников Глеб.*?Борисов Борис", table, re.S)
    assert re.search(rf"Пара № {school.own_pair.pk}.*?Королёв Дмитрий.*?Антонова Анна", table, re.S)
    counts = re.search(r'data-testid="status-counts">(.*?)</p>', page, re.S).group(1)
    assert "предложена: 1" in counts and "действует: 2" in counts and "завершена: 0" in counts


def add_pairs(year, forms, count, offset=0):
    """``count`` pairs and groups of new people, each with a form, a role model and a mentee class."""
    from participants.models import SchoolClass

    school_class, _ = SchoolClass.objects.get_or_create(year=year, grade=5, letter="Д")
    for number in range(offset, offset + count):
        mentor = make_mentor(make_person(last_name=f"Наставник{number}", kind=Person.Kind.TEACHER), year=year)
        mentees = [new_mentee(f"Ученик{number}_{k}", school_class, forms.student) for k in range(1 + number % 3)]
        order = make_act(year, number=f"{number}-о")
        make_mentorship(mentor, mentees, form=forms.teacher_student, order=order)


def test_the_list_takes_as_many_queries_for_ten_pairs_as_for_one(
    curator_client, year, forms, django_assert_num_queries
):
    add_pairs(year, forms, 1)
    url = reverse("mentorships")
    curator_client.get(url)  # the session and the like, once
    with CaptureQueriesContext(connection) as one:
        assert curator_client.get(url).status_code == 200
    add_pairs(year, forms, 9, offset=1)
    with django_assert_num_queries(len(one)):
        response = curator_client.get(url)
    assert len(listed(response)) == 10


def test_the_administration_reads_the_list(client, school, personas):
    response = login(client, personas.director).get(reverse("mentorships"))
    assert response.status_code == 200
    assert listed(response) == {school.own_pair.pk, school.other_pair.pk}
    assert reverse("group_add") not in response.content.decode()


@pytest.mark.parametrize("persona", ["teacher", "mentor", "class_leader", "outsider"])
def test_others_may_not_open_the_list(client, school, personas, persona):
    assert login(client, getattr(personas, persona)).get(reverse("mentorships")).status_code == 403


# A pair's page


@pytest.mark.parametrize("persona", ["curator", "director"])
def test_management_opens_any_pair(client, school, personas, persona):
    login(client, getattr(personas, persona))
    for mentorship in (school.own_pair, school.other_pair):
        response = client.get(reverse("mentorship", args=[mentorship.pk]))
        assert response.status_code == 200
        assert mentorship.mentees.get().person.full_name in response.content.decode()


def test_a_mentor_opens_their_own_pair_only(client, school, personas):
    login(client, personas.mentor)
    response = client.get(reverse("mentorship", args=[school.own_pair.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Антонова Анна" in page
    assert reverse("mentorship_notify", args=[school.own_pair.pk]) not in page
    assert reverse("mentorship_status", args=[school.own_pair.pk, "finish"]) not in page
    assert client.get(reverse("mentorship", args=[school.other_pair.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["teacher", "class_leader"])
def test_other_staff_may_not_open_a_pair(client, school, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("mentorship", args=[school.own_pair.pk])).status_code == 403


def test_an_anonymous_visitor_logs_in_to_see_a_pair(client, school):
    response = client.get(reverse("mentorship", args=[school.own_pair.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_group_of_eight_takes_as_many_queries_as_a_pair(curator_client, school, forms, django_assert_num_queries):
    mentees = [new_mentee(f"Группова{k}", school.seventh, forms.student) for k in range(8)]
    group = make_mentorship(school.student_mentor, mentees, form=forms.student, title="Восемь")
    pair_url, group_url = (reverse("mentorship", args=[pk]) for pk in (school.own_pair.pk, group.pk))
    curator_client.get(pair_url)
    with CaptureQueriesContext(connection) as pair:
        assert curator_client.get(pair_url).status_code == 200
    with django_assert_num_queries(len(pair)):
        response = curator_client.get(group_url)
    assert len(response.context["mentees"]) == 8


# Editing


def test_the_curator_edits_the_form_role_model_and_dates(curator_client, school, forms):
    from participants.models import RoleModel

    url = reverse("mentorship_edit", args=[school.own_pair.pk])
    student_model = RoleModel.objects.create(form=forms.student, name="Успевающий – неуспевающий")
    data = {"form": forms.teacher_student.pk, "starts_on": "2026-11-01", "ends_on": "2027-04-30"}
    response = curator_client.post(url, {**data, "role_model": student_model.pk})
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "role_model": ["Эта ролевая модель относится к форме «ученик – ученик»."]
    }
    response = curator_client.post(url, {**data, "ends_on": "2026-10-01"})
    assert response.context["form"].errors == {"ends_on": ["Окончание раньше начала."]}
    assert Mentorship.objects.get(pk=school.own_pair.pk).role_model is None

    response = curator_client.post(url, {**data, "form": forms.student.pk, "role_model": student_model.pk})
    assert response["Location"] == reverse("mentorship", args=[school.own_pair.pk])
    pair = Mentorship.objects.get(pk=school.own_pair.pk)
    assert (pair.form, pair.role_model, pair.ends_on) == (forms.student, student_model, datetime.date(2027, 4, 30))


def test_a_group_keeps_its_title(curator_client, group, forms):
    url = reverse("mentorship_edit", args=[group.pk])
    data = {"form": forms.student.pk, "starts_on": "2026-11-01", "ends_on": "2027-04-30"}
    response = curator_client.post(url, {**data, "title": ""})
    assert response.context["form"].errors == {"title": ["Обязательное поле."]}
    assert Mentorship.objects.get(pk=group.pk).title == "Олимпиада по математике"


@pytest.mark.parametrize("persona", ["director", "mentor"])
def test_only_the_curator_edits_a_pair(client, school, forms, personas, persona):
    login(client, getattr(personas, persona))
    data = {"form": forms.student.pk, "starts_on": "2026-11-01", "ends_on": "2027-04-30"}
    assert client.post(reverse("mentorship_edit", args=[school.own_pair.pk]), data).status_code == 403
    assert Mentorship.objects.get(pk=school.own_pair.pk).form == forms.teacher_student


# Statuses


def change(client, mentorship, action, **data):
    return client.post(reverse("mentorship_status", args=[mentorship.pk, action]), data)


@pytest.fixture
def proposed(school, forms):
    """Борис (7А) and the student mentor Глеб, just paired."""
    Mentee.objects.filter(pk=school.boris.pk).update(status=Mentee.Status.PAIRED)
    return make_mentorship(school.student_mentor, [school.boris], form=forms.student)


def test_a_pair_is_approved_by_the_order_not_by_hand(curator_client, proposed, year):
    response = change(curator_client, proposed, "approve", order_number="45-о", order_date="2026-11-10")
    assert messages_of(response) == ["Это действие недоступно при текущем статусе."]
    assert Mentorship.objects.get(pk=proposed.pk).status == "proposed"
    page = curator_client.get(reverse("mentorship", args=[proposed.pk])).content.decode()
    assert "Утверждается приказом о закреплении наставнических пар и групп" in page

    draft = make_act(year, status="draft")
    Mentorship.objects.filter(pk=proposed.pk).update(order=draft)
    page = curator_client.get(reverse("mentorship", args=[proposed.pk])).content.decode()
    assert "Включена в проект приказа № 45-о." in page and 'data-testid="order"' not in page

    signed = make_act(year, number="46-о", date=datetime.date(2026, 11, 12))
    Mentorship.objects.filter(pk=proposed.pk).update(order=signed, status="approved")
    page = curator_client.get(reverse("mentorship", args=[proposed.pk])).content.decode()
    assert 'data-testid="order">Приказ № 46-о от 12.11.2026<' in page


def test_a_pair_starts_and_finishes_with_its_results_in_both_banks(curator_client, school, proposed):
    response = change(curator_client, proposed, "start")
    assert messages_of(response) == ["Пара начала работу."]
    assert Mentorship.objects.get(pk=proposed.pk).status == "active"

    response = change(
        curator_client,
        proposed,
        "finish",
        achievements="Исправил оценки по алгебре",
        outcome="reached",
        best_practice="on",
        ended_on="2027-04-30",
    )
    assert messages_of(response)[-1] == "Завершена; итоги внесены в банки наставников и наставляемых."
    proposed.refresh_from_db()
    assert (proposed.status, proposed.outcome, proposed.best_practice, proposed.ended_on) == (
        "finished",
        "reached",
        True,
        datetime.date(2027, 4, 30),
    )
    boris = Mentee.objects.get(pk=school.boris.pk)
    assert boris.status == Mentee.Status.FINISHED and boris.best_practice
    assert boris.results == f"Пара № {proposed.pk}: цели достигнуты. Исправил оценки по алгебре"
    mentor = Mentor.objects.get(pk=school.student_mentor.pk)
    assert mentor.results == boris.results and mentor.best_practice
    assert Mentee.objects.get(pk=school.anna.pk).status != Mentee.Status.FINISHED  # another pair's mentee


def test_finishing_needs_the_achievements(curator_client, school):
    response = change(curator_client, school.own_pair, "finish", outcome="reached", ended_on="2027-04-30")
    assert messages_of(response) == ["Не сохранено. Достижения: Обязательное поле."]
    assert Mentorship.objects.get(pk=school.own_pair.pk).status == "active"
    assert Mentee.objects.get(pk=school.anna.pk).results == ""


def test_ending_early_needs_a_reason_and_returns_the_mentees_to_the_bank(curator_client, school, proposed):
    for reason in ("", "   "):
        response = change(curator_client, proposed, "terminate", reason=reason, ended_on="2026-11-20")
        assert messages_of(response)[-1] == "Не сохранено. Причина: Обязательное поле."
    assert Mentorship.objects.get(pk=proposed.pk).status == "proposed"
    assert Mentee.objects.get(pk=school.boris.pk).status == Mentee.Status.PAIRED

    response = change(curator_client, proposed, "terminate", reason="Переезд семьи", ended_on="2026-11-20")
    assert messages_of(response)[-1] == "Прекращена досрочно; наставляемые вернулись в банк, поиск продолжается."
    proposed.refresh_from_db()
    assert (proposed.status, proposed.end_reason, proposed.ended_on) == (
        "terminated",
        "Переезд семьи",
        datetime.date(2026, 11, 20),
    )
    assert Mentee.objects.get(pk=school.boris.pk).get_status_display() == "в банке"


@pytest.mark.parametrize(
    "status, action",
    [("active", "approve"), ("active", "start"), ("finished", "terminate"), ("terminated", "start"), ("active", "x")],
)
def test_a_change_the_status_does_not_allow_is_refused(curator_client, school, status, action):
    reason = "Переезд" if status == "terminated" else ""
    Mentorship.objects.filter(pk=school.own_pair.pk).update(status=status, end_reason=reason)
    data = {"reason": "Причина", "ended_on": "2026-11-20"}
    response = change(curator_client, school.own_pair, action, **data)
    assert response["Location"] == reverse("mentorship", args=[school.own_pair.pk])
    assert messages_of(response) == ["Это действие недоступно при текущем статусе."]
    mentorship = Mentorship.objects.get(pk=school.own_pair.pk)
    assert (mentorship.status, mentorship.order_id, mentorship.end_reason) == (status, None, reason)


@pytest.mark.parametrize("persona", ["director", "mentor"])
def test_only_the_curator_changes_a_status(client, school, personas, persona):
    login(client, getattr(personas, persona))
    response = change(client, school.own_pair, "terminate", reason="Причина", ended_on="2026-11-20")
    assert response.status_code == 403
    assert Mentorship.objects.get(pk=school.own_pair.pk).status == "active"


# Groups


def test_a_group_needs_two_mentees(curator_client, school, forms):
    data = {"title": "Олимпиада", "form": forms.student.pk, "mentor": school.student_mentor.pk}
    response = curator_client.post(reverse("group_add"), {**data, "mentees": [school.boris.pk]})
    assert response.status_code == 200
    assert response.context["form"].errors["mentees"] == [
        "В группе хотя бы два наставляемых; для одного создайте пару."
    ]
    assert "В группе хотя бы два наставляемых" in response.content.decode()
    assert not Mentorship.objects.filter(is_group=True).exists()


def test_a_mentee_in_a_pair_cannot_join_a_new_group(curator_client, school, forms):
    data = {"title": "Олимпиада", "form": forms.student.pk, "mentor": school.student_mentor.pk}
    response = curator_client.post(reverse("group_add"), {**data, "mentees": [school.boris.pk, school.anna.pk]})
    assert response.status_code == 200
    assert "mentees" in response.context["form"].errors
    assert not Mentorship.objects.filter(is_group=True).exists()


def test_the_curator_creates_a_group(curator_client, school, forms, personas):
    galina = new_mentee("Галкина", school.seventh, forms.student)
    data = {
        "title": "Олимпиада по физике",
        "form": forms.student.pk,
        "mentor": school.student_mentor.pk,
        "mentees": [school.boris.pk, galina.pk],
    }
    response = curator_client.post(reverse("group_add"), data)
    group = Mentorship.objects.get(is_group=True)
    assert response["Location"] == reverse("mentorship", args=[group.pk])
    assert messages_of(response) == ["Группа «Олимпиада по физике» создана."]
    assert (group.title, group.mentor, group.form, group.status, group.created_by) == (
        "Олимпиада по физике",
        school.student_mentor,
        forms.student,
        "proposed",
        personas.curator,
    )
    assert set(group.mentees.all()) == {school.boris, galina}
    assert set(Mentee.objects.filter(pk__in=[school.boris.pk, galina.pk]).values_list("status", flat=True)) == {
        Mentee.Status.PAIRED
    }


def test_members_are_added_and_removed_but_never_fewer_than_two(curator_client, school, forms, group):
    url = reverse("mentorship_members", args=[group.pk])
    dasha = new_mentee("Дашина", school.seventh, forms.student)
    page = curator_client.get(url)
    assert page.status_code == 200
    assert "Дашина Ученик" in page.content.decode()
    assert "Антонова Анна" not in page.content.decode()  # in a pair already

    response = curator_client.post(url, {"mentees": [dasha.pk]})
    assert response["Location"] == url
    assert group.mentees.count() == 3
    assert Mentee.objects.get(pk=dasha.pk).status == Mentee.Status.PAIRED

    response = curator_client.post(url, {"remove": school.boris.pk})
    assert messages_of(response)[-1] == "Борисов Борис выведен из группы и вернулся в банк."
    assert set(group.mentees.all()) == {dasha, Mentee.objects.get(person__last_name="Галкина")}
    assert Mentee.objects.get(pk=school.boris.pk).status == Mentee.Status.IN_BANK

    response = curator_client.post(url, {"remove": dasha.pk})
    assert messages_of(response)[-1] == "В группе должно остаться хотя бы два наставляемых."
    assert group.mentees.count() == 2

    assert curator_client.post(url, {"remove": "x"}).status_code == 404
    assert curator_client.post(url, {"remove": school.anna.pk}).status_code == 404
    assert group.mentees.count() == 2


def test_a_pair_has_no_members_page(curator_client, school):
    assert curator_client.get(reverse("mentorship_members", args=[school.own_pair.pk])).status_code == 404


def test_groups_are_the_curators(client, school, personas, forms, group):
    login(client, personas.director)
    assert client.get(reverse("group_add")).status_code == 403
    assert client.post(reverse("mentorship_members", args=[group.pk]), {"remove": school.boris.pk}).status_code == 403
    assert group.mentees.count() == 2


# Letters and questionnaires


def test_letters_go_to_those_with_an_address_and_the_others_are_named(curator_client, school):
    mentor_person = school.own_mentor.person
    mentor_person.email = "korolev@school.example"
    mentor_person.save()
    response = curator_client.post(reverse("mentorship_notify", args=[school.own_pair.pk]))
    assert response["Location"] == reverse("mentorship", args=[school.own_pair.pk])
    assert messages_of(response) == [
        "Отправлено писем: 1.",
        f"Нет адреса электронной почты: {school.anna.person.short_name} — сообщите лично.",
    ]
    (letter,) = mail.outbox
    assert letter.to == ["korolev@school.example"]
    assert letter.subject == "Наставничество: наставническая пара сформирована"
    assert "Здравствуйте, Дмитрий!" in letter.body
    assert "Наставник: Королёв Дмитрий" in letter.body and "Наставляемый: Антонова Анна (7А)" in letter.body
    assert Mentorship.objects.get(pk=school.own_pair.pk).notified_at is not None
    page = curator_client.get(reverse("mentorship", args=[school.own_pair.pk])).content.decode()
    assert "Письма отправлены" in page


def test_no_letters_without_addresses_leave_the_pair_unnotified(curator_client, school):
    response = curator_client.post(reverse("mentorship_notify", args=[school.own_pair.pk]))
    assert messages_of(response)[0] == "Отправлено писем: 0."
    assert not mail.outbox
    assert Mentorship.objects.get(pk=school.own_pair.pk).notified_at is None


def test_letters_are_the_curators(client, school, personas):
    school.own_mentor.person.email = "korolev@school.example"
    school.own_mentor.person.save()
    login(client, personas.mentor)
    assert client.post(reverse("mentorship_notify", args=[school.own_pair.pk])).status_code == 403
    assert not mail.outbox


@pytest.fixture
def feedback(year):
    return make_survey(year, title="Обратная связь после первых встреч", purpose=Survey.Purpose.FEEDBACK)


def test_the_pair_is_invited_to_a_feedback_survey_once(curator_client, school, feedback):
    url = reverse("mentorship_invite", args=[school.own_pair.pk])
    response = curator_client.post(url, {"survey": feedback.pk})
    assert response["Location"] == reverse("mentorship", args=[school.own_pair.pk])
    assert messages_of(response) == ["Создано приглашений: 2."]
    invited = set(feedback.invitations.values_list("subject__last_name", "respondent__last_name", "respondent_role"))
    assert invited == {("Королёв", "Королёв", "self"), ("Антонова", "Антонова", "self")}
    response = curator_client.post(url, {"survey": feedback.pk})
    assert messages_of(response)[-1] == "Создано приглашений: 0. Уже были приглашены: 2."
    assert feedback.invitations.count() == 2
    page = curator_client.get(reverse("mentorship", args=[school.own_pair.pk])).content.decode()
    assert "Обратная связь после первых встреч" in page


@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_invitation_makes_one_link_each(school, personas, feedback):
    url = reverse("mentorship_invite", args=[school.own_pair.pk])
    assert post_at_once(personas.curator, url, {"survey": feedback.pk}) == [302, 302]
    assert Invitation.objects.filter(survey=feedback).count() == 2


def test_only_pair_questionnaires_may_be_sent(curator_client, school, year):
    intake = make_survey(year, title="Анкета наставляемого", purpose=Survey.Purpose.MENTEE_INTAKE)
    response = curator_client.post(reverse("mentorship_invite", args=[school.own_pair.pk]), {"survey": intake.pk})
    assert messages_of(response) == ["Выберите анкету."]
    assert not Invitation.objects.exists()


# The class sheet


def pdf_text(response):
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def sheet_pairs(school, forms, proposed):
    """Борис with the student mentor Глеб of 10Б; a terminated earlier pair is left out."""
    make_mentorship(
        school.other_mentor,
        [new_mentee("Ушедшая", school.seventh, forms.student)],
        form=forms.teacher_student,
        status="terminated",
        end_reason="Переезд",
    )
    return proposed


@pytest.mark.parametrize("persona", ["curator", "class_leader"])
def test_the_class_sheet_lists_the_students_in_pairs_with_their_roles(client, school, personas, sheet_pairs, persona):
    login(client, getattr(personas, persona))
    text = pdf_text(client.get(reverse("class_pairs_sheet", args=[school.seventh.pk])))
    assert "Ученики 7А класса в наставнических парах и группах" in text
    assert "Антонова Анна наставляемый наставник: Королёв Дмитрий" in text
    assert "Борисов Борис наставляемый наставник: Старшеклассников Глеб" in text
    assert "Ушедшая" not in text and "Веселова" not in text
    assert DataExport.objects.filter(rows=2).exists()


def test_the_sheet_of_a_class_names_its_student_mentors(curator_client, school, sheet_pairs):
    text = pdf_text(curator_client.get(reverse("class_pairs_sheet", args=[school.tenth.pk])))
    assert "Старшеклассников Глеб наставник наставляемые: Борисов Борис" in text
    assert "Веселова Вера наставляемый наставник: Другова Елена" in text
    assert "Антонова" not in text


def test_a_class_leader_gets_only_their_own_class(client, school, personas):
    login(client, personas.class_leader)
    assert client.get(reverse("class_pairs_sheet", args=[school.tenth.pk])).status_code == 403


@pytest.mark.parametrize("persona", ["teacher", "mentor"])
def test_other_staff_get_no_class_sheet(client, school, personas, persona):
    login(client, getattr(personas, persona))
    assert client.get(reverse("class_pairs_sheet", args=[school.seventh.pk])).status_code == 403


# The person's card


@pytest.fixture
def earlier_pair(school, forms):
    """Анна's earlier pair with another mentor, finished."""
    return make_mentorship(school.other_mentor, [school.anna], form=forms.teacher_student, status="finished")


def card_panel(response):
    assert response.status_code == 200
    match = re.search(r'<section[^>]*data-testid="pairs-panel".*?</section>', response.content.decode(), re.S)
    return match.group(0) if match else ""


def test_the_card_shows_the_curator_every_pair_of_the_person(curator_client, school, earlier_pair):
    panel = card_panel(curator_client.get(reverse("person", args=[school.anna.person.pk])))
    assert reverse("mentorship", args=[school.own_pair.pk]) in panel
    assert reverse("mentorship", args=[earlier_pair.pk]) in panel
    assert "наставник Д. Королёв" in panel and "наставник Е. Другова" in panel


def test_the_card_shows_a_mentor_only_their_own_pair(client, school, personas, earlier_pair):
    login(client, personas.mentor)
    panel = card_panel(client.get(reverse("person", args=[school.anna.person.pk])))
    assert reverse("mentorship", args=[school.own_pair.pk]) in panel
    assert reverse("mentorship", args=[earlier_pair.pk]) not in panel
    assert "Другова" not in panel


def test_the_card_of_a_mentor_names_their_mentees(curator_client, school):
    panel = card_panel(curator_client.get(reverse("person", args=[school.own_mentor.person.pk])))
    assert "наставник для А. Антонова" in panel
