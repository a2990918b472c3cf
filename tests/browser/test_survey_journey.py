"""A student answers the intake questionnaire on a phone, once; the curator puts the answer into the bank."""

import pytest
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from participants.models import Mentee, SchoolClass
from surveys import copying
from surveys.models import Invitation, Response, Survey
from tests.browser.conftest import log_in
from tests.factories import make_person, make_school

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True, "has_touch": True}
REQUEST = "Не понимаю дроби и боюсь контрольных по математике."
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"
SEND = "Отправить ответы"
# Two copies of the form sent at once, past the button that disables itself: what a double tap
# does before the page's script has loaded. [status, whether the page says «Ответ получен»] each.
SEND_TWICE_AT_ONCE = """button => {
    const send = () => fetch(location.href, {method: "POST", body: new URLSearchParams(new FormData(button.form))})
        .then(async response => [response.status, (await response.text()).includes("Ответ получен")]);
    return Promise.all([send(), send()]);
}"""


@pytest.fixture
def phone(browser, live_server):
    """A phone's browser without a login: how a student opens a personal link."""
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", **PHONE)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.csp_violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.csp_violations.append(message.text),
    )
    yield page
    context.close()


def fill_intake(page):
    """Every required question of the student's intake, and the preferred form, tapped as on a phone."""
    topics = page.get_by_role("group", name="С чем тебе нужна помощь наставника?")
    topics.get_by_label("Математика", exact=True).tap()
    topics.get_by_label("Подготовка к ОГЭ или ЕГЭ", exact=True).tap()
    page.get_by_label("Расскажи своими словами").fill(REQUEST)
    page.get_by_label("ученик – ученик", exact=True).tap()
    page.get_by_label("И очно, и онлайн", exact=True).tap()
    page.get_by_label("Будни, днём после уроков", exact=True).tap()
    for scale in page.locator(".survey-question:has(.scale-options)").all():
        scale.get_by_text("8", exact=True).tap()  # the button is the radio's label; the radio itself is hidden


