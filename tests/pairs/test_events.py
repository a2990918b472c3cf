"""«Общие встречи»: the final meeting of all pairs and groups, and other meetings of many pairs."""

import pytest
from django.urls import reverse

from pairs.models import Event
from tests.factories import make_mentorship, make_year
from tests.pairs.test_programmes import messages_of

pytestmark = pytest.mark.django_db


def event_data(*mentorships, **fields):
    data = {
        "kind": "final",
        "title": "Групповая заключительная встреча",
        "held_on": "2027-05-20",
        "place": "Актовый зал",
        "notes": "",
        "mentorships": [mentorship.pk for mentorship in mentorships],
    }
    data.update(fields)
    return data


@pytest.fixture
def terminated(school):
    return make_mentorship(school.student_mentor, [school.boris], status="terminated", end_reason="Переезд")


def test_a_new_event_offers_the_years_pairs_and_groups_all_ticked(curator_client, school, terminated):
    form = curator_client.get(reverse("pair_event_add")).context["form"]
    offered = set(form.fields["mentorships"].queryset)
    assert offered == {school.own_pair, school.other_pair}
    assert set(form.initial["mentorships"]) == offered


def test_the_curator_records_the_final_meeting_of_the_pairs(curator_client, school, year):
    response = curator_client.post(reverse("pair_event_add"), event_data(school.own_pair, school.other_pair))
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.year == year and set(event.mentorships.all()) == {school.own_pair, school.other_pair}
    html = curator_client.get(event.get_absolute_url()).content.decode()
    assert "Актовый зал" in html and "Королёв Дмитрий" in html and "Другова Елена" in html
    listed = curator_client.get(reverse("pair_events")).context["events"]
    assert [(row.title, row.mentorship_count) for row in listed] == [("Групповая заключительная встреча", 2)]


def test_a_repeated_submission_records_the_event_once(curator_client, school):
    curator_client.post(reverse("pair_event_add"), event_data(school.own_pair))
    response = curator_client.post(reverse("pair_event_add"), event_data(school.own_pair))
    assert messages_of(response)[-1] == "Встреча «Групповая заключительная встреча» уже записана."
    assert Event.objects.count() == 1


def test_the_curator_edits_an_event_and_keeps_a_pair_ended_since(curator_client, school, terminated):
    event = Event.objects.create(year=school.own_pair.year, title="Встреча", held_on="2027-05-20")
    event.mentorships.set([school.own_pair, terminated])
    url = reverse("pair_event_edit", args=[event.pk])
    assert terminated in curator_client.get(url).context["form"].fields["mentorships"].queryset
    curator_client.post(url, event_data(terminated, kind="other", notes="Прошла хорошо"))
    event.refresh_from_db()
    assert (event.kind, event.notes, list(event.mentorships.all())) == ("other", "Прошла хорошо", [terminated])


def test_an_event_of_another_year_is_refused(curator_client, school):
    response = curator_client.post(reverse("pair_event_add"), event_data(school.own_pair, held_on="2026-05-20"))
    assert response.context["form"].errors["held_on"] == [
        "Дата должна относиться к 2026/2027 учебному году: 01.09.2026 — 31.08.2027."
    ]
    assert not Event.objects.exists()


def test_events_are_listed_by_year(curator_client, school):
    Event.objects.create(year=make_year(2025, current=False), title="Прошлогодняя", held_on="2026-05-20")
    assert list(curator_client.get(reverse("pair_events")).context["events"]) == []
    listed = curator_client.get(reverse("pair_events"), {"year": 2025}).context["events"]
    assert [event.title for event in listed] == ["Прошлогодняя"]


def test_the_administration_reads_the_events_but_records_none(client, school, personas):
    event = Event.objects.create(year=school.own_pair.year, title="Встреча", held_on="2027-05-20")
    client.force_login(personas.director)
    assert client.get(reverse("pair_events")).status_code == 200
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200 and reverse("pair_event_edit", args=[event.pk]) not in response.content.decode()
    assert client.post(reverse("pair_event_add"), event_data(school.own_pair)).status_code == 403
    assert client.post(reverse("pair_event_edit", args=[event.pk]), event_data(title="Другая")).status_code == 403
    assert list(Event.objects.values_list("title", flat=True)) == ["Встреча"]


@pytest.mark.parametrize("persona", ["mentor", "teacher", "class_leader"])
def test_others_see_no_events(client, school, personas, persona):
    event = Event.objects.create(year=school.own_pair.year, title="Встреча", held_on="2027-05-20")
    client.force_login(getattr(personas, persona))
    for url in (reverse("pair_events"), event.get_absolute_url(), reverse("pair_event_add")):
        assert client.get(url).status_code == 403, url


def test_an_anonymous_visitor_is_sent_to_log_in(client, school):
    for url in (reverse("pair_events"), reverse("pair_event_add")):
        response = client.post(url, event_data(school.own_pair))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login")), url
    assert not Event.objects.exists()
