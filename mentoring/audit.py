"""The audit log of personal data: every recorded change of the records that hold it, and every
export or download (``DataExport``).

django-simple-history keeps a history table per model; ``PERSONAL_DATA`` names, in one place, the
models whose changes the curator reads on «Журнал действий с персональными данными». Their tables
are read as one list: a UNION ALL of (kind, history id, date) over the tables, filtered, ordered
newest first and cut into pages by the database (``changes``). A page's records are then fetched
per model together with their previous versions, and the objects they point to one query per
model (``entries``): a page costs the same number of queries for 5 rows as for 50.

Models are named by label and looked up when needed, so the core imports no app to its right.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.apps import apps
from django.db.models import FileField, IntegerField, Max, OuterRef, Q, Subquery, Value
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.text import capfirst

from mentoring import names
from mentoring.models import DataExport

PERSON, MENTEE, MENTOR, MENTORSHIP = (
    "participants.person",
    "participants.mentee",
    "participants.mentor",
    "pairs.mentorship",
)


@dataclass(frozen=True)
class Tracked:
    """A model holding personal data, and the field leading to whom its records are about:
    a person, a mentee or a mentor (and so a person) or a pair; empty when the record is itself a
    person or a pair."""

    label: str
    owner: str = ""

    @property
    def key(self):
        return self.label.lower()

    @property
    def model(self):
        return apps.get_model(self.label)


PERSONAL_DATA = (
    Tracked("participants.Person"),
    Tracked("participants.Consent", "person"),
    Tracked("participants.Mentee", "person"),
    Tracked("participants.RequestNote", "mentee"),
    Tracked("participants.Mentor", "person"),
    Tracked("participants.MentorProfile", "person"),
    Tracked("participants.MentorScore", "mentor"),
    Tracked("participants.Interview", "mentor"),
    Tracked("pairs.Mentorship"),
    Tracked("pairs.Programme", "mentorship"),
    Tracked("pairs.Meeting", "mentorship"),
)

ACTIONS = {"+": "создание", "~": "изменение", "-": "удаление"}
# The user filter's value for changes made with no user: imports from the shell, migrations.
NO_USER = "none"
# Objects that name others in their ``str``: loaded first, with what they name loaded after them.
_NAMING = ((MENTORSHIP, ("mentor",)), (MENTOR, ("person", "year")), (MENTEE, ("person", "year")))


def tracked():
    """The models of ``PERSONAL_DATA`` whose apps are installed, in its order."""
    installed = {config.label for config in apps.get_app_configs()}
    return [item for item in PERSONAL_DATA if item.label.split(".")[0] in installed]


def kinds():
    """(key, label) of each kind of record, for the filter."""
    return [(item.key, capfirst(item.model._meta.verbose_name_plural)) for item in tracked()]


# ---------------------------------------------------------------------------------------------
# The list: one query for a page, one for the count
# ---------------------------------------------------------------------------------------------


def _midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _period(rows, start, end, column):
    if start:
        rows = rows.filter(**{f"{column}__gte": _midnight(start)})
    if end:
        rows = rows.filter(**{f"{column}__lt": _midnight(end + datetime.timedelta(days=1))})
    return rows


def changes(start=None, end=None, user=None, kind="", people=None):
    """The log's rows, newest first, as (kind's index in ``tracked()``, history id, date): a query
    to paginate.

    ``start`` and ``end`` are days, both included; ``user`` a user's id, or ``NO_USER`` for changes
    made without one; ``kind`` a key of ``kinds()``; ``people`` the people whose records to keep,
    as a list of parts, each a list or a query of person ids (see ``people_named``).
    """
    parts = []
    for index, item in enumerate(tracked()):
        if kind and item.key != kind:
            continue
        rows = _period(item.model.history.order_by(), start, end, "history_date")
        if user == NO_USER:
            rows = rows.filter(history_user__isnull=True)
        elif user:
            rows = rows.filter(history_user_id=user)
        if people is not None:
            rows = rows.filter(_about(item, people))
        parts.append(
            rows.annotate(audit_kind=Value(index, output_field=IntegerField())).values_list(
                "audit_kind", "history_id", "history_date"
            )
        )
    if not parts:
        return []
    first, *others = parts
    combined = first.union(*others, all=True) if others else first
    return combined.order_by("-history_date", "-history_id")


def people_named(text):
    """The people whose name, now or in any recorded version, contains every word of ``text``
    (case and Ё ignored): a list of queries of person ids."""
    person = apps.get_model(PERSON)
    past = person.history.order_by()
    for word in names.search_key(text).split():
        pattern = re.escape(word).replace("е", "[её]")
        past = past.filter(Q(last_name__iregex=pattern) | Q(first_name__iregex=pattern) | Q(patronymic__iregex=pattern))
    return [person.objects.search(text).values("pk"), past.values("id")]


def _any(column, parts):
    """``column`` in any of ``parts``, each a list or a query of ids."""
    return reduce(or_, (Q(**{f"{column}__in": part}) for part in parts))


def _mentees_of(people):
    mentee = apps.get_model(MENTEE)
    return [
        mentee.history.order_by().filter(_any("person_id", people)).values("id"),
        mentee.objects.filter(_any("person_id", people)).values("pk"),
    ]


def _mentors_of(people):
    mentor = apps.get_model(MENTOR)
    return [
        mentor.history.order_by().filter(_any("person_id", people)).values("id"),
        mentor.objects.filter(_any("person_id", people)).values("pk"),
    ]


def _mentorships_of(people):
    """The pairs and groups the people led or were in (membership is not historied: as it is now)."""
    mentorship = apps.get_model(MENTORSHIP)
    membership = mentorship._meta.get_field("mentees").remote_field.through
    return [
        mentorship.history.order_by().filter(_any("mentor_id", _mentors_of(people))).values("id"),
        membership.objects.filter(_any("mentee__person_id", people)).values("mentorship_id"),
    ]


def _about(item, people):
    """The condition on ``item``'s history rows that keeps the records about ``people``."""
    model = item.model
    target = model._meta.get_field(item.owner).related_model if item.owner else model
    column = f"{item.owner}_id" if item.owner else "id"
    label = target._meta.label_lower
    if label == PERSON:
        return _any(column, people)
    if label == MENTEE:
        return _any(column, _mentees_of(people))
    if label == MENTOR:
        return _any(column, _mentors_of(people))
    if label == MENTORSHIP:
        return _any(column, _mentorships_of(people))
    raise ValueError(f"{item.label}: its records lead to no person ({label}).")


