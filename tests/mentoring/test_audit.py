"""The audit log of personal data: changes made through the real pages appear with who, when and
what changed; every download of personal data writes one row of the export log, and files with
none (or made for the public) write nothing; the log's filters, access and fixed number of queries."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring import audit
from mentoring.audit_views import PAGE_SIZE
from mentoring.models import DataExport, Material, NormativeAct, PublicationFile
from pairs.models import Meeting, Programme
from participants.models import Consent, Mentee, Person, TrainingEvent, TrainingMaterial
from reports import documents
from surveys.models import Invitation, Survey
from tests.factories import make_act, make_class, make_consent, make_mentee, make_person, make_stage, make_user
from tests.pairs.conftest import forms, school  # noqa: F401  fixtures shared with the pairs tests
from tests.participants.xlsx import make_xlsx, student, teacher, upload
from tests.reports.conftest import media, ready, requisites  # noqa: F401  fixtures shared with the reports tests
from tests.reports.publishing_helpers import PDF_BYTES, make_publication

TODAY = timezone.localdate()
PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def log(client, **params):
    """The log page's response for the filters ``params``."""
    return client.get(reverse("audit_log"), params)


def rows(response):
    """(kind, subject, action) of each entry on the page."""
    return [(entry.kind, entry.subject, entry.action) for entry in response.context["entries"]]


def changes(entry):
    return [(change.label, change.old, change.new) for change in entry.changes]


def person_form(person, **changed):
    """The person page's form data for ``person``, with ``changed`` fields."""
    data = {
        "last_name": person.last_name,
        "first_name": person.first_name,
        "patronymic": person.patronymic,
        "birth_date": person.birth_date.isoformat() if person.birth_date else "",
        "kind": person.kind,
        "school_class": person.school_class_id or "",
        "position": person.position,
        "career_start": person.career_start or "",
        "organisation": person.organisation,
        "email": person.email,
        "phone": person.phone,
    }
    data.update(changed)
    return data


@pytest.fixture
def seventh(personas, year):
    return personas.class_leader.person.led_classes.get(year=year)


# ---------------------------------------------------------------------------------------------
# Changes made through the pages
# ---------------------------------------------------------------------------------------------


def test_a_change_through_the_edit_page_shows_who_when_and_old_and_new(curator_client, personas, year, seventh):
    eighth = make_class(year, 8, "Б")
    person = make_person(last_name="Семёнова", first_name="Алёна", school_class=seventh)
    before = timezone.now()
    response = curator_client.post(
        reverse("person_edit", args=[person.pk]), person_form(person, school_class=eighth.pk, phone="+7 900 1")
    )
    assert response.status_code == 302

    page = log(curator_client)
    latest = page.context["entries"][0]
    assert (latest.kind, latest.subject, latest.action) == ("Человек", "Семёнова Алёна", "изменение")
    assert latest.user == personas.curator and before <= latest.when <= timezone.now()
    assert latest.url == reverse("person", args=[person.pk])
    assert changes(latest) == [("Класс", "7А", "8Б"), ("Телефон", "—", "+7 900 1")]
    html = page.content.decode()
    assert "Соколова Ирина" in html and "7А → 8Б" in html


def test_choices_show_their_names_and_dates_their_russian_form(curator_client, personas, seventh):
    person = make_person(last_name="Орлов", first_name="Пётр", school_class=seventh)
    curator_client.post(
        reverse("person_edit", args=[person.pk]),
        person_form(person, kind=Person.Kind.STAFF, school_class="", position="Лаборант", birth_date="1990-05-04"),
    )
    latest = log(curator_client).context["entries"][0]
    assert changes(latest) == [
        ("Дата рождения", "—", "04.05.1990"),
        ("Категория", "обучающийся", "сотрудник"),
        ("Класс", "7А", "—"),
        ("Должность", "—", "Лаборант"),
    ]


