"""Selection of mentors: scores on the configurable parameters, interviews, training events and their materials."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from mentoring.models import DataExport
from participants import selection
from participants.models import EvaluationParameter, Interview, Mentor, MentorScore, TrainingEvent, TrainingMaterial
from tests.factories import make_mentor, make_person, make_year
from tests.participants.conftest import PDF


@pytest.fixture
def mentor(year):
    return make_mentor(make_person(last_name="Ильина", first_name="Ольга", kind="teacher"))


@pytest.fixture
def event(year):
    return TrainingEvent.objects.create(
        year=year, kind=TrainingEvent.Kind.INDUCTION, title="Роль наставника", held_on=datetime.date(2026, 10, 1)
    )


@pytest.fixture
def material(event):
    return TrainingMaterial.objects.create(event=event, title="Презентация", file=SimpleUploadedFile("slides.pdf", PDF))


def active_parameters():
    return list(EvaluationParameter.objects.filter(is_active=True))


def field(parameter):
    return f"parameter_{parameter.pk}"


def card(mentor):
    return mentor.person.get_absolute_url()


# Access


READERS = {"curator", "director"}
CURATOR = {"curator"}


def pages(mentor, event, material):
    parameter = EvaluationParameter.objects.first()
    return [
        # (url, who may open it)
        (reverse("evaluation_parameters"), READERS),
        (reverse("training_events"), READERS),
        (reverse("training_event", args=[event.pk]), READERS),
        (reverse("training_material", args=[material.pk]), READERS),
        (reverse("mentor_scores", args=[mentor.pk]), CURATOR),
        (reverse("interview_add", args=[mentor.pk]), CURATOR),
        (reverse("evaluation_parameter_add"), CURATOR),
        (reverse("evaluation_parameter_edit", args=[parameter.pk]), CURATOR),
        (reverse("training_event_add"), CURATOR),
        (reverse("training_event_edit", args=[event.pk]), CURATOR),
        (reverse("training_material_add", args=[event.pk]), CURATOR),
    ]


def test_anonymous_users_are_sent_to_log_in(client, personas, mentor, event, material):
    for url, _ in pages(mentor, event, material):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("persona", ["curator", "director", "class_leader", "teacher", "mentor", "outsider"])
def test_the_curator_writes_the_administration_reads_and_others_get_403(
    client, personas, mentor, event, material, persona
):
    client.force_login(getattr(personas, persona))
    for url, allowed in pages(mentor, event, material):
        expected = 200 if persona in allowed else 403
        assert client.get(url).status_code == expected, f"{persona} {url}"


@pytest.mark.parametrize("persona", ["director", "class_leader", "teacher"])
def test_no_one_but_the_curator_changes_anything(client, personas, mentor, event, persona):
    client.force_login(getattr(personas, persona))
    parameter = active_parameters()[0]
    assert client.post(reverse("mentor_scores", args=[mentor.pk]), {field(parameter): 3}).status_code == 403
    interview = {"held_on": "2026-10-01", "result": "recommended"}
    assert client.post(reverse("interview_add", args=[mentor.pk]), interview).status_code == 403
    assert client.post(reverse("evaluation_parameter_add"), {"name": "Новый", "max_score": 5}).status_code == 403
    assert not MentorScore.objects.exists() and not Interview.objects.exists()
    assert not EvaluationParameter.objects.filter(name="Новый").exists()


# Scores


def test_the_curator_scores_a_candidate_on_the_active_parameters(curator_client, personas, mentor):
    first, second, *_ = active_parameters()
    url = reverse("mentor_scores", args=[mentor.pk])
    page = curator_client.get(url).content.decode()
    assert first.name in page and first.description in page
    response = curator_client.post(url, {field(first): 4, field(second): 0})
    assert response.status_code == 302 and response.url == card(mentor)
    scores = {s.parameter: (s.score, s.evaluated_by) for s in mentor.scores.all()}
    assert scores == {first: (4, personas.curator), second: (0, personas.curator)}


def test_scores_are_updated_and_an_emptied_one_is_removed(curator_client, mentor):
    first, second, *_ = active_parameters()
    MentorScore.objects.create(mentor=mentor, parameter=first, score=2)
    MentorScore.objects.create(mentor=mentor, parameter=second, score=3)
    curator_client.post(reverse("mentor_scores", args=[mentor.pk]), {field(first): 5, field(second): ""})
    assert dict(mentor.scores.values_list("parameter", "score")) == {first.pk: 5}


@pytest.mark.parametrize("score", [-1, 6, "пять"])
def test_a_score_out_of_range_is_refused(curator_client, mentor, score):
    parameter = active_parameters()[0]
    response = curator_client.post(reverse("mentor_scores", args=[mentor.pk]), {field(parameter): score})
    assert response.status_code == 200
    assert field(parameter) in response.context["form"].errors
    assert not MentorScore.objects.exists()


def test_an_inactive_parameter_is_not_asked_but_its_score_is_kept(curator_client, mentor):
    first, second, *_ = active_parameters()
    MentorScore.objects.create(mentor=mentor, parameter=first, score=2)
    first.is_active = False
    first.save()
    response = curator_client.get(reverse("mentor_scores", args=[mentor.pk]))
    assert field(first) not in response.context["form"].fields
    curator_client.post(reverse("mentor_scores", args=[mentor.pk]), {field(second): 1})
    assert dict(mentor.scores.values_list("parameter", "score")) == {first.pk: 2, second.pk: 1}


def test_the_history_of_scores_records_the_evaluator(curator_client, personas, mentor):
    parameter = active_parameters()[0]
    curator_client.post(reverse("mentor_scores", args=[mentor.pk]), {field(parameter): 3})
    curator_client.post(reverse("mentor_scores", args=[mentor.pk]), {field(parameter): 4})
    history = MentorScore.history.order_by("history_date")
    assert [(h.history_type, h.score, h.history_user) for h in history] == [
        ("+", 3, personas.curator),
        ("~", 4, personas.curator),
    ]


def test_the_card_partial_shows_scores_with_their_average_interviews_and_trainings(mentor, event):
    first, second, *_ = active_parameters()
    MentorScore.objects.create(mentor=mentor, parameter=first, score=4)
    MentorScore.objects.create(mentor=mentor, parameter=second, score=5)
    Interview.objects.create(mentor=mentor, held_on=datetime.date(2026, 9, 20), result="repeat", notes="Ещё раз")
    event.attendees.add(mentor)
    html = render_to_string("participants/_card_selection.html", {"can_edit": True, **selection.card_context(mentor)})
    assert 'data-testid="scores-average">4,5<' in html
    assert "20.09.2026" in html and "нужна повторная встреча" in html
    assert reverse("training_event", args=[event.pk]) in html
    assert reverse("mentor_scores", args=[mentor.pk]) in html and reverse("interview_add", args=[mentor.pk]) in html
    reader = render_to_string("participants/_card_selection.html", selection.card_context(mentor))
    assert "Оценить" not in reader and "Добавить собеседование" not in reader
    assert render_to_string("participants/_card_selection.html", selection.card_context(None)).strip() == ""


# Interviews


def interview_data(**fields):
    data = {"held_on": "2026-10-01", "result": "recommended", "interviewers": "Соколова И.", "notes": "Готов"}
    return {**data, **fields}


def test_a_recommended_interview_moves_a_candidate_on(curator_client, personas, mentor):
    response = curator_client.post(reverse("interview_add", args=[mentor.pk]), interview_data(), follow=True)
    assert response.redirect_chain[0][0] == card(mentor)
    assert "Статус наставника — «собеседование пройдено»." in response.content.decode()
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.INTERVIEWED
    interview = mentor.interviews.get()
    assert (interview.held_on, interview.notes) == (datetime.date(2026, 10, 1), "Готов")
    assert interview.history.get().history_user == personas.curator
    assert mentor.history.first().history_user == personas.curator


@pytest.mark.parametrize("result", ["not_recommended", "repeat"])
def test_other_results_leave_the_status(curator_client, mentor, result):
    curator_client.post(reverse("interview_add", args=[mentor.pk]), interview_data(result=result))
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.CANDIDATE
    assert mentor.interviews.count() == 1


def test_a_recommendation_does_not_move_a_trained_mentor_back(curator_client, mentor):
    Mentor.objects.filter(pk=mentor.pk).update(status=Mentor.Status.TRAINED)
    curator_client.post(reverse("interview_add", args=[mentor.pk]), interview_data())
    mentor.refresh_from_db()
    assert mentor.status == Mentor.Status.TRAINED


def test_a_repeated_interview_submit_is_stored_once(curator_client, mentor):
    url = reverse("interview_add", args=[mentor.pk])
    curator_client.post(url, interview_data())
    second = curator_client.post(url, interview_data(), follow=True)
    assert "Это собеседование уже записано." in second.content.decode()
    assert mentor.interviews.count() == 1


def test_an_interview_yet_to_come_is_refused(curator_client, mentor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = curator_client.post(reverse("interview_add", args=[mentor.pk]), interview_data(held_on=tomorrow))
    assert "held_on" in response.context["form"].errors
    assert not Interview.objects.exists()


def test_the_card_of_a_past_years_mentor_is_reached_with_its_year(curator_client, mentor):
    old = make_mentor(mentor.person, year=make_year(2025, current=False))
    response = curator_client.post(reverse("interview_add", args=[old.pk]), interview_data(held_on="2025-10-01"))
    assert response.url == f"{card(old)}?year=2025"


# Parameters


def test_the_curator_adds_and_edits_a_parameter(curator_client):
    response = curator_client.post(
        reverse("evaluation_parameter_add"),
        {"name": "Эмпатия", "description": "Понимает других", "max_score": 10, "is_active": "on", "position": 9},
    )
    assert response.status_code == 302 and response.url == reverse("evaluation_parameters")
    parameter = EvaluationParameter.objects.get(name="Эмпатия")
    curator_client.post(
        reverse("evaluation_parameter_edit", args=[parameter.pk]), {"name": "Эмпатия", "max_score": 3, "position": 9}
    )
    parameter.refresh_from_db()
    assert (parameter.max_score, parameter.is_active) == (3, False)
    page = curator_client.get(reverse("evaluation_parameters")).content.decode()
    assert "Эмпатия" in page and reverse("evaluation_parameter_edit", args=[parameter.pk]) in page


def test_the_administration_reads_parameters_without_edit_links(client, personas):
    client.force_login(personas.director)
    page = client.get(reverse("evaluation_parameters")).content.decode()
    assert EvaluationParameter.objects.first().name in page
    assert reverse("evaluation_parameter_add") not in page


def test_a_parameter_name_is_unique(curator_client):
    existing = EvaluationParameter.objects.first()
    response = curator_client.post(reverse("evaluation_parameter_add"), {"name": existing.name, "max_score": 5})
    assert "name" in response.context["form"].errors


def test_the_highest_score_cannot_drop_below_scores_given(curator_client, mentor):
    parameter = active_parameters()[0]
    MentorScore.objects.create(mentor=mentor, parameter=parameter, score=4)
    response = curator_client.post(
        reverse("evaluation_parameter_edit", args=[parameter.pk]),
        {"name": parameter.name, "max_score": 3, "is_active": "on", "position": 1},
    )
    assert response.context["form"].errors["max_score"] == [
        "Уже выставлены баллы до 4: наибольший балл не может быть меньше."
    ]


# Training events


def event_data(*attendees, **fields):
    data = {"kind": "induction", "title": "Установочная сессия", "held_on": "2026-10-05", "place": "Актовый зал"}
    return {**data, "attendees": [m.pk for m in attendees], **fields}


def test_an_induction_session_trains_the_attendees_who_passed_the_interview(curator_client, year):
    interviewed = make_mentor(make_person(last_name="Белов", kind="teacher"), status=Mentor.Status.INTERVIEWED)
    candidate = make_mentor(make_person(last_name="Андреев", kind="teacher"))
    absent = make_mentor(make_person(last_name="Воронов", kind="teacher"), status=Mentor.Status.INTERVIEWED)
    response = curator_client.post(reverse("training_event_add"), event_data(interviewed, candidate), follow=True)
    event = TrainingEvent.objects.get()
    assert response.redirect_chain[0][0] == event.get_absolute_url()
    assert "Статус «обучен»: П. Белов." in response.content.decode()
    assert set(event.attendees.all()) == {interviewed, candidate}
    statuses = dict(Mentor.objects.values_list("pk", "status"))
    assert statuses == {interviewed.pk: "trained", candidate.pk: "candidate", absent.pk: "interviewed"}


def test_an_exchange_of_experience_changes_no_status(curator_client, year):
    interviewed = make_mentor(status=Mentor.Status.INTERVIEWED)
    curator_client.post(reverse("training_event_add"), event_data(interviewed, kind="exchange"))
    interviewed.refresh_from_db()
    assert interviewed.status == Mentor.Status.INTERVIEWED


def test_an_event_changed_into_an_induction_trains_its_attendees(curator_client, event):
    interviewed = make_mentor(status=Mentor.Status.INTERVIEWED)
    TrainingEvent.objects.filter(pk=event.pk).update(kind="exchange")
    curator_client.post(reverse("training_event_edit", args=[event.pk]), event_data(interviewed, title="Другое"))
    interviewed.refresh_from_db()
    assert interviewed.status == Mentor.Status.TRAINED
    assert TrainingEvent.objects.get().title == "Другое"


def test_attendees_are_the_mentors_of_the_events_year_by_name(curator_client, year):
    other_year = make_year(2025, current=False)
    stranger = make_mentor(year=other_year)
    make_mentor(make_person(last_name="Яковлева", kind="teacher"))
    make_mentor(make_person(last_name="Артёмов", kind="teacher"))
    form = curator_client.get(reverse("training_event_add")).context["form"]
    assert [m.person.last_name for m in form.fields["attendees"].queryset] == ["Артёмов", "Яковлева"]
    response = curator_client.post(reverse("training_event_add"), event_data(stranger))
    assert "attendees" in response.context["form"].errors
    assert not TrainingEvent.objects.exists()


def test_an_event_of_another_year_is_added_with_its_year(curator_client, year):
    make_year(2025, current=False)
    response = curator_client.post(reverse("training_event_add") + "?year=2025", event_data(held_on="2025-11-01"))
    assert response.status_code == 302
    assert TrainingEvent.objects.get().year.start_year == 2025


def test_an_event_date_outside_its_year_is_refused(curator_client, year):
    response = curator_client.post(reverse("training_event_add"), event_data(held_on="2028-01-10"))
    assert response.context["form"].errors["held_on"] == [
        "Дата должна относиться к 2026/2027 учебному году: 01.08.2026 — 31.08.2027."
    ]


def test_a_repeated_event_submit_is_stored_once(curator_client, year):
    curator_client.post(reverse("training_event_add"), event_data())
    second = curator_client.post(reverse("training_event_add"), event_data(), follow=True)
    assert "уже записано" in second.content.decode()
    assert TrainingEvent.objects.count() == 1


def test_the_event_page_lists_attendees_and_materials(curator_client, event, material, mentor):
    event.attendees.add(mentor)
    page = curator_client.get(event.get_absolute_url()).content.decode()
    assert mentor.person.full_name in page and mentor.person.get_absolute_url() in page
    assert reverse("training_material", args=[material.pk]) in page
    assert reverse("training_material_add", args=[event.pk]) in page


def test_the_administration_sees_the_event_without_edit_buttons(client, personas, event):
    client.force_login(personas.director)
    page = client.get(event.get_absolute_url()).content.decode()
    assert reverse("training_event_edit", args=[event.pk]) not in page
    assert reverse("training_material_add", args=[event.pk]) not in page


@pytest.mark.parametrize("count", [2, 20])
def test_the_events_list_costs_the_same_queries_for_2_and_20_events(curator_client, year, count):
    mentors = [make_mentor() for _ in range(3)]
    for n in range(count):
        event = TrainingEvent.objects.create(
            year=year, kind="exchange", title=f"Встреча {n}", held_on=datetime.date(2026, 10, 1)
        )
        event.attendees.set(mentors[: n % 4])
        TrainingMaterial.objects.create(event=event, title="План", file=f"training/2026/{n:032x}.pdf")
    curator_client.get(reverse("training_events"))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = curator_client.get(reverse("training_events"))
    # session, user, roles, year, events with their counts, years for the switch, the school for the footer
    assert len(queries) == 7
    events = list(response.context["events"])
    assert len(events) == count
    assert sorted({e.attendee_count for e in events}) == sorted({n % 4 for n in range(count)})
    assert all(e.material_count == 1 for e in events)


# Materials


def test_the_curator_uploads_a_material_and_management_downloads_it(client, personas, event):
    client.force_login(personas.curator)
    upload = {"title": "Памятка наставника", "file": SimpleUploadedFile("memo.pdf", PDF)}
    response = client.post(reverse("training_material_add", args=[event.pk]), upload)
    assert response.status_code == 302 and response.url == event.get_absolute_url()
    material = TrainingMaterial.objects.get()
    for persona in ("curator", "director"):
        client.force_login(getattr(personas, persona))
        download = client.get(reverse("training_material", args=[material.pk]))
        assert download.status_code == 200
        assert b"".join(download.streaming_content) == PDF
        assert download["Content-Type"] == "application/pdf"
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Disposition"].startswith("attachment;")
    assert [(e.user, e.what) for e in DataExport.objects.order_by("at")] == [
        (personas.curator, f"Материал «Памятка наставника» ({event})"),
        (personas.director, f"Материал «Памятка наставника» ({event})"),
    ]


@pytest.mark.parametrize("persona", ["class_leader", "teacher", "mentor"])
def test_others_cannot_download_materials(client, personas, material, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("training_material", args=[material.pk])).status_code == 403
    assert not DataExport.objects.exists()


def test_a_material_whose_file_is_gone_is_404(curator_client, material, media):
    (media / material.file.name).unlink()
    assert curator_client.get(reverse("training_material", args=[material.pk])).status_code == 404
    assert not DataExport.objects.exists()
