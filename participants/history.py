"""A person's history of changes, read from django-simple-history's tables.

One query per tracked model (plus one per kind of related object named in a change),
whatever the length of the history.
"""

from dataclasses import dataclass, field

from django.db.models import Q

from mentoring.audit import ACTIONS, Change
from participants.models import Consent, Interview, Mentee, Mentor, MentorProfile, MentorScore, Person

# Fields nobody needs to read in a history of personal data.
_SKIPPED = {"id", "created_at", "updated_at", "evaluated_at", "search_name", "scan", "person", "mentor"}


@dataclass
class Entry:
    when: object
    user: object
    subject: str
    action: str
    reason: str
    changes: list = field(default_factory=list)


def _tracked(person):
    """(label of a record, its history rows) for each tracked model holding this person's data."""
    mentees = Q(person=person)
    return [
        (lambda row: "Личные данные", Person.history.filter(id=person.pk)),
        (lambda row: f"Наставляемый, {row.year}", Mentee.history.filter(mentees).select_related("year")),
        (lambda row: f"Наставник, {row.year}", Mentor.history.filter(mentees).select_related("year")),
        (lambda row: f"Согласие {row.get_kind_display()}", Consent.history.filter(mentees)),
        (lambda row: "Долгосрочная база наставников", MentorProfile.history.filter(mentees)),
        (lambda row: "Оценка кандидата в наставники", MentorScore.history.filter(mentor__person=person)),
        (lambda row: "Собеседование", Interview.history.filter(mentor__person=person)),
    ]


def _value(row, model_field):
    value = getattr(row, model_field.attname)
    if value in (None, ""):
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.is_relation:
        related = getattr(row, model_field.name, None)
        return str(related) if related is not None else "—"
    if isinstance(value, bool):
        return "да" if value else "нет"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)


def entries_for(person, limit=50):
    """The latest changes of everything recorded about ``person``, newest first."""
    entries = []
    for subject, history in _tracked(person):
        related = [f.name for f in history.model._meta.concrete_fields if f.is_relation and f.name not in _SKIPPED]
        rows = list(history.select_related(*related).order_by("history_id"))
        previous = {}
        for row in rows:
            fields = [f for f in row.instance_type._meta.concrete_fields if f.name not in _SKIPPED]
            before = previous.get(row.id)
            changes = []
            if row.history_type == "~" and before is not None:
                for model_field in fields:
                    old, new = _value(before, model_field), _value(row, model_field)
                    if old != new:
                        changes.append(Change(str(model_field.verbose_name), old, new))
                if not changes:
                    previous[row.id] = row
                    continue
            previous[row.id] = row
            entries.append(
                Entry(
                    when=row.history_date,
                    user=row.history_user,
                    subject=subject(row),
                    action=ACTIONS[row.history_type],
                    reason=row.history_change_reason or "",
                    changes=changes,
                )
            )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
