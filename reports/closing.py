"""Closing a school year: what blocks it, the roll-over into the next year, and the closing itself.

A year closes once its pairs and groups are finished or ended early and no document of the year
is left a draft. Closing carries the mentors and the unfinished mentees the curator ticked into
the banks of the next year (created if missing, made current if the closed year was), gives the
next year a roadmap (the closed year's copied a year later, else the school's seed roadmap), and
marks the year closed. From then on the year's data is read-only (``mentoring.closing``).

Everything happens in one transaction holding the year's row, so a repeated submit finds the
year closed and changes nothing.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from mentoring import roadmap
from mentoring.models import AcademicYear, NormativeAct
from pairs.models import Mentorship
from participants.models import Mentee, Mentor
from surveys.models import Survey

# Mentees whose participation is not over: still applying, waiting in the bank (including those
# whose pair ended early and who came back to it) or supported without a pair.
UNFINISHED = (Mentee.Status.APPLICATION, Mentee.Status.IN_BANK, Mentee.Status.SUPPORT)
# A mentor who had been trained in the closed year comes as trained; the others as candidates.
TRAINED = (Mentor.Status.TRAINED, Mentor.Status.APPOINTED, Mentor.Status.WORKING)


@dataclass
class Block:
    """One reason the year cannot be closed, with the rows to fix: (label, url) pairs."""

    title: str
    hint: str = ""
    items: list = field(default_factory=list)


class Refused(Exception):
    """The year cannot be closed yet; ``blocks`` says why."""

    def __init__(self, blocks):
        self.blocks = blocks
        reasons = "; ".join(block.title[:1].lower() + block.title[1:] for block in blocks)
        super().__init__(f"Учебный год нельзя закрыть: {reasons}.")


@dataclass
class Outcome:
    year: AcademicYear
    closed: bool  # False: the year had already been closed (a repeated submit)
    next_year: AcademicYear | None = None
    mentors: list = field(default_factory=list)  # the new records of the next year
    mentees: list = field(default_factory=list)
    already: list = field(default_factory=list)  # people who already had a record there
    roadmap: str = ""  # "copied", "seeded" or "" (the next year kept its own or none was made)
    made_current: bool = False


def next_year_of(year):
    return AcademicYear.objects.filter(start_year=year.start_year + 1).first()


def blocks(year):
    """What keeps the year from closing, each block naming its rows with links."""
    found = []
    if year.is_closed:
        found.append(Block(f"Учебный год уже закрыт {timezone.localtime(year.closed_at):%d.%m.%Y}"))
    pairs = Mentorship.objects.open().filter(year=year).select_related("mentor__person").order_by("pk")
    if pairs:
        found.append(
            Block(
                "Не завершены пары и группы",
                "Завершите их или прекратите досрочно.",
                [
                    (f"{pair} — {pair.mentor.person}, {pair.get_status_display()}", pair.get_absolute_url())
                    for pair in pairs
                ],
            )
        )
    drafts = NormativeAct.objects.filter(year=year, status=NormativeAct.Status.DRAFT).order_by("date", "pk")
    if drafts:
        found.append(
            Block(
                "В реестре остались черновики документов",
                "Подпишите их или удалите.",
                [(f"{act.label} «{act.heading}» (черновик)", act.get_absolute_url()) for act in drafts],
            )
        )
    earlier = AcademicYear.objects.filter(start_year__lt=year.start_year, closed_at__isnull=True).order_by("start_year")
    if earlier:
        found.append(
            Block(
                "Не закрыты предыдущие учебные годы",
                "Годы закрываются по порядку.",
                [(str(other), f"{reverse('year_close')}?year={other.start_year}") for other in earlier],
            )
        )
    current = AcademicYear.objects.current()
    if current and year.start_year > current.start_year:
        found.append(Block(f"Учебный год {year} ещё не начался: текущий — {current}"))
    if AcademicYear.objects.filter(start_year=year.start_year + 1, closed_at__isnull=False).exists():
        found.append(
            Block(
                f"Следующий учебный год {year.start_year + 1}/{year.start_year + 2} уже закрыт",
                "Перенести в него участников нельзя.",
            )
        )
    return found


def _in_next_year(model, year):
    return Exists(model.objects.filter(person=OuterRef("person"), year__start_year=year.start_year + 1))


def mentor_candidates(year):
    """The year's mentors who may be carried over (not archived), ``in_next`` marking those
    already in the next year's bank."""
    return (
        Mentor.objects.filter(year=year)
        .exclude(status=Mentor.Status.ARCHIVED)
        .for_list()
        .annotate(in_next=_in_next_year(Mentor, year))
        .order_by("person")
    )


