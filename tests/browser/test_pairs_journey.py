"""On the demo school, the curator runs matching, reads why a pair was proposed, accepts it and
writes its programme; the pair's mentor logs the first meeting."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from mentoring.models import AcademicYear, User
from pairs import workflow
from pairs.models import Meeting, Mentorship, PairRule, Programme
from participants.models import Mentee, Mentor
from tests.browser.conftest import log_in

PASSWORD = "nastavnik2026"


@pytest.fixture
def demo_school(db):
    call_command("seed_demo", stdout=StringIO())
    year = AcademicYear.objects.current()
    # Earlier the curator locked a pair for the demo mentor (login «mentor»), so this run proposes it.
    mentor = Mentor.objects.get(year=year, person__user__username="mentor")
    Mentor.objects.filter(pk=mentor.pk).update(capacity=5)
    mentee = (
        Mentee.objects.filter(year=year, status=Mentee.Status.IN_BANK, form__name="учитель – ученик")
        .exclude(mentorships__status__in=Mentorship.OPEN)
        .select_related("person")
        .first()
    )
    workflow.set_rule(year, mentee, mentor, PairRule.Kind.LOCK, User.objects.get(username="curator"))
    return mentee, mentor


def test_the_curator_matches_accepts_and_plans_and_the_mentor_logs_a_meeting(page, browser, live_server, demo_school):
    mentee, mentor = demo_school
    name = mentee.person.full_name

    log_in(page, "curator", PASSWORD)
    page.get_by_role("link", name="Пары и группы").first.click()
    page.get_by_role("link", name="Подбор", exact=True).click()
    page.get_by_role("button", name="Подобрать пары").click()
    expect(page.get_by_text("Подбор выполнен")).to_be_visible()

    row = page.get_by_test_id("proposals").get_by_role("row").filter(has_text=name)
    expect(row).to_contain_text(mentor.person.full_name)
    expect(row).to_contain_text("закреплена")
    row.get_by_role("link", name="Почему эта пара").click()
    explanation = page.get_by_test_id("explanation")
    expect(explanation).to_contain_text("Запрос ученика и чем может помочь наставник")
    expect(explanation).to_contain_text("Итого")
    page.get_by_test_id("accept").click()
    expect(page.get_by_text("Пара создана")).to_be_visible()

    pair = Mentorship.objects.get(mentees=mentee, mentor=mentor, status=Mentorship.Status.PROPOSED)
    accepted = page.get_by_test_id("proposals").get_by_role("row").filter(has_text=name)
    accepted.get_by_role("link", name="пара", exact=True).click()
    page.get_by_role("link", name="Составить программу").click()
    page.get_by_label("Цель").fill("Подтянуть математику и научиться планировать подготовку к урокам.")
    page.get_by_role("button", name="Сохранить программу").click()
    page.get_by_role("button", name="Утвердить календарь").click()
    expect(page.get_by_text("утвержд").first).to_be_visible()
    programme = Programme.objects.get(mentorship=pair)
    assert programme.calendar_approved_at is not None
    assert pair.meetings.order_by("planned_on", "pk").first().stage == Meeting.Stage.ACQUAINTANCE

    mentor_context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    mentor_page = mentor_context.new_page()
    log_in(mentor_page, "mentor", PASSWORD)
    mentor_page.get_by_role("link", name="Мои наставляемые").first.click()
    card = mentor_page.get_by_test_id("mentorship").filter(has_text=name)
    card.get_by_role("link", name="Отметить встречу").first.click()
    mentor_page.get_by_label("состоялась", exact=True).check()
    mentor_page.get_by_label("Дата проведения").fill(timezone.localdate().isoformat())
    mentor_page.get_by_label("Длительность, мин").fill("45")
    mentor_page.get_by_label("Заметки").fill("Познакомились, договорились о встречах по средам.")
    mentor_page.get_by_role("button", name="Сохранить отметку").click()
    expect(mentor_page.locator(".alert-success")).to_be_visible()
    mentor_page.get_by_role("link", name="Мои наставляемые").first.click()
    expect(mentor_page.get_by_test_id("mentorship").filter(has_text=name)).to_contain_text("Проведено встреч: 1")
    held = pair.meetings.get(held=True)
    assert (held.stage, held.duration, held.logged_by.username) == (Meeting.Stage.ACQUAINTANCE, 45, "mentor")
    assert not page.csp_violations
    mentor_context.close()
