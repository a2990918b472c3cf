"""People, their cards, classes and inclusion in the banks."""

import pytest
from django.urls import reverse

from participants.models import Consent, Mentee, Mentor, Person, SchoolClass
from tests.concurrency import post_at_once
from tests.factories import make_class, make_person


def _person_data(**fields):
    data = {
        "last_name": "Ёлкина",
        "first_name": "Дарья",
        "patronymic": "",
        "kind": "student",
        "birth_date": "2013-04-05",
    }
    return {**data, **fields}


def test_the_curator_adds_a_student(curator_client, year):
    school_class = make_class(year, 6, "В")
    response = curator_client.post(reverse("person_add"), _person_data(school_class=school_class.pk))
    person = Person.objects.get(last_name="Ёлкина")
    assert response.status_code == 302 and response.url == person.get_absolute_url()
    assert person.search_name == "елкина дарья"
    assert person.school_class == school_class


def test_a_student_needs_a_class(curator_client, year):
    response = curator_client.post(reverse("person_add"), _person_data())
    assert "Укажите класс обучающегося." in response.content.decode()
    assert not Person.objects.filter(last_name="Ёлкина").exists()


def test_a_change_of_personal_data_is_recorded_with_who_and_what(curator_client, personas, bank):
    person = bank.mentees.boris.person
    data = _person_data(last_name="Абрамов", first_name="Борис", school_class=bank.class_7a.pk, phone="+7 900 1")
    curator_client.post(reverse("person_edit", args=[person.pk]), data)
    latest = person.history.first()
    assert latest.history_user == personas.curator
    assert latest.phone == "+7 900 1"
    card = curator_client.get(person.get_absolute_url())
    entry = card.context["history"][0]
    assert entry.user == personas.curator
    assert any(change.label == "телефон" and change.new == "+7 900 1" for change in entry.changes)
    assert "История изменений" in card.content.decode()


