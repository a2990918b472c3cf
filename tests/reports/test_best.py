"""The year's completion: best practices marked, cases written into the piggy bank, and the
long-term mentor base corrected."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mentoring.models import Material
from pairs.models import Meeting, Mentorship, Programme
from participants.models import Mentee, Mentor, MentorProfile, Person
from reports import best
from tests.concurrency import post_at_once
from tests.factories import make_mentee, make_mentor, make_mentorship, make_person

Status = Mentorship.Status


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def finish(pair, achievements="Сдала контрольную на «4»", outcome="reached"):
    Mentorship.objects.filter(pk=pair.pk).update(
        status=Status.FINISHED, achievements=achievements, outcome=outcome, ended_on=datetime.date(2027, 4, 25)
    )
    pair.refresh_from_db()
    return pair


@pytest.fixture
def worked(school):
    """Anna's pair with Королёв finished, with its programme and journal; Вера's pair still working."""
    pair = finish(school.own_pair)
    Programme.objects.create(
        mentorship=pair,
        request="Трудности с дробями. Боится отвечать у доски",
        goal="Уверенно решать задачи с дробями",
        tasks="Разобрать действия с дробями\n- Решать задачи вслух",
        expected_results="Оценка не ниже «4»",
        starts_on=datetime.date(2026, 11, 1),
        ends_on=datetime.date(2027, 4, 30),
    )
    meetings = [
        ("acquaintance", "Знакомство и ожидания", datetime.date(2026, 11, 5), True, "in_person"),
        ("series", "Сложение дробей", datetime.date(2026, 12, 3), True, "online"),
        ("series", "Задачи на части", datetime.date(2027, 2, 10), True, "in_person"),
        ("series", "Несостоявшаяся тема", datetime.date(2027, 3, 1), False, "in_person"),
    ]
    for stage, topic, day, held, form in meetings:
        Meeting.objects.create(
            mentorship=pair,
            stage=stage,
            topic=topic,
            planned_on=day,
            held=held,
            held_on=day if held else None,
            duration=45,
            format=form,
        )
    return school


def mark(client, year_pairs=(), mentors=()):
    return client.post(
        reverse("best_practices"), {"pair": [p.pk for p in year_pairs], "mentor": [m.pk for m in mentors]}
    )


# The best-practices page


def test_the_page_lists_finished_pairs_and_the_working_ones_apart(curator_client, worked):
    response = curator_client.get(reverse("best_practices"))
    listing = response.context["listing"]
    assert [m.pk for m in listing.finished] == [worked.own_pair.pk]
    assert [m.pk for m in listing.active] == [worked.other_pair.pk]
    assert listing.finished[0].held_count == 3
    html = response.content.decode()
    assert "не завершена" in html and 'name="pair"' in html and "Антонова Анна" in html
    assert "цели достигнуты" in html


def test_the_administration_reads_without_a_form_and_cannot_mark(client, personas, worked):
    client.force_login(personas.director)
    response = client.get(reverse("best_practices"))
    assert response.status_code == 200
    assert 'name="pair"' not in response.content.decode()
    assert mark(client, [worked.own_pair]).status_code == 403
    assert not Mentorship.objects.get(pk=worked.own_pair.pk).best_practice


@pytest.mark.parametrize("persona", ["teacher", "mentor", "outsider"])
def test_others_may_not_open_the_completion_pages(client, personas, worked, persona):
    client.force_login(getattr(personas, persona))
    assert client.get(reverse("best_practices")).status_code == 403
    assert client.get(reverse("mentor_base")).status_code == 403
    assert client.get(reverse("best_case", args=[worked.own_pair.pk])).status_code == 403


def test_anonymous_users_log_in_first(client, worked):
    response = client.get(reverse("best_practices"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_marking_a_pair_marks_its_mentees_and_mentor_and_unmarking_takes_it_back(curator_client, worked):
    pair, other = worked.own_pair, worked.other_pair
    response = mark(curator_client, [pair])
    assert response.status_code == 302
    pair.refresh_from_db()
    assert pair.best_practice and not Mentorship.objects.get(pk=other.pk).best_practice
    assert Mentee.objects.get(pk=worked.anna.pk).best_practice
    assert Mentor.objects.get(pk=worked.own_mentor.pk).best_practice
    assert not Mentor.objects.get(pk=worked.other_mentor.pk).best_practice
    assert pair.history.first().best_practice and pair.history.first().history_user.username == "curator"
    # Submitted again: nothing changes, nothing more in the history.
    versions = pair.history.count()
    again = mark(curator_client, [pair])
    assert messages_of(again)[-1] == "Отметки не изменились." and pair.history.count() == versions

    mark(curator_client, [], mentors=[worked.other_mentor])
    assert not Mentorship.objects.get(pk=pair.pk).best_practice
    assert not Mentee.objects.get(pk=worked.anna.pk).best_practice
    assert not Mentor.objects.get(pk=worked.own_mentor.pk).best_practice
    assert Mentor.objects.get(pk=worked.other_mentor.pk).best_practice


def test_a_working_pair_may_be_marked_too(curator_client, worked):
    mark(curator_client, [worked.other_pair])
    assert Mentorship.objects.get(pk=worked.other_pair.pk).best_practice
    assert Mentee.objects.get(pk=worked.vera.pk).best_practice


def test_a_pair_not_listed_is_refused(curator_client, worked, school):
    proposed = make_mentorship(school.student_mentor, [school.boris])
    response = mark(curator_client, [proposed])
    assert response.status_code == 200
    assert messages_of(response) == ["Список пар изменился — отметьте заново."]
    assert not Mentorship.objects.get(pk=proposed.pk).best_practice


def test_the_best_page_costs_a_fixed_number_of_queries(curator_client, worked, forms, year):
    url = reverse("best_practices")
    curator_client.get(url)
    with CaptureQueriesContext(connection) as few:
        curator_client.get(url)
    for number in range(8):
        mentor = make_mentor(make_person(last_name=f"Учителев{number}", first_name="Иван", kind="teacher"))
        mentees = [make_mentee(make_person(last_name=f"Ученик{number}{i}", first_name="Пётр")) for i in range(2)]
        finish(make_mentorship(mentor, mentees, form=forms.student, status="active"))
    with CaptureQueriesContext(connection) as many:
        response = curator_client.get(url)
    assert len(many) == len(few)
    assert len(response.context["listing"].finished) == 9


# Cases


def test_the_draft_tells_the_story_without_the_childrens_first_names(worked):
    draft = best.draft_case(worked.own_pair)
    assert draft.title == "Кейс: учитель – ученик — Трудности с дробями"
    text = draft.text
    for heading in ("Запрос", "Цель и задачи", "Как работали", "Результаты", "Участники"):
        assert f"{heading}\n" in text
    assert "Трудности с дробями. Боится отвечать у доски" in text
    assert "Цель: Уверенно решать задачи с дробями" in text and "— Решать задачи вслух" in text
    assert "Проведено встреч: 3 (с 05.11.2026 по 10.02.2027)." in text
    assert "Формат: очно и дистанционно." in text
    assert "— Сложение дробей (03.12.2026)" in text and "Несостоявшаяся тема" not in text
    assert "Сдала контрольную на «4»" in text and "Итог: цели достигнуты." in text
    assert "Антонова А., 7А класс" in text
    assert "Анна" not in text and "Анна" not in draft.title
    assert "Наставник: Королёв Дмитрий" in text and draft.authors.startswith("Королёв Дмитрий")


def test_a_groups_case_is_titled_after_the_group(school, forms):
    group = finish(make_mentorship(school.student_mentor, [school.boris, school.vera], form=forms.student))
    draft = best.draft_case(group)
    assert draft.title == "Кейс: ученик – ученик — Олимпиадная группа"
    assert "Наставляемые: Борисов Б., 7А класс; Веселова В., 10Б класс." in draft.text
    assert not re.search(r"\b(Борис|Вера)\b", draft.text)
    assert "Запрос не записан." in draft.text and "Программа не составлена." in draft.text
    assert "Наставник: Старшеклассников Глеб, 10Б класс." in draft.text


def test_no_growth_lines_without_both_assessments(worked):
    assert best._growth_lines(worked.own_pair) == []


def test_writing_a_case_for_a_pair_not_marked_best_is_refused(curator_client, worked):
    response = curator_client.get(reverse("best_case", args=[worked.own_pair.pk]))
    assert response.status_code == 302 and response.url == reverse("best_practices")
    assert "сначала отметьте пару как лучшую" in messages_of(response)[0]


def test_the_curator_writes_the_case_from_the_draft_and_saving_again_edits_it(curator_client, worked, year):
    pair = worked.own_pair
    mark(curator_client, [pair])
    url = reverse("best_case", args=[pair.pk])
    form = curator_client.get(url).context["form"]
    assert form.initial["title"].startswith("Кейс: учитель – ученик")
    assert "Сложение дробей" in form.initial["text"]
    data = {
        "title": form.initial["title"],
        "text": form.initial["text"],
        "tags": form.initial["tags"],
        "authors": form.initial["authors"],
    }
    response = curator_client.post(url, data)
    case = Material.objects.get()
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    assert (case.kind, case.year, case.description) == (Material.Kind.CASE, year, data["text"])
    assert sorted(tag.name for tag in case.tags.all()) == ["лучшая практика", "учитель – ученик"]
    pair.refresh_from_db()
    assert pair.case == case

    curator_client.post(url, {**data, "title": "Дроби без страха"})
    assert Material.objects.count() == 1
    case.refresh_from_db()
    assert case.title == "Дроби без страха"
    # The case already written is what the page shows next time.
    assert curator_client.get(url).context["form"].initial["title"] == "Дроби без страха"
    # The pair's page links to its case; the best page offers to change it.
    assert reverse("material", args=[case.pk]) in curator_client.get(pair.get_absolute_url()).content.decode()
    assert "Изменить кейс" in curator_client.get(reverse("best_practices")).content.decode()


def test_two_case_saves_at_the_same_moment_make_one_material(personas, transactional_db, worked):
    Mentorship.objects.filter(pk=worked.own_pair.pk).update(best_practice=True)
    data = {"title": "Кейс", "text": "Текст", "tags": "дроби", "authors": "Королёв Д."}
    statuses = post_at_once(personas.curator, reverse("best_case", args=[worked.own_pair.pk]), data)
    assert statuses == [302, 302]
    assert Material.objects.count() == 1
    assert Mentorship.objects.get(pk=worked.own_pair.pk).case_id == Material.objects.get().pk


def test_the_administration_reads_cases_in_the_piggy_bank_but_does_not_write_them(client, personas, worked):
    Mentorship.objects.filter(pk=worked.own_pair.pk).update(best_practice=True)
    client.force_login(personas.director)
    assert client.get(reverse("best_case", args=[worked.own_pair.pk])).status_code == 403


# The long-term mentor base


def test_the_base_lists_the_years_mentors_with_what_the_year_showed(curator_client, worked, school):
    Mentor.objects.filter(pk=school.student_mentor.pk).update(status=Mentor.Status.ARCHIVED)
    Mentorship.objects.filter(pk=worked.own_pair.pk).update(best_practice=True)
    response = curator_client.get(reverse("mentor_base"))
    rows = {row.person.last_name: row for row, _form in response.context["rows"]}
    assert sorted(rows) == ["Другова", "Королёв"]
    own = rows["Королёв"]
    assert (own.finished, own.terminated, own.held, own.best) == (1, 0, 3, True)
    assert (rows["Другова"].finished, rows["Другова"].best) == (0, False)
    assert 'name="form-0-rating"' in response.content.decode()


def base_form(rows, **changes):
    """The mentor base form as the page shows it, with ``changes`` {person pk: (rating, notes)}."""
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        rating, notes = changes.get(str(row.person.pk), (row.rating, row.notes))
        data[f"form-{index}-person"] = str(row.person.pk)
        data[f"form-{index}-rating"] = "" if rating is None else str(rating)
        data[f"form-{index}-notes"] = notes
    return data


def test_the_curator_saves_ratings_and_notes_with_history(curator_client, worked, school):
    own, other = school.own_mentor.person, school.other_mentor.person
    MentorProfile.objects.create(person=other, rating=3, notes="Надёжна")
    url = reverse("mentor_base")
    rows = [row for row, _form in curator_client.get(url).context["rows"]]
    assert [row.person.last_name for row in rows] == ["Другова", "Королёв", "Старшеклассников"]
    response = curator_client.post(url, base_form(rows, **{str(own.pk): (5, "Лучшая практика года")}))
    assert response.status_code == 302
    assert messages_of(response) == ["Сохранено записей: 1."]
    profile = MentorProfile.objects.get(person=own)
    assert (profile.rating, profile.notes) == (5, "Лучшая практика года")
    assert profile.history.get().history_user.username == "curator"
    assert MentorProfile.objects.get(person=other).history.count() == 1  # untouched: the creation only
    assert MentorProfile.objects.count() == 2  # nothing made for a row left empty

    rows = [row for row, _form in curator_client.get(url).context["rows"]]
    data = base_form(rows, **{str(other.pk): (None, "Переходит в методисты")})
    curator_client.post(url, data)
    other_profile = MentorProfile.objects.get(person=other)
    assert (other_profile.rating, other_profile.notes) == (None, "Переходит в методисты")
    latest = other_profile.history.first()
    assert latest.history_type == "~" and latest.notes == "Переходит в методисты"
    assert latest.history_user.username == "curator"
    assert profile.history.count() == 1
    # The same form sent twice writes nothing more.
    assert messages_of(curator_client.post(url, data))[-1] == "Изменений нет."
    assert other_profile.history.count() == 2


def test_a_wrong_rating_is_refused_and_nothing_is_saved(curator_client, worked, school):
    own = school.own_mentor.person
    url = reverse("mentor_base")
    rows = [row for row, _form in curator_client.get(url).context["rows"]]
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for index, row in enumerate(rows):
        data[f"form-{index}-person"] = str(row.person.pk)
        data[f"form-{index}-rating"] = "7" if row.person == own else ""
        data[f"form-{index}-notes"] = "Заметка"
    response = curator_client.post(url, data)
    assert response.status_code == 200
    assert not MentorProfile.objects.exists()


def test_a_posted_list_that_no_longer_matches_is_not_saved(curator_client, worked, school):
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-person": str(school.own_mentor.person.pk),
        "form-0-rating": "4",
        "form-0-notes": "",
    }
    response = curator_client.post(reverse("mentor_base"), data)
    assert response.status_code == 200
    assert "Список наставников изменился" in messages_of(response)[0]
    assert not MentorProfile.objects.exists()


def test_the_administration_reads_the_base_without_a_form(client, personas, worked, school):
    MentorProfile.objects.create(person=school.own_mentor.person, rating=4, notes="Ведёт клуб")
    client.force_login(personas.director)
    response = client.get(reverse("mentor_base"))
    html = response.content.decode()
    assert response.status_code == 200 and "Ведёт клуб" in html and 'name="form-0-rating"' not in html
    assert client.post(reverse("mentor_base"), {}).status_code == 403


@pytest.mark.parametrize("count", [5, 30])
def test_the_base_costs_a_fixed_number_of_queries(curator_client, year, forms, count, django_assert_num_queries):
    for number in range(count):
        person = make_person(last_name=f"Наставник{number:02}", first_name="Иван", kind=Person.Kind.TEACHER)
        mentor = make_mentor(person)
        mentee = make_mentee(make_person(last_name=f"Ученик{number:02}", first_name="Пётр"))
        pair = finish(make_mentorship(mentor, [mentee], form=forms.student, status="active"))
        Meeting.objects.create(mentorship=pair, topic="Встреча", held=True, held_on=datetime.date(2026, 12, 1))
        if number % 2:
            MentorProfile.objects.create(person=person, rating=4)
    url = reverse("mentor_base")
    curator_client.get(url)
    with django_assert_num_queries(QUERIES_OF_THE_BASE):
        response = curator_client.get(url)
    assert len(response.context["rows"]) == count
    assert all(row.held == 1 and row.finished == 1 for row, _form in response.context["rows"])


# session, user, roles, the year, the mentors, their pairs, the school's name, the years for the switch
QUERIES_OF_THE_BASE = 8
