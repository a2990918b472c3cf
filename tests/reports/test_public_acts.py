"""Published orders and protocols in the public section: the signed PDF when everybody it names
agreed to publish their name, else a copy for the site without those names and the annexes; the
check page that names nobody."""

import threading

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import NormativeAct
from reports import documents
from tests.concurrency import require_postgresql
from tests.factories import make_act
from tests.reports.conftest import Kind, pdf_text
from tests.reports.test_public import adult, allow, minor

TODAY = timezone.localdate()
STORED = b"%PDF-1.4\n% the signed document as stored\n"
ANNEX_NOTE = "Приложение не публикуется: в нём названы участники, не давшие согласия на распространение"
NAMES_NOTE = "В копии для сайта скрыты имена тех, кто не давал согласия на распространение"


def row(person, role="наставник"):
    return {"person": person.pk, "name": person.full_name, "place": "", "role": role, "staff": False}


def published(year, people, **fields):
    fields.setdefault("kind", Kind.PAIRS_ORDER)
    fields.setdefault("number", "45-о")
    fields.setdefault("pdf", ContentFile(STORED, name="signed.pdf"))
    act = make_act(year, status=NormativeAct.Status.PUBLISHED, people=people, **fields)
    act.slug = act.make_slug()
    act.save(update_fields=["slug"])
    return act


def act_url(act):
    return reverse("public_act", args=[act.slug])


def pdf_url(act):
    return reverse("public_act_pdf", args=[act.slug])


@pytest.fixture
def people(db):
    teacher = adult(last_name="Смирнова", first_name="Ольга", patronymic="Ивановна")
    allow(teacher)
    student = minor(last_name="Ильин", first_name="Павел", patronymic="Сергеевич")
    allow(student)  # the minor's own consent: not enough
    return teacher, student


@pytest.fixture
def order(year, requisites, people):
    teacher, student = people
    return published(
        year,
        [row(teacher), row(student, "наставляемый")],
        preamble="По представлению Смирновой О.И. и на основании заявления Ильина П. С.",
        items="Закрепить за наставником Смирновой Ольгой Ивановной наставляемого Ильина Павла Сергеевича.\n"
        "Наставнику Ильин П.С. не назначать.\n"
        "Контроль за исполнением приказа оставляю за собой.",
    )


def test_a_published_act_shows_its_kind_number_date_heading_and_link(client, year, requisites, people):
    teacher, _student = people
    act = published(year, [row(teacher)], heading="О закреплении наставнических пар (групп)")
    assert act.slug == "prikaz-45-o-ot-10-11-2026"
    html = client.get(act_url(act)).content.decode()
    assert html.count("<h1") == 1 and "Приказ № 45-о от 10.11.2026</h1>" in html
    assert "Приказ о закреплении наставнических пар и групп" in html
    assert "О закреплении наставнических пар (групп)" in html
    assert pdf_url(act) in html and ANNEX_NOTE not in html


def test_with_everyone_consenting_the_signed_pdf_is_served(client, year, requisites, people):
    teacher, _student = people
    act = published(year, [row(teacher)])
    response = client.get(pdf_url(act))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content == STORED
    assert response["Cache-Control"] == "public, max-age=300" and "Set-Cookie" not in response
    page = client.get(act_url(act))
    assert page["Cache-Control"] == "public, max-age=300" and "Set-Cookie" not in page
    assert client.get(act_url(act), headers={"if-none-match": page["ETag"]}).status_code == 304
    act.refresh_from_db()
    assert not act.public_pdf


