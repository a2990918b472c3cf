import io

import pytest
from django.core.management import CommandError, call_command

from participants.models import Person
from tests.factories import make_class, make_year
from tests.participants.xlsx import make_xlsx, student, teacher


@pytest.fixture
def xlsx_file(tmp_path):
    def write(rows):
        path = tmp_path / "люди.xlsx"
        path.write_bytes(make_xlsx(rows))
        return str(path)

    return write


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_people", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_command_loads_a_file_and_prints_the_counts(year, xlsx_file):
    make_class(year, 7, "А")
    path = xlsx_file([student(), teacher()])
    out, _ = run(path)
    assert "Загружено: новых 2, обновлено 0, без изменений 0." in out
    assert Person.objects.count() == 2
    out, _ = run(path)
    assert "Загружено: новых 0, обновлено 0, без изменений 2." in out
    assert Person.history.filter(history_change_reason="Импорт из Excel", history_user=None).count() == 2


def test_errors_are_listed_by_row_and_nothing_is_saved(year, xlsx_file):
    make_class(year, 7, "А")
    path = xlsx_file(
        [student(), student("Орлов", "Пётр", birth="31.02.2010"), student("Ильин", "Иван", school_class="7Г")]
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^Ошибок в файле: 2\. Ничего не сохранено\.$"):
        call_command("import_people", path, stderr=err)
    assert err.getvalue().splitlines() == [
        "Строка 3: неверная дата рождения «31.02.2010»",
        "Строка 4: класса 7Г нет в 2026/2027 учебном году — добавьте его на странице «Классы»",
    ]
    assert not Person.objects.exists()


def test_a_dry_run_checks_the_file_and_saves_nothing(year, xlsx_file):
    make_class(year, 7, "А")
    out, _ = run(xlsx_file([student(), teacher()]), "--dry-run")
    assert "Файл проверен, ошибок нет. Будет загружено: новых 2, обновлено 0, без изменений 0." in out
    assert not Person.objects.exists()


def test_the_year_of_the_classes_may_be_given(year, xlsx_file):
    make_class(make_year(2027, current=False), 7, "Г")
    path = xlsx_file([student(school_class="7Г")])
    with pytest.raises(CommandError):
        run(path)
    run(path, "--year", "2027")
    assert Person.objects.get().school_class.year.start_year == 2027
    with pytest.raises(CommandError, match=r"Учебного года 2030/2031 нет\."):
        run(path, "--year", "2030")


def test_a_file_that_is_not_excel_or_missing_is_a_clear_error(year, tmp_path):
    garbage = tmp_path / "люди.xlsx"
    garbage.write_bytes(b"not a workbook")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_people", str(garbage), stderr=err)
    assert "Это не файл Excel (.xlsx)" in err.getvalue()
    with pytest.raises(CommandError, match="Не удалось прочитать файл"):
        run(str(tmp_path / "нет-такого.xlsx"))