def test_creating_and_deleting_appear(curator_client, personas, seventh):
    data = person_form(Person(last_name="Новикова", first_name="Ирина", kind=Person.Kind.TEACHER))
    response = curator_client.post(reverse("person_add"), data)
    person = Person.objects.get(last_name="Новикова")
    assert response.status_code == 302
    make_consent(person)

    # The curator deletes the person in the admin site: the consent goes with them.
    deleted = curator_client.post(reverse("admin:participants_person_delete", args=[person.pk]), {"post": "yes"})
    assert deleted.status_code == 302 and not Person.objects.filter(pk=person.pk).exists()

    entries = log(curator_client, person="новикова").context["entries"]
    assert [(entry.kind, entry.action) for entry in entries] == [
        ("Человек", "удаление"),
        ("Согласие", "удаление"),
        ("Согласие", "создание"),
        ("Человек", "создание"),
    ]
    assert {entry.subject for entry in entries if entry.kind == "Человек"} == {"Новикова Ирина"}
    # The person is gone: their name comes from history, and nothing links to a card that is no more.
    assert entries[1].about == "Новикова Ирина" and not any(entry.url for entry in entries)
    assert entries[0].user == personas.curator and entries[3].user == personas.curator


def test_a_meeting_taken_out_of_the_calendar_appears_with_its_pair(curator_client, personas, school):  # noqa: F811
    meeting = Meeting.objects.create(mentorship=school.own_pair, topic="Разбор олимпиадных задач")
    response = curator_client.post(reverse("meeting_delete", args=[school.own_pair.pk, meeting.pk]))
    assert response.status_code == 302 and not Meeting.objects.filter(pk=meeting.pk).exists()

    latest = log(curator_client, kind="pairs.meeting").context["entries"][0]
    assert (latest.subject, latest.action, latest.user) == (
        "Серия встреч: Разбор олимпиадных задач",
        "удаление",
        personas.curator,
    )
    assert latest.about == f"Пара № {school.own_pair.pk}" and latest.url == reverse(
        "mentorship", args=[school.own_pair.pk]
    )


def test_a_consent_withdrawal_appears(curator_client, personas):
    person = make_person(last_name="Егоров", first_name="Егор")
    consent = make_consent(person, given_by="representative")
    response = curator_client.post(
        reverse("consent_withdraw", args=[consent.pk]),
        {"withdrawn_on": TODAY.isoformat(), "withdrawal_note": "Заявление матери"},
    )
    assert response.status_code == 302
    latest = log(curator_client).context["entries"][0]
    assert (latest.kind, latest.action, latest.user) == ("Согласие", "изменение", personas.curator)
    assert latest.subject == "Согласие на обработку персональных данных: Егоров Егор"
    assert latest.about == "Егоров Егор" and latest.url == reverse("person", args=[person.pk])
    assert changes(latest) == [
        ("Дата отзыва", "—", TODAY.strftime("%d.%m.%Y")),
        ("Основание отзыва", "—", "Заявление матери"),
    ]


def test_what_a_class_leader_tells_about_a_request_appears_with_the_mentee(curator_client, personas, seventh):
    person = make_person(last_name="Семёнова", first_name="Алёна", school_class=seventh)
    mentee = make_mentee(person)
    class_leader = Client()
    class_leader.force_login(personas.class_leader)
    response = class_leader.post(
        reverse("request_note_add", args=[mentee.pk]), {"source": "parent", "text": "Мама просит помочь с алгеброй"}
    )
    assert response.status_code == 302
    latest = log(curator_client, person="семенова").context["entries"][0]
    assert (latest.kind, latest.action, latest.user) == (
        "Сведения о запросе наставляемого",
        "создание",
        personas.class_leader,
    )
    assert latest.about == "Семёнова Алёна" and latest.url == reverse("person", args=[person.pk])
    assert log(curator_client, person="иванов").context["entries"] == []


def test_an_import_appears_as_changes_by_the_importing_user(curator_client, personas, seventh):
    make_person(
        last_name="Кузнецова", first_name="Ольга", patronymic="Петровна", birth_date=datetime.date(1980, 10, 12)
    )
    content = make_xlsx([student(), teacher()])
    uploaded = curator_client.post(reverse("people_import"), {"file": upload(content)})
    confirmed = curator_client.post(uploaded.url)
    assert confirmed.status_code == 302

    entries = log(curator_client, kind="participants.person").context["entries"]
    imported = [entry for entry in entries if entry.reason]
    assert {(entry.subject, entry.action) for entry in imported} == {
        ("Семёнова Алёна Игоревна", "создание"),
        ("Кузнецова Ольга Петровна", "изменение"),
    }
    assert {entry.user for entry in imported} == {personas.curator}
    assert {entry.reason for entry in imported} == {"Импорт из Excel"}
    updated = next(entry for entry in imported if entry.action == "изменение")
    assert ("Должность", "—", "Учитель математики") in changes(updated)
    assert "Импорт из Excel" in log(curator_client).content.decode()