def test_with_someone_not_consenting_the_site_gets_a_copy_without_their_names_and_the_annex(client, order, media):
    html = client.get(act_url(order)).content.decode()
    assert ANNEX_NOTE in html
    response = client.get(pdf_url(order))
    assert response.status_code == 200 and response.content != STORED
    text = pdf_text(response.content)
    assert "Копия для размещения на сайте" in text and ANNEX_NOTE in text
    for name in ("Ильин", "Ильина", "Павла", "Сергеевич"):
        assert name not in text
    assert "[ФИО не публикуется]" in text
    # The teacher agreed: her name stays, in any grammatical case.
    assert "Смирновой Ольгой Ивановной" in text and "Смирновой О.И." in text
    assert "Приложение № 1" not in text and "Состав наставнических пар" not in text
    order.refresh_from_db()
    assert order.public_pdf and (media / order.public_pdf.name).is_file()


def test_the_public_copy_is_made_once(client, order, monkeypatch):
    rendered = []
    render = documents.pdf.render
    monkeypatch.setattr(documents.pdf, "render", lambda *args, **kwargs: rendered.append(1) or render(*args, **kwargs))
    first = client.get(pdf_url(order)).content
    order.refresh_from_db()
    stored = order.public_pdf.name
    second = client.get(pdf_url(order)).content
    assert first == second and len(rendered) == 1
    order.refresh_from_db()
    assert order.public_pdf.name == stored


