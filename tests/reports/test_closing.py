"""Closing a school year: the blocks, the roll-over into the next year, the read-only closed year."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from mentoring.models import AcademicYear, Material, NormativeAct, RoadmapActivity
from pairs.models import Meeting, Mentorship
from participants.models import Consent, Mentee, Mentor, MentorProfile
from reports import closing
from surveys.models import Survey
from tests.concurrency import post_at_once
from tests.factories import make_act, make_activity, make_consent, make_mentee, make_mentor, make_person, make_stage

URL = reverse("year_close")
PAGE = f"{URL}?year=2026"
CLOSED = "Учебный год 2026/2027 закрыт: изменения в нём невозможны."


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def finished(school):
    """The school's pairs over: Анна finished, Вера's pair ended early (back in the bank), Борис
    still applying; a mentee supported without a pair and one who dropped out; the mentors
    working, interviewed, trained, and one archived."""
    Mentorship.objects.filter(pk=school.own_pair.pk).update(status="finished")
    Mentorship.objects.filter(pk=school.other_pair.pk).update(status="terminated", end_reason="Переезд")
    Mentee.objects.filter(pk=school.anna.pk).update(status="finished")
    Mentee.objects.filter(pk=school.vera.pk).update(status="bank")
    school.supported = make_mentee(
        make_person(last_name="Сопровождаемый", first_name="Семён"), status="support", support="Психолог"
    )
    school.dropped = make_mentee(make_person(last_name="Выбывшая", first_name="Дарья"), status="dropped")
    Mentor.objects.filter(pk=school.own_mentor.pk).update(status="working", notes="Заметка", results="Итоги")
    Mentor.objects.filter(pk=school.other_mentor.pk).update(status="interviewed")
    Mentor.objects.filter(pk=school.student_mentor.pk).update(status="trained")
    school.archived = make_mentor(
        make_person(last_name="Архивный", first_name="Юрий", kind="teacher"), status="archived"
    )
    stage = make_stage(school.own_pair.year)
    make_activity(stage, start=datetime.date(2026, 9, 1), end=datetime.date(2027, 2, 28), title="Итоги года")
    return school


def close_data(mentors=(), mentees=()):
    return {"mentors": [m.pk for m in mentors], "mentees": [m.pk for m in mentees]}


def all_ticked(school):
    return close_data(
        [school.own_mentor, school.other_mentor, school.student_mentor],
        [school.vera, school.boris, school.supported],
    )


# What blocks closing


def test_open_pairs_and_drafts_block_closing_by_name(curator_client, school, year):
    draft = make_act(year, status="draft", number="7-о", heading="О закреплении пар")
    page = curator_client.get(PAGE)
    assert page.status_code == 200 and not page.context["can_close"]
    titles = [block.title for block in page.context["blocks"]]
    assert titles == ["Не завершены пары и группы", "В реестре остались черновики документов"]
    html = page.content.decode()
    for pair in (school.own_pair, school.other_pair):
        assert f'href="{pair.get_absolute_url()}"' in html and f"{pair} — " in html
    assert f'href="{draft.get_absolute_url()}"' in html and "Приказ № 7-о от 10.11.2026" in html

    response = curator_client.post(PAGE, close_data([school.own_mentor], [school.boris]))
    assert response.status_code == 302 and response.url == PAGE
    assert messages_of(response) == [
        "Учебный год нельзя закрыть: не завершены пары и группы; в реестре остались черновики документов."
    ]
    year.refresh_from_db()
    assert not year.is_closed and not AcademicYear.objects.filter(start_year=2027).exists()
    assert Mentor.objects.count() == 3 and Mentee.objects.count() == 3


def test_a_closed_year_and_a_closed_next_year_block_closing(finished, year):
    AcademicYear.objects.create(start_year=2027, closed_at=timezone.now())
    assert [block.title for block in closing.blocks(year)] == ["Следующий учебный год 2027/2028 уже закрыт"]
    with pytest.raises(closing.Refused):
        closing.close(year, None)
    year.closed_at = timezone.now()
    assert closing.blocks(year)[0].title.startswith("Учебный год уже закрыт ")


# Closing and the roll-over


def test_closing_carries_the_ticked_mentors_and_mentees_into_the_next_year(curator_client, finished, personas, forms):
    school = finished
    page = curator_client.get(PAGE)
    assert page.context["can_close"] and not page.context["blocks"]
    assert {m.pk for m in page.context["mentors"]} == {
        school.own_mentor.pk,
        school.other_mentor.pk,
        school.student_mentor.pk,
    }
    assert {m.pk for m in page.context["mentees"]} == {school.vera.pk, school.boris.pk, school.supported.pk}
    assert page.content.decode().count(" checked>") == 6  # all ticked by default

    # The student mentor and Семён are unticked.
    data = close_data([school.own_mentor, school.other_mentor], [school.vera, school.boris])
    response = curator_client.post(PAGE, data)
    assert response.status_code == 302 and response.url == PAGE
    assert messages_of(response) == [
        "Учебный год 2026/2027 закрыт.",
        "Перенесено в банк наставников 2027/2028 учебного года: 2.",
        "Перенесено в банк наставляемых 2027/2028 учебного года: 2.",
        "Дорожная карта на 2027/2028 учебный год скопирована: сроки сдвинуты на год.",
        "Текущий учебный год: 2027/2028.",
    ]
    year = AcademicYear.objects.get(start_year=2026)
    assert year.is_closed and year.closed_by == personas.curator and not year.is_current
    next_year = AcademicYear.objects.get(start_year=2027)
    assert next_year.is_current and not next_year.is_closed

    mentors = {m.person_id: m for m in Mentor.objects.filter(year=next_year).prefetch_related("forms")}
    assert set(mentors) == {school.own_mentor.person_id, school.other_mentor.person_id}
    own = mentors[school.own_mentor.person_id]
    assert (own.status, own.capacity, own.appointment, own.notes, own.results) == ("trained", 3, None, "", "")
    assert set(own.forms.all()) == {forms.teacher_student, forms.student}
    assert mentors[school.other_mentor.person_id].status == "candidate"

    mentees = {m.person_id: m for m in Mentee.objects.filter(year=next_year)}
    assert set(mentees) == {school.vera.person_id, school.boris.person_id}
    vera = mentees[school.vera.person_id]
    assert (vera.status, vera.form, vera.notes) == ("bank", forms.student, "Перенесён из 2026/2027 учебного года")

    activity = RoadmapActivity.objects.get(stage__year=next_year)
    assert (activity.title, activity.start_date, activity.end_date) == (
        "Итоги года",
        datetime.date(2027, 9, 1),
        datetime.date(2028, 2, 29),  # the month's last day stays the last day
    )

    page = curator_client.get(PAGE).content.decode()
    today = timezone.localdate().strftime("%d.%m.%Y")
    assert f"Учебный год 2026/2027 закрыт {today} (Соколова Ирина)." in page
    assert 'data-testid="close"' not in page


def test_people_already_in_the_next_years_banks_are_reported_not_duplicated(curator_client, finished):
    school = finished
    next_year = AcademicYear.objects.create(start_year=2027)
    make_stage(next_year, title="Свой этап")
    make_mentee(school.boris.person, year=next_year, status="application")
    make_mentor(school.own_mentor.person, year=next_year)
    page = curator_client.get(PAGE).content.decode()
    assert page.count("уже есть в 2027/2028") == 2
    response = curator_client.post(PAGE, all_ticked(school))
    messages = messages_of(response)
    assert "Перенесено в банк наставников 2027/2028 учебного года: 2." in messages
    assert "Перенесено в банк наставляемых 2027/2028 учебного года: 2." in messages
    assert "Уже были в банках 2027/2028 учебного года: Королёв Дмитрий, Борисов Борис." in messages
    assert Mentee.objects.get(year=next_year, person=school.boris.person).status == "application"
    assert Mentor.objects.filter(year=next_year).count() == 3 and Mentee.objects.filter(year=next_year).count() == 3
    # The next year kept its own roadmap.
    assert list(next_year.roadmap_stages.values_list("title", flat=True)) == ["Свой этап"]


def test_a_year_without_a_roadmap_gives_the_next_one_the_seed_roadmap(finished, year, personas):
    year.roadmap_stages.all().delete()
    outcome = closing.close(year, personas.curator)
    assert outcome.roadmap == "seeded" and outcome.next_year.roadmap_stages.count() > 1


def test_closing_twice_closes_and_carries_once(curator_client, finished, year, personas):
    first = curator_client.post(PAGE, all_ticked(finished))
    curator_client.get(PAGE)  # shows the first submit's messages
    second = curator_client.post(PAGE, all_ticked(finished))
    assert first.status_code == second.status_code == 302
    assert messages_of(second) == ["Учебный год 2026/2027 уже закрыт."]
    assert Mentor.objects.filter(year__start_year=2027).count() == 3
    assert Mentee.objects.filter(year__start_year=2027).count() == 3
    assert closing.close(year, personas.curator).closed is False
    assert Mentor.objects.filter(year__start_year=2027).count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_double_submit_at_the_same_moment_closes_once(finished, personas):
    statuses = post_at_once(personas.curator, PAGE, all_ticked(finished))
    assert statuses == [302, 302]
    assert AcademicYear.objects.get(start_year=2026).is_closed
    assert Mentor.objects.filter(year__start_year=2027).count() == 3
    assert Mentee.objects.filter(year__start_year=2027).count() == 3


def test_a_non_current_year_closes_without_changing_the_current_one(finished, personas):
    earlier = AcademicYear.objects.create(start_year=2024)
    outcome = closing.close(earlier, personas.curator)
    assert outcome.closed and not outcome.made_current
    assert AcademicYear.objects.current().start_year == 2026
    assert AcademicYear.objects.get(start_year=2025).roadmap_stages.exists()


# The closed year is read-only through the real pages


@pytest.fixture
def closed(curator_client, finished, year):
    make_act(year, number="12-о")
    curator_client.post(PAGE, all_ticked(finished))
    year.refresh_from_db()
    assert year.is_closed
    return finished


def assert_refused(response):
    assert response.status_code == 403
    assert CLOSED in response.content.decode()


def test_editing_a_closed_years_mentee_is_refused(curator_client, closed):
    url = reverse("mentee_edit", args=[closed.boris.pk])
    response = curator_client.post(
        url, {"status": "bank", "form": closed.boris.form_id, "request": "Новый запрос"}, HTTP_REFERER=url
    )
    assert_refused(response)
    assert f'href="{url}"' in response.content.decode()  # back to where the change was tried
    closed.boris.refresh_from_db()
    assert (closed.boris.status, closed.boris.request) == ("application", "")
    # An htmx request gets the message alone.
    htmx = curator_client.post(url, {"status": "bank", "form": closed.boris.form_id}, HTTP_HX_REQUEST="true")
    assert htmx.status_code == 403 and htmx.content.decode() == CLOSED


def test_adding_a_meeting_to_a_closed_years_pair_is_refused(curator_client, closed):
    url = reverse("meeting_add", args=[closed.own_pair.pk])
    data = {"stage": "series", "topic": "Разбор контрольной", "planned_on": "2027-02-10", "planned_time": ""}
    assert_refused(curator_client.post(url, data))
    assert not Meeting.objects.exists()


def test_drafting_a_document_in_a_closed_year_is_refused(curator_client, closed):
    url = reverse("act_add", args=["pairs_order"]) + "?year=2026"
    assert_refused(curator_client.post(url, {"number": "99-о", "date": "2027-06-01"}))
    assert not NormativeAct.objects.filter(number="99-о").exists()


def test_changing_a_closed_years_roadmap_is_refused(curator_client, closed):
    activity = RoadmapActivity.objects.get(stage__year__start_year=2026)
    url = reverse("activity_edit", args=[activity.pk])
    data = {"title": "Другое", "start_date": "2026-09-01", "end_date": "2027-02-28", "evidence_code": ""}
    assert_refused(curator_client.post(url, data))
    assert_refused(curator_client.post(reverse("activity_done", args=[activity.pk]), {"note": ""}))
    activity.refresh_from_db()
    assert (activity.title, activity.done_at) == ("Итоги года", None)


def test_consents_the_long_term_base_best_practices_and_publishing_stay_writable(curator_client, closed):
    person = closed.own_mentor.person
    consent = make_consent(person, given_on=datetime.date(2025, 9, 1))
    today = timezone.localdate()
    response = curator_client.post(reverse("consent_withdraw", args=[consent.pk]), {"withdrawn_on": today.isoformat()})
    assert response.status_code == 302
    assert Consent.objects.get(pk=consent.pk).withdrawn_on == today

    response = curator_client.post(reverse("mentor_profile_edit", args=[person.pk]), {"rating": 5, "notes": "Лучший"})
    assert response.status_code == 302
    assert MentorProfile.objects.get(person=person).rating == 5

    pair = Mentorship.objects.get(pk=closed.own_pair.pk)
    pair.best_practice, pair.case = True, Material.objects.create(title="Кейс", kind=Material.Kind.CASE)
    pair.save(update_fields=["best_practice", "case", "updated_at"])
    mentee = Mentee.objects.get(pk=closed.anna.pk)
    mentee.best_practice = True
    mentee.save(update_fields=["best_practice", "updated_at"])
    assert Mentorship.objects.get(pk=pair.pk).best_practice and Mentee.objects.get(pk=mentee.pk).best_practice

    act = NormativeAct.objects.get(number="12-о")
    assert curator_client.post(reverse("act_publish", args=[act.pk])).status_code == 302
    assert NormativeAct.objects.get(pk=act.pk).status == "published"


def test_closed_years_pages_say_they_are_read_only(curator_client, closed):
    banner = "Учебный год 2026/2027 закрыт"
    for name in ("roadmap", "mentees", "mentors", "mentorships", "acts"):
        page = curator_client.get(reverse(name) + "?year=2026").content.decode()
        assert banner in page and "данные доступны только для чтения" in page, name
        assert banner not in curator_client.get(reverse(name)).content.decode(), name  # the new current year


def test_the_years_page_shows_closed_years_and_offers_closing_the_open_ones(curator_client, closed, personas, client):
    page = curator_client.get(reverse("years")).content.decode()
    assert f"закрыт {timezone.localdate():%d.%m.%Y}" in page
    assert f'href="{URL}?year=2027"' in page and f'href="{URL}?year=2026"' not in page
    client.force_login(personas.director)
    assert "Закрыть год" not in client.get(reverse("years")).content.decode()


# Access


def test_the_administration_reads_the_page_but_only_the_curator_closes(client, finished, personas):
    client.force_login(personas.director)
    page = client.get(PAGE)
    assert page.status_code == 200 and "Учебный год закрывает куратор программы." in page.content.decode()
    assert client.post(PAGE, all_ticked(finished)).status_code == 403
    assert not AcademicYear.objects.get(start_year=2026).is_closed


@pytest.mark.parametrize("persona", ["teacher", "mentor", "class_leader"])
def test_other_roles_are_refused(client, finished, personas, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, all_ticked(finished)).status_code == 403
    assert not AcademicYear.objects.get(start_year=2026).is_closed


def test_anonymous_users_are_sent_to_log_in(client, year):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.post(PAGE).status_code == 302 and not AcademicYear.objects.get().is_closed


def test_the_page_costs_the_same_queries_for_few_and_many_people(
    curator_client, finished, django_assert_max_num_queries
):
    curator_client.get(PAGE)  # warm up the session and the dictionaries
    with django_assert_max_num_queries(20) as few:
        curator_client.get(PAGE)
    for number in range(30):
        make_mentee(make_person(last_name=f"Новиков{number}"), status="bank", form=finished.boris.form)
        make_mentor(make_person(last_name=f"Учителев{number}", kind="teacher"), forms=[finished.boris.form])
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = curator_client.get(PAGE)
    assert len(page.context["mentees"]) == 33 and len(page.context["mentors"]) == 33


def test_a_year_not_yet_begun_or_with_an_earlier_open_year_does_not_close(finished, year):
    future = AcademicYear.objects.create(start_year=2027)
    titles = [block.title for block in closing.blocks(future)]
    assert titles == ["Не закрыты предыдущие учебные годы", "Учебный год 2027/2028 ещё не начался: текущий — 2026/2027"]
    with pytest.raises(closing.Refused):
        closing.close(future, None)
    assert not AcademicYear.objects.get(start_year=2027).is_closed


def test_a_closed_year_does_not_become_current_and_takes_no_one_into_its_banks(curator_client, closed):
    response = curator_client.post(reverse("year_make_current", args=[2026]), follow=True)
    assert "текущим может стать только открытый год" in response.content.decode()
    assert AcademicYear.objects.current().start_year == 2027
    assert AcademicYear.objects.get(start_year=2026).is_closed


def test_closing_stops_the_years_open_questionnaires(finished, year, personas):
    survey = Survey.objects.create(title="Итоги программы", year=year, purpose=Survey.Purpose.AFTER)
    closing.close(year, personas.curator)
    survey.refresh_from_db()
    assert survey.stopped