def test_people_put_into_a_bank_from_the_list_appear_as_created(curator_client, personas, year, seventh):
    people = [make_person(last_name=name, first_name="Ученик", school_class=seventh) for name in ("Ершов", "Жуков")]
    response = curator_client.post(reverse("people_to_bank"), {"bank": "mentees", "people": [p.pk for p in people]})
    assert response.status_code == 302 and Mentee.objects.count() == 2

    entries = log(curator_client, kind="participants.mentee").context["entries"]
    assert sorted((entry.about, entry.action, entry.user) for entry in entries) == [
        ("Ершов Ученик", "создание", personas.curator),
        ("Жуков Ученик", "создание", personas.curator),
    ]
    assert entries[0].subject.endswith("— наставляемый, 2026/2027")


def test_changes_made_without_a_user_are_the_systems(curator_client, personas):
    make_person(last_name="Системова", first_name="Анна")
    response = log(curator_client, person="Системова")
    assert [entry.user for entry in response.context["entries"]] == [None]
    assert "система/импорт" in response.content.decode()


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


def _dated(person, day):
    """Move the person's recorded history to noon of ``day``."""
    noon = timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))
    Person.history.filter(id=person.pk).update(history_date=noon)


def test_the_period_keeps_the_changes_of_its_days(curator_client, personas):
    early, inside, late = (make_person(last_name=name, first_name="Анна") for name in ("Раннева", "Средняя", "Поздняя"))
    _dated(early, datetime.date(2026, 9, 1))
    _dated(inside, datetime.date(2026, 9, 10))
    _dated(late, datetime.date(2026, 9, 20))
    response = log(curator_client, start="2026-09-02", end="2026-09-10", kind="participants.person")
    assert rows(response) == [("Человек", "Средняя Анна", "создание")]
    only_end = log(curator_client, end="2026-09-10", kind="participants.person", person="анна")
    assert [entry.subject for entry in only_end.context["entries"]] == ["Средняя Анна", "Раннева Анна"]


def test_the_user_filter_keeps_one_users_changes_or_the_systems(curator_client, personas, seventh):
    by_curator = make_person(last_name="Правкина", first_name="Анна", school_class=seventh)
    curator_client.post(reverse("person_edit", args=[by_curator.pk]), person_form(by_curator, phone="1"))
    mine = log(curator_client, user=personas.curator.pk)
    assert rows(mine) == [("Человек", "Правкина Анна", "изменение")]
    system = log(curator_client, user=audit.NO_USER, kind="participants.person")
    assert ("Человек", "Правкина Анна", "создание") in rows(system)
    assert all(entry.user is None for entry in system.context["entries"])


def test_the_kind_filter_keeps_one_kind_of_record(curator_client, personas):
    person = make_person(last_name="Видова", first_name="Анна")
    make_consent(person)
    make_mentee(person)
    assert rows(log(curator_client, kind="participants.consent")) == [
        ("Согласие", "Согласие на обработку персональных данных: Видова Анна", "создание")
    ]


def test_the_person_filter_finds_a_name_without_case_or_yo_and_by_a_former_name(curator_client, personas, seventh):
    alyona = make_person(last_name="Семёнова", first_name="Алёна", school_class=seventh)
    make_consent(alyona)
    make_mentee(alyona)
    make_person(last_name="Семенов", first_name="Борис")
    found = log(curator_client, person="семенова алена")
    assert sorted(kind for kind, _subject, _action in rows(found)) == ["Наставляемый", "Согласие", "Человек"]

    # Renamed: the former surname still finds her records.
    curator_client.post(reverse("person_edit", args=[alyona.pk]), person_form(alyona, last_name="Петрова"))
    by_old_name = log(curator_client, person="Семёнова Алёна")
    assert len(by_old_name.context["entries"]) == 4
    assert changes(by_old_name.context["entries"][0]) == [("Фамилия", "Семёнова", "Петрова")]