def mentee_candidates(year):
    """The year's unfinished mentees who may be carried over, ``in_next`` as for mentors."""
    return (
        Mentee.objects.filter(year=year, status__in=UNFINISHED)
        .for_list()
        .annotate(in_next=_in_next_year(Mentee, year))
        .order_by("person")
    )


@transaction.atomic
def close(year, user, mentor_ids=(), mentee_ids=()):
    """Close ``year``, carrying the chosen mentors and mentees (ids; others are ignored) over.

    Raises ``Refused`` while something blocks closing. A year already closed is left as it is
    (``Outcome.closed`` is False), so a double submit closes and carries once.
    """
    year = AcademicYear.objects.select_for_update().get(pk=year.pk)
    if year.is_closed:
        return Outcome(year=year, closed=False)
    if found := blocks(year):
        raise Refused(found)
    next_year, _ = AcademicYear.objects.get_or_create(start_year=year.start_year + 1)
    outcome = Outcome(year=year, closed=True, next_year=next_year)
    _carry_mentors(year, next_year, mentor_ids, outcome)
    _carry_mentees(year, next_year, mentee_ids, outcome)
    outcome.roadmap = _roadmap(year, next_year)
    if year.is_current:
        next_year.make_current()
        outcome.made_current = True
    # Questionnaires still open stop taking answers: the year's data no longer changes.
    Survey.objects.filter(year=year, stopped=False).update(stopped=True)
    year.closed_at, year.closed_by = timezone.now(), user
    year.save(update_fields=["closed_at", "closed_by"])
    return outcome


def _taken(model, next_year, records):
    people = [record.person_id for record in records]
    return set(model.objects.filter(year=next_year, person__in=people).values_list("person_id", flat=True))


def _carry_mentors(year, next_year, ids, outcome):
    """A new record in the next year's bank: forms, competencies, subjects and capacity kept;
    no appointment (a new order is needed); results and notes stay with the closed year (the
    long-term base, ``MentorProfile``, carries the rating and notes across years)."""
    chosen = list(mentor_candidates(year).filter(pk__in=ids))
    taken = _taken(Mentor, next_year, chosen)
    for mentor in chosen:
        if mentor.person_id in taken:
            outcome.already.append(mentor.person)
            continue
        carried = Mentor.objects.create(
            person=mentor.person,
            year=next_year,
            status=Mentor.Status.TRAINED if mentor.status in TRAINED else Mentor.Status.CANDIDATE,
            competencies=mentor.competencies,
            subjects=mentor.subjects,
            capacity=mentor.capacity,
        )
        carried.forms.set(mentor.forms.all())
        outcome.mentors.append(carried)


def _carry_mentees(year, next_year, ids, outcome):
    """A new record in the next year's bank: the request, form and role model kept."""
    chosen = list(mentee_candidates(year).filter(pk__in=ids))
    taken = _taken(Mentee, next_year, chosen)
    for mentee in chosen:
        if mentee.person_id in taken:
            outcome.already.append(mentee.person)
            continue
        outcome.mentees.append(
            Mentee.objects.create(
                person=mentee.person,
                year=next_year,
                status=Mentee.Status.IN_BANK,
                form=mentee.form,
                role_model=mentee.role_model,
                request=mentee.request,
                notes=f"Перенесён из {year} учебного года",
            )
        )


def _roadmap(year, next_year):
    """Give the next year a roadmap unless it has one: the closed year's a year later, else the seed."""
    if next_year.roadmap_stages.exists():
        return ""
    try:
        if year.roadmap_stages.exists():
            roadmap.copy_to_next_year(year)
            return "copied"
        roadmap.create_from_seed(next_year)
        return "seeded"
    except roadmap.RoadmapError:
        return ""
