"""Consents: recorded by the curator for the person or through a representative, withdrawn, their scans
served only to those who may read them."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from mentoring import roles
from mentoring.models import DataExport
from participants import consents
from participants.models import Consent
from tests.concurrency import post_at_once
from tests.factories import make_class, make_consent, make_mentee, make_mentor, make_person, make_user
from tests.participants.conftest import PDF


@pytest.fixture
def student(personas):
    """A minor in 7А, the class the class leader persona leads."""
    return make_person(
        last_name="Семёнова",
        first_name="Алёна",
        birth_date=datetime.date(2013, 4, 5),
        school_class=personas.class_leader.person.led_classes.get(),
    )


@pytest.fixture
def teacher(db):
    return make_person(last_name="Ильина", first_name="Ольга", kind="teacher", birth_date=datetime.date(1980, 1, 1))


def consent_data(**fields):
    data = {
        "kind": "personal_data",
        "given_by": "self",
        "representative_name": "",
        "representative_document": "",
        "given_on": "2026-09-01",
    }
    return {**data, **fields}


def add(client, person, **fields):
    return client.post(reverse("consent_add", args=[person.pk]), consent_data(**fields))


def errors(response):
    return response.context["form"].errors


def test_the_curator_records_a_consent_given_by_the_person(curator_client, personas, teacher):
    scan = SimpleUploadedFile("scan.pdf", PDF)
    response = add(curator_client, teacher, scan=scan)
    assert response.status_code == 302
    assert response.url == teacher.get_absolute_url()
    consent = Consent.objects.get(person=teacher)
    assert (consent.kind, consent.given_by, consent.given_on) == ("personal_data", "self", datetime.date(2026, 9, 1))
    assert consent.created_by == personas.curator
    assert consent.scan and consent.is_active


def test_a_legal_representative_gives_consent_for_a_student(curator_client, student):
    response = add(
        curator_client,
        student,
        given_by="representative",
        representative_name="Семёнова Ирина Петровна",
        representative_document="Свидетельство о рождении II-АК 123456",
    )
    assert response.status_code == 302
    consent = Consent.objects.get(person=student)
    assert consent.representative_name == "Семёнова Ирина Петровна"
    assert consent.representative_document.startswith("Свидетельство")


def test_a_representative_must_be_named(curator_client, student):
    response = add(curator_client, student, given_by="representative", representative_name="  ")
    assert errors(response)["representative_name"] == ["Укажите ФИО законного представителя."]
    assert not Consent.objects.exists()


def test_a_minor_needs_a_legal_representative(curator_client, student):
    response = add(curator_client, student)
    assert errors(response)["given_by"] == ["За несовершеннолетнего согласие даёт законный представитель."]
    assert not Consent.objects.exists()


def test_a_student_of_age_on_the_consent_date_consents_themselves(curator_client, student):
    student.birth_date = datetime.date(2008, 9, 1)
    student.save()
    assert add(curator_client, student, given_on="2026-09-01").status_code == 302
    assert consents.is_minor(student, datetime.date(2026, 8, 31))


def test_a_representative_entered_for_a_self_given_consent_is_not_kept(curator_client, teacher):
    add(curator_client, teacher, representative_name="Кто-то", representative_document="Документ")
    consent = Consent.objects.get(person=teacher)
    assert (consent.representative_name, consent.representative_document) == ("", "")


def test_the_labour_law_consent_is_only_for_staff(curator_client, student, teacher):
    response = add(curator_client, student, kind="labour", given_by="representative", representative_name="Мать")
    assert errors(response)["kind"] == ["Согласие по ТК РФ ст. 351.8 дают только работники школы."]
    assert add(curator_client, teacher, kind="labour").status_code == 302
    assert Consent.objects.get().person == teacher


def test_a_consent_cannot_be_dated_in_the_future(curator_client, teacher):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = add(curator_client, teacher, given_on=tomorrow.isoformat())
    assert errors(response)["given_on"] == ["Дата согласия не может быть позже сегодняшней."]


def test_a_dissemination_consent_says_what_may_be_published(curator_client, teacher):
    response = add(curator_client, teacher, kind="dissemination")
    assert "Отметьте, что участник разрешил публиковать." in response.content.decode()
    add(curator_client, teacher, kind="dissemination", covers_name="on", covers_photo="on")
    consent = Consent.objects.get(person=teacher)
    assert (consent.covers_name, consent.covers_photo, consent.covers_results) == (True, True, False)


def test_other_kinds_keep_no_publication_marks(curator_client, teacher):
    add(curator_client, teacher, covers_name="on", covers_photo="on")
    consent = Consent.objects.get(person=teacher)
    assert not (consent.covers_name or consent.covers_photo or consent.covers_results)


def test_a_second_active_consent_of_the_same_kind_is_refused(curator_client, teacher):
    make_consent(teacher)
    response = add(curator_client, teacher)
    assert errors(response)["kind"] == ["У участника уже есть действующее согласие этого вида."]
    assert add(curator_client, teacher, kind="dissemination", covers_name="on").status_code == 302
    assert Consent.objects.filter(person=teacher).count() == 2


def test_after_a_withdrawal_the_same_kind_can_be_given_again(curator_client, teacher):
    consent = make_consent(teacher)
    response = curator_client.post(
        reverse("consent_withdraw", args=[consent.pk]), {"withdrawn_on": "2026-10-01", "withdrawal_note": "Заявление"}
    )
    assert response.status_code == 302 and response.url == teacher.get_absolute_url()
    consent.refresh_from_db()
    assert (consent.withdrawn_on, consent.withdrawal_note) == (datetime.date(2026, 10, 1), "Заявление")
    assert add(curator_client, teacher, given_on="2026-10-02").status_code == 302
    assert consents.missing_consents(teacher) == []
    assert Consent.objects.filter(person=teacher, withdrawn_on__isnull=True).count() == 1


def test_a_withdrawal_is_not_dated_before_the_consent_nor_in_the_future(curator_client, teacher):
    consent = make_consent(teacher, given_on=datetime.date(2026, 9, 1))
    url = reverse("consent_withdraw", args=[consent.pk])
    early = curator_client.post(url, {"withdrawn_on": "2026-08-31"})
    assert errors(early)["withdrawn_on"] == ["Согласие не может быть отозвано раньше, чем дано."]
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    late = curator_client.post(url, {"withdrawn_on": tomorrow.isoformat()})
    assert errors(late)["withdrawn_on"] == ["Дата отзыва не может быть позже сегодняшней."]
    consent.refresh_from_db()
    assert consent.is_active


def test_a_withdrawn_consent_keeps_its_first_withdrawal(curator_client, teacher):
    consent = make_consent(teacher, withdrawn_on=datetime.date(2026, 10, 1))
    response = curator_client.post(reverse("consent_withdraw", args=[consent.pk]), {"withdrawn_on": "2026-11-01"})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.withdrawn_on == datetime.date(2026, 10, 1)


@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_consent_is_stored_once(personas, teacher):
    statuses = post_at_once(personas.curator, reverse("consent_add", args=[teacher.pk]), consent_data())
    assert 302 in statuses
    assert Consent.objects.filter(person=teacher).count() == 1


def test_a_consent_recorded_meanwhile_leaves_no_orphan_scan(personas, teacher, media):
    form = consents.ConsentForm(consent_data(), {"scan": SimpleUploadedFile("scan.pdf", PDF)}, person=teacher)
    assert form.is_valid()
    make_consent(teacher)  # the other window's submit, between the check and the save
    assert form.record(personas.curator) is None
    assert form.errors["kind"] == ["У участника уже есть действующее согласие этого вида."]
    assert [path for path in media.rglob("*") if path.is_file()] == []


def test_the_history_records_who_added_and_withdrew(curator_client, personas, teacher):
    add(curator_client, teacher)
    consent = Consent.objects.get(person=teacher)
    curator_client.post(reverse("consent_withdraw", args=[consent.pk]), {"withdrawn_on": "2026-10-01"})
    history = list(consent.history.order_by("history_date"))
    assert [(h.history_type, h.history_user) for h in history] == [("+", personas.curator), ("~", personas.curator)]
    assert history[-1].withdrawn_on == datetime.date(2026, 10, 1)


@pytest.fixture
def scanned(student):
    return make_consent(
        student, given_by="representative", scan=SimpleUploadedFile("scan.pdf", PDF), given_on=datetime.date(2026, 9, 1)
    )


@pytest.mark.parametrize("persona", ["curator", "director", "class_leader"])
def test_management_and_the_class_leader_download_a_scan(client, personas, scanned, persona):
    client.force_login(getattr(personas, persona))
    response = client.get(reverse("consent_scan", args=[scanned.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".pdf" in response["Content-Disposition"]
    logged = DataExport.objects.get()
    assert logged.user == getattr(personas, persona)
    assert logged.what == "Скан согласия на обработку персональных данных (Семёнова Алёна)"


def test_a_leader_of_another_class_gets_404(client, year, scanned):
    leader = make_user("leader8b", [roles.TEACHER])
    make_class(year, 8, "Б", leader=make_person(last_name="Орлова", kind="teacher", user=leader))
    client.force_login(leader)
    assert client.get(reverse("consent_scan", args=[scanned.pk])).status_code == 404
    assert not DataExport.objects.exists()


@pytest.mark.parametrize("persona, status", [("teacher", 403), ("outsider", 403), ("mentor", 404)])
def test_others_get_no_scan(client, personas, scanned, persona, status):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("consent_scan", args=[scanned.pk])).status_code == status
    assert not DataExport.objects.exists()


def test_anonymous_users_are_sent_to_log_in_for_a_scan(client, scanned):
    response = client.get(reverse("consent_scan", args=[scanned.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_a_consent_without_a_scan_has_nothing_to_download(curator_client, teacher):
    consent = make_consent(teacher)
    assert curator_client.get(reverse("consent_scan", args=[consent.pk])).status_code == 404
    assert not DataExport.objects.exists()


@pytest.mark.parametrize("persona", ["director", "class_leader", "teacher", "mentor", "outsider"])
def test_only_the_curator_adds_and_withdraws(client, personas, scanned, persona):
    client.force_login(getattr(personas, persona))
    person = scanned.person
    assert client.get(reverse("consent_add", args=[person.pk])).status_code == 403
    assert add(client, person, kind="dissemination", covers_name="on").status_code == 403
    withdraw_url = reverse("consent_withdraw", args=[scanned.pk])
    assert client.post(withdraw_url, {"withdrawn_on": "2026-10-01"}).status_code == 403
    assert Consent.objects.get().is_active


def test_anonymous_users_are_sent_to_log_in_to_add(client, student):
    response = client.get(reverse("consent_add", args=[student.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_forms_render_for_the_curator(curator_client, student, scanned):
    page = curator_client.get(reverse("consent_add", args=[student.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert "Только для согласия на распространение" in page
    page = curator_client.get(reverse("consent_withdraw", args=[scanned.pk])).content.decode()
    assert "Отозвать согласие" in page and "01.09.2026" in page


def test_missing_consents_are_personal_data_in_a_bank_and_labour_for_staff_mentors(year, student, teacher):
    assert consents.missing_consents(student) == []  # in no bank
    make_mentee(student)
    make_mentor(teacher)
    assert consents.missing_consents(student) == [Consent.Kind.PERSONAL_DATA]
    assert consents.missing_consents(teacher) == [Consent.Kind.PERSONAL_DATA, Consent.Kind.LABOUR]
    make_consent(teacher, kind="labour")
    make_consent(teacher, kind="dissemination", withdrawn_on=datetime.date(2026, 10, 1))
    assert consents.missing_consents(teacher) == [Consent.Kind.PERSONAL_DATA]
    assert consents.card_context(teacher)["has_dissemination"] is False


def test_a_student_mentor_owes_no_labour_consent(year, student):
    make_mentor(student)
    assert consents.missing_consents(student) == [Consent.Kind.PERSONAL_DATA]


def test_the_card_lists_consents_with_status_scan_and_withdrawal(personas, student, scanned):
    withdrawn = make_consent(
        student, kind="dissemination", given_by="representative", withdrawn_on=datetime.date(2026, 10, 3)
    )
    make_mentee(student)
    context = {"person": student, "can_edit": True, **consents.card_context(student)}
    html = render_to_string("participants/_card_consents.html", context)
    assert reverse("consent_scan", args=[scanned.pk]) in html
    assert reverse("consent_withdraw", args=[scanned.pk]) in html
    assert reverse("consent_withdraw", args=[withdrawn.pk]) not in html
    assert "действует" in html and "отозвано 03.10.2026" in html
    assert "Петрова Анна Ивановна" in html
    assert "Согласия на распространение нет" in html
    assert "Добавить согласие" in html
    reader = render_to_string("participants/_card_consents.html", {**context, "can_edit": False})
    assert "Отозвать" not in reader and "Добавить согласие" not in reader


def test_the_card_warns_of_missing_consents_given_as_labels(student):
    html = render_to_string(
        "participants/_card_consents.html",
        {
            "person": student,
            "consents": [],
            "can_edit": False,
            "missing_consents": ["на обработку персональных данных"],
        },
    )
    assert "Нет согласия: на обработку персональных данных." in html


def test_a_scan_is_attached_to_a_consent_recorded_earlier(
    curator_client, teacher, media, django_capture_on_commit_callbacks
):
    consent = make_consent(teacher)
    url = reverse("consent_scan_upload", args=[consent.pk])
    response = curator_client.post(url, {"scan": SimpleUploadedFile("скан.pdf", PDF)})
    assert response.status_code == 302 and response.url == teacher.get_absolute_url()
    consent.refresh_from_db()
    first = consent.scan.name
    assert (media / first).read_bytes() == PDF
    with django_capture_on_commit_callbacks(execute=True):
        curator_client.post(url, {"scan": SimpleUploadedFile("new.pdf", PDF + b"%")})
    consent.refresh_from_db()
    assert consent.scan.name != first
    assert not (media / first).exists()


def test_an_attached_scan_is_checked_by_content(curator_client, teacher):
    consent = make_consent(teacher)
    response = curator_client.post(
        reverse("consent_scan_upload", args=[consent.pk]), {"scan": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")}
    )
    assert "Файл не похож на PDF, JPEG или PNG." in response.content.decode()
    consent.refresh_from_db()
    assert not consent.scan


@pytest.mark.parametrize("persona", ["director", "class_leader", "teacher"])
def test_only_the_curator_attaches_a_scan(client, personas, scanned, persona):
    client.force_login(getattr(personas, persona))
    url = reverse("consent_scan_upload", args=[scanned.pk])
    assert client.post(url, {"scan": SimpleUploadedFile("x.pdf", PDF)}).status_code == 403
