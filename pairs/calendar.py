"""A programme's calendar of meetings and the meeting journal.

The calendar follows the cycle of a programme: знакомство → пробная встреча → планирование →
серия встреч → итоговая встреча. The curator plans it (from the plan of a programme template,
then by hand) and approves it. Any change to the plan afterwards — a planned meeting added,
deleted or moved to another date or time — withdraws the approval, so the curator approves
the changed calendar again. Meetings held outside the plan go to the journal without touching
the calendar.

The curator or the pair's own mentor logs each meeting: held or not, when, how long, in which
format. The first meeting held by a pair fixed by an order («утверждена») starts its work
(«действует»).
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Case, Count, Exists, Max, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from pairs.models import Meeting, Mentorship, Programme
from pairs.workflow import Conflict

Stage = Meeting.Stage
Status = Mentorship.Status

JOURNAL_FIELDS = frozenset({"held", "held_on", "duration", "format", "topic", "notes"})
TIMING_FIELDS = ("planned_on", "planned_time")
# A pair at work that has held no meeting for this long gets a warning in the lists.
QUIET_DAYS = 30
WORKING = (Status.APPROVED, Status.ACTIVE)


def lines(text):
    """The non-blank lines of a text written one item per line (tasks, results, topics)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# ---------------------------------------------------------------------------------------------
# Planning
# ---------------------------------------------------------------------------------------------


def cycle(count):
    """The stages of ``count`` meetings in the cycle of a programme.

    Four and more: acquaintance, trial, planning, the series, final. Fewer: acquaintance first,
    final last, the series between. A single meeting is the final one.
    """
    if count == 1:
        return [Stage.FINAL]
    opening = [Stage.ACQUAINTANCE, Stage.TRIAL, Stage.PLANNING] if count >= 4 else [Stage.ACQUAINTANCE]
    return [*opening, *[Stage.SERIES] * (count - len(opening) - 1), Stage.FINAL]


def spread(starts_on, ends_on, count):
    """``count`` school days spread evenly from ``starts_on`` to ``ends_on``, both ends included.

    A single meeting falls on the last day. A day falling on Saturday moves back to Friday and one
    on Sunday on to Monday, the nearest school day — unless that leaves the period; then the other
    way. So no meeting is planned for a weekend.
    """
    span = (ends_on - starts_on).days
    offsets = [round(index * span / (count - 1)) for index in range(count)] if count > 1 else [span]
    return [_school_day(starts_on + datetime.timedelta(days=offset), starts_on, ends_on) for offset in offsets]


def _school_day(day, starts_on, ends_on):
    weekday = day.weekday()
    if weekday < 5:
        return day
    nearest, other = (-1, 2) if weekday == 5 else (1, -2)
    moved = day + datetime.timedelta(days=nearest)
    return moved if starts_on <= moved <= ends_on else day + datetime.timedelta(days=other)


@transaction.atomic
def plan_meetings(programme, topics):
    """Plan the programme's meetings, one per topic, through its cycle and its period.

    Only a programme with no meetings yet is planned: the planned meetings, or [] when the
    calendar had meetings already (a second submission, a calendar made by hand).
    """
    Mentorship.objects.select_for_update().get(pk=programme.mentorship_id)
    if not topics or Meeting.objects.filter(mentorship_id=programme.mentorship_id).exists():
        return []
    days = spread(programme.starts_on, programme.ends_on, len(topics))
    meetings = [
        Meeting(mentorship_id=programme.mentorship_id, stage=stage, topic=topic, planned_on=day)
        for stage, topic, day in zip(cycle(len(topics)), topics, days, strict=True)
    ]
    return bulk_create_with_history(meetings, Meeting)


def create_programme(programme, topics):
    """Store a new programme and plan its meetings from ``topics``.

    A pair has one programme: a second submission of the same form finds it made and changes
    nothing (Conflict).
    """
    try:
        with transaction.atomic():
            programme.save()
            plan_meetings(programme, topics)
    except IntegrityError:
        if Programme.objects.filter(mentorship_id=programme.mentorship_id).exists():
            raise Conflict("Программа этой пары уже составлена.") from None
        raise
    return programme


@transaction.atomic
def approve_calendar(programme, user):
    """The curator approves the calendar: it needs a planned meeting with a date and a final meeting."""
    meetings = Meeting.objects.filter(mentorship_id=programme.mentorship_id)
    if not meetings.filter(planned_on__isnull=False).exists():
        raise Conflict("В календаре нет ни одной встречи с датой: добавьте встречи.")
    if not meetings.filter(stage=Stage.FINAL).exists():
        raise Conflict("В календаре нет итоговой встречи: добавьте её или укажите этап «итоговая встреча».")
    programme.calendar_approved_at, programme.calendar_approved_by = timezone.now(), user
    programme.save(update_fields=["calendar_approved_at", "calendar_approved_by", "updated_at"])


