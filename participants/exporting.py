"""Excel files of lists: a styled header, frozen and filtered, dates as dates, text never a formula.

Every Excel file the banks give out is written here, so the rule that a name such as
«=HYPERLINK(…)» stays text lives in one place.
"""

import datetime
import io
from dataclasses import dataclass

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEXT, DATE, NUMBER = "text", "date", "number"
DATE_FORMAT = "dd.mm.yyyy"
# Excel, LibreOffice and Google Sheets read a cell typed in starting with these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", start_color="DDEBF7")
_HEADER_ALIGNMENT = Alignment(vertical="center", wrap_text=True)
_WRAP = Alignment(vertical="top", wrap_text=True)


@dataclass(frozen=True)
class Column:
    header: str
    width: int = 20
    kind: str = TEXT


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: list
    rows: list
    filtered: bool = True  # frozen header and an auto-filter; off for a sheet of notes


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
    if sheet.filtered:
        worksheet.freeze_panes = "A2"
    worksheet.append([_header_cell(worksheet, column.header) for column in sheet.columns])
    kinds = [column.kind for column in sheet.columns]
    count = 0
    for row in sheet.rows:
        worksheet.append([_cell(worksheet, kind, value) for kind, value in zip(kinds, row, strict=True)])
        count += 1
    if sheet.filtered:
        worksheet.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{count + 1}"


def _header_cell(worksheet, header):
    cell = text_cell(worksheet, header)
    cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_ALIGNMENT
    return cell


def _cell(worksheet, kind, value):
    if value is None or value == "":
        return None
    if kind == DATE and isinstance(value, datetime.date):
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    if kind == NUMBER and isinstance(value, int | float):
        return value
    text = str(value)
    return text_cell(worksheet, text) if text.startswith(FORMULA_STARTS) or "\n" in text else text


def text_cell(worksheet, text):
    """A cell that holds ``text`` as text even when it looks like a formula."""
    cell = WriteOnlyCell(worksheet, text)
    cell.data_type = "s"  # openpyxl types a string starting with «=» as a formula
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    if "\n" in text:
        cell.alignment = _WRAP
    return cell
