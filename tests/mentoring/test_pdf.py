import base64
import io
import logging
import re
import xml.etree.ElementTree as ET
from urllib.parse import quote

import pytest
import qrcode
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from pypdf import PdfReader

from mentoring import pdf, qr

SVG = "{http://www.w3.org/2000/svg}"
STATIC = "https://pdf.invalid/static/"


def document(body, **context):
    """A PDF of ``body`` inside the print base template, and its reader."""
    template = engines["django"].from_string(
        '{% extends "print/base.html" %}{% load printing %}{% block content %}' + body + "{% endblock %}"
    )
    data = pdf.render_html(template.render(context))
    return data, PdfReader(io.BytesIO(data))


def font_names(reader):
    """«PT-Serif-Bold» and the like, without the subset prefix «ABCDEF+»."""
    return {
        str(font.get_object()["/BaseFont"]).split("+")[-1]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }


def test_cyrillic_text_comes_back_from_the_pdf_exactly():
    data, reader = document('<h1>Приказ № 5 — Школа № 43</h1><p class="indent">«Ёлочка», ёж и съезд.</p>')
    assert data.startswith(b"%PDF-")
    text = reader.pages[0].extract_text()
    assert "Приказ № 5 — Школа № 43" in text
    assert "«Ёлочка», ёж и съезд." in text


def test_the_pdf_embeds_pt_serif_in_all_four_faces():
    _, reader = document("<p>Обычный <b>жирный</b> <i>курсив</i> <b><i>жирный курсив</i></b></p>")
    names = font_names(reader)
    assert names == {"PT-Serif", "PT-Serif-Bold", "PT-Serif-Italic", "PT-Serif-Bold-Italic"}
    assert all("PTSerif" in name.replace("-", "") for name in names)


def test_the_page_is_a4_and_numbers_start_on_the_second_page():
    _, reader = document('<p>Первая</p><p class="page-break">Вторая</p><p class="page-break">Третья</p>')
    assert [round(float(size)) for size in reader.pages[0].mediabox[2:]] == [595, 842]
    first, second, third = (page.extract_text().split() for page in reader.pages)
    assert first == ["Первая"]
    assert sorted(second) == ["2", "Вторая"]
    assert sorted(third) == ["3", "Третья"]


def test_the_template_loads_its_stylesheet_fonts_and_qr_codes_without_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        _, reader = document("<p>Ссылка</p>{% qr_code link %}", link="https://school.example/a/TOKEN")
    assert caplog.records == []
    assert reader.pages[0].extract_text().strip() == "Ссылка"


def test_a_document_does_not_reach_the_network_or_files_outside_static(caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        _, reader = document('<p>Текст</p><img src="http://example.com/x.png"><img src="file:///etc/passwd">')
    refused = [record.getMessage() for record in caplog.records]
    assert len(refused) == 2
    assert all("PermissionError" in message for message in refused)
    assert "Текст" in reader.pages[0].extract_text()


def test_the_fetcher_serves_static_files_and_data_uris_only():
    fetcher = pdf.StaticFetcher(STATIC)
    font = fetcher.fetch(STATIC + "fonts/PTSerif-Regular.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"  # TrueType
    assert fetcher.fetch("data:text/plain;base64,0J/RgNC40LrQsNC3").read().decode() == "Приказ"
    for url in ("http://example.com/x.png", "file:///etc/passwd", "ftp://example.com/x", "https://pdf.invalid/x"):
        with pytest.raises(PermissionError):
            fetcher.fetch(url)
    for url in (STATIC + "../../etc/passwd", STATIC + "%2e%2e/%2e%2e/etc/passwd", STATIC + "fonts", STATIC + "x.css"):
        with pytest.raises(FileNotFoundError):
            fetcher.fetch(url)


def test_qr_svg_is_inline_svg_that_depends_only_on_the_text():
    code = qr.svg("https://x/a/TOKEN")
    assert code.startswith("<svg") and "<?xml" not in code
    root = ET.fromstring(code)
    assert root.tag == SVG + "svg"
    assert root.find(SVG + "rect") is not None
    assert root.find(SVG + "path").get("d")
    assert qr.svg("https://x/a/TOKEN") == code
    assert qr.svg("https://x/a/OTHER") != code


def test_qr_svg_draws_exactly_the_dark_modules_of_the_code():
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data("https://x/a/TOKEN")
    matrix = code.get_matrix()
    drawn = [[False] * len(matrix) for _ in matrix]
    path = ET.fromstring(qr.svg("https://x/a/TOKEN")).find(SVG + "path").get("d")
    for x, y, width in re.findall(r"M(\d+),(\d+)h(\d+)v1h-\3z", path):
        for column in range(int(x), int(x) + int(width)):
            drawn[int(y)][column] = True
    assert drawn == matrix


def test_qr_data_uri_carries_the_same_svg():
    uri = qr.data_uri("https://x/a/TOKEN")
    prefix = "data:image/svg+xml;base64,"
    assert uri.startswith(prefix)
    assert base64.b64decode(uri.removeprefix(prefix)).decode() == qr.svg("https://x/a/TOKEN")


def test_the_qr_code_tag_gives_an_escaped_img():
    template = engines["django"].from_string("{% load printing %}{% qr_code link %}|{% qr_code link alt='Анкета' %}")
    html = template.render({"link": 'https://x/a/?a=1&b="2"'})
    default, custom = html.split("|")
    assert default.startswith('<img class="qr" src="' + qr.data_uri('https://x/a/?a=1&b="2"') + '"')
    assert 'alt="QR-код: https://x/a/?a=1&amp;b=&quot;2&quot;"' in default
    assert 'alt="Анкета"' in custom


def test_the_response_names_the_file_in_utf8_and_forbids_sniffing(rf):
    request = rf.get("/print/")
    request.user = AnonymousUser()
    response = pdf.response("Приказ № 5", "print/base.html", {}, request)
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f"inline; filename=\"document.pdf\"; filename*=UTF-8''{quote('Приказ № 5.pdf', safe='')}"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF-")


def test_the_response_can_be_a_download_with_a_cleaned_ascii_name():
    response = pdf.response('../roster "7A"\r\n.PDF', "print/base.html", inline=False)
    assert response["Content-Disposition"] == (
        "attachment; filename=\"roster 7A .PDF\"; filename*=UTF-8''roster%207A%20.PDF"
    )
