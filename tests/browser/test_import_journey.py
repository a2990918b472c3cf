from playwright.sync_api import expect

from participants.models import Person
from tests.browser.conftest import log_in
from tests.participants.xlsx import make_xlsx, student, teacher


def test_the_curator_fixes_a_bad_row_imports_the_file_and_finds_a_student_typed_without_yo(
    page, personas, year, tmp_path
):
    bad = tmp_path / "список.xlsx"
    bad.write_bytes(make_xlsx([student(birth="31.02.2012"), teacher()]))

    log_in(page, "curator")
    page.get_by_role("navigation").get_by_role("link", name="Люди").first.click()
    page.get_by_role("link", name="Импорт из Excel").first.click()
    expect(page.get_by_role("heading", name="Импорт людей из Excel")).to_be_visible()

    page.get_by_label("Файл Excel (.xlsx)").set_input_files(bad)
    page.get_by_role("button", name="Проверить файл").click()
    errors = page.get_by_test_id("import-errors").locator("tbody tr")
    expect(errors).to_have_count(1)
    expect(errors.first.locator("td").first).to_have_text("2")
    expect(errors.first).to_contain_text("Неверная дата рождения «31.02.2012»")
    assert not Person.objects.filter(last_name__in=["Семёнова", "Кузнецова"]).exists()

    fixed = tmp_path / "список-исправленный.xlsx"
    fixed.write_bytes(make_xlsx([student(birth="29.02.2012"), teacher()]))
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(fixed)
    page.get_by_role("button", name="Проверить файл").click()
    expect(page.get_by_role("heading", name="Проверка файла «список-исправленный.xlsx»")).to_be_visible()
    expect(page.get_by_test_id("count-new")).to_have_text("2")
    expect(page.get_by_test_id("count-updated")).to_have_text("0")
    expect(page.get_by_test_id("count-unchanged")).to_have_text("0")

    page.get_by_role("button", name="Загрузить").click()
    expect(page.get_by_role("alert")).to_contain_text("Загружено: новых 2, обновлено 0, без изменений 0.")
    expect(page.get_by_role("heading", name="Люди", exact=True)).to_be_visible()

    search = page.get_by_role("search").locator("input[name=q]")
    search.fill("семенова")
    search.press("Enter")
    expect(page.get_by_role("link", name="Семёнова Алёна Игоревна")).to_be_visible()
    expect(page.get_by_role("link", name="Кузнецова Ольга Петровна")).to_have_count(0)
    assert page.csp_violations == [], "\n".join(page.csp_violations)
