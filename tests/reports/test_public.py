"""The public «Наставничество» section: what anyone reads without logging in, who may appear on it,
and how it is cached."""

import datetime
import itertools

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import Publication, PublicationFile, SiteSection
from participants.models import Appearance, Consent, MentoringForm, Person
from tests.factories import make_activity, make_consent, make_person, make_stage, make_user

Kind = Publication.Kind
NOW = timezone.now()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%fake\n"
_serial = itertools.count(1)


def publish(title="Встреча наставников", kind=Kind.NEWS, **fields):
    fields.setdefault("slug", f"item-{next(_serial)}")
    fields.setdefault("status", Publication.Status.PUBLISHED)
    fields.setdefault("published_at", NOW - datetime.timedelta(hours=1))
    fields.setdefault("text", "Прошла **встреча** наставников и наставляемых.")
    return Publication.objects.create(kind=kind, title=title, **fields)


def attach(publication, content=PDF, name="Положение.pdf", is_image=False, **fields):
    return PublicationFile.objects.create(
        publication=publication,
        file=ContentFile(content, name=name),
        file_name=name,
        size=len(content),
        is_image=is_image,
        **fields,
    )


def adult(last_name="Смирнова", first_name="Ольга", patronymic="Ивановна", **fields):
    fields.setdefault("kind", Person.Kind.TEACHER)
    return make_person(last_name=last_name, first_name=first_name, patronymic=patronymic, **fields)


def minor(last_name="Ильин", first_name="Павел", **fields):
    return make_person(last_name=last_name, first_name=first_name, birth_date=datetime.date(2013, 4, 5), **fields)


def allow(person, name=True, photo=False, results=False, **fields):
    """A dissemination consent covering the given marks."""
    return make_consent(
        person, Consent.Kind.DISSEMINATION, covers_name=name, covers_photo=photo, covers_results=results, **fields
    )


def appear(publication, person, name=True, photo=False, results=False):
    return Appearance.objects.create(publication=publication, person=person, name=name, photo=photo, results=results)


def item_url(publication):
    return reverse("public_item", args=[publication.section, publication.slug])


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture(autouse=True)
def site(requisites, year):
    return requisites


# The front page


