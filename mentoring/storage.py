"""Names of uploaded and generated private files (scans, materials, signed documents)."""

import uuid
from pathlib import PurePosixPath

from django.utils import timezone
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateUploadTo:
    """A random stored name under ``folder``: nothing of the uploader's file name reaches the disk."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        suffix = PurePosixPath(filename).suffix.lower()[:8]
        return f"{self.folder}/{timezone.localdate():%Y}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.folder == self.folder