def exports(start=None, end=None, user=None):
    """The export log (``DataExport``), newest first, with the users: a query to paginate."""
    rows = _period(DataExport.objects.select_related("user"), start, end, "at")
    if user == NO_USER:
        return rows.none()
    if user:
        rows = rows.filter(user_id=user)
    return rows.order_by("-at", "-pk")


# ---------------------------------------------------------------------------------------------
# A page's entries
# ---------------------------------------------------------------------------------------------


@dataclass
class Change:
    label: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    user: object
    kind: str
    subject: str
    action: str
    reason: str = ""
    # Whom the record is about, when it is not itself a person or a pair, and where to read it.
    about: str = ""
    url: str = ""
    changes: list = field(default_factory=list)
    # A change whose previous version was never recorded: nothing to compare with.
    first_known: bool = False

    @property
    def is_change(self):
        return self.action == ACTIONS["~"]


class Deleted:
    """An object a record points to that no longer exists and left no history."""

    def __init__(self, model, pk):
        self.model, self.pk = model, pk

    def __str__(self):
        return f"{capfirst(self.model._meta.verbose_name)} № {self.pk} (запись удалена)"


def _instance(model, record):
    """The object as ``record`` saw it, built without a query (``record.instance`` would ask the
    database for fields history leaves out)."""
    values = {f.attname: getattr(record, f.attname) for f in model._meta.concrete_fields if hasattr(record, f.attname)}
    return model(**values)


def _foreign_keys(model):
    return [f for f in model._meta.concrete_fields if f.is_relation]


