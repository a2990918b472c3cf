"""Real .xlsx files for the import tests, and reading exported ones back."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

HEADER = ["Фамилия", "Имя", "Отчество", "Дата рождения", "Категория", "Класс", "Должность", "Email", "Телефон"]


def make_xlsx(rows, header=HEADER):
    """A workbook whose first sheet holds ``header`` (unless None) and then ``rows``, as bytes."""
    workbook = Workbook()
    sheet = workbook.active
    if header is not None:
        sheet.append(header)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def upload(content, name="люди.xlsx"):
    return SimpleUploadedFile(
        name, content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )


def student(
    last_name="Семёнова", first_name="Алёна", patronymic="Игоревна", birth="05.03.2012", school_class="7А", **more
):
    """A row of the template's columns for a student."""
    return [
        last_name,
        first_name,
        patronymic,
        birth,
        more.get("kind", "обучающийся"),
        school_class,
        more.get("position", ""),
        more.get("email", ""),
        more.get("phone", ""),
    ]


def teacher(last_name="Кузнецова", first_name="Ольга", patronymic="Петровна", birth="12.10.1980", **more):
    return [
        last_name,
        first_name,
        patronymic,
        birth,
        more.get("kind", "педагог"),
        "",
        more.get("position", "Учитель математики"),
        more.get("email", "kuznetsova@school43.ru"),
        more.get("phone", "+7 921 000-00-00"),
    ]


def read_xlsx(content):
    return load_workbook(io.BytesIO(content))


def sheet_values(content):
    """The first sheet's rows as lists of values."""
    return [list(row) for row in read_xlsx(content).worksheets[0].iter_rows(values_only=True)]