def test_the_card_link_shows_everything_about_one_person_including_their_pairs(curator_client, school):  # noqa: F811
    anna = school.anna.person
    card = curator_client.get(reverse("person", args=[anna.pk])).content.decode()
    link = f"{reverse('audit_log')}?person_id={anna.pk}"
    assert link in card
    Meeting.objects.create(mentorship=school.own_pair, topic="Знакомство")
    response = curator_client.get(link)
    assert response.context["person_name"] == "Антонова Анна"
    assert sorted({entry.kind for entry in response.context["entries"]}) == [
        "Встреча",
        "Наставляемый",
        "Пара или группа",
        "Человек",
    ]
    # Another mentee's pair is not hers.
    assert f"Пара № {school.other_pair.pk}" not in response.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2026-09-10", "end": "2026-09-01"}, "Начало периода позже его конца."),
        ({"start": "10 сентября"}, "Введите правильную дату."),
        ({"user": "999999"}, "Выберите корректный вариант."),
        ({"kind": "auth.user"}, "Выберите корректный вариант."),
        ({"end": "9999-12-31"}, "Укажите дату между 2000 и 2100 годом."),
        ({"tab": "exports", "start": "0001-01-01"}, "Укажите дату между 2000 и 2100 годом."),
    ],
)
def test_a_filter_that_does_not_hold_shows_its_message_and_no_rows(curator_client, personas, params, message):
    response = log(curator_client, **params)
    assert response.status_code == 200
    assert response.context["entries"] == [] and response.context["page"] is None
    assert message in response.content.decode()


# ---------------------------------------------------------------------------------------------
# The exports tab
# ---------------------------------------------------------------------------------------------


def test_the_exports_tab_lists_the_export_log_and_filters_it_by_user(curator_client, personas):
    DataExport.objects.create(user=personas.director, what="Люди: экспорт в Excel", rows=12)
    DataExport.objects.create(user=personas.curator, what="Согласия 7А класса (PDF)", rows=2)
    page = log(curator_client, tab="exports")
    assert [entry.what for entry in page.context["page"]] == ["Согласия 7А класса (PDF)", "Люди: экспорт в Excel"]
    html = page.content.decode()
    assert "Миронов Алексей" in html and f'aria-current="page" href="{reverse("audit_log")}?tab=exports">' in html
    directors = log(curator_client, tab="exports", user=personas.director.pk)
    assert [entry.what for entry in directors.context["page"]] == ["Люди: экспорт в Excel"]
    assert list(log(curator_client, tab="exports", user=audit.NO_USER).context["page"]) == []


# ---------------------------------------------------------------------------------------------
# Downloads: each file with personal data writes one row of the export log
# ---------------------------------------------------------------------------------------------

ANY = object()  # a count of rows the test does not check (the year's report counts every sheet)


def _signed(world, personas):
    act, _ = documents.create_draft(world.own_pair.year, NormativeAct.Kind.PAIRS_ORDER, personas.curator, "45-о", TODAY)
    return documents.sign(act, personas.director, "45-о", TODAY)


def _survey(world):
    return Survey.objects.create(title="Входная анкета", year=world.own_pair.year, opens_on=TODAY)


def _people_export(world, personas):
    return reverse("people_export"), "Люди: экспорт в Excel", Person.objects.count(), XLSX_TYPE


def _mentees_export(world, personas):
    return reverse("mentees_export"), "Наставляемые 2026/2027: экспорт в Excel", 3, XLSX_TYPE


def _mentors_export(world, personas):
    return reverse("mentors_export"), "Наставники 2026/2027: экспорт в Excel", 3, XLSX_TYPE


def _survey_answers(world, personas):
    survey = _survey(world)
    return reverse("survey_export", args=[survey.pk]), "Ответы на анкету «Входная анкета»", 0, XLSX_TYPE


def _survey_links(world, personas):
    survey = _survey(world)
    Invitation.objects.create(
        survey=survey, subject=world.anna.person, expires_at=timezone.now() + datetime.timedelta(days=7)
    )
    url = reverse("survey_class_sheet", args=[survey.pk, world.seventh.pk])
    return url, "Листы ссылок: «Входная анкета», 7А", 1, PDF_TYPE


def _class_pairs(world, personas):
    return reverse("class_pairs_sheet", args=[world.seventh.pk]), "Пары учеников 7А класса (PDF)", 2, PDF_TYPE