class _Objects:
    """The objects a page's records point to: each model's wanted ids fetched in one query, those
    deleted since from their last recorded version."""

    def __init__(self):
        self.wanted = defaultdict(set)
        self.found = {}
        self.live = set()

    def want(self, model, pk):
        if pk is not None:
            self.wanted[model].add(pk)

    def want_all(self, model, obj):
        for key in _foreign_keys(model):
            self.want(key.related_model, getattr(obj, key.attname))

    def load(self):
        """Fetch the wanted objects: those that name others first, then the rest."""
        by_label = {model._meta.label_lower: model for model in self.wanted}
        for label, fields in _NAMING:
            if model := by_label.get(label):
                for obj in self._fetch(model, self.wanted.pop(model)):
                    for name in fields:
                        related = model._meta.get_field(name).related_model
                        self.want(related, getattr(obj, f"{name}_id"))
        for model, ids in list(self.wanted.items()):
            self._fetch(model, ids)
        self.wanted.clear()
        for label, fields in _NAMING:
            for (model, _pk), obj in self.found.items():
                if model._meta.label_lower == label and not isinstance(obj, Deleted):
                    self.attach(obj, [model._meta.get_field(name) for name in fields])

    def _fetch(self, model, ids):
        ids = ids - {pk for (known, pk) in self.found if known is model}
        fetched = model._default_manager.in_bulk(ids) if ids else {}
        self.live.update((model, pk) for pk in fetched)
        missing = ids - set(fetched)
        if missing and hasattr(model, "history"):
            history = model.history.order_by()
            last = history.filter(id__in=missing).values("id").annotate(last=Max("history_id")).values("last")
            fetched.update({record.id: _instance(model, record) for record in history.filter(history_id__in=last)})
        for pk in ids:
            self.found[model, pk] = fetched.get(pk) or Deleted(model, pk)
        return [obj for obj in fetched.values()]

    def get(self, model, pk):
        return self.found.get((model, pk)) or Deleted(model, pk)

    def attach(self, obj, keys):
        """Give ``obj`` the loaded objects behind ``keys``, so its ``str`` asks no query."""
        for key in keys:
            pk = getattr(obj, key.attname)
            if pk is not None:
                key.set_cached_value(obj, self.get(key.related_model, pk))

    def url(self, obj):
        if obj is None or isinstance(obj, Deleted) or (type(obj), obj.pk) not in self.live:
            return ""
        return obj.get_absolute_url()


def _show(model_field, value, objects):
    """A value as the log shows it: choices by their names, related objects by their names."""
    if value is None or value == "":
        return "—"
    if isinstance(value, FieldFile) or isinstance(model_field, FileField):
        return "файл"  # history keeps the stored name, an internal path of no use to the reader
    if model_field.is_relation:
        return str(objects.get(model_field.related_model, value))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "да" if value else "нет"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    return str(value)


def _changes(model, record, previous, objects):
    """What ``record`` changed since ``previous``, in the order of the model's fields."""
    many = {f.name for f in previous._history_m2m_fields}
    delta = record.diff_against(previous, excluded_fields=many)
    position = {f.name: n for n, f in enumerate(model._meta.concrete_fields)}
    result = []
    for change in sorted(delta.changes, key=lambda change: position.get(change.field, 0)):
        model_field = model._meta.get_field(change.field)
        label = capfirst(str(model_field.verbose_name))
        result.append(Change(label, _show(model_field, change.old, objects), _show(model_field, change.new, objects)))
    return result


def _owner(item, instance, objects):
    """What the record is about: a person or a pair (the record's own, for a person or a pair)."""
    if not item.owner:
        return objects.get(type(instance), instance.pk)
    target = getattr(instance, item.owner)
    if target is not None and not isinstance(target, Deleted) and target._meta.label_lower in (MENTEE, MENTOR):
        return target.person
    return target


def entries(rows):
    """The entries of a page of ``changes()``, in its order."""
    items = tracked()
    wanted = defaultdict(list)
    for index, history_id, _when in rows:
        wanted[index].append(history_id)
    records, previous = {}, {}
    objects = _Objects()
    for index, ids in wanted.items():
        model = items[index].model
        earlier = (
            model.history.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
            .order_by("-history_id")
            .values("history_id")[:1]
        )
        found = model.history.filter(history_id__in=ids).select_related("history_user")
        found = list(found.annotate(previous_id=Subquery(earlier)).order_by())
        wanted_before = [record.previous_id for record in found if record.history_type == "~" and record.previous_id]
        before = model.history.order_by().in_bulk(wanted_before) if wanted_before else {}
        for record in found:
            records[index, record.history_id] = record
            objects.want_all(model, record)
            if not items[index].owner:
                objects.want(model, record.id)
            if (earlier_record := before.get(record.previous_id)) is not None:
                previous[index, record.history_id] = earlier_record
                objects.want_all(model, earlier_record)
    objects.load()
    result = []
    for index, history_id, _when in rows:
        item, record = items[index], records[index, history_id]
        model = item.model
        instance = _instance(model, record)
        objects.attach(instance, _foreign_keys(model))
        owner = _owner(item, instance, objects)
        entry = Entry(
            when=record.history_date,
            user=record.history_user,
            kind=capfirst(str(model._meta.verbose_name)),
            subject=str(instance),
            action=ACTIONS[record.history_type],
            reason=record.history_change_reason or "",
            about=str(owner) if item.owner and owner is not None else "",
            url=objects.url(owner),
        )
        if record.history_type == "~":
            if (earlier_record := previous.get((index, history_id))) is not None:
                entry.changes = _changes(model, record, earlier_record, objects)
            else:
                entry.first_known = True
        result.append(entry)
    return result
