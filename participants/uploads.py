"""Uploaded files: size and type checks for forms, and serving a stored file to those who may read it.

Neither the uploader's file name nor the browser's content type is trusted: the first bytes
decide the type. A file that passes is renamed to its true extension, and the stored name
(random, see ``mentoring.storage.PrivateUploadTo``) keeps only that extension, so when the file is served
its type comes from what was checked, not from what was claimed.
"""

import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404


@dataclass(frozen=True)
class FileType:
    label: str
    extension: str
    content_type: str


PDF = FileType("PDF", ".pdf", "application/pdf")
JPEG = FileType("JPEG", ".jpg", "image/jpeg")
PNG = FileType("PNG", ".png", "image/png")
DOCX = FileType("DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType("XLSX", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileType("PPTX", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
TXT = FileType("TXT", ".txt", "text/plain; charset=utf-8")

SCAN_TYPES = (PDF, JPEG, PNG)
MATERIAL_TYPES = (PDF, DOCX, XLSX, PPTX, JPEG, PNG, TXT)

_SIGNATURES = [(b"%PDF-", PDF), (b"\xff\xd8\xff", JPEG), (b"\x89PNG\r\n\x1a\n", PNG)]
# An Office Open XML document is a zip archive whose main part tells which document it is.
_OFFICE_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
_BY_EXTENSION = {kind.extension: kind for kind in (PDF, JPEG, PNG, DOCX, XLSX, PPTX, TXT)}


def detect(file, name=""):
    """The type of ``file`` by its content, or None. Plain text counts only in a file named ``.txt``."""
    file.seek(0)
    try:
        head = file.read(8)
        for signature, kind in _SIGNATURES:
            if head.startswith(signature):
                return kind
        if head.startswith(b"PK\x03\x04"):
            return _office_type(file)
        if PurePath(name).suffix.lower() == ".txt":
            file.seek(0)
            return TXT if _is_text(file.read()) else None
        return None
    finally:
        file.seek(0)


def _office_type(file):
    file.seek(0)
    try:
        names = set(zipfile.ZipFile(file).namelist())  # reads the directory only, unpacks nothing
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OFFICE_PARTS.items() if part in names), None)


def _is_text(content):
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def size_limit_text():
    megabytes = settings.UPLOAD_MAX_BYTES / (1024 * 1024)
    return f"{megabytes:g} МБ"


def check(file, types):
    """Raise ValidationError unless ``file`` is small enough and one of ``types`` by content;
    then give it its true extension and return the type."""
    if file.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(f"Файл больше {size_limit_text()}.", code="too_big")
    kind = detect(file, file.name)
    if kind not in types:
        raise ValidationError(f"Файл не похож на {_one_of(types)}.", code="wrong_type")
    file.name = f"{PurePath(file.name).stem[:100] or 'file'}{kind.extension}"
    return kind


def _one_of(types):
    labels = [kind.label for kind in types]
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} или {labels[-1]}"


class UploadField(forms.FileField):
    """A file field that accepts only ``types``, checked by content, up to ``UPLOAD_MAX_BYTES``."""

    types = SCAN_TYPES

    def __init__(self, *, types=None, **kwargs):
        if types is not None:
            self.types = types
        kwargs.setdefault("help_text", f"{_one_of(self.types)}, не больше {size_limit_text()}.")
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("accept", ",".join(kind.extension for kind in self.types))

    def to_python(self, data):
        file = super().to_python(data)
        if file:
            check(file, self.types)
        return file


class ScanField(UploadField):
    """A scan of a document: PDF, JPEG or PNG."""

    types = SCAN_TYPES


class MaterialField(UploadField):
    """A training material: a document, a presentation, a table, a picture or plain text."""

    types = MATERIAL_TYPES


def serve(field_file, download_name):
    """A stored private file as an attachment named ``download_name``, typed by its checked extension.

    404 when there is no file. The caller checks access and logs the download.
    """
    if not field_file:
        raise Http404("Файл не загружен.")
    suffix = PurePosixPath(field_file.name).suffix.lower()
    kind = _BY_EXTENSION.get(suffix)
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404("Файл не найден.") from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{_safe_name(download_name)}{suffix if kind else ''}",
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _safe_name(text):
    return re.sub(r"[^\w .,()«»№-]+", "_", text).strip(" .")[:120] or "file"
