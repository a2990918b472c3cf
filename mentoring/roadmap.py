"""The live roadmap: statuses from dates and evidence, progress, and generating a year's roadmap."""

import calendar
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.dateformat import format as format_date

from mentoring import evidence
from mentoring.models import LAST_START_YEAR, AcademicYear, RoadmapActivity, RoadmapStage
from mentoring.roadmap_seed import SEED_START_YEAR, STAGES


class Status(models.TextChoices):
    NOT_STARTED = "not_started", "не начато"
    IN_PROGRESS = "in_progress", "в работе"
    DONE = "done", "выполнено"
    OVERDUE = "overdue", "просрочено"

    @property
    def badge(self):
        return {
            "not_started": "text-bg-secondary",
            "in_progress": "text-bg-primary",
            "done": "text-bg-success",
            "overdue": "text-bg-danger",
        }[self.value]


@dataclass
class Progress:
    done: int = 0
    overdue: int = 0
    total: int = 0

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    def count(self, status):
        self.total += 1
        self.done += status == Status.DONE
        self.overdue += status == Status.OVERDUE


def status_of(activity, today, proven):
    """``proven``: {evidence code: bool} for the codes the page's activities name."""
    if activity.done_at or proven.get(activity.evidence_code):
        return Status.DONE
    if activity.end_date < today:
        return Status.OVERDUE
    if activity.start_date <= today:
        return Status.IN_PROGRESS
    return Status.NOT_STARTED


def load(year, today=None):
    """The year's stages with their activities, each activity given ``status`` and ``evidence``
    (the registered check its code names), each stage and the roadmap given ``progress``.

    Costs two queries and one per distinct evidence code, whatever the number of activities.
    """
    today = today or timezone.localdate()
    stages = list(
        year.roadmap_stages.prefetch_related(
            Prefetch("activities", queryset=RoadmapActivity.objects.select_related("done_by"))
        )
    )
    activities = [activity for stage in stages for activity in stage.activities.all()]
    # Nothing in the data can prove the activities of a year whose preparations have not begun.
    codes = [activity.evidence_code for activity in activities] if today >= year.preparation_start else []
    proven = evidence.evaluate(codes, year)
    overall = Progress()
    for stage in stages:
        stage.progress = Progress()
        for activity in stage.activities.all():
            activity.status = status_of(activity, today, proven)
            activity.evidence = evidence.get(activity.evidence_code)
            activity.proven = proven.get(activity.evidence_code, False)
            stage.progress.count(activity.status)
            overall.count(activity.status)
        dates = [(a.start_date, a.end_date) for a in stage.activities.all()]
        stage.period = month_period(min(start for start, _ in dates), max(end for _, end in dates)) if dates else ""
    return stages, overall


def month_period(start, end):
    """«сентябрь 2026», «август — сентябрь 2026», «ноябрь 2026 — апрель 2027», as roadmaps write it."""

    def month(day):
        return format_date(day, "F").lower()

    if (start.year, start.month) == (end.year, end.month):
        return f"{month(start)} {start.year}"
    if start.year == end.year:
        return f"{month(start)} — {month(end)} {end.year}"
    return f"{month(start)} {start.year} — {month(end)} {end.year}"


def shift_years(day, years):
    """The same day ``years`` later; the last day of a month stays the last day of the month
    (a deadline of 28 February becomes 29 February in a leap year, and back)."""
    year = day.year + years
    last_day = calendar.monthrange(year, day.month)[1]
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return day.replace(year=year, day=last_day)
    return day.replace(year=year, day=min(day.day, last_day))


class RoadmapError(Exception):
    """Why a roadmap cannot be created, in words for the curator."""


def _lock_empty(year):
    """Lock the year's row (two requests at once are served one after the other) and make sure
    it has no roadmap yet."""
    year = AcademicYear.objects.select_for_update().get(pk=year.pk)
    if year.roadmap_stages.exists():
        raise RoadmapError(f"У {year} учебного года уже есть дорожная карта.")
    return year


@transaction.atomic
def create_from_seed(year):
    """Generate the year's roadmap from the school's seed roadmap, its months moved to the year."""
    year = _lock_empty(year)
    offset = year.start_year - SEED_START_YEAR
    for number, seed_stage in enumerate(STAGES, start=1):
        stage = RoadmapStage.objects.create(year=year, number=number, title=seed_stage["title"])
        RoadmapActivity.objects.bulk_create(
            RoadmapActivity(
                stage=stage,
                number=activity_number,
                **{
                    **seed_activity,
                    "start_date": shift_years(seed_activity["start_date"], offset),
                    "end_date": shift_years(seed_activity["end_date"], offset),
                },
            )
            for activity_number, seed_activity in enumerate(seed_stage["activities"], start=1)
        )


@transaction.atomic
def copy_to_next_year(year):
    """Copy the year's roadmap into the next year (created if needed), dates a year later,
    every activity not yet done. Returns the next year."""
    stages = list(year.roadmap_stages.prefetch_related("activities"))
    if not stages:
        raise RoadmapError(f"У {year} учебного года нет дорожной карты: копировать нечего.")
    if year.start_year >= LAST_START_YEAR:
        raise RoadmapError(f"Учебные годы после {year} не предусмотрены.")
    next_year, _ = AcademicYear.objects.get_or_create(start_year=year.start_year + 1)
    next_year = _lock_empty(next_year)
    for stage in stages:
        new_stage = RoadmapStage.objects.create(year=next_year, number=stage.number, title=stage.title)
        RoadmapActivity.objects.bulk_create(
            RoadmapActivity(
                stage=new_stage,
                number=activity.number,
                title=activity.title,
                expected_result=activity.expected_result,
                start_date=shift_years(activity.start_date, 1),
                end_date=shift_years(activity.end_date, 1),
                responsible=activity.responsible,
                evidence_code=activity.evidence_code,
            )
            for activity in stage.activities.all()
        )
    return next_year


@transaction.atomic
def add_activity(stage, activity):
    """Add ``activity`` (unsaved) at the end of ``stage``: (activity, True). An activity with the
    same text already in the stage is a repeated submit: (that activity, False)."""
    # Lock the stage so that two submits at once are seen one after the other.
    stage = RoadmapStage.objects.select_for_update().get(pk=stage.pk)
    if existing := stage.activities.filter(title=activity.title).first():
        return existing, False
    activity.stage = stage
    activity.number = (stage.activities.aggregate(last=models.Max("number"))["last"] or 0) + 1
    activity.save()
    return activity, True


@transaction.atomic
def delete_activity(activity):
    """Delete ``activity`` and number the stage's later activities on, so the numbers stay consecutive."""
    stage = RoadmapStage.objects.select_for_update().get(pk=activity.stage_id)
    activity.delete()
    stage.activities.filter(number__gt=activity.number).update(number=F("number") - 1)
