"""Import of people from an Excel file: read and check everything first, then save all or nothing.

``read_people`` turns a workbook into a ``Plan``: each data row parsed, matched against the
stored people and marked new, updated or unchanged, and every problem named by its Excel
row. ``apply`` saves a plan without errors in one transaction, history included.

A person is matched by ФИО and date of birth, ignoring case, Ё and extra spaces; the spelling
from the file wins on update. A column missing from the header leaves that field alone; a
present but empty optional column clears it.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from openpyxl import load_workbook
from openpyxl.utils.datetime import from_excel
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mentoring import names
from participants.models import Person, SchoolClass

# (field, header as the template writes it, other headers accepted); headers are compared
# in search form, so case, Ё and extra spaces do not matter.
COLUMNS = [
    ("last_name", "Фамилия", ()),
    ("first_name", "Имя", ()),
    ("patronymic", "Отчество", ()),
    ("birth_date", "Дата рождения", ()),
    ("kind", "Категория", ()),
    ("school_class", "Класс", ()),
    ("position", "Должность", ()),
    ("career_start", "Год начала педагогической работы", ("педагогический стаж с", "стаж с")),
    ("email", "Email", ("e-mail", "электронная почта", "эл. почта")),
    ("phone", "Телефон", ()),
]
HEADERS = {field: header for field, header, _ in COLUMNS}
REQUIRED = ("last_name", "first_name", "kind")
KINDS = {
    **dict.fromkeys(["обучающийся", "обучающаяся", "ученик", "ученица", "учащийся", "учащаяся"], Person.Kind.STUDENT),
    **dict.fromkeys(["педагог", "учитель", "учительница"], Person.Kind.TEACHER),
    **dict.fromkeys(["сотрудник", "сотрудница"], Person.Kind.STAFF),
    **dict.fromkeys(["внешний", "внешний участник", "внешняя"], Person.Kind.EXTERNAL),
}
MAX_ROWS = 10_000
# A zip that unpacks to more than this is not a list of people but a decompression bomb.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
CHANGE_REASON = "Импорт из Excel"

_CLASS = re.compile(r"^(\d{1,2})\s*[-–—]?\s*([А-ЯЁ]{1,2})$")
# Latin letters typed for their Cyrillic twins: «7A» means «7А».
_LATIN_TWINS = str.maketrans("ABEKMHOPCTX", "АВЕКМНОРСТХ")
_DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")
_EARLIEST_BIRTH = datetime.date(1900, 1, 1)
_TEXT_FIELDS = ("last_name", "first_name", "patronymic", "position", "phone", "email")
_MAX_LENGTHS = {name: Person._meta.get_field(name).max_length for name in _TEXT_FIELDS}
_SEARCH_NAME_LENGTH = Person._meta.get_field("search_name").max_length

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"


class FileError(Exception):
    """The file as a whole cannot be read as a list of people."""


@dataclass
class Row:
    number: int
    values: dict
    person: Person | None = None
    action: str = NEW
    changed: list = field(default_factory=list)

    @property
    def full_name(self):
        return names.full_name(self.values["last_name"], self.values["first_name"], self.values.get("patronymic", ""))

    @property
    def kind_label(self):
        return Person.Kind(self.values["kind"]).label

    @property
    def place(self):
        if self.values["kind"] == Person.Kind.STUDENT:
            school_class = self.values.get("school_class") or (self.person and self.person.school_class)
            return str(school_class or "")
        return self.values.get("position", "") or (self.person.position if self.person else "")

    @property
    def changed_labels(self):
        return [str(Person._meta.get_field(name).verbose_name) for name in self.changed]


@dataclass
class Plan:
    year: object
    columns: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (row number or None for the file, reason)

    def of(self, action):
        return [row for row in self.rows if row.action == action]

    @property
    def created(self):
        return len(self.of(NEW))

    @property
    def updated(self):
        return len(self.of(UPDATED))

    @property
    def unchanged(self):
        return len(self.of(UNCHANGED))


def read_people(data, year):
    """The plan of importing the workbook ``data`` (bytes or a file) into ``year``'s classes."""
    plan = Plan(year)
    try:
        workbook = _open(data)
        try:
            rows = _numbered_rows(workbook.worksheets[0])
            plan.columns, positions = _read_header(rows)
            parsed = _parse_rows(rows, positions, year, plan.errors)
        finally:
            workbook.close()
    except FileError as error:  # the rows' errors found before it are beside the point
        plan.errors = [(None, str(error))]
        return plan
    if not parsed and not plan.errors:
        plan.errors.append((None, "В файле нет ни одной строки с людьми под строкой заголовков."))
    plan.rows = _match(parsed, plan.columns, plan.errors)
    plan.errors.sort(key=lambda error: (error[0] is not None, error[0] or 0))
    return plan


def too_big_message():
    limit = settings.IMPORT_MAX_BYTES
    size = f"{limit // 1024**2} МБ" if limit >= 1024**2 else f"{limit // 1024} КБ"
    return f"Файл больше {size}. Разделите список на несколько файлов."


