"""PDF documents: a Django template rendered to HTML, then to PDF by WeasyPrint.

Everything a document loads (the print stylesheet, the vendored PT Serif, pictures) is a static
file read from disk, and generated pictures such as QR codes come as ``data:`` URIs. The URL
fetcher refuses anything else, so rendering never touches the network or a file outside the
static files, whatever text ends up in a document. A refused or missing resource is left out
with a warning from the ``weasyprint`` logger.

Print templates extend ``print/base.html`` (A4, margins per ГОСТ Р 7.0.97-2025, PT Serif).
"""

import gc
import mimetypes
import posixpath
import re
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

# Relative links in a document rendered without a request resolve against this origin
# (reserved, never answers); static files are recognised by the path, not fetched from it.
DEFAULT_BASE_URL = "https://pdf.invalid/"


def render(template_name, context=None, request=None):
    """The PDF of a template: ``render("print/x.html", {...}, request) -> bytes``."""
    return render_html(render_to_string(template_name, context, request), request)


def render_html(html, request=None):
    """The PDF of HTML already rendered, e.g. by a template made with ``from_string``."""
    base_url = request.build_absolute_uri("/") if request else DEFAULT_BASE_URL
    fetcher = StaticFetcher(urljoin(base_url, settings.STATIC_URL))
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    # Layout makes hundreds of thousands of short-lived objects: the cyclic garbage collector,
    # scanning the whole process each time, would take a fifth of the time. It runs afterwards.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return document.write_pdf(font_config=FontConfiguration())
    finally:
        if collecting:
            gc.enable()


def response(filename, template_name, context=None, request=None, inline=True):
    """An ``HttpResponse`` with the PDF: shown in the browser (``inline``) or downloaded.

    The name goes as ``filename*`` (RFC 5987, UTF-8: browsers save «Приказ № 5.pdf»), and
    as a plain ``filename`` for clients that know only that: the name itself when it is
    ASCII, else «document.pdf». Documents carry personal data, so caches must not keep them.
    """
    return file_response(render(template_name, context, request), filename, inline)


def file_response(content, filename, inline=True):
    """An ``HttpResponse`` with PDF bytes already made, e.g. a signed document's stored file."""
    name = _clean_filename(filename)
    fallback = name if name.isascii() else "document.pdf"
    result = HttpResponse(content, content_type="application/pdf")
    result["Content-Disposition"] = (
        f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
    )
    result["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(result, private=True, no_store=True)
    return result


def _clean_filename(filename):
    """No folders, quotes or control characters; always ending in ``.pdf``."""
    name = re.sub(r'[\x00-\x1f\x7f"\\/]+', " ", str(filename))
    name = " ".join(name.split()).strip(" .") or "document"
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


class StaticFetcher(URLFetcher):
    """Serves ``data:`` URIs and the static files under ``static_url``; refuses the rest."""

    def __init__(self, static_url):
        # Only data: URIs ever reach urllib (the parent class).
        super().__init__(allowed_protocols={"data"})
        self.static_url = static_url

    def fetch(self, url, headers=None):
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        if url.startswith(self.static_url):
            path = static_file(urlsplit(url[len(self.static_url) :]).path)
            if path:
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
            raise FileNotFoundError(f"no static file at {url}")
        raise PermissionError(f"PDF documents load only static files and data: URIs, not {url}")


def static_file(name):
    """The file behind a static name: found in the apps and ``static/``, or collected in
    ``STATIC_ROOT`` (the hashed names production templates refer to); ``None`` otherwise."""
    name = posixpath.normpath(unquote(name))
    if name.startswith(("/", "../")) or name in (".", ".."):
        return None
    found = finders.find(name)
    for path in (Path(found) if found else None, Path(settings.STATIC_ROOT, name)):
        if path and path.is_file():
            return path
    return None