def test_the_card_shows_the_mentees_record_consents_and_notes(curator_client, bank):
    response = curator_client.get(bank.mentees.alyona.person.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "Наставляемый, 2026/2027" in page
    assert "Алгебра" in page
    assert response.context["missing_consents"] == []
    boris = curator_client.get(bank.mentees.boris.person.get_absolute_url())
    assert boris.context["missing_consents"] == [Consent.Kind.PERSONAL_DATA]


def test_a_staff_mentor_owes_the_labour_consent(curator_client, bank):
    response = curator_client.get(bank.mentors.teacher.person.get_absolute_url())
    assert response.context["missing_consents"] == [Consent.Kind.LABOUR]
    assert "Наставник, 2026/2027" in response.content.decode()


def test_a_class_leader_opens_own_students_card_only(client, personas, bank):
    client.force_login(personas.class_leader)
    own = client.get(bank.mentees.alyona.person.get_absolute_url())
    assert own.status_code == 200
    assert own.context["history"] is None if "history" in own.context else True
    assert "История изменений" not in own.content.decode()
    assert client.get(bank.mentees.egor.person.get_absolute_url()).status_code == 404
    assert client.get(bank.mentors.teacher.person.get_absolute_url()).status_code == 404


def test_a_teacher_may_not_open_cards(client, personas, bank):
    client.force_login(personas.teacher)
    assert client.get(bank.mentees.alyona.person.get_absolute_url()).status_code == 403


def test_including_in_a_bank_twice_stores_one_record(curator_client, year):
    person = make_person()
    for _ in range(2):
        response = curator_client.post(reverse("mentee_add", args=[person.pk]))
        assert response.status_code == 302
    assert Mentee.objects.filter(person=person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_inclusions_store_one_record(personas, year):
    person = make_person()
    statuses = post_at_once(personas.curator, reverse("mentor_add", args=[person.pk]), {})
    assert statuses == [302, 302]
    assert Mentor.objects.filter(person=person).count() == 1


def test_people_are_included_in_a_bank_from_the_list(curator_client, bank):
    newcomers = [make_person(last_name=f"Новый{n}") for n in range(3)]
    already = bank.mentees.boris.person
    data = {"bank": "mentees", "people": [p.pk for p in newcomers] + [already.pk]}
    response = curator_client.post(reverse("people_to_bank"), data, follow=True)
    assert "Включено в банк наставляемых: 3; уже были там: 1." in response.content.decode()
    assert Mentee.objects.filter(person__in=newcomers).count() == 3


@pytest.mark.parametrize(
    "back, lands_on",
    [("/people/?page=2", "/people/?page=2"), ("https://evil.example/", "/people/"), ("//evil.example/", "/people/")],
)
def test_including_in_a_bank_goes_back_to_a_page_of_this_site_only(curator_client, year, back, lands_on):
    data = {"bank": "mentees", "people": [make_person().pk], "next": back}
    response = curator_client.post(reverse("people_to_bank"), data)
    assert response.status_code == 302 and response["Location"] == lands_on


def test_only_the_curator_changes_people(client, personas, bank):
    person = bank.mentees.alyona.person
    for persona in ["director", "class_leader", "teacher"]:
        client.force_login(getattr(personas, persona))
        assert client.post(reverse("person_edit", args=[person.pk]), _person_data()).status_code == 403
        assert client.post(reverse("mentee_add", args=[person.pk])).status_code == 403
        assert client.post(reverse("people_to_bank"), {"bank": "mentors", "people": [person.pk]}).status_code == 403


def test_a_mentee_without_a_pair_needs_the_support_described(curator_client, bank):
    mentee = bank.mentees.boris
    url = reverse("mentee_edit", args=[mentee.pk])
    response = curator_client.post(url, {"status": "support", "support": " "})
    assert "Опишите сопровождение" in response.content.decode()
    response = curator_client.post(url, {"status": "support", "support": "Занятия с психологом"})
    mentee.refresh_from_db()
    assert mentee.status == Mentee.Status.SUPPORT


def test_a_role_model_must_belong_to_the_chosen_form(curator_client, bank):
    teacher_model = bank.mentees.young.form.role_models.first()
    response = curator_client.post(
        reverse("mentee_edit", args=[bank.mentees.boris.pk]),
        {"status": "bank", "form": bank.student_form.pk, "role_model": teacher_model.pk},
    )
    assert "Ролевая модель должна относиться к выбранной форме" in response.content.decode()


def test_the_mentor_record_keeps_forms_and_capacity_with_history(curator_client, personas, bank):
    mentor = bank.mentors.senior
    data = {"status": "interviewed", "forms": [bank.student_form.pk], "capacity": 2, "competencies": "Физика"}
    assert curator_client.post(reverse("mentor_edit", args=[mentor.pk]), data).status_code == 302
    mentor.refresh_from_db()
    assert (mentor.status, mentor.capacity) == ("interviewed", 2)
    assert mentor.history.first().history_user == personas.curator


def test_the_long_term_base_keeps_rating_and_notes(curator_client, bank):
    person = bank.mentors.teacher.person
    url = reverse("mentor_profile_edit", args=[person.pk])
    curator_client.post(url, {"rating": 5, "notes": "Лучший наставник 2026 года"})
    card = curator_client.get(person.get_absolute_url()).content.decode()
    assert "5 из 5" in card and "Лучший наставник 2026 года" in card
    assert "рейтинг" in curator_client.post(url, {"rating": 9}).content.decode().lower()


def test_classes_are_listed_with_leaders_and_sizes(curator_client, bank):
    response = curator_client.get(reverse("classes"))
    rows = {str(row): row for row in response.context["classes"]}
    assert rows["7А"].student_count == 2 and rows["7А"].mentee_count == 2
    assert rows["7А"].class_leader.last_name == "Белова"


def test_a_class_is_added_once(curator_client, year):
    curator_client.post(reverse("class_add"), {"grade": 5, "letter": "г"})
    assert SchoolClass.objects.filter(year=year, grade=5, letter="Г").exists()
    response = curator_client.post(reverse("class_add"), {"grade": 5, "letter": "Г"})
    assert "Такой класс в этом учебном году уже есть." in response.content.decode()


def test_the_curator_is_told_whether_a_person_was_included_or_already_there(curator_client, year):
    person = make_person()
    first = curator_client.post(reverse("mentee_add", args=[person.pk]), follow=True)
    again = curator_client.post(reverse("mentee_add", args=[person.pk]), follow=True)
    assert "Включён(а) в банк наставляемых." in first.content.decode()
    assert "Уже в банке наставляемых." in again.content.decode()