def _open(data):
    content = data if isinstance(data, bytes | bytearray | memoryview) else data.read()
    if len(content) > settings.IMPORT_MAX_BYTES:
        raise FileError(too_big_message())
    stream = io.BytesIO(content)
    not_excel = FileError("Это не файл Excel (.xlsx). Сохраните список в Excel как «Книга Excel (*.xlsx)».")
    try:
        with zipfile.ZipFile(stream) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileError("Файл Excel слишком велик в распакованном виде. Разделите список на несколько файлов.")
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except FileError:
        raise
    except Exception:  # openpyxl raises many kinds of errors on damaged or foreign files
        raise not_excel from None
    if not workbook.worksheets:
        workbook.close()
        raise FileError("В файле Excel нет ни одного листа.")
    return workbook


def _numbered_rows(sheet):
    """(Excel row number, cell values) of the sheet, empty rows included."""
    sheet.reset_dimensions()  # some programs write a wrong size into the file
    cells = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(cells)
        except StopIteration:
            return
        except Exception:  # the sheet is read lazily: a damaged one fails only here
            raise FileError("Файл Excel повреждён: лист не читается. Сохраните его в Excel заново.") from None
        number += 1
        yield number, values


def _text(value):
    """A cell as text with the spaces tidied and invisible characters dropped; whole numbers
    without «.0»."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return names.tidy(str(value))


def _key(value):
    return names.search_key(_text(value))


_HEADER_KEYS = {_key(name): field for field, header, aliases in COLUMNS for name in (header, *aliases)}


def _read_header(rows):
    """The header is the first non-empty row; the fields present and their positions."""
    for number, cells in rows:
        if not any(_text(cell) for cell in cells):
            continue
        positions = {}
        for position, cell in enumerate(cells):
            if (name := _HEADER_KEYS.get(_key(cell))) is None:
                continue
            if name in positions:
                raise FileError(f"Столбец «{HEADERS[name]}» встречается в строке заголовков дважды.")
            positions[name] = position
        if not positions:
            raise FileError(
                f"Первая заполненная строка ({number}) не похожа на строку заголовков: в ней должны быть "
                "названия столбцов «Фамилия», «Имя», «Категория». Скачайте шаблон и заполните его."
            )
        if missing := [HEADERS[name] for name in REQUIRED if name not in positions]:
            raise FileError("В строке заголовков нет обязательных столбцов: " + ", ".join(f"«{m}»" for m in missing))
        return [name for name, _, _ in COLUMNS if name in positions], positions
    raise FileError("Лист пуст: нет строки заголовков. Скачайте шаблон и заполните его.")


def _parse_rows(rows, positions, year, errors):
    classes = {(c.grade, c.letter): c for c in SchoolClass.objects.filter(year=year)}
    parsed, count = [], 0
    for number, cells in rows:
        cells = {name: cells[position] if position < len(cells) else None for name, position in positions.items()}
        if not any(_text(value) for value in cells.values()):
            continue
        count += 1  # bad rows count too: a file of a million bad rows is read no further than a good one
        if count > MAX_ROWS:
            limit = f"{MAX_ROWS:,}".replace(",", " ")
            raise FileError(f"В файле больше {limit} строк с людьми. Разделите список на несколько файлов.")
        values, reasons = _parse_row(cells, classes, year)
        if reasons:
            errors.append((number, "; ".join(reasons)))
        else:
            parsed.append(Row(number, values))
    return parsed


def _parse_row(cells, classes, year):
    values, reasons = {}, []
    for name in _TEXT_FIELDS:
        if name in cells:
            values[name] = _text(cells[name])
            if len(values[name]) > (limit := _MAX_LENGTHS[name]):
                reasons.append(f"{Person._meta.get_field(name).verbose_name} длиннее {limit} знаков")
    if not values["last_name"]:
        reasons.append("не указана фамилия")
    if not values["first_name"]:
        reasons.append("не указано имя")
    full_name = names.full_name(values["last_name"], values["first_name"], values.get("patronymic", ""))
    if len(names.search_key(full_name)) > _SEARCH_NAME_LENGTH:
        reasons.append("ФИО слишком длинное")
    if values.get("email"):
        try:
            validate_email(values["email"])
        except ValidationError:
            reasons.append(f"неверный адрес электронной почты «{values['email']}»")
    if "birth_date" in cells:
        values["birth_date"] = _parse_birth_date(cells["birth_date"], reasons)
    if "career_start" in cells:
        values["career_start"] = _parse_career_start(cells["career_start"], reasons)
    kind = KINDS.get(_key(cells["kind"]))
    if kind is None:
        reasons.append(
            f"неизвестная категория «{_text(cells['kind'])}» (допустимо: обучающийся, педагог, сотрудник, внешний)"
            if _text(cells["kind"])
            else "не указана категория"
        )
    values["kind"] = kind
    if kind == Person.Kind.STUDENT:
        if "school_class" in cells:
            values["school_class"] = _parse_class(cells["school_class"], classes, year, reasons)
    elif kind is not None:
        values["school_class"] = None
    return values, reasons


def _parse_career_start(value, reasons):
    """A year such as 2023 (a number or text); empty is no year."""
    text = _text(value)
    if not text:
        return None
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        number = None
    if number is None or not number.is_integer() or not 1950 <= number <= timezone.localdate().year:
        reasons.append(f"неверный год начала педагогической работы «{text}» (нужен год, например 2023)")
        return None
    return int(number)


def _parse_birth_date(value, reasons):
    if value is None or value == "":
        return None
    if isinstance(value, datetime.datetime):
        day = value.date()
    elif isinstance(value, datetime.date):
        day = value
    elif isinstance(value, int | float) and not isinstance(value, bool):  # a date Excel shows as a number
        try:
            day = from_excel(value).date()
        except (ValueError, OverflowError, AttributeError):
            reasons.append(f"неверная дата рождения «{_text(value)}»")
            return None
    else:
        day = _parse_date_text(_text(value))
        if day is None:
            reasons.append(f"неверная дата рождения «{_text(value)}»")
            return None
    if day > timezone.localdate():
        reasons.append(f"дата рождения {day:%d.%m.%Y} ещё не наступила")
    elif day < _EARLIEST_BIRTH:
        reasons.append(f"дата рождения {day:%d.%m.%Y} раньше 1900 года")
    return day


def _parse_date_text(text):
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_class(value, classes, year, reasons):
    text = _text(value)
    if not text:
        reasons.append("у обучающегося не указан класс")
        return None
    match = _CLASS.match(text.upper().translate(_LATIN_TWINS))
    if not match or not 1 <= int(match[1]) <= 11:
        reasons.append(f"неверный класс «{text}» (пример: 7А)")
        return None
    grade, letter = int(match[1]), match[2]
    if (school_class := classes.get((grade, letter))) is None:
        reasons.append(f"класса {grade}{letter} нет в {year} учебном году — добавьте его на странице «Классы»")
    return school_class


def _match(parsed, columns, errors):
    """Drop repeated rows, find each row's stored person and what would change."""
    with_patronymic, with_birth_date = "patronymic" in columns, "birth_date" in columns

    def key(last_name, first_name, patronymic, birth_date):
        parts = (last_name, first_name, patronymic if with_patronymic else "")
        return names.search_key(" ".join(parts)), birth_date if with_birth_date else None

    seen = {}
    for row in parsed:
        values = row.values
        row_key = key(values["last_name"], values["first_name"], values.get("patronymic", ""), values.get("birth_date"))
        if (first := seen.get(row_key)) is None:
            seen[row_key] = row
        elif first.values != values:
            errors.append((row.number, f"этот человек уже есть в строке {first.number} с другими данными"))

    stored = {}
    for person in _candidates(seen, with_patronymic):
        stored.setdefault(key(person.last_name, person.first_name, person.patronymic, person.birth_date), []).append(
            person
        )
    matched = []
    for row_key, row in seen.items():
        people = stored.get(row_key, [])
        if len(people) > 1:
            errors.append((row.number, "в базе несколько человек с такими ФИО и датой рождения — объедините их"))
            continue
        if people:
            row.person = people[0]
            row.changed = [
                name for name, _, _ in COLUMNS if name in row.values and _stored(row.person, name) != row.values[name]
            ]
            row.action = UPDATED if row.changed else UNCHANGED
        if row.values["kind"] == Person.Kind.STUDENT and _class_of(row) is None and "school_class" not in columns:
            errors.append((row.number, "у обучающегося не указан класс: добавьте столбец «Класс»"))
            continue
        matched.append(row)
    return sorted(matched, key=lambda row: row.number)


