"""Excel files of lists: a styled header, frozen and filtered, dates as dates, text never a formula.

Every Excel file the banks give out is written here, so the rule that a name such as
«=HYPERLINK(…)» stays text lives in one place.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT, DATE, NUMBER = "text", "date", "number"
PERCENT, DECIMAL = "percent", "decimal"  # numbers shown as «33.3%» (given as 33.3) and «4.25»
DATE_FORMAT = "dd.mm.yyyy"
NUMBER_FORMATS = {PERCENT: "0.0%", DECIMAL: "0.00"}
# Excel, LibreOffice and Google Sheets read a cell typed in starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)
_HEADING_FONT = Font(bold=True, size=12)


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 20
    kind: str = TEXT


@dataclass(frozen=True)
class Typed:
    """A value whose kind is not its column's: a percent in a column of counts."""

    value: object
    kind: str


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: list
    rows: list
    filtered: bool = True  # frozen header and an auto-filter; off for a sheet of notes
    heading: tuple = ()  # lines above the header: the report's title, the date it was made


def workbook_response(filename, title, columns, rows, more_sheets=()):
    """An .xlsx download of ``rows`` under ``columns`` on a sheet ``title``, then ``more_sheets``."""
    content = workbook_bytes([Sheet(title, columns, rows), *more_sheets])
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def workbook_bytes(sheets):
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet_title(sheet.title)), sheet)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def sheet_title(text):
    """Excel refuses some characters in a sheet's name and anything over 31 characters."""
    for char in "[]:*?/\\":
        text = text.replace(char, "-")
    return text[:31]


def _write_sheet(worksheet, sheet):
    # A write-only sheet takes its columns and panes before the first row.
    for number, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(number)].width = column.width
    header_row = len(sheet.heading) + 1 + (1 if sheet.heading else 0)  # a blank line under the heading
    if sheet.filtered:
        worksheet.freeze_panes = f"A{header_row + 1}"
    for number, line in enumerate(sheet.heading):
        cell = text_cell(worksheet, line)
        if number == 0:
            cell.font = _HEADING_FONT
        worksheet.append([cell])
    if sheet.heading:
        worksheet.append([])
    worksheet.append([_header_cell(worksheet, column.header) for column in sheet.columns])
    kinds = [column.kind for column in sheet.columns]
    count = 0
    for row in sheet.rows:
        worksheet.append([_cell(worksheet, kind, value) for kind, value in zip(kinds, row, strict=True)])
        count += 1
    if sheet.filtered:
        last = get_column_letter(len(sheet.columns))
        worksheet.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"


def _header_cell(worksheet, header):
    cell = text_cell(worksheet, header)
    cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
    return cell


def _cell(worksheet, kind, value):
    if isinstance(value, Typed):
        kind, value = value.kind, value.value
    if value is None or value == "":
        return None
    if kind == DATE and isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    if kind == NUMBER and isinstance(value, int | float | Decimal):
        return float(value) if isinstance(value, Decimal) else value
    if kind in NUMBER_FORMATS and isinstance(value, int | float | Decimal):
        cell = WriteOnlyCell(worksheet, float(value) / 100 if kind == PERCENT else float(value))
        cell.number_format = NUMBER_FORMATS[kind]
        return cell
    text = _workbook_text(str(value))
    return text_cell(worksheet, text) if text.startswith(FORMULA_STARTS) or "\n" in text else text


def _workbook_text(text):
    """``text`` without the control characters a workbook cannot hold (a form takes them, pasted
    along with text, and openpyxl refuses to write them)."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def text_cell(worksheet, text):
    """A cell that holds ``text`` as text even when it looks like a formula."""
    text = _workbook_text(text)
    cell = WriteOnlyCell(worksheet, text)
    cell.data_type = "s"  # openpyxl types a string starting with «=» as a formula
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    if "\n" in text:
        cell.alignment = _WRAP
    return cell
