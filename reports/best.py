"""Best practices of the year: the curator marks pairs, groups and mentors as best, and a best
pair's experience is written up as a case of the methodological piggy bank.

Marking follows ``pairs.workflow.finish``: a best pair makes its mentees' records and its
mentor's record «лучшая практика» too; a mentor may also be marked alone. Only flags that
change are saved, each with ``save(update_fields=…)`` so that history records who changed it.

A case starts from a draft made of the pair's data (``draft_case``). Cases get published, so the
draft names children by surname and initial only («Иванов И.»); the mentor is named in full.
Saving a case twice edits the same material: the pair's row is locked while its case is made.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q

from mentoring import materials
from mentoring.models import Material
from pairs.models import Meeting, Membership, Mentorship, Programme
from participants.models import Mentee, Mentor

Status = Mentorship.Status
LISTED = (Status.FINISHED, Status.ACTIVE)
REQUEST_IN_TITLE = 80


# ---------------------------------------------------------------------------------------------
# Marking best practices
# ---------------------------------------------------------------------------------------------


def mentorships(year):
    """The year's finished and working pairs and groups with what the page shows (three queries
    when listed: the rows, their mentees, nothing per row)."""
    return (
        Mentorship.objects.filter(year=year, status__in=LISTED)
        .for_list()
        .annotate(held_count=Count("meetings", filter=Q(meetings__held=True)))
        .order_by("mentor__person__last_name", "mentor__person__first_name", "pk")
    )


@dataclass
class Listing:
    finished: list
    active: list
    mentors: list  # the mentors of the listed pairs, each once, in the order of the rows

    @property
    def best_pair_mentors(self):
        return {m.mentor_id for m in self.finished + self.active if m.best_practice}


def listing(year):
    rows = list(mentorships(year))
    mentors = list({m.mentor_id: m.mentor for m in rows}.values())
    return Listing(
        finished=[m for m in rows if m.status == Status.FINISHED],
        active=[m for m in rows if m.status == Status.ACTIVE],
        mentors=mentors,
    )


@transaction.atomic
def mark(year, best_pairs, best_mentors):
    """Make the year's listed pairs in ``best_pairs`` (pks) best and the others not; the mentors
    in ``best_mentors`` and those of best pairs best, the others not. Returns how many pairs,
    mentees and mentors changed."""
    pairs = list(Mentorship.objects.select_for_update().filter(year=year, status__in=LISTED).order_by("pk"))
    changed = [pair for pair in pairs if pair.best_practice != (pair.pk in best_pairs)]
    for pair in changed:
        pair.best_practice = pair.pk in best_pairs
        pair.save(update_fields=["best_practice", "updated_at"])

    touched = Membership.objects.filter(mentorship__in=changed).values("mentee")
    best_mentees = set(
        Membership.objects.filter(
            mentee__in=touched, mentorship__year=year, mentorship__best_practice=True
        ).values_list("mentee", flat=True)
    )
    mentee_count = 0
    for mentee in Mentee.objects.select_for_update().filter(pk__in=touched).order_by("pk"):
        if mentee.best_practice != (mentee.pk in best_mentees):
            mentee.best_practice = mentee.pk in best_mentees
            mentee.save(update_fields=["best_practice", "updated_at"])
            mentee_count += 1

    of_best_pairs = {pair.mentor_id for pair in pairs if pair.best_practice}
    mentor_count = 0
    for mentor in Mentor.objects.select_for_update().filter(pk__in={pair.mentor_id for pair in pairs}).order_by("pk"):
        value = mentor.pk in best_mentors or mentor.pk in of_best_pairs
        if mentor.best_practice != value:
            mentor.best_practice = value
            mentor.save(update_fields=["best_practice", "updated_at"])
            mentor_count += 1
    return len(changed), mentee_count, mentor_count


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------


@dataclass
class CaseDraft:
    title: str
    text: str
    authors: str


def initials(person):
    """«Иванов И.»: how a child is named in a text that may be published."""
    return f"{person.last_name} {person.first_name[:1]}.".strip() if person.first_name else person.last_name


def _place(person):
    if person.is_student:
        return f"{person.school_class} класс" if person.school_class_id else "обучающийся"
    return person.place


def _programme(mentorship):
    try:
        return mentorship.programme
    except Programme.DoesNotExist:
        return None


def _mentees(mentorship):
    return list(mentorship.mentees.select_related("person__school_class").order_by("person__last_name", "pk"))


def _short(text, limit=REQUEST_IN_TITLE):
    """The first line (and sentence) of ``text``, at most ``limit`` characters."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    sentence = line.split(". ")[0].rstrip(".")
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rstrip() + "…"


def _request(mentorship, programme, mentees):
    if programme and programme.request.strip():
        return programme.request.strip()
    return "\n".join(mentee.request.strip() for mentee in mentees if mentee.request.strip())


def _lines(text):
    return [line.strip(" -—–•\t") for line in text.splitlines() if line.strip(" -—–•\t")]


