"""The files of the methodological piggy bank: which types are accepted, told by content.

Neither the uploader's file name nor the browser's content type is trusted: the first bytes
(and, for archives and OLE containers, their directory) decide the type. A file that passes
gets its true extension, so the random stored name (``mentoring.storage.PrivateUploadTo``) and
the name it is downloaded under carry the type that was checked, not the one that was claimed.
"""

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404


@dataclass(frozen=True)
class FileType:
    label: str
    extension: str
    content_type: str
    aliases: tuple = ()

    @property
    def extensions(self):
        return (self.extension, *self.aliases)


PDF = FileType("PDF", ".pdf", "application/pdf")
DOCX = FileType("DOCX", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType("XLSX", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileType("PPTX", ".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")
DOC = FileType("DOC", ".doc", "application/msword")
XLS = FileType("XLS", ".xls", "application/vnd.ms-excel")
PPT = FileType("PPT", ".ppt", "application/vnd.ms-powerpoint")
ODT = FileType("ODT", ".odt", "application/vnd.oasis.opendocument.text")
ODS = FileType("ODS", ".ods", "application/vnd.oasis.opendocument.spreadsheet")
ODP = FileType("ODP", ".odp", "application/vnd.oasis.opendocument.presentation")
PNG = FileType("PNG", ".png", "image/png")
JPEG = FileType("JPEG", ".jpg", "image/jpeg", aliases=(".jpeg",))
TXT = FileType("TXT", ".txt", "text/plain; charset=utf-8")

MATERIAL_TYPES = (PDF, DOCX, XLSX, PPTX, DOC, XLS, PPT, ODT, ODS, ODP, PNG, JPEG, TXT)
_BY_EXTENSION = {extension: kind for kind in MATERIAL_TYPES for extension in kind.extensions}
# What a browser may show in its window; anything else is only ever downloaded.
INLINE_TYPES = (PDF, PNG, JPEG)

_SIGNATURES = [(b"%PDF-", PDF), (b"\x89PNG\r\n\x1a\n", PNG), (b"\xff\xd8\xff", JPEG)]
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An Office Open XML document is a zip archive whose main part tells which document it is.
_OFFICE_PARTS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
# An OpenDocument file is a zip archive that begins with a stored «mimetype» entry.
_ODF_MIMETYPES = {kind.content_type.encode(): kind for kind in (ODT, ODS, ODP)}
# An old Office file is an OLE container; its main stream's name (UTF-16 in the directory) tells which.
_OLE_STREAMS = [("WordDocument", DOC), ("Workbook", XLS), ("Book", XLS), ("PowerPoint Document", PPT)]


def max_bytes():
    return settings.MATERIAL_UPLOAD_MAX_BYTES


def size_limit_text():
    return f"{max_bytes() / (1024 * 1024):g} МБ"


def accepted_text():
    return "PDF, Word, Excel, PowerPoint (в том числе старых версий), OpenDocument, PNG, JPEG или текст"


def detect(file, name=""):
    """The type of ``file`` by its content, or None. Plain text counts only in a file named ``.txt``."""
    file.seek(0)
    try:
        head = file.read(8)
        for signature, kind in _SIGNATURES:
            if head.startswith(signature):
                return kind
        if head.startswith(_ZIP):
            return _zip_type(file)
        if head.startswith(_OLE):
            return _ole_type(file, name)
        if PurePath(name).suffix.lower() == ".txt":
            file.seek(0)
            return TXT if _is_text(file.read()) else None
        return None
    finally:
        file.seek(0)


def _zip_type(file):
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)  # reads the directory only
        names = set(archive.namelist())
        if "mimetype" in names:
            with archive.open("mimetype") as entry:
                return _ODF_MIMETYPES.get(entry.read(100).strip())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    return next((kind for part, kind in _OFFICE_PARTS.items() if part in names), None)


def _ole_type(file, name):
    """DOC, XLS or PPT by the name of the container's main stream; the file name breaks a tie
    (a document may embed a table)."""
    file.seek(0)
    content = file.read()
    found = []
    for stream, kind in _OLE_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in content and kind not in found:
            found.append(kind)
    suffix = PurePath(name).suffix.lower()
    return next((kind for kind in found if suffix in kind.extensions), found[0] if found else None)


def _is_text(content):
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def stored_extension(name):
    """The extension a file named ``name`` is stored under: the usual one of a known type
    (``.jpeg`` gives ``.jpg``), none for anything else, so no stored name ends in ``.html``,
    ``.svg`` or ``.exe`` whatever the uploader called the file."""
    kind = _BY_EXTENSION.get(PurePosixPath(base_name(name)).suffix.lower())
    return kind.extension if kind else ""


def base_name(name):
    """The last part of a path written with either slash, as a browser on any system sends it."""
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1]


def check(file):
    """Raise ValidationError unless ``file`` is small enough and of an accepted type by content;
    then give it its true extension and return ``(type, original name)``. The original name
    keeps the uploader's words, cleaned of folders and control characters, with the extension of
    the true type."""
    if file.size > max_bytes():
        raise ValidationError(
            f"Файл больше {size_limit_text()}: уменьшите его или дайте ссылку на него.", code="too_big"
        )
    if file.size == 0:
        raise ValidationError("Файл пустой.", code="empty")
    original = base_name(file.name)
    kind = detect(file, original)
    if kind is None:
        raise ValidationError(
            f"Файл не похож ни на один из разрешённых видов: {accepted_text()}. "
            "Вид файла определяется по содержимому, а не по имени.",
            code="wrong_type",
        )
    kept = stem(original, 150, "материал")
    suffix = PurePosixPath(original).suffix.lower()
    download_name = f"{kept}{suffix if suffix in kind.extensions else kind.extension}"
    file.name = f"{kept}{kind.extension}"
    return kind, download_name


def serve(field_file, download_name, inline=False):
    """A stored file as an attachment named ``download_name`` (``inline``: shown, as a picture
    is, if it is a PDF or a picture), typed by its checked extension: a file of an unknown type
    is sent as bytes to download, never as a page.

    404 when there is no file. The caller checks access.
    """
    if not field_file:
        raise Http404("Файл не загружен.")
    kind = _BY_EXTENSION.get(PurePosixPath(field_file.name).suffix.lower())
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError:
        raise Http404("Файл не найден.") from None
    name = clean_name(download_name) or "file"
    if kind and PurePosixPath(name).suffix.lower() not in kind.extensions:
        name += kind.extension
    response = FileResponse(
        handle,
        as_attachment=not (inline and kind in INLINE_TYPES),
        filename=name,
        content_type=kind.content_type if kind else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def stem(name, length, default):
    """The uploader's file name without folders and extension, cleaned (``clean_name``), at most
    ``length`` characters; ``default`` when nothing is left."""
    return clean_name(PurePosixPath(base_name(name)).stem)[:length].strip(" .") or default


def clean_name(name):
    """A file name fit for a header and a disk: no folders, quotes, control or invisible
    formatting characters (a right-to-left mark could disguise ``exe.pdf`` as ``fdp.exe``),
    spaces made single, at most 200 characters."""
    cleaned = "".join(" " if char in '/\\"' or unicodedata.category(char)[0] in "CZ" else char for char in name)
    return " ".join(cleaned.split()).strip(" .")[:200]
