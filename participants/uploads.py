"""Uploaded files: size and type checks for forms, and serving a stored file to those who may read it.

Neither the uploader's file name nor the browser's content type is trusted: the first bytes
decide the type. A file that passes is renamed to its true extension, and the stored name
(random, see ``mentoring.storage.PrivateUploadTo``) keeps only that extension, so when the file is served
its type comes from what was checked, not from what was claimed.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

# The types and their detection by content are the project's one list (``mentoring.filetypes``);
# this module keeps the limits and the form fields of scans and training materials.
from mentoring import filetypes
from mentoring.filetypes import DOCX, JPEG, PDF, PNG, PPTX, TXT, XLSX, detect, serve  # noqa: F401

SCAN_TYPES = (PDF, JPEG, PNG)
MATERIAL_TYPES = (PDF, DOCX, XLSX, PPTX, JPEG, PNG, TXT)


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
    file.name = f"{filetypes.stem(file.name, 100, 'file')}{kind.extension}"
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
