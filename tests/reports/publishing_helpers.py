"""Helpers for the tests of publications: publications, people with dissemination consents, pictures."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import ExifTags, Image

from mentoring.models import Publication, PublicationFile
from participants.models import Appearance, Consent, Person
from tests.factories import make_consent, make_person

PDF_BYTES = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


def make_publication(
    title="Итоги олимпиады", kind=Publication.Kind.NEWS, status=Publication.Status.PUBLISHED, **fields
):
    fields.setdefault("slug", f"pub-{Publication.objects.count() + 1}-{timezone.now().timestamp():.0f}")
    fields.setdefault("published_at", timezone.now() - datetime.timedelta(hours=1))
    fields.setdefault("text", "Текст публикации.")
    return Publication.objects.create(title=title, kind=kind, status=status, **fields)


def appear(publication, person, name=True, photo=False, results=False):
    return Appearance.objects.create(publication=publication, person=person, name=name, photo=photo, results=results)


def disseminating(person, name=True, photo=False, results=False, **fields):
    """A dissemination consent in force for ``person``, covering the marks given."""
    return make_consent(
        person, Consent.Kind.DISSEMINATION, covers_name=name, covers_photo=photo, covers_results=results, **fields
    )


def adult(last_name="Учителева", first_name="Мария", **fields):
    """A teacher: of age by kind, so their own consent counts."""
    fields.setdefault("position", "учитель математики")
    return make_person(last_name=last_name, first_name=first_name, kind=Person.Kind.TEACHER, **fields)


def child(last_name="Ученикова", first_name="Ольга", **fields):
    """A student of twelve on the day of the factories' consents."""
    fields.setdefault("birth_date", datetime.date(2014, 3, 1))
    return make_person(last_name=last_name, first_name=first_name, kind=Person.Kind.STUDENT, **fields)


def jpeg(size=(3000, 2000), orientation=None, gps=True, color="red"):
    """A JPEG photo as a phone takes it: EXIF with the maker, the orientation and the place."""
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.IFD.GPSInfo] = {1: "N", 2: (55.0, 45.0, 0.0), 3: "E", 4: (37.0, 37.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"school yard")
    return buffer.getvalue()


def png(size=(40, 30), mode="RGBA"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def stored_files(media_root):
    return sorted(path for path in media_root.rglob("*") if path.is_file())


def attach(publication, name="Положение.pdf", content=PDF_BYTES, is_image=False, **fields):
    """A file stored with ``publication`` directly, as the upload would leave it."""
    item = PublicationFile(publication=publication, file_name=name, size=len(content), is_image=is_image, **fields)
    item.file.save(name, SimpleUploadedFile(name, content), save=False)
    item.save()
    return item
