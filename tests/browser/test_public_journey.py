"""The public «Наставничество» section in a real browser: the curator publishes a news item with
an attachment and an anonymous visitor finds and downloads it; every public page passes the
accessibility check (axe-core) on a desktop and on a phone, and is usable from the keyboard."""

import itertools
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

from mentoring import pdf
from mentoring.models import NormativeAct, Publication
from tests.browser.accessibility import violations
from tests.browser.conftest import log_in

PASSWORD = "nastavnik2026"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def visitor(browser, live_server):
    """A second browser, never logged in."""
    context = browser.new_context(base_url=live_server.url, locale="ru-RU", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_the_curator_publishes_news_with_a_file_and_a_visitor_downloads_it(page, visitor, demo, tmp_path):
    attachment = tmp_path / "Положение о конкурсе.pdf"
    attachment.write_bytes(pdf.render_html("<h1>Положение о конкурсе эссе «Мой наставник»</h1>"))

    log_in(page, "curator", PASSWORD)
    page.locator("#main-menu").get_by_role("link", name="Публикации", exact=True).click()
    page.get_by_role("link", name="Новая публикация").click()
    page.get_by_label("Вид").select_option(label="новость")
    page.get_by_label("Заголовок").fill("Конкурс эссе «Мой наставник»")
    page.get_by_label("Текст").fill(
        "Приглашаем наставляемых написать эссе о своём наставнике.\n\n**Срок** — до 15 декабря."
    )
    page.get_by_label("опубликовать").check()
    page.get_by_role("button", name="Сохранить").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Конкурс эссе «Мой наставник»")

    upload = page.get_by_test_id("file-form")
    upload.get_by_label("Файл").set_input_files(str(attachment))
    upload.get_by_label("Подпись").fill("Положение о конкурсе")
    page.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_role("cell", name="Положение о конкурсе", exact=True)).to_be_visible()
    assert page.csp_violations == []

    visitor.goto("/nastavnichestvo/")
    visitor.get_by_role("link", name="Конкурс эссе «Мой наставник»").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Конкурс эссе «Мой наставник»")
    expect(visitor.locator("main strong", has_text="Срок")).to_be_visible()
    with visitor.expect_download() as download_info:
        visitor.get_by_role("link", name="Положение о конкурсе").click()
    download = download_info.value
    assert download.suggested_filename == "Положение о конкурсе.pdf"
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read() == attachment.read_bytes()


def _public_pages():
    item = Publication.objects.filter(files__is_image=True).first()
    act = NormativeAct.objects.filter(kind=NormativeAct.Kind.PAIRS_ORDER, status="published").first()
    return [
        reverse("public_home"),
        reverse("public_programme"),
        *(reverse("public_section", args=[section]) for section in Publication.SECTIONS.values()),
        item.get_absolute_url(),
        reverse("public_act", args=[act.slug]),
    ]


def _heading_levels(page):
    return page.eval_on_selector_all(
        "main h1, main h2, main h3, main h4, main h5, main h6", "hs => hs.map(h => +h.tagName[1])"
    )


def test_the_public_pages_pass_the_accessibility_check_on_a_desktop_and_a_phone(page, demo):
    pages = _public_pages()
    for viewport in ({"width": 1366, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        for path in pages:
            page.goto(path)
            assert violations(page) == [], f"{path} at {viewport['width']} px"
            levels = _heading_levels(page)
            assert levels.count(1) == 1 and levels[0] == 1, f"{path}: one h1, first"
            assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), f"{path}: headings {levels}"
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                f"{path} scrolls sideways at {viewport['width']} px"
            )
    assert page.csp_violations == []


def test_a_visitor_on_a_phone_moves_around_with_the_keyboard(page, demo):
    page.set_viewport_size(PHONE)
    page.goto(reverse("public_home"))
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Перейти к содержанию")
    page.keyboard.press("Enter")
    assert page.url.endswith("#content")

    page.goto(reverse("public_home"))
    menu = page.get_by_role("button", name="Разделы")
    expect(page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Документы")).to_be_hidden()
    menu.focus()
    page.keyboard.press("Enter")
    documents = page.get_by_role("navigation", name="Разделы").get_by_role("link", name="Документы")
    expect(documents).to_be_visible()
    documents.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Нормативная база")
    expect(page.get_by_role("heading", name="Федеральный уровень")).to_be_visible()
