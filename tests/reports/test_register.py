"""The register of documents: numbering, drafting, signing, the frozen PDF and who sees what."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import DataExport, NormativeAct
from pairs.models import Mentorship
from participants.models import Mentor, Person
from reports import documents
from tests.factories import make_act, make_mentorship, make_person
from tests.reports.conftest import Kind, give_consent, pdf_text

TODAY = timezone.localdate()


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def draft(year, kind, user, number="101-о", day=None):
    act, _ = documents.create_draft(year, kind, user, number, day or TODAY)
    return act


def sign(client, act, number=None, day=None):
    data = {"number": number or act.number, "date": (day or TODAY).isoformat()}
    return client.post(reverse("act_sign", args=[act.pk]), data)


# Numbering


def test_numbers_go_on_within_the_calendar_year_and_keep_the_registers_suffix(year, personas):
    day = datetime.date(2026, 11, 10)
    assert documents.next_number(Kind.PAIRS_ORDER, day) == "1"
    make_act(year, kind=Kind.CURATOR_ORDER, number="112-о", date=datetime.date(2026, 9, 1))
    make_act(year, kind=Kind.REGULATION_ORDER, number="9-о", date=datetime.date(2026, 8, 29))
    make_act(year, kind=Kind.ROADMAP_ORDER, number="300-о", date=datetime.date(2025, 12, 30))
    assert documents.next_number(Kind.PAIRS_ORDER, day) == "113-о"
    assert documents.next_number(Kind.PAIRS_ORDER, datetime.date(2027, 1, 15)) == "1"
    # Protocols of the council are numbered on their own.
    assert documents.next_number(Kind.COUNCIL_PROTOCOL, day) == "1"
    make_act(year, kind=Kind.COUNCIL_PROTOCOL, number="1", date=datetime.date(2026, 8, 28))
    assert documents.next_number(Kind.COUNCIL_PROTOCOL, day) == "2"
    assert documents.next_number(Kind.PAIRS_ORDER, day) == "113-о"


def test_a_number_taken_in_the_year_is_refused(curator_client, year):
    make_act(year, kind=Kind.CURATOR_ORDER, number="112-о", date=datetime.date(2026, 9, 1))
    url = reverse("act_add", args=[Kind.PAIRS_ORDER])
    response = curator_client.post(url, {"number": "112-о", "date": "2026-11-10"})
    assert response.status_code == 200
    assert response.context["form"].errors["number"] == ["Приказ с таким номером в 2026 году уже есть."]
    assert NormativeAct.objects.count() == 1
    # The same number next calendar year, or for a protocol, is free.
    assert curator_client.post(url, {"number": "112-о", "date": "2027-01-11"}).status_code == 302
    protocol = reverse("act_add", args=[Kind.COUNCIL_PROTOCOL])
    assert curator_client.post(protocol, {"number": "112-о", "date": "2026-11-10"}).status_code == 302


# Drafting


def test_the_curator_drafts_an_order_on_pairs_that_names_the_unfixed_pairs(curator_client, ready, requisites):
    url = reverse("act_add", args=[Kind.PAIRS_ORDER])
    form = curator_client.get(url).context["form"]
    assert form.initial == {"number": "1", "date": TODAY}
    response = curator_client.post(url, {"number": "45-о", "date": TODAY.isoformat()})
    act = NormativeAct.objects.get()
    assert response["Location"] == reverse("act_edit", args=[act.pk])
    assert (act.kind, act.status, act.number, act.heading) == (
        "pairs_order",
        "draft",
        "45-о",
        "О закреплении наставнических пар (групп)",
    )
    assert act.preamble.startswith("В соответствии с распоряжением Министерства просвещения Российской Федерации")
    assert "от 21.05.2025 № 1264-р" in act.preamble and "статьёй 351.8 Трудового кодекса" in act.preamble
    assert act.items.splitlines()[-1] == "Контроль за исполнением приказа оставляю за собой."
    # Only the proposed pair is included by default; the working ones may be added.
    assert set(act.mentorships.all()) == {ready.proposed}
    page = curator_client.get(reverse("act", args=[act.pk]))
    listed = {candidate.pk for candidate, _ in page.context["candidates"]}
    assert listed == {ready.proposed.pk, ready.own_pair.pk, ready.other_pair.pk}


def test_a_form_sent_twice_makes_one_draft(curator_client, year):
    url = reverse("act_add", args=[Kind.CURATOR_ORDER])
    data = {"number": "7-о", "date": TODAY.isoformat()}
    first, second = curator_client.post(url, data), curator_client.post(url, data)
    assert first["Location"] == second["Location"]
    assert NormativeAct.objects.count() == 1


def test_the_curator_edits_the_text_and_chooses_the_pairs(curator_client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    data = {
        "number": "46-о",
        "date": TODAY.isoformat(),
        "heading": "  О закреплении   наставнических пар  ",
        "preamble": "В соответствии с Положением о наставничестве",
        "items": "Закрепить пары.\n\n  Контроль оставляю за собой.  \n",
    }
    response = curator_client.post(reverse("act_edit", args=[act.pk]), data)
    assert response["Location"] == reverse("act", args=[act.pk])
    act.refresh_from_db()
    assert (act.number, act.heading) == ("46-о", "О закреплении наставнических пар")
    choose = reverse("act_members", args=[act.pk])
    curator_client.post(choose, {"chosen": [ready.own_pair.pk, ready.other_pair.pk, "x"]})
    assert set(act.mentorships.all()) == {ready.own_pair, ready.other_pair}
    text = pdf_text(curator_client.get(reverse("act_pdf", args=[act.pk])).content)
    assert "1. Закрепить пары. 2. Контроль оставляю за собой." in text
    assert "Веселова Вера" in text and "Борисов Борис" not in text


def test_a_text_longer_than_a_document_takes_is_refused_and_nothing_changes(curator_client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    before = act.preamble
    data = {
        "number": act.number,
        "date": TODAY.isoformat(),
        "heading": act.heading,
        "preamble": "слово-" * 4000,
        "items": "Закрепить пары.",
    }
    response = curator_client.post(reverse("act_edit", args=[act.pk]), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["preamble"]
    assert errors == ["Убедитесь, что это значение содержит не более 20000 символов (сейчас 24000)."]
    act.refresh_from_db()
    assert act.preamble == before


def test_a_pair_fixed_by_another_order_cannot_be_chosen(curator_client, ready, personas):
    year = ready.own_pair.year
    other = make_act(year, number="40-о")
    Mentorship.objects.filter(pk=ready.own_pair.pk).update(order=other)
    act = draft(year, Kind.PAIRS_ORDER, personas.curator)
    curator_client.post(reverse("act_members", args=[act.pk]), {"chosen": [ready.own_pair.pk, ready.proposed.pk]})
    assert set(act.mentorships.all()) == {ready.proposed}
    assert Mentorship.objects.get(pk=ready.own_pair.pk).order == other


# Every kind renders: headings, number, date, names and annex rows


def test_the_order_on_pairs_renders_its_annex_from_live_data(ready, personas, requisites):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator, day=datetime.date(2026, 11, 10))
    text = pdf_text(documents.render(act))
    assert "ГОСУДАРСТВЕННОЕ БЮДЖЕТНОЕ ОБЩЕОБРАЗОВАТЕЛЬНОЕ УЧРЕЖДЕНИЕ ШКОЛА № 43" in text
    assert "ПРИКАЗ" in text and "10.11.2026 № 101-о" in text and "Санкт-Петербург" in text
    assert "О закреплении наставнических пар (групп)" in text and "ПРИКАЗЫВАЮ:" in text
    assert "Директор" in text and "А.Н. Миронов" in text
    assert "Приложение № 1 к приказу ГБОУ школа № 43 от 10.11.2026 № 101-о" in text
    assert (
        "№ Наставник (ФИО, должность или класс) Наставляемый (ФИО, класс или должность) Форма (ролевая модель) Срок"
        in text
    )
    assert "Старшеклассников Глеб, 10Б Борисов Борис, 7А ученик – ученик 01.11.2026 – 30.04.2027" in text
    # Live: a renamed mentee shows in the next preview.
    Person.objects.filter(pk=ready.boris.person.pk).update(last_name="Борисенко")
    assert "Борисенко Борис, 7А" in pdf_text(documents.render(act))


def test_every_kind_renders_its_own_content(school, personas, requisites, year):
    from mentoring import roadmap
    from pairs.models import Event

    roadmap.create_from_seed(year)
    curator_person = make_person(
        last_name="Соколова", first_name="Ирина", kind=Person.Kind.STAFF, user=personas.curator
    )
    personas.curator.position = "заместитель директора"
    personas.curator.save()
    event = Event.objects.create(
        year=year,
        kind=Event.Kind.FINAL,
        title="Фестиваль наставничества",
        held_on=datetime.date(2027, 4, 20),
        place="актовый зал",
    )
    event.mentorships.set([school.own_pair])
    texts = {}
    for number, kind in enumerate(Kind.values, start=1):
        act = draft(year, kind, personas.curator, number=str(number), day=datetime.date(2026, 9, 1))
        texts[kind] = pdf_text(documents.render(act))
        assert f"01.09.2026 № {number}" in texts[kind], kind
        assert "ПРОЕКТ" in texts[kind], kind
    assert "ПРОТОКОЛ" in texts["council_protocol"] and "заседания педагогического совета" in texts["council_protocol"]
    assert (
        "Повестка дня: 1. О рассмотрении Положения о системе (целевой модели) наставничества"
        in texts["council_protocol"]
    )
    assert "1. СЛУШАЛИ:" in texts["council_protocol"] and "ПОСТАНОВИЛИ:" in texts["council_protocol"]
    assert "Председатель — Миронов Алексей Николаевич" in texts["council_protocol"]
    regulation = texts["regulation_order"]
    assert "Об утверждении Положения о системе (целевой модели) наставничества" in regulation
    assert "ПОЛОЖЕНИЕ о системе (целевой модели) наставничества ГБОУ школа № 43" in regulation
    assert "1. Общие положения" in regulation and "9. Документы и персональные данные" in regulation
    roadmap_text = texts["roadmap_order"]
    assert (
        "План мероприятий (дорожная карта) по реализации системы (целевой модели) наставничества на 2026/2027"
        in roadmap_text
    )
    assert "Назначение куратора реализации целевой модели наставничества" in roadmap_text
    assert "Корректировка долгосрочной базы наставников" in roadmap_text
    assert "Назначить Соколова Ирина, заместитель директора, куратором" in texts["curator_order"]
    assert curator_person.full_name in texts["curator_order"]
    assert "О назначении наставников" in texts["mentors_order"] and "Список наставников" in texts["mentors_order"]
    for mentor in ("Королёв Дмитрий", "Другова Елена", "Старшеклассников Глеб"):
        assert mentor in texts["mentors_order"]
    final = texts["final_event_order"]
    assert (
        "Провести итоговое мероприятие программы наставничества «Фестиваль наставничества» 20.04.2027 (актовый зал)"
        in final
    )
    assert "Участники итогового мероприятия «Фестиваль наставничества»" in final and "Антонова Анна" in final


def test_a_protocol_lists_up_to_ten_present_and_attaches_a_longer_list(year, personas, requisites):
    act = draft(year, Kind.COUNCIL_PROTOCOL, personas.curator, number="1")
    act.content.update(
        secretary="Соколова Ирина Владимировна", members_total=40, present=["Иванова А.А.", "Петров П.П."]
    )
    act.content["agenda"][0].update(votes_for=2)
    act.save()
    text = pdf_text(documents.render(act))
    assert "Присутствовали: Иванова А.А., Петров П.П. (2 из 40 членов педагогического совета)." in text
    assert "Голосовали: «за» — 2, «против» — 0, «воздержались» — 0." in text
    assert "Секретарь И.В. Соколова" in text
    assert documents.problems(act) == ["Нет кворума: присутствуют 2 из 40, нужно больше 50 %."]
    act.content["present"] = [f"Учитель {number}" for number in range(1, 22)]
    act.content["agenda"][0].update(votes_for=20, votes_against=1)
    act.save()
    text = pdf_text(documents.render(act))
    assert "Присутствовали: 21 человек из 40 членов педагогического совета (список прилагается)." in text
    assert "Список присутствовавших на заседании педагогического совета" in text and "21 Учитель 21" in text
    assert documents.problems(act) == []


def test_the_protocol_form_keeps_the_agenda_and_checks_the_votes(curator_client, year, personas, requisites):
    act = draft(year, Kind.COUNCIL_PROTOCOL, personas.curator, number="1")
    data = {
        "number": "1",
        "date": TODAY.isoformat(),
        "heading": "О наставничестве",
        "chair": "Миронов Алексей Николаевич",
        "secretary": "Соколова Ирина Владимировна",
        "members_total": "5",
        "quorum_percent": "50",
        "present": "Иванова А.А.\nПетров П.П.\n\nСидоров С.С.",
        "invited": "",
        "agenda-TOTAL_FORMS": "2",
        "agenda-INITIAL_FORMS": "1",
        "agenda-MIN_NUM_FORMS": "1",
        "agenda-MAX_NUM_FORMS": "1000",
        "agenda-0-question": "О Положении",
        "agenda-0-heard": "Куратора",
        "agenda-0-spoke": "",
        "agenda-0-decided": "Принять",
        "agenda-0-votes_for": "5",
        "agenda-0-votes_against": "0",
        "agenda-0-votes_abstained": "0",
        "agenda-1-question": "",
        "agenda-1-heard": "",
        "agenda-1-decided": "",
        "agenda-1-votes_against": "0",
        "agenda-1-votes_abstained": "0",
    }
    response = curator_client.post(reverse("act_edit", args=[act.pk]), data)
    assert response.status_code == 302
    act.refresh_from_db()
    assert act.content["present"] == ["Иванова А.А.", "Петров П.П.", "Сидоров С.С."]
    assert [item["question"] for item in act.content["agenda"]] == ["О Положении"]
    assert documents.problems(act) == ["Вопрос 1: голосов (5) больше, чем присутствующих (3)."]
    data["present"] = "\n".join(f"Учитель {n}" for n in range(6))
    response = curator_client.post(reverse("act_edit", args=[act.pk]), data)
    assert response.context["content_form"].errors["present"] == ["Присутствующих (6) больше, чем членов совета (5)."]


# Signing


def test_the_director_signs_and_the_pairs_become_approved_with_the_order(client, ready, personas, media):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    act.mentorships.add(ready.own_pair)
    client.force_login(personas.director)
    response = sign(client, act, number="101-о", day=TODAY)
    assert response["Location"] == reverse("act", args=[act.pk])
    assert messages_of(response) == [
        f"Подписан: Приказ № 101-о от {TODAY:%d.%m.%Y}. PDF сохранён и больше не изменится."
    ]
    act.refresh_from_db()
    assert (act.status, act.signed_by, act.number) == ("signed", personas.director, "101-о")
    assert act.pdf.name.startswith("acts/") and (media / act.pdf.name).is_file()
    assert {(row["name"], row["role"]) for row in act.people} == {
        ("Старшеклассников Глеб", "наставник"),
        ("Борисов Борис", "наставляемый"),
        ("Королёв Дмитрий", "наставник"),
        ("Антонова Анна", "наставляемый"),
    }
    proposed, working = Mentorship.objects.get(pk=ready.proposed.pk), Mentorship.objects.get(pk=ready.own_pair.pk)
    assert (proposed.status, proposed.order_label) == ("approved", f"Приказ № 101-о от {TODAY:%d.%m.%Y}")
    assert (working.status, working.order_id) == ("active", act.pk)
    page = client.get(reverse("mentorship", args=[proposed.pk])).content.decode()
    assert f'data-testid="order">Приказ № 101-о от {TODAY:%d.%m.%Y}<' in page
    # A second signing changes nothing.
    response = sign(client, act, number="102-о")
    assert messages_of(response)[-1] == "Документ уже подписан."
    assert NormativeAct.objects.get(pk=act.pk).number == "101-о"


def test_signing_is_refused_with_the_names_of_what_fails(client, school, personas, forms, requisites):
    year = school.own_pair.year
    lonely = make_mentorship(school.student_mentor, [], form=forms.student)
    act = draft(year, Kind.PAIRS_ORDER, personas.curator)
    act.mentorships.add(school.own_pair, school.other_pair, lonely)
    give_consent(school.vera.person)
    client.force_login(personas.director)
    page = client.get(reverse("act", args=[act.pk]))
    assert page.context["problems"] == [
        f"Пара № {lonely.pk}: нет наставляемых.",
        "Нет согласия на обработку персональных данных: Антонова Анна (7А).",
        "Наставник не назначен приказом: Другова Елена, Королёв Дмитрий, Старшеклассников Глеб.",
    ]
    assert 'data-testid="sign"' not in page.content.decode()
    response = sign(client, act)
    assert messages_of(response)[-1].startswith("Подписать нельзя: Пара №")
    act.refresh_from_db()
    assert (act.status, act.pdf.name, act.people) == ("draft", "", [])
    assert Mentorship.objects.filter(status="approved").count() == 0


def test_a_future_date_or_a_taken_number_is_refused_at_signing(client, ready, personas):
    year = ready.own_pair.year
    make_act(year, kind=Kind.CURATOR_ORDER, number="5-о", date=TODAY)
    act = draft(year, Kind.PAIRS_ORDER, personas.curator)
    client.force_login(personas.director)
    response = sign(client, act, day=TODAY + datetime.timedelta(days=1))
    assert messages_of(response)[-1] == "Не подписано. Документ нельзя подписать будущей датой."
    response = sign(client, act, number="5-о")
    assert messages_of(response)[-1] == f"Не подписано. Приказ с таким номером в {TODAY.year} году уже есть."
    assert NormativeAct.objects.get(pk=act.pk).is_draft


def test_the_signed_pdf_never_changes_whatever_happens_to_the_pairs(client, ready, personas, requisites):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    client.force_login(personas.director)
    sign(client, act)
    act.refresh_from_db()
    stored = act.pdf.read()
    downloaded = client.get(reverse("act_pdf", args=[act.pk]))
    assert downloaded["Content-Type"] == "application/pdf" and downloaded.content == stored
    assert "Борисов Борис" in pdf_text(stored)
    # The pair ends, its mentee is renamed, the school gets a new director.
    Person.objects.filter(pk=ready.boris.person.pk).update(last_name="Борисенко")
    Mentorship.objects.filter(pk=ready.proposed.pk).update(status="terminated", end_reason="Переезд")
    requisites.director_name = "Новиков Олег Петрович"
    requisites.save()
    again = client.get(reverse("act_pdf", args=[act.pk])).content
    assert again == stored
    act.refresh_from_db()
    assert {row["name"] for row in act.people} == {"Старшеклассников Глеб", "Борисов Борис"}


def test_signing_the_order_on_mentors_appoints_them(client, school, personas, requisites):
    year = school.own_pair.year
    act = draft(year, Kind.MENTORS_ORDER, personas.curator)
    assert set(act.appointed_mentors.all()) == {school.student_mentor, school.own_mentor, school.other_mentor}
    client.force_login(personas.director)
    assert client.get(reverse("act", args=[act.pk])).context["problems"] == [
        "Другова Елена: нет согласия работника на наставничество (ТК РФ ст. 351.8).",
        "Королёв Дмитрий: нет согласия работника на наставничество (ТК РФ ст. 351.8).",
    ]
    for mentor in (school.own_mentor, school.other_mentor):
        give_consent(mentor.person, kind="labour")
    sign(client, act)
    statuses = set(Mentor.objects.filter(year=year).values_list("status", flat=True))
    assert statuses == {Mentor.Status.APPOINTED}
    page = client.get(reverse("person", args=[school.own_mentor.person.pk])).content.decode()
    assert f'data-testid="appointment">Приказ № 101-о от {TODAY:%d.%m.%Y}<' in page
    # The next order on mentors has nobody left to appoint.
    assert not draft(year, Kind.MENTORS_ORDER, personas.curator, number="102-о").appointed_mentors.exists()


def test_signing_the_stage_documents_completes_their_roadmap_activities(client, year, personas, requisites):
    from mentoring import roadmap

    roadmap.create_from_seed(year)
    day = datetime.date(2026, 9, 15)

    def statuses():
        stages, _ = roadmap.load(year, today=day)
        return {activity.evidence_code: activity.status for stage in stages for activity in stage.activities.all()}

    assert statuses()["curator_order"] == roadmap.Status.IN_PROGRESS
    client.force_login(personas.director)
    personas.curator.groups.add(*personas.director.groups.all())  # curator and administration at once
    curator = draft(year, Kind.CURATOR_ORDER, personas.curator, number="1", day=day)
    regulation = draft(year, Kind.REGULATION_ORDER, personas.curator, number="2", day=day)
    roadmap_order = draft(year, Kind.ROADMAP_ORDER, personas.curator, number="3", day=day)
    for act in (curator, regulation, roadmap_order):
        assert sign(client, act, day=day).status_code == 302
    done = statuses()
    for code in ("curator_order", "regulation_order", "roadmap_order"):
        assert done[code] == roadmap.Status.DONE, code
    assert done["council_protocol"] == roadmap.Status.IN_PROGRESS


# The public check page


def test_the_check_page_shows_the_document_without_any_name(client, ready, personas):
    act = draft(
        ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator, number="101-о", day=datetime.date(2026, 11, 10)
    )
    url = reverse("act_check", args=[act.token])
    page = client.get(url).content.decode()
    assert "Приказ о закреплении наставнических пар и групп" in page and "101-о" in page and "10.11.2026" in page
    assert "проект, не подписан" in page
    for name in ("Борисов", "Старшеклассников", "Королёв", "Антонова", "Миронов", "Соколова", "О закреплении"):
        assert name not in page
    assert client.get(reverse("act_check", args=["8c2c3f8e-0000-4000-8000-000000000000"])).status_code == 404
    # The QR code of the document leads there.
    assert f"https://nastavnik.school43.example{url}" == documents.check_url(act)


# Access


@pytest.mark.parametrize("persona", ["teacher", "class_leader", "mentor", "outsider"])
def test_nobody_but_the_curator_and_the_administration_sees_the_register(client, ready, personas, persona):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    client.force_login(getattr(personas, persona))
    for name in ("acts", "act", "act_pdf", "act_acquaintance", "act_edit"):
        url = reverse(name, args=[] if name == "acts" else [act.pk])
        assert client.get(url).status_code == 403, name
    assert (
        client.post(reverse("act_add", args=[Kind.PAIRS_ORDER]), {"number": "9", "date": "2026-11-10"}).status_code
        == 403
    )
    assert sign(client, act).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, year, personas):
    act = make_act(year)
    for url in (reverse("acts"), reverse("act", args=[act.pk]), reverse("act_pdf", args=[act.pk])):
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_the_curator_drafts_but_does_not_sign_and_the_director_signs_but_does_not_draft(client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    client.force_login(personas.curator)
    assert sign(client, act).status_code == 403
    client.force_login(personas.director)
    assert client.get(reverse("act", args=[act.pk])).status_code == 200
    assert client.get(reverse("act_edit", args=[act.pk])).status_code == 403
    assert (
        client.post(reverse("act_add", args=[Kind.PAIRS_ORDER]), {"number": "9", "date": "2026-11-10"}).status_code
        == 403
    )
    assert client.post(reverse("act_delete", args=[act.pk])).status_code == 403


def test_a_signed_document_cannot_be_edited_chosen_for_or_deleted(curator_client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    documents.sign(act, personas.director, act.number, TODAY)
    assert curator_client.get(reverse("act_edit", args=[act.pk])).status_code == 403
    assert curator_client.post(reverse("act_members", args=[act.pk]), {"chosen": []}).status_code == 403
    response = curator_client.post(reverse("act_delete", args=[act.pk]))
    assert messages_of(response) == ["Подписанный документ удалить нельзя."]
    assert NormativeAct.objects.filter(pk=act.pk).exists()


def test_deleting_a_draft_frees_its_pairs(curator_client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    curator_client.post(reverse("act_delete", args=[act.pk]))
    assert not NormativeAct.objects.exists()
    assert Mentorship.objects.get(pk=ready.proposed.pk).order_id is None


def test_downloads_of_documents_naming_people_are_logged(client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    client.force_login(personas.director)
    client.get(reverse("act_pdf", args=[act.pk]))
    assert DataExport.objects.get().what == f"Приказ № 101-о от {TODAY:%d.%m.%Y}, проект (PDF)"


# Acquaintance sheet, scan, publication


def test_the_acquaintance_sheet_lists_the_staff_the_order_names(client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    act.mentorships.add(ready.own_pair)
    client.force_login(personas.director)
    response = client.get(reverse("act_acquaintance", args=[act.pk]))
    text = pdf_text(response.content)
    assert "ЛИСТ ОЗНАКОМЛЕНИЯ с приказом от" in text and f"от {TODAY:%d.%m.%Y} № 101-о" in text
    assert "Королёв Дмитрий" in text
    assert "Борисов" not in text and "Старшеклассников" not in text  # students do not sign orders


def test_a_scan_is_attached_to_a_signed_document_and_downloaded(client, ready, personas):
    from django.core.files.uploadedfile import SimpleUploadedFile

    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    client.force_login(personas.director)
    scan = SimpleUploadedFile("скан.pdf", b"%PDF-1.4\n%scan\n", content_type="application/pdf")
    response = client.post(reverse("act_scan", args=[act.pk]), {"scan": scan})
    assert messages_of(response) == ["Скан прикладывается к подписанному документу."]
    sign(client, act)
    scan.seek(0)
    client.post(reverse("act_scan", args=[act.pk]), {"scan": scan})
    act.refresh_from_db()
    assert act.scan.name.endswith(".pdf") and "скан" not in act.scan.name
    download = client.get(reverse("act_scan_download", args=[act.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4\n%scan\n"
    fake = SimpleUploadedFile("скан.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("act_scan", args=[act.pk]), {"scan": fake})
    assert messages_of(response)[-1].startswith("Файл")


def test_the_curator_publishes_a_signed_document(curator_client, ready, personas):
    act = draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator)
    response = curator_client.post(reverse("act_publish", args=[act.pk]))
    assert messages_of(response) == ["Опубликовать можно только подписанный документ."]
    documents.sign(act, personas.director, act.number, TODAY)
    curator_client.post(reverse("act_publish", args=[act.pk]))
    act.refresh_from_db()
    assert act.status == "published" and act.published_at is not None


# The register list


def test_the_register_lists_the_year_with_filters_in_a_fixed_number_of_queries(curator_client, year, personas):
    def add(count, start):
        for number in range(start, start + count):
            make_act(year, kind=Kind.CURATOR_ORDER, number=f"{number}-о", signed_by=personas.director)

    add(1, 1)
    url = reverse("acts")
    curator_client.get(url)
    with CaptureQueriesContext(connection) as one:
        curator_client.get(url)
    add(12, 2)
    with CaptureQueriesContext(connection) as many:
        response = curator_client.get(url)
    assert len(many) == len(one)
    assert response.context["page"].paginator.count == 13
    filtered = curator_client.get(url, {"kind": Kind.PAIRS_ORDER})
    assert filtered.context["page"].paginator.count == 0
    assert curator_client.get(url, {"q": "7-о"}).context["page"].paginator.count == 1


# The roadmap in print


def test_the_roadmap_prints_with_the_order_approving_it(client, year, personas, requisites):
    from mentoring import roadmap

    client.force_login(personas.teacher)
    assert client.get(reverse("roadmap_pdf")).status_code == 403
    client.force_login(personas.director)
    assert client.get(reverse("roadmap_pdf")).status_code == 404  # no roadmap yet
    roadmap.create_from_seed(year)
    assert reverse("roadmap_pdf") in client.get(reverse("roadmap")).content.decode()
    text = pdf_text(client.get(reverse("roadmap_pdf")).content)
    assert "План мероприятий (дорожная карта) по реализации системы (целевой модели) наставничества" in text
    assert "1 Подготовка условий для реализации системы (целевой модели) наставничества" in text
    assert "УТВЕРЖДЁН" not in text
    make_act(year, kind=Kind.ROADMAP_ORDER, number="97-о", date=datetime.date(2026, 8, 29))
    text = pdf_text(client.get(reverse("roadmap_pdf")).content)
    assert "УТВЕРЖДЁН приказом ГБОУ школа № 43 от 29.08.2026 № 97-о" in text


# Review: what else blocks or changes a document


def test_choosing_another_curator_rewrites_the_untouched_items(curator_client, year, personas, requisites):
    from tests.factories import make_user

    deputy = make_user("deputy", last_name="Орлова", first_name="Мария", position="заместитель директора")
    act = draft(year, Kind.CURATOR_ORDER, personas.curator, number="7-о")
    assert act.items.startswith("Назначить Соколова Ирина куратором")
    data = {"number": "7-о", "date": TODAY.isoformat(), "heading": act.heading, "preamble": act.preamble}
    curator_client.post(reverse("act_edit", args=[act.pk]), {**data, "items": act.items, "curator": deputy.pk})
    act.refresh_from_db()
    assert act.content["curator"] == deputy.pk
    assert act.items.startswith("Назначить Орлова Мария, заместитель директора, куратором")
    response = curator_client.post(
        reverse("act_edit", args=[act.pk]), {**data, "items": "Назначить куратора.", "curator": personas.curator.pk}
    )
    act.refresh_from_db()
    assert act.items == "Назначить куратора."
    assert messages_of(response)[-2:] == [
        "Пункты изменены вручную: проверьте, что в них указан новый выбор.",
        "Сохранено.",
    ]


def test_missing_requisites_an_empty_order_or_no_event_block_signing(year, personas):
    act = draft(year, Kind.FINAL_EVENT_ORDER, personas.curator, number="7-о")
    act.items = ""
    act.save()
    assert documents.problems(act) == [
        "В реквизитах школы не заполнено: полное наименование, краткое наименование, ФИО руководителя, адрес, "
        "населённый пункт.",
        "В приказе нет ни одного пункта.",
        "Выберите итоговое мероприятие из «Общих встреч».",
    ]
    with pytest.raises(documents.Refused):
        documents.sign(act, personas.director, "7-о", TODAY)


def test_an_order_signed_on_paper_has_no_pdf_to_render(client, year, personas):
    act = make_act(year)  # as the migration of hand-typed orders makes them
    client.force_login(personas.director)
    assert client.get(reverse("act_pdf", args=[act.pk])).status_code == 404
