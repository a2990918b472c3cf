import datetime

import pytest
from django.urls import reverse

from mentoring.models import RoadmapActivity
from tests.concurrency import post_at_once
from tests.factories import make_activity, make_stage


@pytest.fixture
def activity(year):
    return make_activity(make_stage(year), title="Протокол педсовета", responsible="Куратор")


def form_data(**overrides):
    data = {
        "title": "Приказ о назначении куратора",
        "expected_result": "Приказ",
        "start_date": "2026-08-01",
        "end_date": "2026-09-30",
        "responsible": "Куратор, администрация",
        "evidence_code": "",
    }
    return {**data, **overrides}


def test_the_curator_edits_dates_and_responsible_people(curator_client, activity):
    url = reverse("activity_edit", args=[activity.pk])
    assert "Протокол педсовета" in curator_client.get(url).content.decode()
    response = curator_client.post(
        url,
        form_data(
            start_date="2026-10-01", end_date="2026-10-15", responsible="Директор", evidence_code="curator_assigned"
        ),
    )
    assert response.status_code == 302
    assert response.url.endswith(f"#activity-{activity.pk}")
    activity.refresh_from_db()
    assert (activity.start_date, activity.end_date) == (datetime.date(2026, 10, 1), datetime.date(2026, 10, 15))
    assert activity.responsible == "Директор"
    assert activity.evidence_code == "curator_assigned"


def test_it_refuses_an_end_before_the_start_in_russian(curator_client, activity):
    response = curator_client.post(
        reverse("activity_edit", args=[activity.pk]), form_data(start_date="2026-10-01", end_date="2026-09-01")
    )
    assert response.status_code == 200
    assert "Срок не может быть раньше начала." in response.content.decode()
    activity.refresh_from_db()
    assert activity.title == "Протокол педсовета"


def test_it_refuses_an_unknown_evidence_code(curator_client, activity):
    response = curator_client.post(reverse("activity_edit", args=[activity.pk]), form_data(evidence_code="nope"))
    assert response.status_code == 200
    assert RoadmapActivity.objects.get(pk=activity.pk).evidence_code == ""


def test_it_404s_for_a_missing_activity(curator_client, year):
    assert curator_client.get(reverse("activity_edit", args=[999])).status_code == 404


def test_the_curator_adds_an_activity_at_the_end_of_a_stage(curator_client, activity):
    response = curator_client.post(
        reverse("activity_create", args=[activity.stage.pk]), form_data(title="Установочная сессия")
    )
    assert response.status_code == 302
    added = RoadmapActivity.objects.get(title="Установочная сессия")
    assert (added.stage, added.number) == (activity.stage, 2)


def test_the_curator_deletes_an_activity(curator_client, activity):
    assert curator_client.get(reverse("activity_delete", args=[activity.pk])).status_code == 405
    assert curator_client.post(reverse("activity_delete", args=[activity.pk])).status_code == 302
    assert not RoadmapActivity.objects.filter(pk=activity.pk).exists()


def test_marking_done_stores_who_when_and_the_note(curator_client, personas, activity):
    response = curator_client.post(reverse("activity_done", args=[activity.pk]), {"note": "Протокол № 1"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.done_at is not None
    assert activity.done_by == personas.curator
    assert activity.done_note == "Протокол № 1"
    page = curator_client.get(reverse("roadmap")).content.decode()
    assert "Протокол № 1" in page
    assert "выполнено" in page


def test_a_repeated_done_keeps_the_first_mark(curator_client, activity):
    url = reverse("activity_done", args=[activity.pk])
    curator_client.post(url, {"note": "первое"})
    first = RoadmapActivity.objects.get(pk=activity.pk).done_at
    curator_client.post(url, {"note": "второе"})
    activity.refresh_from_db()
    assert (activity.done_at, activity.done_note) == (first, "первое")


def test_a_too_long_note_changes_nothing(curator_client, activity):
    curator_client.post(reverse("activity_done", args=[activity.pk]), {"note": "х" * 2001})
    activity.refresh_from_db()
    assert activity.done_at is None


def test_reopening_clears_the_mark(curator_client, activity):
    curator_client.post(reverse("activity_done", args=[activity.pk]), {"note": "готово"})
    curator_client.post(reverse("activity_reopen", args=[activity.pk]))
    activity.refresh_from_db()
    assert (activity.done_at, activity.done_by, activity.done_note) == (None, None, "")


def test_done_and_reopen_refuse_get(curator_client, activity):
    assert curator_client.get(reverse("activity_done", args=[activity.pk])).status_code == 405
    assert curator_client.get(reverse("activity_reopen", args=[activity.pk])).status_code == 405


def test_the_director_cannot_mark_done(client, personas, activity):
    client.force_login(personas.director)
    assert client.post(reverse("activity_done", args=[activity.pk])).status_code == 403
    activity.refresh_from_db()
    assert activity.done_at is None


def test_a_double_submitted_new_activity_is_stored_once(curator_client, activity):
    url = reverse("activity_create", args=[activity.stage.pk])
    first = curator_client.post(url, form_data(title="Установочная сессия"))
    second = curator_client.post(url, form_data(title="Установочная сессия"), follow=True)
    assert RoadmapActivity.objects.filter(title="Установочная сессия").count() == 1
    assert first.url == second.redirect_chain[0][0]
    assert "уже есть в этапе: 1.2" in second.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_store_one_activity(personas, year):
    stage = make_stage(year)
    statuses = post_at_once(personas.curator, reverse("activity_create", args=[stage.pk]), form_data())
    assert statuses == [302, 302]
    assert list(stage.activities.values_list("title", "number")) == [("Приказ о назначении куратора", 1)]


def test_deleting_keeps_the_numbers_consecutive(curator_client, activity):
    second = make_activity(activity.stage, title="Второе")
    third = make_activity(activity.stage, title="Третье")
    curator_client.post(reverse("activity_delete", args=[second.pk]))
    third.refresh_from_db()
    assert list(activity.stage.activities.order_by("number").values_list("title", "number")) == [
        ("Протокол педсовета", 1),
        ("Третье", 2),
    ]


def test_dates_outside_the_school_year_are_refused(curator_client, activity):
    response = curator_client.post(
        reverse("activity_edit", args=[activity.pk]), form_data(start_date="2026-09-01", end_date="9999-12-31")
    )
    assert "Дата должна относиться к 2026/2027 учебному году: 2026–2027 гг." in response.content.decode()
    activity.refresh_from_db()
    assert activity.end_date.year == 2026


def test_a_note_with_a_control_character_is_explained(curator_client, activity):
    response = curator_client.post(reverse("activity_done", args=[activity.pk]), {"note": "a\x00b"}, follow=True)
    assert "Примечание не сохранено: Данные содержат запрещённый символ: ноль-байт" in response.content.decode()
    activity.refresh_from_db()
    assert activity.done_at is None