def test_a_student_answers_on_a_phone_once_and_the_curator_puts_the_answer_into_the_bank(page, phone, personas, year):
    make_school()
    seventh = SchoolClass.objects.get(year=year, grade=7, letter="А")
    student = make_person(last_name="Смирнова", first_name="Алёна", patronymic="Игоревна", school_class=seventh)
    hasty = make_person(last_name="Быстров", first_name="Егор", school_class=seventh)
    impatient = make_person(last_name="Дважды", first_name="Матвей", school_class=seventh)
    survey = copying.copy(Survey.objects.get(template_key="mentee_intake_student"), year, None)
    survey.opens_on = timezone.localdate()
    survey.save(update_fields=["opens_on"])
    required = survey.questions.filter(required=True).count()
    scales = survey.questions.filter(kind__in=["scale5", "scale10"]).count()

    # The curator invites class 7А: a personal link for each of its students.
    log_in(page, "curator")
    page.goto(f"/surveys/{survey.pk}/invitations/")
    page.get_by_label("7А", exact=True).check()
    page.get_by_role("button", name="Создать приглашения").click()
    expect(page.get_by_role("alert")).to_contain_text("Создано приглашений: 3.")
    links = {
        invitation.subject_id: invitation.get_absolute_url() for invitation in Invitation.objects.filter(survey=survey)
    }
    link = links[student.pk]

    # The student opens the link on a phone and first sends the form empty.
    phone.goto(link)
    expect(phone.get_by_role("heading", name=survey.title)).to_be_visible()
    assert phone.evaluate(NO_SIDEWAYS_SCROLL), "the form scrolls sideways on a phone"
    phone.get_by_role("button", name=SEND).click()
    summary = phone.get_by_role("alert")
    expect(summary).to_contain_text("Ответы не отправлены. Проверьте вопросы:")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_count(required)
    expect(phone.locator(".survey-question.has-error")).to_have_count(required)
    expect(phone.locator("#q-topics .invalid-feedback")).to_have_text("Выберите хотя бы один вариант.")
    expect(phone.locator("#q-request .invalid-feedback")).to_have_text("Обязательное поле.")
    expect(phone.locator("#q-growth_wellbeing .invalid-feedback")).to_have_text("Обязательное поле.")
    expect(phone.locator("#q-goal .invalid-feedback")).to_have_count(0)  # an optional question
    assert phone.evaluate(NO_SIDEWAYS_SCROLL), "the error messages make the form scroll sideways"
    assert not Response.objects.filter(survey=survey).exists()

    fill_intake(phone)
    expect(phone.locator(".survey-question.has-error")).to_have_count(0)  # answered: the errors went
    expect(phone.get_by_role("radio", name="8", checked=True)).to_have_count(scales)
    expect(phone.get_by_role("checkbox", checked=True)).to_have_count(3)
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)
    stale = phone.context.new_page()  # the same link open in a second tab, still showing the form
    stale.goto(link)
    with phone.expect_request(lambda request: request.method == "POST") as sent:
        phone.get_by_role("button", name=SEND).click()
    expect(phone.get_by_role("heading", name="Ответ получен")).to_be_visible()
    expect(phone.get_by_text("Спасибо! Ваши ответы сохранены.")).to_be_visible()
    assert phone.evaluate(NO_SIDEWAYS_SCROLL)

    # Back: Chromium does not resend the form by itself but asks («Confirm Form Resubmission»); its
    # «Continue» sends the same answers again, and the link only thanks once more.
    try:
        phone.go_back()
    except PlaywrightError as error:
        assert "ERR_CACHE_MISS" in error.message, error.message
    again = phone.request.post(
        link,
        data=sent.value.post_data,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        max_redirects=0,
    )
    assert again.status == 200 and "Ответ получен" in again.text()
    phone.go_back()  # one more step back: the link itself, which no longer shows the form
    expect(phone.get_by_role("heading", name="Ответ получен")).to_be_visible()
    expect(phone.get_by_role("button", name=SEND)).to_have_count(0)
    # The form left open in the other tab, filled in and sent: the same thanks, nothing stored.
    fill_intake(stale)
    stale.get_by_role("button", name=SEND).click()
    expect(stale.get_by_role("heading", name="Ответ получен")).to_be_visible()
    stale.close()

    answered = Response.objects.get(survey=survey)  # exactly one
    assert answered.respondent == student and answered.subject == student
    assert answered.answers.count() == required + 1  # and the preferred form
    assert answered.answers.get(question__code="request").text == REQUEST

    # Another student double-taps «Отправить ответы».
    phone.goto(links[hasty.pk])
    fill_intake(phone)
    phone.get_by_role("button", name=SEND).click(click_count=2)
    expect(phone.get_by_role("heading", name="Ответ получен")).to_be_visible()
    assert Response.objects.filter(invitation__subject=hasty).count() == 1

    # A third one's form reaches the server twice at the same moment.
    phone.goto(links[impatient.pk])
    fill_intake(phone)
    sent_twice = phone.get_by_role("button", name=SEND).evaluate(SEND_TWICE_AT_ONCE)
    assert sent_twice == [[200, True], [200, True]]
    assert Response.objects.filter(invitation__subject=impatient).count() == 1
    assert Response.objects.filter(survey=survey).count() == 3
    assert phone.csp_violations == [], "\n".join(phone.csp_violations)

    # The curator reads the responses and puts the student into the bank of mentees.
    page.goto(survey.get_absolute_url())
    page.get_by_role("link", name="Ответы", exact=True).click()
    expect(page.get_by_text("Ответов: 3")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Смирнова Алёна Игоревна"))
    expect(row).to_contain_text("7А")
    expect(row).to_contain_text("сам участник")
    row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Включить в банк наставляемых").click()
    expect(page.get_by_role("alert")).to_contain_text("Включено в банк: 1.")
    expect(row.get_by_text("в банке")).to_be_visible()
    expect(row.get_by_role("checkbox")).to_be_disabled()

    row.get_by_role("link", name="Смирнова Алёна Игоревна").click()
    expect(page.get_by_role("heading", name="Смирнова Алёна Игоревна", level=1)).to_be_visible()
    record = page.get_by_test_id("mentee-record")
    expect(record.get_by_role("heading", name=f"Наставляемый, {year}")).to_be_visible()
    expect(record).to_contain_text(REQUEST)
    expect(record).to_contain_text("Темы: Математика, Подготовка к ОГЭ или ЕГЭ.")
    expect(record).to_contain_text("ученик – ученик")
    panel = page.get_by_test_id("survey-panel")
    expect(panel.get_by_role("heading", name="Анкеты")).to_be_visible()
    expect(panel.get_by_role("heading", name="Стартовая оценка")).to_be_visible()
    expect(panel.get_by_role("row", name="Я уверенно справляюсь с учёбой")).to_contain_text("8 из 10")
    expect(panel.get_by_role("link", name=survey.title)).to_be_visible()
    expect(panel).to_contain_text("по ней включён в банк")
    mentee = Mentee.objects.get(person=student, year=year)
    assert mentee.request.startswith(REQUEST)
    assert Response.objects.get(pk=answered.pk).mentee == mentee
    assert not Mentee.objects.filter(person__in=[hasty, impatient]).exists()
    assert page.csp_violations == [], "\n".join(page.csp_violations)