def test_anyone_reads_the_front_page_with_the_standard_intro(client):
    response = client.get(reverse("public_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and "Наставничество</h1>" in html
    assert "<h2>Кого поддерживает программа</h2>" in html
    assert '<html lang="ru">' in html and 'href="#content"' in html and 'aria-label="Разделы"' in html
    assert "<title>Главная — Наставничество — ГБОУ школа № 43</title>" in html
    assert 'rel="canonical" href="https://nastavnik.school43.example/nastavnichestvo/"' in html
    assert 'type="application/atom+xml"' in html
    assert 'aria-current="page"' in html
    for slug in ("novosti", "anonsy", "dokumenty", "metodicheskie-materialy", "itogi", "luchshie-nastavniki", "keisy"):
        assert reverse("public_section", args=[slug]) in html
    assert "csrfmiddlewaretoken" not in html and "Выйти" not in html


def test_the_front_page_shows_the_curators_own_intro_and_contacts(client):
    SiteSection.objects.create(
        intro="В школе **работает** наставничество.",
        description="Наставничество в школе № 43",
        phone="+7 (812) 123-45-67",
        email="nastavnik@school43.ru",
        reception="кабинет 214, вторник 15:00–17:00",
    )
    html = client.get(reverse("public_home")).content.decode()
    assert "В школе <strong>работает</strong> наставничество." in html
    assert '<meta name="description" content="Наставничество в школе № 43">' in html
    assert 'href="tel:+78121234567"' in html and 'href="mailto:nastavnik@school43.ru"' in html
    assert "кабинет 214, вторник 15:00–17:00" in html


def test_the_curators_name_is_shown_only_with_their_consent(client):
    curator = make_user("sokolova", last_name="Соколова", first_name="Ирина", position="заместитель директора")
    SiteSection.objects.create(intro="Текст", curator=curator)
    html = client.get(reverse("public_home")).content.decode()
    assert "Соколова" not in html and "Куратор программы наставничества" in html
    assert "Заместитель директора" in html
    # A person in the banks without a consent is not enough.
    person = adult(last_name="Соколова", first_name="Ирина", patronymic="Викторовна", user=curator)
    assert "Соколова" not in client.get(reverse("public_home")).content.decode()
    consent = allow(person)
    html = client.get(reverse("public_home")).content.decode()
    assert "Соколова Ирина Викторовна" in html
    consent.withdrawn_on = timezone.localdate()
    consent.save()
    assert "Соколова" not in client.get(reverse("public_home")).content.decode()


def test_the_front_page_lists_upcoming_announcements_first_then_the_latest_news(client):
    today = timezone.localdate()
    publish("Старая новость", published_at=NOW - datetime.timedelta(days=3), slug="old")
    publish("Свежая новость", published_at=NOW - datetime.timedelta(minutes=5), slug="fresh")
    publish("Прошедший анонс", kind=Kind.ANNOUNCEMENT, event_date=today - datetime.timedelta(days=1), slug="past")
    publish(
        "Итоговая конференция",
        kind=Kind.ANNOUNCEMENT,
        event_date=today + datetime.timedelta(days=7),
        published_at=NOW - datetime.timedelta(days=10),
        slug="conference",
    )
    publish("Итоги года", kind=Kind.RESULT, slug="results")
    latest = list(client.get(reverse("public_home")).context["latest"])
    assert [item.title for item in latest] == [
        "Итоговая конференция",
        "Свежая новость",
        "Прошедший анонс",
        "Старая новость",
    ]
    assert latest[0].upcoming and not latest[1].upcoming


# Lists of a section


def test_a_section_lists_its_visible_publications_newest_first_ten_a_page(client):
    for number in range(12):
        publish(f"Новость {number}", published_at=NOW - datetime.timedelta(days=number), slug=f"news-{number}")
    publish("Приглашение", kind=Kind.ANNOUNCEMENT, slug="announcement", event_date=datetime.date(2026, 12, 1))
    publish("Черновик", slug="draft", status=Publication.Status.DRAFT)
    publish("Завтрашняя", slug="tomorrow", published_at=NOW + datetime.timedelta(days=1))
    response = client.get(reverse("public_section", args=["novosti"]))
    titles = [item.title for item in response.context["page"]]
    assert titles == [f"Новость {number}" for number in range(10)]
    html = response.content.decode()
    assert "Приглашение" not in html and "Черновик" not in html and "Завтрашняя" not in html
    second = client.get(reverse("public_section", args=["novosti"]), {"page": 2})
    assert [item.title for item in second.context["page"]] == ["Новость 10", "Новость 11"]
    assert 'rel="canonical" href="https://nastavnik.school43.example/nastavnichestvo/novosti/?page=2"' in (
        second.content.decode()
    )


def test_announcements_show_their_event_date(client):
    publish("Конференция", kind=Kind.ANNOUNCEMENT, slug="conference", event_date=datetime.date(2027, 4, 20))
    html = client.get(reverse("public_section", args=["anonsy"])).content.decode()
    assert "Конференция" in html and "20 апреля 2027" in html


def test_every_kind_of_publication_has_its_section(client):
    from reports import public

    assert {section.kind: slug for slug, section in public.SECTIONS.items()} == Publication.SECTIONS
    for slug in Publication.SECTIONS.values():
        html = client.get(reverse("public_section", args=[slug])).content.decode()
        assert html.count("<h1") == 1 and f'href="/nastavnichestvo/{slug}/" aria-current="page"' in html


def test_a_section_page_is_described_by_the_curators_words_or_its_own(client):
    html = client.get(reverse("public_section", args=["itogi"])).content.decode()
    assert '<meta name="description" content="Результаты программы по учебным годам">' in html
    SiteSection.objects.create(intro="Текст", description="Наставничество в школе № 43")
    html = client.get(reverse("public_section", args=["itogi"])).content.decode()
    assert '<meta name="description" content="Наставничество в школе № 43">' in html


def test_the_login_page_leads_to_the_public_section(client):
    assert 'href="/nastavnichestvo/"' in client.get(reverse("login")).content.decode()


def test_an_unknown_section_is_not_found(client):
    assert client.get("/nastavnichestvo/neizvestno/").status_code == 404
    assert client.get("/nastavnichestvo/neizvestno/slug/").status_code == 404


def test_the_normative_base_groups_documents_by_level_and_lists_the_schools_published_acts(client, year):
    from tests.factories import make_act

    publish("Распоряжение Минпросвещения № Р-145", kind=Kind.DOCUMENT, level="federal", slug="r-145")
    publish("Распоряжение Комитета по образованию", kind=Kind.DOCUMENT, level="regional", slug="regional")
    publish("Новость", slug="news")
    make_act(
        year,
        kind="regulation_order",
        number="98-о",
        heading="Об утверждении Положения о наставничестве",
        status="published",
        slug="prikaz-98-o",
    )
    make_act(year, kind="pairs_order", number="99-о", status="signed")
    response = client.get(reverse("public_section", args=["dokumenty"]))
    html = response.content.decode()
    levels = {level: [item.title for item in items] for level, _title, items in response.context["levels"]}
    assert levels == {
        "federal": ["Распоряжение Минпросвещения № Р-145"],
        "regional": ["Распоряжение Комитета по образованию"],
        "school": [],
    }
    for heading in ("Федеральный уровень", "Региональный уровень", "Уровень школы"):
        assert heading in html
    assert reverse("public_act", args=["prikaz-98-o"]) in html and "Об утверждении Положения о наставничестве" in html
    assert "99-о" not in html and "Новость" not in html


# A publication


def test_a_published_item_shows_its_text_pictures_and_files(client):
    item = publish(
        "Конференция наставников",
        kind=Kind.ANNOUNCEMENT,
        event_date=datetime.date(2027, 4, 20),
        summary="Приглашаем на конференцию",
        url="https://edu.gov.ru/mentoring",
    )
    photo = attach(item, PNG, "photo.png", is_image=True, title="Зал конференции", alt="Участники в актовом зале")
    plan = attach(item, PDF, "plan.pdf", title="Программа конференции")
    response = client.get(item_url(item))
    html = response.content.decode()
    assert html.count("<h1") == 1 and "Конференция наставников</h1>" in html
    assert "Прошла <strong>встреча</strong>" in html and "20 апреля 2027" in html
    assert f'src="{reverse("public_file", args=[photo.pk])}" alt="Участники в актовом зале"' in html
    assert "<figcaption" in html and "Зал конференции" in html
    assert reverse("public_file", args=[plan.pk]) in html and "Программа конференции" in html and "(PDF," in html
    assert 'href="https://edu.gov.ru/mentoring"' in html
    assert '<meta name="description" content="Приглашаем на конференцию">' in html
    assert 'aria-label="Навигационная цепочка"' in html


def test_an_item_without_a_summary_is_described_by_the_start_of_its_text(client):
    item = publish(text="## Итоги\n\nНаставники **провели** сорок встреч за полугодие.")
    html = client.get(item_url(item)).content.decode()
    assert '<meta name="description" content="Итоги Наставники провели сорок встреч за полугодие.">' in html


def test_drafts_and_future_items_are_not_found_nor_their_files(client):
    draft = publish(status=Publication.Status.DRAFT, slug="draft")
    future = publish(published_at=NOW + datetime.timedelta(hours=1), slug="future")
    for item in (draft, future):
        file = attach(item)
        assert client.get(item_url(item)).status_code == 404
        assert client.get(reverse("public_file", args=[file.pk])).status_code == 404


def test_an_item_under_another_sections_address_is_not_found(client):
    publish(kind=Kind.NEWS, slug="news-item")
    assert client.get(reverse("public_item", args=["anonsy", "news-item"])).status_code == 404
    assert client.get(reverse("public_item", args=["novosti", "news-item"])).status_code == 200


def test_a_picture_is_shown_and_a_file_downloaded_under_its_name(client):
    item = publish()
    photo = attach(item, PNG, "photo.png", is_image=True, alt="Фото")
    plan = attach(item, PDF, "План встреч.pdf")
    response = client.get(reverse("public_file", args=[photo.pk]))
    assert response["Content-Type"] == "image/png" and b"".join(response.streaming_content) == PNG
    assert "attachment" not in response.get("Content-Disposition", "")
    response = client.get(reverse("public_file", args=[plan.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "filename*=utf-8''%D0%9F%D0%BB%D0%B0%D0%BD" in response["Content-Disposition"]
    assert response["Cache-Control"] == "public, max-age=300" and response["ETag"]
    assert (
        client.get(reverse("public_file", args=[plan.pk]), headers={"if-none-match": response["ETag"]}).status_code
        == 304
    )


# The consent rule


def test_an_item_naming_someone_without_consent_is_hidden_everywhere(client):
    teacher = adult()
    item = publish("Лучший наставник года", kind=Kind.BEST_MENTOR, slug="best")
    file = attach(item)
    appear(item, teacher)
    assert client.get(item_url(item)).status_code == 404
    assert client.get(reverse("public_file", args=[file.pk])).status_code == 404
    assert (
        "Лучший наставник года"
        not in client.get(reverse("public_section", args=["luchshie-nastavniki"])).content.decode()
    )
    allow(teacher)
    assert client.get(item_url(item)).status_code == 200
    assert (
        "Лучший наставник года" in client.get(reverse("public_section", args=["luchshie-nastavniki"])).content.decode()
    )


def test_each_mark_needs_its_item_of_the_consent(client):
    teacher = adult()
    allow(teacher, name=True, photo=False, results=False)
    item = publish()
    appearance = appear(item, teacher, photo=True)
    assert client.get(item_url(item)).status_code == 404
    appearance.photo, appearance.results = False, True
    appearance.save()
    assert client.get(item_url(item)).status_code == 404
    appearance.results = False
    appearance.save()
    assert client.get(item_url(item)).status_code == 200


def test_a_minors_own_consent_never_shows_them_but_a_representatives_does(client):
    student = minor()
    item = publish("Победители олимпиады", kind=Kind.RESULT, slug="olympiad")
    appear(item, student, results=True)
    own = allow(student, results=True)
    assert client.get(item_url(item)).status_code == 404
    assert "Победители олимпиады" not in client.get(reverse("public_home")).content.decode()
    own.withdrawn_on = timezone.localdate()
    own.save()
    allow(student, results=True, given_by=Consent.GivenBy.REPRESENTATIVE)
    assert client.get(item_url(item)).status_code == 200


def test_a_student_without_a_birth_date_counts_as_a_minor(client):
    student = make_person(last_name="Безданных", first_name="Олег")
    allow(student)
    item = publish()
    appear(item, student)
    assert client.get(item_url(item)).status_code == 404


def test_a_withdrawn_consent_hides_the_item_at_once(client):
    teacher = adult()
    consent = allow(teacher, photo=True)
    item = publish("Фоторепортаж", slug="photos")
    appear(item, teacher, photo=True)
    assert client.get(item_url(item)).status_code == 200
    consent.withdrawn_on = timezone.localdate()
    consent.save()
    assert client.get(item_url(item)).status_code == 404
    assert "Фоторепортаж" not in client.get(reverse("public_section", args=["novosti"])).content.decode()
    assert "Фоторепортаж" not in client.get(reverse("public_home")).content.decode()


# Caching and nothing personal


@pytest.mark.parametrize(
    "url",
    [
        "/nastavnichestvo/",
        "/nastavnichestvo/programma/",
        "/nastavnichestvo/novosti/",
        "/nastavnichestvo/dokumenty/",
        "/nastavnichestvo/novosti/item-0/",
        "/nastavnichestvo/novosti.atom",
        "/nastavnichestvo/sitemap.xml",
        "/robots.txt",
    ],
)
def test_anonymous_pages_are_public_cached_with_an_etag_and_set_no_cookie(client, url):
    publish(slug="item-0")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    assert response.cookies == {} and "Set-Cookie" not in response
    assert response["ETag"]
    again = client.get(url, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""


def test_the_cache_lifetime_is_a_setting(client, settings):
    settings.PUBLIC_CACHE_SECONDS = 60
    assert client.get(reverse("public_home"))["Cache-Control"] == "public, max-age=60"


def test_staff_get_the_pages_privately(client):
    client.force_login(make_user("reader"))
    response = client.get(reverse("public_home"))
    assert response.status_code == 200 and response["Cache-Control"] == "private, max-age=0"
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_public_pages_answer_only_reading(client):
    assert client.post(reverse("public_home")).status_code == 405
    assert client.head(reverse("public_home")).status_code == 200


# The programme


def test_the_programme_says_politely_that_nothing_is_published_yet(client):
    MentoringForm.objects.update(is_active=False)
    html = client.get(reverse("public_programme")).content.decode()
    assert "Положение о наставничестве ещё не опубликовано" in html
    assert "Дорожная карта на текущий учебный год ещё не составлена" in html
    assert html.count("<h1") == 1


def test_the_programme_shows_the_published_regulation_the_forms_and_the_roadmap(client, year):
    from tests.factories import make_act

    make_act(
        year,
        kind="regulation_order",
        number="98-о",
        status="published",
        slug="prikaz-98-o",
        content={"regulation": "# 1. Общие положения\nНастоящее Положение определяет порядок.\n\nВторой абзац."},
    )
    make_act(year, kind="regulation_order", number="99-о", status="signed", content={"regulation": "Не тот текст"})
    make_act(year, kind="roadmap_order", number="100-о", status="published", slug="prikaz-100-o")
    stage = make_stage(year, 1, "Подготовка условий")
    make_activity(stage, title="Издать приказ о внедрении", expected_result="Приказ", responsible="Директор")
    html = client.get(reverse("public_programme")).content.decode()
    assert '<h3 class="h5 mt-4">1. Общие положения</h3>' in html
    assert "<p>Настоящее Положение определяет порядок.</p>" in html and "<p>Второй абзац.</p>" in html
    assert "Не тот текст" not in html
    assert reverse("public_act", args=["prikaz-98-o"]) in html and reverse("public_act", args=["prikaz-100-o"]) in html
    assert "«ученик – ученик»" in html
    assert "Издать приказ о внедрении" in html and "01.09.2026" in html and "Директор" in html


# Queries


def test_a_section_page_costs_the_same_queries_for_one_and_many_publications(client):
    publish(slug="first")
    one = queries(client, reverse("public_section", args=["novosti"]))
    for number in range(15):
        item = publish(slug=f"news-{number}")
        appear(item, adult(last_name=f"Учителева{number}"), name=False)
    assert queries(client, reverse("public_section", args=["novosti"])) == one


def test_the_front_page_costs_the_same_queries_for_one_and_many_publications(client):
    curator = make_user("curator-user")
    allow(adult(user=curator))
    SiteSection.objects.create(intro="Текст", curator=curator)
    publish(slug="first")
    one = queries(client, reverse("public_home"))
    for number in range(8):
        publish(slug=f"news-{number}")
        publish(slug=f"announcement-{number}", kind=Kind.ANNOUNCEMENT, event_date=datetime.date(2027, 1, number + 1))
    assert queries(client, reverse("public_home")) == one


def test_an_item_costs_the_same_queries_for_one_and_many_files_and_people(client):
    item = publish(slug="one")
    attach(item, PNG, "photo.png", is_image=True, alt="Фото")
    one = queries(client, item_url(item))
    many = publish(slug="many")
    for number in range(6):
        attach(many, PNG, f"photo{number}.png", is_image=True, alt="Фото")
        attach(many, PDF, f"plan{number}.pdf")
        person = adult(last_name=f"Учителева{number}")
        allow(person, photo=True)
        appear(many, person, photo=True)
    assert queries(client, item_url(many)) == one


def test_the_normative_base_costs_the_same_queries_for_one_and_many_documents_and_acts(client, year):
    from tests.factories import make_act

    publish(kind=Kind.DOCUMENT, level="federal", slug="doc")
    people = [{"person": adult().pk, "name": "Смирнова Ольга Ивановна"}, {"person": None, "name": "Иванов Иван"}]
    make_act(year, number="1-о", status="published", slug="prikaz-1", people=people)
    one = queries(client, reverse("public_section", args=["dokumenty"]))
    for number in range(2, 8):
        publish(kind=Kind.DOCUMENT, level=["federal", "regional", "school"][number % 3], slug=f"doc-{number}")
        people = [{"person": adult(last_name=f"Учителева{number}").pk, "name": f"Учителева Ольга{number}"}]
        make_act(year, number=f"{number}-о", status="published", slug=f"prikaz-{number}", people=people)
    assert queries(client, reverse("public_section", args=["dokumenty"])) == one


def test_the_programme_costs_the_same_queries_for_one_and_many_activities(client, year):
    stage = make_stage(year, 1)
    make_activity(stage)
    one = queries(client, reverse("public_programme"))
    for number in range(2, 5):
        other = make_stage(year, number, f"Этап {number}")
        for _ in range(4):
            make_activity(other)
    assert queries(client, reverse("public_programme")) == one