def _calendar_changed(mentorship_id):
    """The plan has changed: the approval is withdrawn until the curator approves it again."""
    programme = Programme.objects.filter(mentorship_id=mentorship_id, calendar_approved_at__isnull=False).first()
    if programme is not None:
        programme.calendar_approved_at = programme.calendar_approved_by = None
        programme.save(update_fields=["calendar_approved_at", "calendar_approved_by", "updated_at"])


# ---------------------------------------------------------------------------------------------
# The journal
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def save_meeting(meeting, user):
    """Store a meeting as a form has set it, compared with the stored row.

    - a planned meeting added, or one moved to another date or time, changes the calendar;
    - a marked meeting whose journal entry has changed is logged: by ``user``, now; an unmarked
      one carries no log;
    - a held meeting starts the work of an approved pair.
    """
    stored = Meeting.objects.select_for_update().filter(pk=meeting.pk).first() if meeting.pk else None
    if stored is None and (twin := _twin(meeting)):
        return twin  # the same form sent twice: the meeting is stored once
    if meeting.held is None:
        meeting.logged_by = meeting.logged_at = None
    elif stored is None or _differ(stored, meeting, JOURNAL_FIELDS):
        meeting.logged_by, meeting.logged_at = user, timezone.now()
    meeting.save()
    moved = meeting.planned_on is not None if stored is None else _differ(stored, meeting, TIMING_FIELDS)
    if moved:
        _calendar_changed(meeting.mentorship_id)
    if meeting.held:
        _start_work(meeting.mentorship)
    return meeting


def _twin(meeting):
    """An identical meeting of the same pair already stored, found under a lock of the pair's row,
    so that two copies of one form sent at once store one meeting."""
    Mentorship.objects.select_for_update().filter(pk=meeting.mentorship_id).first()
    fields = ("stage", "topic", "planned_on", "planned_time", "held", "held_on")
    return Meeting.objects.filter(
        mentorship_id=meeting.mentorship_id, **{field: getattr(meeting, field) for field in fields}
    ).first()


def log_meeting(meeting, user, **fields):
    """The journal entry of ``meeting`` (a new one: a meeting held outside the plan).

    ``fields`` among held (True, False, or None: not marked yet), held_on, duration, format,
    topic, notes; stored as ``save_meeting`` stores them.
    """
    if unknown := set(fields) - JOURNAL_FIELDS:
        raise TypeError(f"Not fields of the journal: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(meeting, name, value)
    return save_meeting(meeting, user)


def _differ(stored, meeting, fields):
    return any(getattr(stored, name) != getattr(meeting, name) for name in fields)


def _start_work(mentorship):
    """A meeting held by a pair fixed by an order: the pair is working now («действует»)."""
    started = Mentorship.objects.filter(pk=mentorship.pk, status=Status.APPROVED).update(
        status=Status.ACTIVE, updated_at=timezone.now()
    )
    if started:
        mentorship.refresh_from_db()
        # django-simple-history records saves, not updates.
        mentorship.save(update_fields=["updated_at"])


@transaction.atomic
def delete_meeting(meeting):
    """Take a meeting that was not held out of the calendar; a held one stays in the journal."""
    deleted, _ = Meeting.objects.filter(pk=meeting.pk).exclude(held=True).delete()
    if not deleted:
        raise Conflict("Проведённая встреча остаётся в журнале: удалить её нельзя.")
    if meeting.planned_on:
        _calendar_changed(meeting.mentorship_id)


# ---------------------------------------------------------------------------------------------
# Progress in the lists
# ---------------------------------------------------------------------------------------------


def _meetings(**conditions):
    return Meeting.objects.filter(mentorship=OuterRef("pk"), **conditions).order_by().values("mentorship")


def with_progress(mentorships, today=None):
    """Each pair's programme and journal at a glance, by subqueries (no join multiplies the rows).

    ``has_programme``, ``calendar_approved``, ``meeting_count`` (planned and held outside the
    plan), ``held_count``, ``last_held_on``, and ``quiet``: at work for over 30 days with no
    meeting held in the last 30.
    """
    since = (today or timezone.localdate()) - datetime.timedelta(days=QUIET_DAYS)
    programme = Programme.objects.filter(mentorship=OuterRef("pk"))
    held = _meetings(held=True)
    return mentorships.annotate(
        has_programme=Exists(programme),
        calendar_approved=Exists(programme.filter(calendar_approved_at__isnull=False)),
        meeting_count=Coalesce(Subquery(_meetings().annotate(n=Count("pk")).values("n")), 0),
        held_count=Coalesce(Subquery(held.annotate(n=Count("pk")).values("n")), 0),
        last_held_on=Subquery(held.annotate(last=Max("held_on")).values("last")),
    ).annotate(
        quiet=Case(
            When(
                Q(status__in=WORKING, starts_on__lte=since)
                & (Q(last_held_on__isnull=True) | Q(last_held_on__lt=since)),
                then=Value(True),
            ),
            default=Value(False),
        )
    )