def _candidates(seen, with_patronymic):
    if with_patronymic:
        return Person.objects.filter(search_name__in={name for name, _ in seen}).select_related("school_class")
    # Without the patronymic the stored search names cannot be looked up; a school's
    # directory is small enough to compare in full.
    return Person.objects.select_related("school_class")


def _stored(person, name):
    return person.school_class if name == "school_class" else getattr(person, name)


def _class_of(row):
    if "school_class" in row.values:
        return row.values["school_class"]
    return row.person.school_class if row.person else None


def apply(plan, user=None):
    """Save a plan without errors: new people created, changed ones updated, with history."""
    if plan.errors:
        raise ValueError("A plan with errors cannot be applied.")
    new_people, updated_people, fields = [], [], set()
    for row in plan.rows:
        if row.action == NEW:
            person = Person(**row.values)
            new_people.append(person)
        elif row.action == UPDATED:
            person = row.person
            for name in row.changed:
                setattr(person, name, row.values[name])
            fields.update(row.changed)
            updated_people.append(person)
        else:
            continue
        person.fill_search_name()
    history = {"default_user": user, "default_change_reason": CHANGE_REASON, "batch_size": 500}
    with transaction.atomic():
        if new_people:
            bulk_create_with_history(new_people, Person, **history)
        if updated_people:
            bulk_update_with_history(updated_people, Person, sorted({*fields, "search_name"}), **history)
    return plan