def _decimal(value):
    return f"{value:.1f}".replace(".", ",")


def _growth_lines(mentorship):
    """The mentees' self-assessment before and after (``reports.monitoring.pair_growth``), as
    lines of «Результаты»; none when the mentees did not give both assessments."""
    from reports.monitoring import pair_growth

    mentorship = Mentorship.objects.prefetch_related("mentees").get(pk=mentorship.pk)
    growth = pair_growth([mentorship], mentorship.year).get(mentorship.pk)
    if growth is None or growth.change is None:
        return []
    sign = "+" if growth.change > 0 else ""
    return [
        f"Самооценка наставляемых (в баллах из 10): в начале {_decimal(growth.baseline)}, "
        f"в конце {_decimal(growth.final)}, изменение {sign}{_decimal(growth.change)}."
    ]


def _meetings_lines(mentorship):
    held = list(Meeting.objects.filter(mentorship=mentorship, held=True).order_by("held_on", "planned_on", "pk"))
    if not held:
        return ["Проведённые встречи в журнале не отмечены."]
    dates = [meeting.held_on or meeting.planned_on for meeting in held if meeting.held_on or meeting.planned_on]
    period = f" (с {min(dates):%d.%m.%Y} по {max(dates):%d.%m.%Y})" if dates else ""
    formats = []
    for meeting in held:
        label = meeting.get_format_display()
        if label not in formats:
            formats.append(label)
    minutes = sum(meeting.duration or 0 for meeting in held)
    lines = [f"Проведено встреч: {len(held)}{period}."]
    lines.append(f"Формат: {' и '.join(formats)}.")
    if minutes:
        lines.append(f"Общая продолжительность: {minutes // 60} ч {minutes % 60} мин.")
    lines.append("Темы встреч:")
    lines += [f"— {meeting.topic}{f' ({meeting.held_on:%d.%m.%Y})' if meeting.held_on else ''}" for meeting in held]
    return lines


def draft_case(mentorship):
    """A draft of the case of ``mentorship``: title, text in sections, authors."""
    mentorship = Mentorship.objects.select_related("form", "mentor__person__school_class", "year").get(pk=mentorship.pk)
    programme = _programme(mentorship)
    mentees = _mentees(mentorship)
    request = _request(mentorship, programme, mentees)
    subject = mentorship.title if mentorship.is_group else (_short(request) or str(mentorship))
    title = f"Кейс: {mentorship.form.name} — {subject}"[:300]

    sections = [("Запрос", [request or "Запрос не записан."])]
    goal = []
    if programme:
        goal.append(f"Цель: {programme.goal.strip()}")
        tasks = _lines(programme.tasks)
        if tasks:
            goal += ["Задачи:", *(f"— {task}" for task in tasks)]
        expected = _lines(programme.expected_results)
        if expected:
            goal += ["Ожидаемые результаты:", *(f"— {item}" for item in expected)]
    sections.append(("Цель и задачи", goal or ["Программа не составлена."]))
    sections.append(("Как работали", _meetings_lines(mentorship)))

    results = [mentorship.achievements.strip()] if mentorship.achievements.strip() else []
    if mentorship.outcome:
        results.append(f"Итог: {mentorship.get_outcome_display()}.")
    results += _growth_lines(mentorship)
    sections.append(("Результаты", results or ["Итоги ещё не внесены."]))

    mentor = mentorship.mentor.person
    mentor_line = f"Наставник: {mentor.full_name}"
    if _place(mentor):
        mentor_line += f", {_place(mentor)}"
    people = [f"{initials(m.person)}{f', {_place(m.person)}' if _place(m.person) else ''}" for m in mentees]
    label = "Наставляемые" if len(mentees) > 1 else "Наставляемый"
    participants = [f"{mentor_line}.", f"{label}: {'; '.join(people)}." if people else f"{label}: —."]
    participants.append(f"Форма наставничества: {mentorship.form.name}.")
    sections.append(("Участники", participants))

    text = "\n\n".join(f"{heading}\n" + "\n".join(lines) for heading, lines in sections)
    return CaseDraft(title=title, text=text, authors=mentor.full_name)


@transaction.atomic
def save_case(mentorship, title, text, tags, authors, user):
    """Create the case of ``mentorship`` or change the one it has; returns ``(material, created)``."""
    locked = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
    if locked.case_id:
        material = Material.objects.select_for_update().get(pk=locked.case_id)
        material.title, material.description, material.authors = title, text, authors
        material.save(update_fields=["title", "description", "authors", "updated_at"])
        created = False
    else:
        material = Material.objects.create(
            kind=Material.Kind.CASE,
            title=title,
            description=text,
            authors=authors,
            year=locked.year,
            created_by=user,
        )
        locked.case = material
        locked.save(update_fields=["case", "updated_at"])
        created = True
    materials.set_tags(material, tags)
    return material, created