def _consent_scan(world, personas):
    consent = Consent.objects.get(person=world.anna.person)
    consent.scan.save("scan.pdf", ContentFile(PDF_BYTES))
    what = "Скан согласия на обработку персональных данных (Антонова Анна)"
    return reverse("consent_scan", args=[consent.pk]), what, None, PDF_TYPE


def _training_material(world, personas):
    event = TrainingEvent.objects.create(
        year=world.own_pair.year, kind="induction", title="Роль наставника", held_on=datetime.date(2026, 9, 15)
    )
    material = TrainingMaterial.objects.create(
        event=event, title="Презентация", file=SimpleUploadedFile("slides.pdf", PDF_BYTES)
    )
    what = "Материал «Презентация» (Установочная сессия «Роль наставника», 15.09.2026)"
    return reverse("training_material", args=[material.pk]), what, None, PDF_TYPE


def _year_report(world, personas):
    what = "Отчёт о программе наставничества за 2026/2027 учебный год: экспорт в Excel"
    return reverse("year_report"), what, ANY, XLSX_TYPE


def _regional_report(world, personas):
    return reverse("regional_report"), "Отчёт для региона за 2026/2027 учебный год: экспорт в Excel", 0, XLSX_TYPE


def _draft_act(world, personas):
    act, _ = documents.create_draft(world.own_pair.year, NormativeAct.Kind.PAIRS_ORDER, personas.curator, "45-о", TODAY)
    return reverse("act_pdf", args=[act.pk]), f"Приказ № 45-о от {TODAY:%d.%m.%Y}, проект (PDF)", None, PDF_TYPE


def _signed_act(world, personas):
    act = _signed(world, personas)
    assert len(act.people) >= 2
    return reverse("act_pdf", args=[act.pk]), f"Приказ № 45-о от {TODAY:%d.%m.%Y} (PDF)", len(act.people), PDF_TYPE


def _acquaintance(world, personas):
    act = _signed(world, personas)
    what = f"Лист ознакомления. Приказ № 45-о от {TODAY:%d.%m.%Y} (PDF)"
    return reverse("act_acquaintance", args=[act.pk]), what, None, PDF_TYPE


def _act_scan(world, personas):
    act = _signed(world, personas)
    act.scan.save("scan.pdf", ContentFile(PDF_BYTES))
    return reverse("act_scan_download", args=[act.pk]), f"Скан: Приказ № 45-о от {TODAY:%d.%m.%Y}", None, PDF_TYPE


def _class_consents(world, personas):
    return reverse("class_consents_pdf", args=[world.seventh.pk]), "Согласия 7А класса (PDF)", 2, PDF_TYPE


def _mentor_labour(world, personas):
    what = "Согласие на наставничество и доп. соглашение: Другова Елена (PDF)"
    return reverse("mentor_labour_pdf", args=[world.other_mentor.pk]), what, 1, PDF_TYPE


def _labour_forms(world, personas):
    what = "Согласия на наставничество и доп. соглашения, 2026/2027 (PDF)"
    return reverse("labour_forms_pdf"), what, 2, PDF_TYPE


def _programme(world, personas):
    pair = world.own_pair
    Programme.objects.create(
        mentorship=pair,
        request="Алгебра",
        goal="Подготовка к олимпиаде",
        tasks="Решать задачи",
        expected_results="Призовое место",
        starts_on=pair.starts_on,
        ends_on=pair.ends_on,
    )
    return reverse("programme_pdf", args=[pair.pk]), f"Программа: Пара № {pair.pk} (PDF)", 2, PDF_TYPE


DOWNLOADS = [
    _people_export,
    _mentees_export,
    _mentors_export,
    _survey_answers,
    _survey_links,
    _class_pairs,
    _consent_scan,
    _training_material,
    _year_report,
    _regional_report,
    _draft_act,
    _signed_act,
    _acquaintance,
    _act_scan,
    _class_consents,
    _mentor_labour,
    _labour_forms,
    _programme,
]


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("download", DOWNLOADS, ids=lambda download: download.__name__.strip("_"))
def test_each_download_of_personal_data_writes_one_row(curator_client, personas, ready, download):  # noqa: F811
    url, what, count, content_type = download(ready, personas)
    assert not DataExport.objects.exists()
    response = curator_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert _body(response).startswith(b"%PDF" if content_type == PDF_TYPE else b"PK")
    entry = DataExport.objects.get()
    assert (entry.user, entry.what, entry.address) == (personas.curator, what, "127.0.0.1")
    if count is not ANY:
        assert entry.rows == count
    assert what in log(curator_client, tab="exports").content.decode()


