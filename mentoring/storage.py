"""Names of uploaded and generated private files (scans, materials, signed documents), and their
removal with the rows they belong to."""

import uuid
from functools import partial

from django.apps import apps
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.utils import timezone
from django.utils.deconstruct import deconstructible

from mentoring import filetypes


@deconstructible
class PrivateUploadTo:
    """A random stored name under ``folder``: nothing of the uploader's file name reaches the disk
    but the extension of a known type (``filetypes.stored_extension``). The upload forms name the
    file after the type found in its content, so the extension is the checked one."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{timezone.localdate():%Y}/{uuid.uuid4().hex}{filetypes.stored_extension(filename)}"

    def __eq__(self, other):
        return isinstance(other, PrivateUploadTo) and other.folder == self.folder


@transaction.atomic
def replace_file(instance, name, upload, also=()):
    """Store ``upload`` in ``instance``'s file field ``name`` (saving ``also`` with it) and return the
    row as saved. The row is locked, so two replacements at once leave no stray file; the replaced
    file leaves the disk once the change is committed."""
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    old = getattr(locked, name).name
    setattr(locked, name, upload)
    locked.save(update_fields=[name, *also])
    if old:
        transaction.on_commit(partial(getattr(locked, name).storage.delete, old))
    return locked


def private_file_fields(model):
    """The file fields of ``model`` whose files are stored under ``PrivateUploadTo`` names."""
    return [
        field
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and isinstance(field.upload_to, PrivateUploadTo)
    ]


def delete_files(sender, instance, **kwargs):
    """The deleted row's files leave the disk once the deletion is committed: a scan of a consent
    must not outlive its record, also when a cascade (a person removed in the admin) deletes it."""
    for field in private_file_fields(sender):
        name = getattr(instance, field.name).name
        if name:
            transaction.on_commit(partial(field.storage.delete, name), using=kwargs.get("using"))


def delete_files_with_rows():
    """Connect ``delete_files`` to each model with private files (only to those, so the deletion of
    other models keeps Django's fast path that sends no signals)."""
    for model in apps.get_models():
        if private_file_fields(model):
            post_delete.connect(delete_files, sender=model, dispatch_uid=f"delete_files:{model._meta.label}")
