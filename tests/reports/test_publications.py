"""«Публикации»: the curator writes what the public section shows — publications with the people
they show under consent, pictures cleaned of their metadata, files, drafts begun from a pair or
from the year's figures, and the section's settings; the administration reads."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mentoring.models import Publication, PublicationFile, SiteSection
from pairs.models import Meeting, Mentorship, Programme
from participants.models import Appearance, Consent
from reports import monitoring, publishing
from tests.concurrency import post_at_once
from tests.factories import make_person, make_user
from tests.reports.publishing_helpers import (
    PDF_BYTES,
    adult,
    appear,
    attach,
    child,
    disseminating,
    jpeg,
    make_publication,
    png,
    stored_files,
    upload,
)

Kind = Publication.Kind


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def moment(hours=-1):
    return timezone.localtime() + datetime.timedelta(hours=hours)


def form_data(**fields):
    data = {
        "kind": Kind.NEWS,
        "title": "Встреча наставников и наставляемых",
        "slug": "",
        "summary": "",
        "text": "Прошла **встреча** наставников.",
        "level": "",
        "url": "",
        "event_date": "",
        "year": "",
        "status": Publication.Status.PUBLISHED,
        "published_at": moment().strftime("%Y-%m-%dT%H:%M"),
    }
    data.update(fields)
    return data


def add(client, **fields):
    return client.post(reverse("publication_add"), form_data(**fields))


def choices(response, field):
    return {pk for pk, _label in response.context["form"].fields[field].choices}


# Access


@pytest.fixture
def item(db):
    return make_publication()


def pages(item, file):
    """Every page of the staff side with the method that reads it."""
    return [
        reverse("publications"),
        reverse("publication_add"),
        reverse("site_section"),
        reverse("publication", args=[item.pk]),
        reverse("publication_edit", args=[item.pk]),
        reverse("publication_delete", args=[item.pk]),
        reverse("publication_file", args=[file.pk]),
        reverse("publication_results", args=[2026]),
    ]


def test_anonymous_users_log_in_first(client, personas, item):
    file = attach(item)
    for url in pages(item, file):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("persona", ["teacher", "mentor", "class_leader", "outsider"])
def test_other_roles_may_not_open_publications(client, personas, item, persona):
    file = attach(item)
    client.force_login(getattr(personas, persona))
    for url in pages(item, file):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("publication_file_delete", args=[file.pk])).status_code == 403
    assert PublicationFile.objects.filter(pk=file.pk).exists()


def test_the_administration_reads_the_list_the_card_the_files_and_the_settings(client, personas, item):
    file = attach(item)
    client.force_login(personas.director)
    listing = client.get(reverse("publications"))
    assert listing.status_code == 200 and item.title in listing.content.decode()
    assert "Новая публикация" not in listing.content.decode()
    card = client.get(reverse("publication", args=[item.pk]))
    assert card.status_code == 200 and card.context["file_form"] is None
    assert 'action="{}"'.format(reverse("publication_file_add", args=[item.pk])) not in card.content.decode()
    assert client.get(reverse("publication_file", args=[file.pk])).status_code == 200
    section = client.get(reverse("site_section"))
    assert section.status_code == 200 and section.context["form"] is None


def test_the_administration_changes_nothing(client, personas, item):
    file = attach(item)
    client.force_login(personas.director)
    assert client.get(reverse("publication_add")).status_code == 403
    assert add(client).status_code == 403
    assert client.post(reverse("publication_edit", args=[item.pk]), form_data()).status_code == 403
    assert client.post(reverse("publication_delete", args=[item.pk])).status_code == 403
    assert (
        client.post(reverse("publication_file_add", args=[item.pk]), {"file": upload("a.pdf", PDF_BYTES)}).status_code
        == 403
    )
    assert client.post(reverse("publication_file_delete", args=[file.pk])).status_code == 403
    assert client.post(reverse("site_section"), {"intro": "Другое"}).status_code == 403
    assert Publication.objects.count() == 1 and PublicationFile.objects.count() == 1
    assert not SiteSection.objects.exists()


def test_the_menu_shows_publications_to_management_only(client, personas):
    client.force_login(personas.director)
    assert reverse("publications") in client.get(reverse("materials")).content.decode()
    client.force_login(personas.teacher)
    assert reverse("publications") not in client.get(reverse("materials")).content.decode()


def test_changing_views_refuse_get_where_they_change_data(curator_client, item):
    file = attach(item)
    assert curator_client.get(reverse("publication_file_add", args=[item.pk])).status_code == 405
    assert curator_client.get(reverse("publication_file_delete", args=[file.pk])).status_code == 405
    # The delete page asks before deleting.
    response = curator_client.get(reverse("publication_delete", args=[item.pk]))
    assert response.status_code == 200 and "Удалить публикацию?" in response.content.decode()
    assert Publication.objects.filter(pk=item.pk).exists()


# Adding and changing


def test_the_curator_adds_a_publication_and_its_address_comes_from_the_title(curator_client, year):
    form = curator_client.get(reverse("publication_add"))
    assert form.status_code == 200
    assert form.context["form"].initial["year"] == year
    assert form.context["form"]["status"].initial == "draft"
    response = add(curator_client, title="Итоги года 2026/27", year=year.pk)
    publication = Publication.objects.get()
    assert response.status_code == 302 and response.url == reverse("publication", args=[publication.pk])
    assert publication.slug == "itogi-goda-2026-27"
    assert publication.created_by.username == "curator" and publication.year == year
    assert publication.is_published
    card = curator_client.get(response.url).content.decode()
    assert "Опубликовано" in card and "<strong>встреча</strong>" in card
    assert publication.get_absolute_url() in card


def test_a_taken_address_gets_a_number_and_a_typed_one_must_be_free(curator_client, personas):
    add(curator_client, title="Новости недели")
    add(curator_client, title="Новости недели", kind=Kind.ANNOUNCEMENT)
    add(curator_client, title="Новости недели", kind=Kind.MATERIAL)
    assert sorted(Publication.objects.values_list("slug", flat=True)) == [
        "novosti-nedeli",
        "novosti-nedeli-2",
        "novosti-nedeli-3",
    ]
    response = add(curator_client, title="Другое", slug="novosti-nedeli")
    assert response.status_code == 200
    assert "уже занят" in str(response.context["form"].errors["slug"])
    response = add(curator_client, title="Другое", slug="Новости недели")
    assert "латинские" in str(response.context["form"].errors["slug"])
    add(curator_client, title="Другое", slug="Moya-Stranitsa")
    assert Publication.objects.filter(slug="moya-stranitsa").exists()


def test_an_address_taken_at_the_same_moment_moves_to_the_next_free_one(curator_client, monkeypatch):
    make_publication(slug="vstrecha")
    real = publishing.free_slug
    calls = []

    def stale(base, exclude=None):
        # The first look misses the row another request has just stored.
        calls.append(base)
        return base if len(calls) == 1 else real(base, exclude)

    monkeypatch.setattr(publishing, "free_slug", stale)
    response = add(curator_client, title="Встреча")
    assert response.status_code == 302
    assert Publication.objects.filter(title="Встреча").get().slug == "vstrecha-2"
    assert len(calls) == 2


def test_editing_keeps_the_address_unless_it_is_cleared(curator_client, personas):
    add(curator_client, title="Старый заголовок")
    publication = Publication.objects.get()
    url = reverse("publication_edit", args=[publication.pk])
    curator_client.post(url, form_data(title="Новый заголовок", slug=publication.slug))
    publication.refresh_from_db()
    assert publication.title == "Новый заголовок" and publication.slug == "staryi-zagolovok"
    curator_client.post(url, form_data(title="Новый заголовок", slug=""))
    publication.refresh_from_db()
    assert publication.slug == "novyi-zagolovok"
    assert publication.history.count() == 3


def test_a_document_needs_its_level_and_other_kinds_drop_it(curator_client, personas):
    response = add(curator_client, kind=Kind.DOCUMENT, title="Распоряжение Р-145")
    assert response.status_code == 200 and "Укажите уровень документа" in str(response.context["form"].errors["level"])
    assert not Publication.objects.exists()
    add(curator_client, kind=Kind.DOCUMENT, title="Распоряжение Р-145", level="federal")
    assert Publication.objects.get().level == "federal"
    add(curator_client, kind=Kind.NEWS, title="Новость", level="school", event_date="2026-12-01")
    news = Publication.objects.get(title="Новость")
    assert news.level == "" and news.event_date is None
    add(curator_client, kind=Kind.ANNOUNCEMENT, title="Анонс", event_date="2026-12-01")
    assert Publication.objects.get(title="Анонс").event_date == datetime.date(2026, 12, 1)


def test_a_future_date_schedules_the_publication(curator_client, personas):
    add(curator_client, published_at=moment(hours=48).strftime("%Y-%m-%dT%H:%M"))
    publication = Publication.objects.get()
    assert publication.is_scheduled and not publication.is_published
    card = curator_client.get(reverse("publication", args=[publication.pk]))
    assert "Запланировано" in card.content.decode() and not card.context["visible"]


def test_a_draft_is_published_with_the_day_it_is_published(curator_client, personas):
    draft = make_publication(status="draft", published_at=timezone.now() - datetime.timedelta(days=7))
    form = curator_client.get(reverse("publication_edit", args=[draft.pk])).context["form"]
    assert form.initial["published_at"] > timezone.now() - datetime.timedelta(minutes=2)


def test_a_second_click_on_add_stores_one_publication(curator_client, personas):
    first = add(curator_client)
    second = add(curator_client)
    assert Publication.objects.count() == 1
    assert second.url == first.url
    assert "повторная отправка не сохранена" in messages_of(second)[-1]


def test_two_simultaneous_adds_store_one_publication(personas, transactional_db):
    statuses = post_at_once(personas.curator, reverse("publication_add"), form_data())
    assert statuses == [302, 302]
    assert Publication.objects.count() == 1


def test_the_formatting_help_is_shown_with_the_text(curator_client, personas):
    html = curator_client.get(reverse("publication_add")).content.decode()
    assert "**жирный**" in html and 'type="datetime-local"' in html


# People and their consents


@pytest.fixture
def people(db, year, personas):
    """Who may be named, pictured or given results of — and who may not."""
    named_adult = adult("Наставникова", "Вера")
    disseminating(named_adult, name=True, photo=True, results=True)
    name_only = adult("Тихонова", "Лидия")
    disseminating(name_only, name=True)
    represented = child("Представленная", "Алла")
    disseminating(represented, name=True, photo=True, given_by=Consent.GivenBy.REPRESENTATIVE)
    minor_self = child("Самостоятельный", "Пётр")
    disseminating(minor_self, name=True, photo=True)
    undated_student = make_person(last_name="Бездатный", first_name="Иван")
    disseminating(undated_student, name=True)
    withdrawn = adult("Отозвавшая", "Нина")
    disseminating(withdrawn, name=True, withdrawn_on=datetime.date(2026, 10, 1))
    personal_only = adult("Безсогласная", "Ада")
    Consent.objects.create(person=personal_only, kind=Consent.Kind.PERSONAL_DATA, given_on="2026-09-01")
    return locals()


def test_the_people_to_tick_are_only_those_whose_consent_covers_the_mark(curator_client, people):
    response = curator_client.get(reverse("publication_add"))
    named = {people["named_adult"].pk, people["name_only"].pk, people["represented"].pk}
    assert choices(response, "named") == named
    assert choices(response, "pictured") == {people["named_adult"].pk, people["represented"].pk}
    assert choices(response, "with_results") == {people["named_adult"].pk}
    html = response.content.decode()
    assert "Самостоятельный" not in html and "Бездатный" not in html
    assert "Отозвавшая" not in html and "Безсогласная" not in html
    assert "Наставникова Вера — учитель математики" in html
    assert "давшие согласие на распространение" in html


def test_a_person_beyond_consent_cannot_be_ticked(curator_client, people):
    response = add(curator_client, named=[people["minor_self"].pk])
    assert response.status_code == 200 and "named" in response.context["form"].errors
    response = add(curator_client, pictured=[people["name_only"].pk])
    assert "pictured" in response.context["form"].errors
    assert not Publication.objects.exists()


def test_appearances_are_saved_with_their_marks(curator_client, people):
    adult_, represented, name_only = people["named_adult"], people["represented"], people["name_only"]
    add(
        curator_client,
        named=[adult_.pk, name_only.pk],
        pictured=[adult_.pk, represented.pk],
        with_results=[adult_.pk],
    )
    publication = Publication.objects.get()
    marks = {a.person_id: (a.name, a.photo, a.results) for a in publication.appearances.all()}
    assert marks == {
        adult_.pk: (True, True, True),
        name_only.pk: (True, False, False),
        represented.pk: (False, True, False),
    }
    # Unticking a person removes them; changing the marks changes the row.
    curator_client.post(
        reverse("publication_edit", args=[publication.pk]),
        form_data(named=[adult_.pk], pictured=[], with_results=[]),
    )
    marks = {a.person_id: (a.name, a.photo, a.results) for a in publication.appearances.all()}
    assert marks == {adult_.pk: (True, False, False)}
    card = curator_client.get(reverse("publication", args=[publication.pk])).content.decode()
    assert "Наставникова Вера" in card and "названо ФИО" in card


def test_an_appearance_whose_consent_was_withdrawn_is_kept_and_shown_until_unticked(curator_client, people):
    person = people["name_only"]
    add(curator_client, named=[person.pk])
    publication = Publication.objects.get()
    Consent.objects.filter(person=person).update(withdrawn_on=datetime.date(2026, 11, 1))
    assert publication not in publicity_visible()

    card = curator_client.get(reverse("publication", args=[publication.pk]))
    html = card.content.decode()
    assert "Скрыто с сайта: нет согласия" in html and person.get_absolute_url() in html
    assert "не разрешено: ФИО" in html and not card.context["visible"]

    edit = curator_client.get(reverse("publication_edit", args=[publication.pk]))
    assert choices(edit, "kept") == {person.pk}
    assert edit.context["form"]["kept"].value() == [person.pk]
    html = edit.content.decode()
    assert "Участники без действующего согласия" in html and "Пока они отмечены" in html

    # Saved again as it is: the person stays, the publication stays hidden.
    curator_client.post(reverse("publication_edit", args=[publication.pk]), form_data(kept=[person.pk]))
    assert Appearance.objects.filter(publication=publication, person=person, name=True).exists()
    # Unticked once the text no longer names them: gone, and the publication shows again.
    curator_client.post(reverse("publication_edit", args=[publication.pk]), form_data())
    assert not Appearance.objects.filter(publication=publication).exists()
    assert publication in publicity_visible()


def publicity_visible():
    from participants import publicity

    return list(publicity.consented(Publication.objects.published()))


def test_a_mark_no_longer_covered_is_kept_beside_those_still_covered(curator_client, people):
    person = people["named_adult"]
    add(curator_client, named=[person.pk], pictured=[person.pk])
    publication = Publication.objects.get()
    Consent.objects.filter(person=person).update(covers_photo=False)
    edit = curator_client.get(reverse("publication_edit", args=[publication.pk]))
    assert person.pk in choices(edit, "named") and person.pk in choices(edit, "kept")
    assert "нет согласия на: фотографии" in edit.content.decode()
    curator_client.post(
        reverse("publication_edit", args=[publication.pk]), form_data(named=[person.pk], kept=[person.pk])
    )
    appearance = Appearance.objects.get(publication=publication)
    assert appearance.name and appearance.photo
    curator_client.post(reverse("publication_edit", args=[publication.pk]), form_data(named=[person.pk]))
    appearance.refresh_from_db()
    assert appearance.name and not appearance.photo


# The list


def test_the_list_filters_by_kind_state_and_title(curator_client, people):
    draft = make_publication("Черновик новости", status="draft")
    scheduled = make_publication(
        "Будущий анонс", kind=Kind.ANNOUNCEMENT, published_at=timezone.now() + datetime.timedelta(days=2)
    )
    visible = make_publication("Итоги олимпиады")
    hidden = make_publication("Фото с олимпиады")
    appear(hidden, people["minor_self"])

    def titles(**query):
        response = curator_client.get(reverse("publications"), query)
        return {item.title for item in response.context["page"]}

    assert titles() == {draft.title, scheduled.title, visible.title, hidden.title}
    assert titles(state="draft") == {draft.title}
    assert titles(state="scheduled") == {scheduled.title}
    assert titles(state="published") == {visible.title}
    assert titles(state="hidden") == {hidden.title}
    assert titles(kind="announcement") == {scheduled.title}
    assert titles(q="олимпиад") == {visible.title, hidden.title}
    assert titles(q="фото ОЛИМПИАДЫ") == {hidden.title}

    html = curator_client.get(reverse("publications")).content.decode()
    assert "скрыто: нет согласия" in html and "запланировано" in html and "черновик" in html
    assert visible.get_absolute_url() in html and hidden.get_absolute_url() not in html
    assert draft.get_absolute_url() not in html


def test_the_list_costs_the_same_queries_for_one_and_thirty_publications(curator_client, people):
    def grow(count):
        for number in range(count):
            publication = make_publication(
                f"Новость {Publication.objects.count()}", slug=f"n-{Publication.objects.count()}"
            )
            attach(publication)
            appear(publication, people["named_adult"] if number % 2 else people["minor_self"])

    grow(1)
    curator_client.get(reverse("publications"))
    with CaptureQueriesContext(connection) as one:
        assert curator_client.get(reverse("publications")).status_code == 200
    grow(29)
    with CaptureQueriesContext(connection) as many:
        response = curator_client.get(reverse("publications"))
    assert len(response.context["page"]) == 30
    assert len(many) == len(one)


def test_the_list_pages_by_fifty(curator_client, personas):
    Publication.objects.bulk_create(
        [Publication(title=f"Новость {n}", slug=f"novost-{n}", published_at=timezone.now()) for n in range(51)]
    )
    response = curator_client.get(reverse("publications"))
    assert len(response.context["page"]) == 50
    assert len(curator_client.get(reverse("publications"), {"page": 2}).context["page"]) == 1


# Files


def send(client, publication, file, **fields):
    return client.post(reverse("publication_file_add", args=[publication.pk]), {"file": file, **fields})


def test_a_photo_needs_its_text_description_and_nothing_is_stored_without_it(curator_client, item, media):
    response = send(curator_client, item, upload("Двор.jpg", jpeg(gps=False)))
    assert response.status_code == 200
    assert "прочитает экранный диктор" in str(response.context["file_form"].errors["alt"])
    assert not PublicationFile.objects.exists() and stored_files(media) == []


def test_a_photo_loses_its_metadata_turns_upright_and_is_scaled_down(curator_client, item, media):
    response = send(
        curator_client,
        item,
        upload("Двор школы.JPEG", jpeg(orientation=6)),
        alt="Ученики сажают деревья",
        title="Субботник",
    )
    assert response.status_code == 302
    stored = PublicationFile.objects.get()
    assert stored.is_image and stored.file_name == "Двор школы.jpeg"
    assert stored.alt == "Ученики сажают деревья" and stored.title == "Субботник"
    content = stored.file.open("rb").read()
    stored.file.close()
    assert stored.size == len(content)
    assert b"Exif" not in content and b"PhoneMaker" not in content and b"school yard" not in content
    with Image.open(io.BytesIO(content)) as image:
        assert image.format == "JPEG"
        assert not image.getexif() and "exif" not in image.info and "comment" not in image.info
        # 3000×2000 lying on its side (orientation 6): upright 2000×3000, then 1920 on the longer side.
        assert image.size == (1280, 1920)


def test_a_png_stays_a_png_and_a_small_picture_keeps_its_size(curator_client, item):
    send(curator_client, item, upload("схема.png", png()), alt="Схема встреч")
    stored = PublicationFile.objects.get()
    with stored.file.open("rb") as file, Image.open(file) as image:
        assert image.format == "PNG" and image.size == (40, 30) and image.mode == "RGBA"
    assert stored.file.name.endswith(".png")


def test_a_document_is_attached_under_its_name(curator_client, item, personas, client):
    send(curator_client, item, upload("Положение о наставничестве.pdf", PDF_BYTES), title="Положение", alt="лишнее")
    stored = PublicationFile.objects.get()
    assert not stored.is_image and stored.alt == "" and stored.title == "Положение"
    client.force_login(personas.director)
    response = client.get(reverse("publication_file", args=[stored.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF_BYTES
    assert "filename*=utf-8''%D0%9F%D0%BE%D0%BB" in response["Content-Disposition"]
    card = curator_client.get(reverse("publication", args=[item.pk])).content.decode()
    assert "Положение о наставничестве.pdf" in card and reverse("publication_file", args=[stored.pk]) in card


def test_a_file_sent_twice_is_stored_once(curator_client, item):
    send(curator_client, item, upload("Положение.pdf", PDF_BYTES))
    second = send(curator_client, item, upload("Положение.pdf", PDF_BYTES))
    assert PublicationFile.objects.count() == 1
    assert "повторная отправка не сохранена" in messages_of(second)[-1]


def test_an_unsupported_file_is_refused_naming_the_accepted_types(curator_client, item, media):
    response = send(curator_client, item, upload("script.exe", b"MZ\x90\x00" + b"\x00" * 100))
    errors = str(response.context["file_form"].errors["file"])
    assert "PDF, Word, Excel" in errors and "PNG, JPEG" in errors
    assert not PublicationFile.objects.exists() and stored_files(media) == []


def test_an_oversized_file_is_refused(curator_client, item, media, settings):
    settings.MATERIAL_UPLOAD_MAX_BYTES = 1024
    response = send(curator_client, item, upload("big.pdf", PDF_BYTES + b"0" * 2000))
    assert "Файл больше" in str(response.context["file_form"].errors["file"])
    assert not PublicationFile.objects.exists() and stored_files(media) == []


def test_a_broken_picture_and_a_decompression_bomb_are_refused(curator_client, item, media):
    broken = send(curator_client, item, upload("photo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 20), alt="Фото")
    assert "повреждено" in str(broken.context["file_form"].errors["file"])
    buffer = io.BytesIO()
    Image.new("1", (10000, 10000)).save(buffer, "PNG")
    bomb = send(curator_client, item, upload("bomb.png", buffer.getvalue()), alt="Пусто")
    assert "слишком большое" in str(bomb.context["file_form"].errors["file"])
    assert not PublicationFile.objects.exists() and stored_files(media) == []


def test_deleting_a_file_removes_it_from_the_disk(curator_client, item, media, django_capture_on_commit_callbacks):
    stored = attach(item)
    assert len(stored_files(media)) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(reverse("publication_file_delete", args=[stored.pk]))
    assert response.status_code == 302 and response.url.endswith("#files")
    assert not PublicationFile.objects.exists() and stored_files(media) == []


def test_deleting_a_publication_removes_its_files(curator_client, item, media, django_capture_on_commit_callbacks):
    attach(item)
    attach(item, "photo.png", png(), is_image=True, alt="Фото")
    appear(item, adult())
    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        response = curator_client.post(reverse("publication_delete", args=[item.pk]))
    assert response.status_code == 302 and response.url == reverse("publications")
    assert not Publication.objects.exists() and not Appearance.objects.exists()
    assert stored_files(media) == []


def test_the_card_shows_the_text_and_pictures_as_the_site_will(curator_client, item):
    picture = attach(item, "photo.png", png(), is_image=True, alt="Наставник и ученик у доски", title="Урок")
    document = attach(item, "Приказ.pdf", title="Приказ о наставничестве")
    html = curator_client.get(reverse("publication", args=[item.pk])).content.decode()
    assert f'src="{reverse("publication_file", args=[picture.pk])}"' in html
    assert 'alt="Наставник и ученик у доски"' in html
    assert "Приказ о наставничестве" in html and reverse("publication_file", args=[document.pk]) in html
    assert "Открыть на сайте" in html


def test_a_drafts_files_are_previewed_by_management(client, personas):
    draft = make_publication(status="draft")
    picture = attach(draft, "photo.png", png(), is_image=True, alt="Фото")
    client.force_login(personas.director)
    response = client.get(reverse("publication_file", args=[picture.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"


# Drafts from a pair


@pytest.fixture
def finished(school):
    """Anna's pair with Королёв finished, with a programme, meetings and achievements naming her in
    several cases."""
    pair = school.own_pair
    Mentorship.objects.filter(pk=pair.pk).update(
        status=Mentorship.Status.FINISHED,
        outcome="reached",
        achievements="Антоновой Анне стало легче: Анна сдала контрольную на «4»",
        best_practice=True,
        ended_on=datetime.date(2027, 4, 25),
    )
    Programme.objects.create(
        mentorship=pair,
        request="Антонова боится отвечать у доски",
        goal="Анна Антонова уверенно решает задачи с дробями",
        tasks="Разобрать с Анной действия с дробями\n- Научить Антонову решать задачи вслух",
        expected_results="У Анны Антоновой оценка не ниже «4»\n- Антоновой Анне не страшно у доски",
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2027, 4, 30),
    )
    for topic, day, held, form in [
        ("Знакомство", datetime.date(2026, 11, 5), True, "in_person"),
        ("Страх доски у Анны", datetime.date(2026, 12, 3), True, "online"),
        ("Пропущенная", datetime.date(2027, 3, 1), False, "in_person"),
    ]:
        Meeting.objects.create(
            mentorship=pair,
            topic=topic,
            planned_on=day,
            held=held,
            held_on=day if held else None,
            duration=45,
            format=form,
        )
    pair.refresh_from_db()
    return school


def from_pair(client, pair, kind):
    return client.get(reverse("publication_from_pair", args=[pair.pk, kind]))


def test_a_case_draft_names_no_child_and_quotes_no_request(curator_client, finished):
    response = from_pair(curator_client, finished.own_pair, "case")
    assert response.status_code == 200
    html = response.content.decode()
    form = response.context["form"]
    title, text = form.initial["title"], form.initial["text"]
    for word in ("Антонов", "Анн", "боится", "Страх доски"):
        assert word not in html and word not in title and word not in text, word
    assert form.initial["kind"] == Kind.CASE and form.initial["year"] == finished.own_pair.year
    assert title == "Кейс: учитель – ученик — ученик 7 класса"
    assert "Наставляемый: ученик 7 класса." in text
    assert "Цель: [имя] уверенно решает задачи с дробями" in text
    assert "- Разобрать с [имя] действия с дробями" in text and "- Научить [имя] решать задачи вслух" in text
    assert "- У [имя] оценка не ниже «4»" in text and "- [имя] не страшно у доски" in text
    assert "Проведено встреч: 2 (с 05.11.2026 по 03.12.2026)." in text and "очно и дистанционно" in text
    assert "Итог: цели достигнуты." in text
    assert "проверьте, что в тексте нет имён" in text and "[имя] стало легче: [имя] сдала контрольную" in text
    # Without the mentor's consent the mentor is described, not named.
    assert "Королёв" not in html and "Королев" not in html and "Дмитрий" not in text
    assert "Наставник — педагог." in text
    assert form.initial["named"] == []
    assert not Publication.objects.exists()


def test_a_case_draft_names_the_mentor_under_consent_and_ticks_them(curator_client, finished):
    mentor = finished.own_mentor.person
    disseminating(mentor, name=True)
    response = from_pair(curator_client, finished.own_pair, "case")
    form = response.context["form"]
    assert f"Наставник: {mentor.full_name}" in form.initial["text"]
    assert form["named"].value() == [mentor.pk]
    # Sent as it stands: the case is stored with the mentor named, and the draft's source shown no more.
    data = {name: form[name].value() or "" for name in ("kind", "title", "slug", "summary", "text", "level", "url")}
    data.update(
        event_date="",
        year=finished.own_pair.year.pk,
        status="draft",
        published_at=moment().strftime("%Y-%m-%dT%H:%M"),
        named=[mentor.pk],
    )
    saved = curator_client.post(reverse("publication_from_pair", args=[finished.own_pair.pk, "case"]), data)
    publication = Publication.objects.get()
    assert saved.status_code == 302 and publication.kind == Kind.CASE and publication.status == "draft"
    assert Appearance.objects.get(publication=publication).person == mentor


def test_a_group_case_counts_its_students_by_grade_and_hides_names_in_its_title(curator_client, school):
    group = Mentorship.objects.create(
        year=school.own_pair.year,
        form=school.own_pair.form,
        mentor=school.other_mentor,
        is_group=True,
        title="Олимпиадники Веры Веселовой и Елены Друговой",
        status="active",
    )
    for mentee in (school.anna, school.boris, school.vera):
        group.memberships.create(mentee=mentee)
    form = from_pair(curator_client, group, "case").context["form"]
    # The mentor has no consent to be named either.
    assert form.initial["title"] == "Кейс: учитель – ученик — Олимпиадники [имя] и [имя]"
    assert "Наставляемые: 3 ученика 7 и 10 классов." in form.initial["text"]


def test_a_best_mentor_publication_is_refused_without_consent_to_the_name(curator_client, finished):
    response = from_pair(curator_client, finished.own_pair, "best_mentor")
    assert response.status_code == 302 and response.url == finished.own_pair.get_absolute_url()
    message = messages_of(response)[-1]
    assert "нет действующего согласия" in message and finished.own_mentor.person.get_absolute_url() in message
    data = form_data(kind=Kind.BEST_MENTOR, title="Лучший наставник")
    refused = curator_client.post(reverse("publication_from_pair", args=[finished.own_pair.pk, "best_mentor"]), data)
    assert refused.status_code == 302 and not Publication.objects.exists()


def test_a_best_mentor_draft_gives_results_only_under_consent(curator_client, finished):
    mentor = finished.own_mentor.person
    consent = disseminating(mentor, name=True)
    form = from_pair(curator_client, finished.own_pair, "best_mentor").context["form"]
    assert form.initial["kind"] == Kind.BEST_MENTOR
    assert form.initial["title"] == f"Лучший наставник 2026/2027: {mentor.full_name}"
    assert "учитель – ученик: 1 пара; 1 наставляемый." in form.initial["text"]
    assert "Результаты" not in form.initial["text"] and form.initial.get("with_results") == []
    assert form["named"].value() == [mentor.pk]

    Consent.objects.filter(pk=consent.pk).update(covers_results=True)
    form = from_pair(curator_client, finished.own_pair, "best_mentor").context["form"]
    text = form.initial["text"]
    assert "## Результаты" in text and "цели достигнуты — 1" in text
    assert "Лучшая практика года: пар и групп — 1." in text and "Проведено встреч: 2." in text
    assert form["with_results"].value() == [mentor.pk]
    assert "Антонов" not in text


def test_only_cases_and_best_mentors_start_from_a_pair(curator_client, finished):
    assert from_pair(curator_client, finished.own_pair, "news").status_code == 404
    assert curator_client.get(reverse("publication_from_pair", args=[99999, "case"])).status_code == 404


def test_the_pair_page_and_best_practices_offer_the_drafts_to_the_curator(curator_client, client, personas, finished):
    case_url = reverse("publication_from_pair", args=[finished.own_pair.pk, "case"])
    mentor_url = reverse("publication_from_pair", args=[finished.own_pair.pk, "best_mentor"])
    pair_page = curator_client.get(finished.own_pair.get_absolute_url()).content.decode()
    assert case_url in pair_page and mentor_url in pair_page
    best_page = curator_client.get(reverse("best_practices")).content.decode()
    assert case_url in best_page and mentor_url in best_page
    client.force_login(personas.director)
    assert case_url not in client.get(finished.own_pair.get_absolute_url()).content.decode()
    assert case_url not in client.get(reverse("best_practices")).content.decode()


# The year's results


def test_the_results_draft_gives_the_years_figures_without_names(curator_client, finished):
    response = curator_client.get(reverse("publication_results", args=[2026]))
    assert response.status_code == 200
    form = response.context["form"]
    text = form.initial["text"]
    assert form.initial["kind"] == Kind.RESULT and form.initial["year"].start_year == 2026
    assert form.initial["title"] == "Итоги реализации программы наставничества в 2026/2027 учебном году"
    assert "## Охват" in text and "при целевом показателе 70 %" in text
    assert "Всего пар и групп: 2; наставников в них: 2." in text
    assert "учитель – ученик: пар — 2, групп — 0, наставляемых — 2." in text
    assert "Проведено 2 из 3 запланированных" in text
    for name in ("Антонов", "Веселов", "Королёв", "Другова"):
        assert name not in response.content.decode()
    assert curator_client.get(reverse("publication_results", args=[2031])).status_code == 404


def test_the_results_draft_gives_satisfaction_and_growth_when_the_questionnaires_were_answered(
    curator_client, year, monkeypatch
):
    def compared(title, before, after):
        item = monitoring.Item("sat_x", "Пункт", Decimal(before), 4, Decimal(after), 4)
        return monitoring.Comparison(title, items=[item])

    monkeypatch.setattr(
        monitoring,
        "satisfaction",
        lambda year, forms_of=None: {
            "mentees": compared("Наставляемые", "6.5", "8.25"),
            "mentors": monitoring.Comparison("Наставники"),
        },
    )
    monkeypatch.setattr(monitoring, "growth", lambda year, forms_of=None: compared("Рост", "5.2", "7"))
    text = curator_client.get(reverse("publication_results", args=[2026])).context["form"].initial["text"]
    assert "Наставляемые: ожидания до программы — 6,5, оценка после — 8,2." in text
    assert "Наставники:" not in text
    assert "Самооценка наставляемых: в начале — 5,2, в конце — 7,0, изменение +1,8." in text


def test_the_completion_page_links_to_the_results_publication(curator_client, year):
    html = curator_client.get(reverse("completion")).content.decode()
    assert "Опубликовать итоги, лучших наставников и кейсы на сайте" in html
    assert reverse("publication_results", args=[2026]) in html and reverse("publications") in html


# The section's settings


def test_the_settings_start_from_the_standard_text_and_save_one_row(curator_client, personas):
    response = curator_client.get(reverse("site_section"))
    assert response.context["form"].initial["intro"].startswith("Наставничество — универсальная технология")
    data = {
        "intro": "## О программе\n\nУ нас наставничество.",
        "description": "Наставничество в школе № 43",
        "curator": personas.curator.pk,
        "phone": "+7 812 000-00-00",
        "email": "nastavnik@school43.example",
        "reception": "кабинет 214, вторник 15:00–17:00",
    }
    assert curator_client.post(reverse("site_section"), data).status_code == 302
    assert curator_client.post(reverse("site_section"), {**data, "phone": "+7 812 111-11-11"}).status_code == 302
    section = SiteSection.objects.get()
    assert section.phone == "+7 812 111-11-11" and section.curator == personas.curator
    assert section.history.count() == 2


def test_two_first_saves_of_the_settings_make_one_row(personas, transactional_db):
    statuses = post_at_once(personas.curator, reverse("site_section"), {"intro": "Текст"})
    assert statuses == [302, 302] and SiteSection.objects.count() == 1


def test_only_active_curators_may_be_chosen(curator_client, personas):
    make_user("retired", ["Куратор"], is_active=False)
    choices_ = {
        user.username for user in curator_client.get(reverse("site_section")).context["form"].fields["curator"].queryset
    }
    assert choices_ == {"curator"}


def test_a_curator_without_a_card_or_consent_is_warned_about(curator_client, personas):
    SiteSection.objects.create(curator=personas.curator)
    response = curator_client.get(reverse("site_section"))
    html = response.content.decode()
    assert "не связана с карточкой участника" in html and reverse("person_add") in html
    person = adult("Соколова", "Ирина", user=personas.curator)
    html = curator_client.get(reverse("site_section")).content.decode()
    assert "нет действующего согласия" in html and person.get_absolute_url() in html
    disseminating(person, name=True)
    assert 'data-testid="curator-warning"' not in curator_client.get(reverse("site_section")).content.decode()


def test_the_administration_reads_the_settings(client, personas):
    SiteSection.objects.create(intro="## Программа\n\nТекст раздела", phone="+7 000")
    client.force_login(personas.director)
    html = client.get(reverse("site_section")).content.decode()
    assert (
        "<h2>Программа</h2>" in html and "+7 000" in html and "<form" not in html.split("<main")[1].split("</main>")[0]
    )
