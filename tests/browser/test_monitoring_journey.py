"""On the demo school, the director opens «Мониторинг», reads the coverage chart and its numbers,
and downloads the year's Excel report."""

from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from mentoring.models import AcademicYear
from reports import monitoring
from reports.models import YearReview
from tests.browser.conftest import log_in

PASSWORD = "nastavnik2026"


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=StringIO())
    return AcademicYear.objects.current()


def test_the_director_reads_the_dashboard_and_downloads_the_year_report(page, demo):
    coverage = monitoring.coverage(demo, YearReview.of(demo))
    assert coverage.students and coverage.involved, "the demo school involves some of its students"

    log_in(page, "director", PASSWORD)
    page.locator("#main-menu").get_by_role("link", name="Мониторинг", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Мониторинг программы")

    chart = page.get_by_test_id("coverage-chart")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    expect(chart).to_have_attribute(
        "aria-label", f"Охват обучающихся: {coverage.percent:.1f} %, цель — 70 %".replace(".", ",")
    )
    figures = page.get_by_test_id("coverage-table")
    expect(figures.locator("tr", has_text="Обучающихся в возрастной группе").locator("td")).to_have_text(
        str(coverage.students)
    )
    expect(figures.locator("tr", has_text="Вовлечено").locator("td")).to_have_text(str(coverage.involved))
    expect(page.get_by_test_id("meetings-chart")).to_be_visible()

    page.get_by_role("link", name="Отчёты в Excel").click()
    with page.expect_download() as download_info:
        page.get_by_test_id("year-report").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as stream:
        workbook = load_workbook(stream)
    assert {"Показатели", "Наставляемые", "Наставники", "Пары и группы", "Встречи"} <= set(workbook.sheetnames)
    cells = [
        str(cell) for row in workbook["Показатели"].iter_rows(values_only=True) for cell in row if cell is not None
    ]
    assert str(coverage.students) in cells and str(coverage.involved) in cells
    assert page.csp_violations == []