def test_the_log_records_nothing_for_an_anonymous_visitor(rf, personas):
    request = rf.get("/nastavnichestvo/prikazy/prikaz-1.pdf")
    request.user = AnonymousUser()
    assert DataExport.log(request, "Приказ (PDF)") is None
    request.user = personas.director
    assert DataExport.log(request, "Приказ (PDF)", 3).user == personas.director
    assert list(DataExport.objects.values_list("what", "rows")) == [("Приказ (PDF)", 3)]


def test_a_download_that_finds_no_file_writes_nothing(curator_client, personas, year):
    on_paper = make_act(year)  # signed on paper: no PDF, no scan
    assert curator_client.get(reverse("act_pdf", args=[on_paper.pk])).status_code == 404
    assert curator_client.get(reverse("act_scan_download", args=[on_paper.pk])).status_code == 404
    assert not DataExport.objects.exists()


def test_files_without_personal_data_write_nothing(curator_client, personas, year, media):  # noqa: F811
    material = Material.objects.create(title="Памятка наставнику", file_name="Памятка.pdf")
    material.file.save("memo.pdf", ContentFile(PDF_BYTES))
    stage = make_stage(year)
    stage.activities.create(
        number=1, title="Приказ о внедрении", start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 9, 5)
    )
    publication = make_publication()
    attached = PublicationFile.objects.create(publication=publication, file_name="Положение.pdf", title="Положение")
    attached.file.save("rules.pdf", ContentFile(PDF_BYTES))
    for url in (
        reverse("material_file", args=[material.pk]),
        reverse("roadmap_pdf"),
        reverse("import_template"),
        reverse("publication_file", args=[attached.pk]),
    ):
        response = curator_client.get(url)
        assert response.status_code == 200, url
        assert _body(response)
    assert not DataExport.objects.exists()


def test_anonymous_public_downloads_write_nothing(client, personas, ready):  # noqa: F811
    act = _signed(ready, personas)
    documents.publish(act)
    act.refresh_from_db()
    publication = make_publication()
    attached = PublicationFile.objects.create(publication=publication, file_name="Положение.pdf", title="Положение")
    attached.file.save("rules.pdf", ContentFile(PDF_BYTES))
    pdf = client.get(reverse("public_act_pdf", args=[act.slug]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    public_file = client.get(reverse("public_file", args=[attached.pk]))
    assert public_file.status_code == 200 and _body(public_file) == PDF_BYTES
    assert not DataExport.objects.exists()


# ---------------------------------------------------------------------------------------------
# Access, menu and queries
# ---------------------------------------------------------------------------------------------


def test_only_the_curator_reads_the_log(client, personas):
    url = reverse("audit_log")
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    for user in (personas.director, personas.class_leader, personas.teacher, personas.mentor, personas.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.get(url, {"tab": "exports"}).status_code == 403
    client.force_login(personas.curator)
    assert client.get(url).status_code == 200


def test_the_curators_menu_leads_to_the_log(client, personas):
    client.force_login(personas.curator)
    assert f'href="{reverse("audit_log")}"' in client.get(reverse("people")).content.decode()
    client.force_login(personas.director)
    assert f'href="{reverse("audit_log")}"' not in client.get(reverse("people")).content.decode()


def _records(count, seventh):
    """``count`` people with a login, each created, changed, with a consent and a mentee record."""
    for number in range(count):
        person = make_person(last_name=f"Учеников{number}", first_name="Иван", school_class=seventh, user=make_user())
        person.phone = f"+7 900 {number}"
        person.save()
        make_consent(person)
        make_mentee(person)


def _queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = log(client)
    assert response.status_code == 200
    return len(queries), len(response.context["entries"])


def test_a_page_costs_the_same_queries_for_5_rows_as_for_50(curator_client, personas, seventh):
    _records(1, seventh)
    few, shown = _queries(curator_client)
    assert shown == 5  # the class leader's person, and one person's four records
    _records(20, seventh)
    many, shown = _queries(curator_client)
    assert shown == PAGE_SIZE == 50
    assert many == few