def test_a_withdrawn_consent_makes_a_new_copy_without_that_name(
    client, order, people, media, django_capture_on_commit_callbacks
):
    teacher, _student = people
    assert "Смирновой" in pdf_text(client.get(pdf_url(order)).content)
    order.refresh_from_db()
    old = order.public_pdf.name
    teacher.consents.update(withdrawn_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        text = pdf_text(client.get(pdf_url(order)).content)
    assert "Смирнов" not in text and "Ильин" not in text
    order.refresh_from_db()
    assert order.public_pdf.name != old and not (media / old).exists()


def test_when_every_name_is_consented_again_the_signed_pdf_is_served(client, order, people):
    _teacher, student = people
    student.consents.update(withdrawn_on=TODAY)
    allow(student, given_by="representative")
    assert client.get(pdf_url(order)).content == STORED
    assert ANNEX_NOTE not in client.get(act_url(order)).content.decode()


def test_a_row_without_a_person_in_the_banks_counts_as_not_consenting(client, year, requisites):
    act = published(
        year,
        [{"person": None, "name": "Соколова Ирина Викторовна", "place": "", "role": "куратор", "staff": True}],
        kind=Kind.CURATOR_ORDER,
        items="Назначить Соколова Ирина Викторовна куратором.\nКонтроль оставляю за собой.",
    )
    page = client.get(act_url(act)).content.decode()
    assert NAMES_NOTE in page and ANNEX_NOTE not in page, "a curator's order has no annex to leave out"
    text = pdf_text(client.get(pdf_url(act)).content)
    assert "Соколова" not in text and "Назначить [ФИО не публикуется] куратором." in text


def test_a_protocols_present_list_becomes_a_count(client, year, requisites):
    present = [f"Учителева{letter} Анна Петровна" for letter in "АБВГДЕЖЗИКЛМ"]
    act = published(
        year,
        [{"person": None, "name": name, "place": "", "role": "присутствовал", "staff": True} for name in present],
        kind=Kind.COUNCIL_PROTOCOL,
        number="1",
        heading="",
        content={
            "chair": "УчителеваА Анна Петровна",
            "secretary": "УчителеваБ Анна Петровна",
            "members_total": 20,
            "present": present,
            "invited": "",
            "agenda": [
                {
                    "question": "О Положении о наставничестве.",
                    "heard": "УчителевуВ Анну Петровну с информацией о Положении.",
                    "spoke": "",
                    "decided": "Принять Положение.",
                    "votes_for": 12,
                    "votes_against": 0,
                    "votes_abstained": 0,
                }
            ],
        },
    )
    text = pdf_text(client.get(pdf_url(act)).content)
    assert "Присутствовали: 12 человек из 20 членов педагогического совета." in text
    assert "Учителев" not in text and "А.П." not in text
    assert "Список присутствовавших" not in text and ANNEX_NOTE in text
    assert "[ФИО не публикуется] с информацией о Положении." in text


def test_a_small_protocol_without_an_annex_gets_no_annex_note(client, year, requisites):
    present = ["Иванова Анна Петровна", "Петрова Мария Ивановна"]
    act = published(
        year,
        [{"person": None, "name": name, "place": "", "role": "присутствовал", "staff": True} for name in present],
        kind=Kind.COUNCIL_PROTOCOL,
        number="2",
        content={"chair": present[0], "secretary": present[1], "present": present, "agenda": []},
    )
    text = pdf_text(client.get(pdf_url(act)).content)
    assert "Присутствовали: 2 человека." in text
    assert "Иванов" not in text and "Петров" not in text and ANNEX_NOTE not in text


def test_a_real_signed_order_on_pairs_loses_its_annex_and_the_unconsented_names(client, ready, personas):
    act, _created = documents.create_draft(ready.own_pair.year, Kind.PAIRS_ORDER, personas.curator, "101-о", TODAY)
    act = documents.publish(documents.sign(act, personas.director, "101-о", TODAY))
    assert "Борисов Борис" in pdf_text(act.pdf.read())
    allow(ready.student_mentor.person, given_by="representative")
    text = pdf_text(client.get(pdf_url(act)).content)
    assert "Борисов" not in text and "Старшеклассников" not in text and ANNEX_NOTE in text
    assert "О закреплении наставнических пар (групп)" in text and "ПРИКАЗЫВАЮ:" in text


def test_an_act_signed_on_paper_has_no_pdf_on_the_site(client, year, requisites, people):
    teacher, _student = people
    act = published(year, [row(teacher)], pdf=None)
    html = client.get(act_url(act)).content.decode()
    assert "подписан на бумаге" in html and pdf_url(act) not in html
    assert client.get(pdf_url(act)).status_code == 404


@pytest.mark.parametrize("status", [NormativeAct.Status.DRAFT, NormativeAct.Status.SIGNED])
def test_drafts_and_signed_unpublished_acts_are_not_found(client, year, requisites, status):
    act = make_act(year, status=status, pdf=ContentFile(STORED, name="signed.pdf"))
    act.slug = act.make_slug()
    act.save(update_fields=["slug"])
    assert client.get(act_url(act)).status_code == 404
    assert client.get(pdf_url(act)).status_code == 404
    assert act.slug not in client.get(reverse("public_section", args=["dokumenty"])).content.decode()


def test_the_documents_list_hides_unconsented_names_in_headings(client, year, requisites, people):
    _teacher, student = people
    published(year, [row(student)], heading="О наставнике для Ильина Павла Сергеевича")
    html = client.get(reverse("public_section", args=["dokumenty"])).content.decode()
    assert "Ильин" not in html and "О наставнике для [ФИО не публикуется]" in html


def test_the_act_page_costs_the_same_queries_for_one_and_many_people(client, year, requisites, people):
    teacher, student = people
    one = published(year, [row(teacher), row(student)], number="1-о")
    many = published(year, [row(adult(last_name=f"Учителева{n}")) for n in range(10)] + [row(student)], number="2-о")
    client.get(act_url(one))
    with CaptureQueriesContext(connection) as first:
        client.get(act_url(one))
    with CaptureQueriesContext(connection) as second:
        client.get(act_url(many))
    assert len(first) == len(second)


# The check page of a QR code


def test_the_check_page_shows_no_name_nor_text_of_the_act(client, order, people):
    teacher, student = people
    html = client.get(reverse("act_check", args=[order.token])).content.decode()
    assert "45-о" in html and "10.11.2026" in html
    for text in (
        teacher.last_name,
        "Смирновой",
        student.last_name,
        "Ильина",
        "Закрепить за наставником",
        "По представлению",
    ):
        assert text not in html


# Two first requests at once


@pytest.mark.django_db(transaction=True)
def test_two_first_requests_store_the_public_copy_once(year, requisites, media):
    require_postgresql()
    act = published(year, [row(minor())])
    barrier = threading.Barrier(2)
    contents = []

    def download():
        try:
            barrier.wait()
            contents.append(Client().get(pdf_url(act)).content)
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    act.refresh_from_db()
    copies = [path for path in media.rglob("*.pdf") if path.name != act.pdf.name.rsplit("/", 1)[-1]]
    assert len(contents) == 2 and contents[0] == contents[1]
    assert [path.relative_to(media).as_posix() for path in copies] == [act.public_pdf.name]


def _curator(consent):
    from mentoring import roles
    from tests.factories import make_user

    user = make_user("curator", [roles.CURATOR], last_name="Соколова", first_name="Ирина", patronymic="Андреевна")
    person = adult(last_name="Соколова", first_name="Ирина", patronymic="Андреевна", user=user)
    if consent:
        allow(person)
    return user


@pytest.mark.parametrize("consent", [False, True])
def test_the_curator_cited_in_any_order_is_named_only_with_consent(client, year, requisites, consent):
    _curator(consent)
    act = published(
        year,
        [],
        kind=Kind.REGULATION_ORDER,
        number="96-о",
        pdf=None,
        items="Утвердить Положение.\nОтветственный — куратор программы наставничества И. Соколова.\n"
        "Ознакомить Соколову Ирину Андреевну с Положением.\nКонтроль оставляю за собой.",
    )
    act.pdf.save("signed.pdf", ContentFile(documents.render(act)), save=True)
    text = pdf_text(client.get(pdf_url(act)).content)
    page = client.get(act_url(act)).content.decode()
    if consent:
        assert "И. Соколова" in text and NAMES_NOTE not in page
    else:
        assert "Соколов" not in text and text.count("[ФИО не публикуется]") == 2
        assert NAMES_NOTE in page and ANNEX_NOTE not in page


def test_a_protocols_copy_names_neither_the_invited_nor_a_secretary_without_consent(client, year, requisites):
    requisites.director_name = "Миронов Алексей Николаевич"
    requisites.save()
    present = ["Миронов Алексей Николаевич", "Учителева Анна Петровна"]
    act = published(
        year,
        [{"person": None, "name": name, "place": "", "role": "присутствовал", "staff": True} for name in present],
        kind=Kind.COUNCIL_PROTOCOL,
        number="1",
        pdf=None,
        heading="",
        content={
            "chair": "Миронов Алексей Николаевич",
            "secretary": "Сидорова Анна Ивановна",
            "members_total": 3,
            "quorum_percent": 50,
            "present": present,
            "invited": "Петрова Ольга Викторовна, председатель родительского комитета",
            "agenda": [
                {
                    "question": "О наставничестве",
                    "heard": "Сидорову А.И.",
                    "spoke": "",
                    "decided": "Одобрить Положение.",
                    "votes_for": 2,
                    "votes_against": 0,
                    "votes_abstained": 0,
                }
            ],
        },
    )
    act.pdf.save("signed.pdf", ContentFile(documents.render(act)), save=True)
    text = pdf_text(client.get(pdf_url(act)).content)
    assert "Петрова" not in text and "Сидоров" not in text and "Учителева" not in text
    assert "А.Н. Миронов" in text, "the director, who chairs, is named as the school's head"


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("Смирнова-Петрова Анна Ильинична", "поручить Смирновой-Петровой А.И. и Смирнову-Петрову Анну Ильиничну"),
        ("Соколова Ирина Андреевна", "куратор И. Соколова, Соколовой И."),
    ],
)
def test_names_are_hidden_in_the_forms_documents_write_them(name, text):
    hidden = documents.redactor([{"person": None, "name": name}])(text)
    assert name.split()[0][:5] not in hidden, hidden


def test_two_acts_whose_numbers_read_the_same_in_latin_get_different_addresses(year, requisites):
    first = make_act(year, number="12-о", date=TODAY)
    second = make_act(year, number="12/о", date=TODAY)
    assert documents.publish(first).slug != documents.publish(second).slug
