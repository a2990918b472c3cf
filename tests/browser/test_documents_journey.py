"""On the demo school, the curator drafts an order fixing pairs, leaves out the pair that is not
ready and previews the PDF; the director signs it, downloads the signed PDF, and the pair it
fixed cites the order."""

import datetime
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from mentoring.models import AcademicYear, NormativeAct
from pairs.models import Mentorship
from participants.models import Consent, Mentor
from reports import documents
from tests.browser.conftest import log_in

PASSWORD = "nastavnik2026"
Kind = NormativeAct.Kind


@pytest.fixture
def pairs_in_waiting(db):
    """The demo's two proposed pairs, taken out of the demo's draft order: one made ready (its
    mentees' consents in, its mentor appointed), the other still without a mentee's consent."""
    call_command("seed_demo", stdout=StringIO())
    year = AcademicYear.objects.current()
    waiting = list(
        Mentorship.objects.filter(year=year, status=Mentorship.Status.PROPOSED, order__status=NormativeAct.Status.DRAFT)
        .select_related("mentor__person")
        .order_by("pk")
    )
    assert len(waiting) >= 2, "the demo leaves at least two pairs waiting in a draft order"
    ready, other = waiting[0], waiting[1]
    Mentorship.objects.filter(pk__in=[ready.pk, other.pk]).update(order=None)
    Mentor.objects.filter(pk=ready.mentor_id).update(status=Mentor.Status.APPOINTED)
    for mentee in ready.mentees.select_related("person"):
        if not mentee.person.consents.filter(kind=Consent.Kind.PERSONAL_DATA, withdrawn_on__isnull=True).exists():
            Consent.objects.create(
                person=mentee.person,
                kind=Consent.Kind.PERSONAL_DATA,
                given_by=Consent.GivenBy.REPRESENTATIVE,
                representative_name="Законный Представитель Иванович",
                given_on=datetime.date(year.start_year, 9, 1),
            )
    assert not other.mentees.filter(
        person__consents__kind=Consent.Kind.PERSONAL_DATA, person__consents__withdrawn_on__isnull=True
    ).exists()
    return ready, other


def test_the_curator_drafts_a_pairs_order_and_the_director_signs_it(page, pairs_in_waiting):
    ready, other = pairs_in_waiting
    ready_mentee = ready.mentees.select_related("person").order_by("person__last_name").first().person
    other_mentee = other.mentees.select_related("person").first().person
    today = timezone.localdate()
    number = documents.next_number(Kind.PAIRS_ORDER, today)

    # The curator drafts the order from the register.
    log_in(page, "curator", PASSWORD)
    page.get_by_role("link", name="Документы", exact=True).first.click()
    expect(page.get_by_role("heading", name="Реестр документов")).to_be_visible()
    page.get_by_role("button", name="Подготовить документ").click()
    page.locator(".dropdown-menu").get_by_role("link", name="Приказ о закреплении наставнических пар и групп").click()
    expect(page.get_by_label("Номер")).to_have_value(number)
    expect(page.get_by_label("Дата")).to_have_value(today.isoformat())
    page.get_by_role("button", name="Создать черновик").click()

    page.wait_for_url("**/documents/*/edit/")
    expect(page.get_by_text("Черновик создан из типового текста")).to_be_visible()
    act = NormativeAct.objects.get(kind=Kind.PAIRS_ORDER, number=number, status=NormativeAct.Status.DRAFT)
    assert "О закреплении наставнических пар" in page.get_by_label("Заголовок").input_value()
    page.get_by_role("button", name="Сохранить", exact=True).click()
    page.wait_for_url(f"**{reverse('act', args=[act.pk])}")
    expect(page.get_by_text("Сохранено.")).to_be_visible()

    # Both waiting pairs are in by default; the one without a consent keeps it from signing.
    problems = page.get_by_test_id("problems")
    expect(problems).to_contain_text("Нет согласия на обработку персональных данных")
    expect(problems).to_contain_text(other_mentee.full_name)
    candidates = page.get_by_test_id("candidates")
    expect(candidates.locator(f"#chosen-{ready.pk}")).to_be_checked()
    expect(candidates.locator(f"#chosen-{other.pk}")).to_be_checked()
    candidates.locator(f"#chosen-{other.pk}").uncheck()
    page.get_by_role("button", name="Сохранить состав").click()
    expect(page.get_by_text("В приказе: 1.")).to_be_visible()
    expect(page.get_by_test_id("problems")).to_have_count(0)
    expect(page.get_by_text("Черновик готов к подписанию администрацией.")).to_be_visible()
    assert list(act.mentorships.values_list("pk", flat=True)) == [ready.pk]

    # The preview of the draft is a PDF made from live data.
    preview = page.get_by_role("link", name="Просмотр проекта (PDF)")
    response = page.request.get(preview.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    page.locator("#user-menu").click()
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url("**/login/**")

    # The director finds it in the register and signs it.
    log_in(page, "director", PASSWORD)
    page.get_by_role("link", name="Документы", exact=True).first.click()
    row = page.get_by_test_id("acts").get_by_role("row").filter(has_text=f"№ {number}")
    expect(row).to_contain_text("черновик")
    row.get_by_role("link", name="Приказ о закреплении наставнических пар и групп").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("sign").click()
    expect(page.get_by_text("PDF сохранён и больше не изменится")).to_be_visible()
    expect(page.get_by_test_id("status")).to_contain_text("подписан")

    # The signed PDF says what was signed and lists the pair.
    response = page.request.get(page.get_by_role("link", name="Документ (PDF)").get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(BytesIO(response.body())).pages).split())
    assert "ПРИКАЗ" in text
    assert f"№ {number}" in text
    assert "О закреплении наставнических пар" in text
    assert ready_mentee.full_name in text
    assert other_mentee.full_name not in text
    assert "ПРОЕКТ" not in text

    # The pair cites the order; the one left out waits for the next.
    label = f"Приказ № {number} от {today:%d.%m.%Y}"
    page.goto(reverse("mentorship", args=[ready.pk]))
    expect(page.get_by_test_id("order")).to_have_text(label)
    ready.refresh_from_db()
    other.refresh_from_db()
    assert (ready.status, ready.order_id) == (Mentorship.Status.APPROVED, act.pk)
    assert (other.status, other.order_id) == (Mentorship.Status.PROPOSED, None)
    assert not page.csp_violations, "\n".join(page.csp_violations)
