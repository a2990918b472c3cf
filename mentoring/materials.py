"""The methodological piggy bank: searching materials, their tags, adding, changing and deleting.

Tags are typed as one line, «Метки через запятую»; a tag that differs from an existing one only
in case is the existing one. A double-submitted «add» stores one material: the author's row is
locked while the same title and kind added by them in the last minute is looked for.
"""

import datetime
import functools
import operator

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from mentoring.models import Material, MaterialTag, User

TAG_MAX_LENGTH = MaterialTag._meta.get_field("name").max_length
DUPLICATE_WINDOW = datetime.timedelta(minutes=1)


def parse_tags(text):
    """«математика, ОГЭ , , Математика» → ["математика", "ОГЭ"]: trimmed, spaces made single,
    repeats (in any case) dropped, the first spelling kept."""
    seen, names = set(), []
    for part in (text or "").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


def tags_text(material):
    return ", ".join(tag.name for tag in material.tags.all())


def find_or_create_tags(names):
    """The tags named ``names``, existing ones matched ignoring case, missing ones created."""
    if not names:
        return []
    matches = functools.reduce(operator.or_, (Q(name__iexact=name) for name in names))
    existing = {tag.name.casefold(): tag for tag in MaterialTag.objects.filter(matches)}
    missing = [name for name in names if name.casefold() not in existing]
    if missing:
        # Another request may create the same tag at this moment: the unique name settles it.
        MaterialTag.objects.bulk_create([MaterialTag(name=name) for name in missing], ignore_conflicts=True)
        created = functools.reduce(operator.or_, (Q(name__iexact=name) for name in missing))
        existing.update({tag.name.casefold(): tag for tag in MaterialTag.objects.filter(created)})
    return [existing[name.casefold()] for name in names if name.casefold() in existing]


def set_tags(material, names):
    material.tags.set(find_or_create_tags(names))


def search(queryset, text="", kind="", tag=""):
    """Materials whose title, description, authors or a tag contain every word of ``text``
    (ignoring case), of the ``kind``, bearing the ``tag``."""
    through = Material.tags.through
    for word in text.split():
        in_tags = through.objects.filter(material=OuterRef("pk"), materialtag__name__icontains=word)
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(authors__icontains=word) | Exists(in_tags)
        )
    if kind:
        queryset = queryset.filter(kind=kind)
    if tag:
        queryset = queryset.filter(Exists(through.objects.filter(material=OuterRef("pk"), materialtag__name=tag)))
    return queryset


def for_list():
    return Material.objects.select_related("year").prefetch_related("tags")


@transaction.atomic
def create(material, tag_names, user):
    """Store a new ``material`` (unsaved, from the form) added by ``user``; returns
    ``(material, created)``. The same title and kind added by the same user within a minute is
    taken for a second click and not stored again."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    duplicate = Material.objects.filter(
        created_by=user,
        title=material.title,
        kind=material.kind,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if duplicate:
        if material.file:
            material.file.close()
        return duplicate, False
    material.created_by = user
    material.save()
    set_tags(material, tag_names)
    return material, True


@transaction.atomic
def update(material, tag_names, old_file_name=""):
    """Save changes of ``material`` (from the form); a replaced or removed file is deleted from
    the disk once the change is committed."""
    material.save()
    set_tags(material, tag_names)
    if old_file_name and old_file_name != material.file.name:
        _delete_file_on_commit(material.file.storage, old_file_name)
    return material


def delete(material):
    """Delete ``material``; its file leaves the disk with the row (``storage.delete_files``)."""
    material.delete()


def _delete_file_on_commit(storage, name):
    transaction.on_commit(lambda: storage.delete(name))
