"""«Публикации»: storing what the curator writes for the public section, and the drafts the
programme's data suggests.

- An address left empty is made from the title (``translit.slugify``); a taken one gets «-2»,
  «-3»…; when two saves take the same address at once, the unique column refuses the second
  and it is saved again under the next free one.
- A double-submitted «add» stores one publication: the author's row is locked while the same
  title and kind added by them in the last minute is looked for. A file sent twice within a
  minute is stored once too.
- People: one ``Appearance`` per person with the marks («name», «photo», «results») the form
  gives. The consent rule itself is ``participants.publicity``.
- Pictures are re-encoded before they are stored: turned upright by their EXIF orientation,
  stripped of every piece of metadata (a phone's photo carries the place it was taken),
  scaled down to ``IMAGE_SIDE`` pixels at most.
- Drafts from a pair (a case, a best mentor) and from the year's figures never name children
  and never quote a mentee's request; a mentor is named only under their consent.
"""

import datetime
import io
import re
import warnings
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from PIL import Image, ImageOps

from mentoring import filetypes, translit
from mentoring.models import Publication, PublicationFile, SiteSection, User
from pairs.models import Meeting, Mentorship
from participants import publicity
from participants.models import Appearance, Person
from reports import best, monitoring
from reports.models import YearReview
from reports.templatetags.documents import plural

MARKS = ("name", "photo", "results")
MARK_LABELS = {"name": "ФИО", "photo": "фотографии", "results": "результаты"}
DUPLICATE_WINDOW = datetime.timedelta(minutes=1)
SLUG_LENGTH = 80  # of the 100 the column holds, room is left for «-2», «-3»…
SLUG_ATTEMPTS = 5
FALLBACK_SLUG = "publikatsiia"
IMAGE_TYPES = (filetypes.PNG, filetypes.JPEG)
IMAGE_SIDE = 1920
MAX_PIXELS = 60_000_000
TOO_LARGE = "Изображение слишком большое (больше 60 мегапикселей): уменьшите его и загрузите снова."
BROKEN = "Изображение повреждено или не читается: сохраните его заново в PNG или JPEG и загрузите снова."


# ---------------------------------------------------------------------------------------------
# Publications and addresses
# ---------------------------------------------------------------------------------------------


def free_slug(base, exclude=None):
    """``base``, or ``base-2``, ``base-3``… — the first no other publication holds."""
    taken = set(Publication.objects.filter(slug__startswith=base).exclude(pk=exclude).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _save(publication):
    """Save under a free address: the one typed or the title's; a race for it moves to the next."""
    base = publication.slug or translit.slugify(publication.title, SLUG_LENGTH) or FALLBACK_SLUG
    for _attempt in range(SLUG_ATTEMPTS):
        publication.slug = free_slug(base, exclude=publication.pk)
        try:
            with transaction.atomic():
                publication.save()
            return publication
        except IntegrityError:
            if not Publication.objects.filter(slug=publication.slug).exclude(pk=publication.pk).exists():
                raise
    raise IntegrityError(f"No free address after {SLUG_ATTEMPTS} attempts: {base}")


@transaction.atomic
def create(publication, marks, user):
    """Store a new ``publication`` (unsaved, from the form) and its people (``marks``: {person
    id: {mark: bool}}); returns ``(publication, created)``. The same title and kind added by the
    same user within a minute is taken for a second click and not stored again."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    duplicate = (
        Publication.objects.filter(
            created_by=user,
            title=publication.title,
            kind=publication.kind,
            created_at__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .order_by("pk")
        .first()
    )
    if duplicate:
        return duplicate, False
    publication.created_by = user
    _save(publication)
    set_appearances(publication, marks)
    return publication, True


@transaction.atomic
def update(publication, marks):
    _save(publication)
    set_appearances(publication, marks)
    return publication


def delete(publication):
    """Delete ``publication`` with its files; they leave the disk with their rows (``storage.delete_files``)."""
    publication.delete()


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------


def set_appearances(publication, marks):
    """Make the publication's appearances those of ``marks`` ({person id: {mark: bool}}); a
    person with no mark left is removed."""
    wanted = {person: flags for person, flags in marks.items() if any(flags.values())}
    Appearance.objects.filter(publication=publication).exclude(person__in=list(wanted)).delete()
    existing = {item.person_id: item for item in Appearance.objects.filter(publication=publication)}
    new, changed = [], []
    for person, flags in wanted.items():
        values = {mark: bool(flags.get(mark)) for mark in MARKS}
        item = existing.get(person)
        if item is None:
            new.append(Appearance(publication=publication, person_id=person, **values))
        elif any(getattr(item, mark) != value for mark, value in values.items()):
            for mark, value in values.items():
                setattr(item, mark, value)
            changed.append(item)
    Appearance.objects.bulk_create(new)
    Appearance.objects.bulk_update(changed, MARKS)


def appearances(publication):
    """The publication's appearances, with persons and ``<mark>_covered`` for each mark."""
    return (
        Appearance.objects.filter(publication=publication)
        .select_related("person__school_class")
        .annotate(**{f"{mark}_covered": publicity.covering(mark) for mark in MARKS})
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )


def uncovered_marks(appearance):
    """The marks of an appearance (from ``appearances``) that the person's consent does not cover."""
    return [mark for mark in MARKS if getattr(appearance, mark) and not getattr(appearance, f"{mark}_covered")]


def marks_text(marks):
    return ", ".join(MARK_LABELS[mark] for mark in marks)


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def reencode(upload, kind):
    """The picture in ``upload`` (PNG or JPEG by content) upright, without metadata, at most
    ``IMAGE_SIDE`` pixels on its longer side, in the same format: bytes. A broken picture or a
    decompression bomb raises ValidationError."""
    upload.seek(0)
    buffer = io.BytesIO()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise ValidationError(TOO_LARGE, code="too_large")
                if kind == filetypes.JPEG:
                    opened.draft("RGB", (IMAGE_SIDE, IMAGE_SIDE))  # decoded at a half, quarter… when that suffices
                image = ImageOps.exif_transpose(opened)
                image.thumbnail((IMAGE_SIDE, IMAGE_SIDE), Image.Resampling.LANCZOS)
                transparency = image.info.get("transparency")
                image.info = {}  # comments, XMP, ICC and EXIF would otherwise be written back
                if kind == filetypes.JPEG:
                    if image.mode not in ("RGB", "L"):
                        image = image.convert("RGB")
                    image.save(buffer, "JPEG", quality=85, optimize=True)
                else:
                    options = {} if transparency is None else {"transparency": transparency}
                    image.save(buffer, "PNG", optimize=True, **options)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(TOO_LARGE, code="too_large") from None
    except Exception:  # a damaged file fails in many ways inside the decoders
        raise ValidationError(BROKEN, code="broken") from None
    finally:
        upload.seek(0)
    return buffer.getvalue()


@transaction.atomic
def add_file(publication, upload, title="", alt="", image=None):
    """Attach ``upload`` (checked by ``filetypes.check``, so it carries ``download_name``) to
    ``publication``; ``image`` is the re-encoded picture when it is one. Returns ``(file,
    created)``: the same file sent again within a minute is the one already stored."""
    Publication.objects.select_for_update().filter(pk=publication.pk).first()
    size = len(image) if image is not None else upload.size
    duplicate = publication.files.filter(
        file_name=upload.download_name, size=size, created_at__gte=timezone.now() - DUPLICATE_WINDOW
    ).first()
    if duplicate:
        return duplicate, False
    position = publication.files.aggregate(last=Max("position"))["last"] or 0
    item = PublicationFile(
        publication=publication,
        file_name=upload.download_name,
        size=size,
        is_image=image is not None,
        title=title,
        alt=alt if image is not None else "",
        position=position + 1,
    )
    item.file.save(upload.name, ContentFile(image) if image is not None else upload, save=False)
    try:
        item.save()
    except Exception:
        item.file.storage.delete(item.file.name)
        raise
    return item, True


def delete_file(item):
    """Delete ``item``; its file leaves the disk with the row (``storage.delete_files``)."""
    item.delete()


# ---------------------------------------------------------------------------------------------
# Drafts: a case, a best mentor, the year's results
# ---------------------------------------------------------------------------------------------


class Refused(Exception):
    """A draft that cannot be made; the message says why (safe HTML with a link)."""


def _decimal(value):
    return f"{value:.1f}".replace(".", ",")


def _bullets(lines):
    return "\n".join(f"- {line}" for line in lines)


def _text(sections):
    """Markdown from [(heading, body)], sections without a body left out."""
    return "\n\n".join(f"## {heading}\n\n{body}" for heading, body in sections if body)


def _joined(items):
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} и {items[-1]}"


def role_of(person):
    """How a person is described without their name: «ученик 7 класса», «учитель математики»."""
    if person.is_student:
        return f"ученик {person.school_class.grade} класса" if person.school_class_id else "обучающийся"
    return person.place or person.get_kind_display()


def mentees_phrase(mentees):
    """The mentees without names: «ученик 7 класса», «3 ученика 7 и 8 классов», «педагог»."""
    people = [mentee.person for mentee in mentees]
    students = [person for person in people if person.is_student]
    parts = []
    if len(students) == 1:
        parts.append(role_of(students[0]))
    elif students:
        grades = sorted({person.school_class.grade for person in students if person.school_class_id})
        phrase = f"{len(students)} {plural(len(students), 'ученик,ученика,учеников')}"
        if grades:
            phrase += f" {_joined(grades)} {'класса' if len(grades) == 1 else 'классов'}"
        parts.append(phrase)
    staff = sum(1 for person in people if person.is_staff_member)
    if staff:
        parts.append("педагог" if staff == 1 else f"{staff} {plural(staff, 'педагог,педагога,педагогов')}")
    others = len(people) - len(students) - staff
    if others:
        parts.append(f"{others} {plural(others, 'участник,участника,участников')}")
    return ", ".join(parts) or "—"


def _stem_pattern(word):
    """A pattern for ``word`` with any case ending: its stem (up to 2 final letters dropped from
    words of 5+ letters, 1 from 4-letter ones) and the letters after it; Ё and Е alike. The first
    letter must be a capital, as a name's is, so that «Вера» leaves «верно» alone."""
    cut = 2 if len(word) >= 5 else 1 if len(word) == 4 else 0
    stem = word[: len(word) - cut].upper()
    letters = ["[ЕЁ]" if char in "ЕЁ" else re.escape(char) for char in stem]
    tail = r"\w*" if len(word) >= 3 else r"\b"
    return rf"\b{letters[0]}(?i:{''.join(letters[1:])}){tail}"


def _without_names(text, people):
    """``text`` with the names of ``people`` (in any case ending) replaced by «[имя]»; a
    hyphenated surname is looked for by its parts, a full name becomes one «[имя]»."""
    words = {
        part
        for person in people
        for name in (person.last_name, person.first_name, person.patronymic)
        for part in re.split(r"[\s-]+", name or "")
        if len(part) >= 2
    }
    if not text or not words:
        return text
    pattern = "|".join(_stem_pattern(word) for word in sorted(words, key=len, reverse=True))
    text = re.sub(pattern, "[имя]", text)
    return re.sub(r"\[имя\](?:[\s-]+\[имя\])+", "[имя]", text)


def _meeting_lines(mentorship):
    """Meetings held: count, period, formats, duration (``best._meetings_lines`` without the
    topics, which may retell the request)."""
    lines = best._meetings_lines(mentorship)
    if "Темы встреч:" in lines:
        lines = lines[: lines.index("Темы встреч:")]
    return lines


def _count(number, forms):
    """«3 пары»: a number with its word (``forms`` as for ``plural``)."""
    return f"{number} {plural(number, forms)}"


def _pair(pk):
    return Mentorship.objects.select_related("year", "form", "role_model", "mentor__person__school_class").get(pk=pk)


def draft_case(mentorship):
    """The initial data of a case publication about ``mentorship``."""
    mentorship = _pair(mentorship.pk)
    mentees = best._mentees(mentorship)
    mentor = mentorship.mentor.person
    named = mentor.pk in publicity.nameable([mentor.pk])
    phrase = mentees_phrase(mentees)
    form = mentorship.form.name
    role_model = f" (ролевая модель: {mentorship.role_model})" if mentorship.role_model else ""
    people = [
        f"Форма наставничества: {form}{role_model}.",
        f"Наставник: {mentor.full_name}, {role_of(mentor)}." if named else f"Наставник — {role_of(mentor)}.",
        f"{'Наставляемые' if len(mentees) > 1 else 'Наставляемый'}: {phrase}.",
    ]

    hidden = [mentee.person for mentee in mentees] + ([] if named else [mentor])
    goal = ""
    if programme := best._programme(mentorship):
        goal = f"Цель: {_without_names(programme.goal.strip(), hidden)}"
        if tasks := best._lines(_without_names(programme.tasks, hidden)):
            goal += "\n\nЗадачи:\n\n" + _bullets(tasks)
        if expected := best._lines(_without_names(programme.expected_results, hidden)):
            goal += "\n\nОжидаемые результаты:\n\n" + _bullets(expected)

    results = [f"Итог: {mentorship.get_outcome_display()}."] if mentorship.outcome else []
    results = _bullets(results + best._growth_lines(mentorship))
    if achievements := mentorship.achievements.strip():
        results += "\n\n**Достижения (проверьте, что в тексте нет имён и подробностей о детях):**\n\n"
        results += _without_names(achievements, hidden)

    text = _text(
        [
            ("Участники", _bullets(people)),
            ("Цель и задачи", goal or "Программа не составлена."),
            ("Как работали", _bullets(_meeting_lines(mentorship))),
            ("Результаты", results.strip() or "Итоги ещё не внесены."),
        ]
    )
    held = Meeting.objects.filter(mentorship=mentorship, held=True).count()
    kind = "группы" if mentorship.is_group else "пары"
    return {
        "kind": Publication.Kind.CASE,
        "year": mentorship.year,
        "title": f"Кейс: {form} — {_without_names(mentorship.title, hidden) if mentorship.is_group else phrase}"[:300],
        "summary": f"Опыт {kind} в форме «{form}»: {phrase}; встреч проведено — {held}."[:300],
        "text": text,
        "named": [mentor.pk] if named else [],
    }


def _work_lines(pairs):
    """The pairs and groups of a mentor by form: «учитель – ученик: 2 пары, 1 группа; 4 наставляемых»."""
    by_form = defaultdict(lambda: {"pairs": 0, "groups": 0, "mentees": 0})
    rows = (
        pairs.values("form__name", "form__position", "is_group")
        .annotate(n=Count("pk", distinct=True), mentees=Count("memberships"))
        .order_by("form__position", "form__name")
    )
    for row in rows:
        counts = by_form[row["form__name"]]
        counts["groups" if row["is_group"] else "pairs"] += row["n"]
        counts["mentees"] += row["mentees"]
    lines = []
    for form, counts in by_form.items():
        parts = [_count(counts["pairs"], "пара,пары,пар")] if counts["pairs"] else []
        if counts["groups"]:
            parts.append(_count(counts["groups"], "группа,группы,групп"))
        mentees = _count(counts["mentees"], "наставляемый,наставляемых,наставляемых")
        lines.append(f"{form}: {', '.join(parts)}; {mentees}.")
    return lines


def _mentor_results(mentor, pairs):
    outcomes = dict(pairs.exclude(outcome="").values_list("outcome").annotate(n=Count("pk")).order_by())
    lines = []
    if outcomes:
        counted = "; ".join(f"{Mentorship.Outcome(value).label} — {count}" for value, count in outcomes.items())
        lines.append(f"Итоги пар и групп: {counted}.")
    if best_pairs := pairs.filter(best_practice=True).count():
        lines.append(f"Лучшая практика года: пар и групп — {best_pairs}.")
    elif mentor.best_practice:
        lines.append("Отмечен как лучший наставник года.")
    lines.append(f"Проведено встреч: {Meeting.objects.filter(mentorship__in=pairs, held=True).count()}.")
    return lines


def require_named_mentor(mentorship):
    """Raise ``Refused`` unless the consent of the mentor of ``mentorship`` allows their name."""
    person = mentorship.mentor.person
    if person.pk not in publicity.nameable([person.pk]):
        raise Refused(
            format_html(
                "Публикация о лучшем наставнике невозможна: у наставника {} нет действующего согласия на "
                "распространение, разрешающего публиковать ФИО. Внесите согласие в "
                '<a href="{}" class="alert-link">карточке участника</a>.',
                person.full_name,
                reverse("person", args=[person.pk]),
            )
        )


def draft_best_mentor(mentorship):
    """The initial data of a «best mentor» publication about the mentor of ``mentorship``;
    ``Refused`` when the mentor's consent does not allow their name."""
    mentorship = _pair(mentorship.pk)
    require_named_mentor(mentorship)
    mentor, year = mentorship.mentor, mentorship.year
    person = mentor.person
    with_results = publicity.people_covering("results", Person.objects.filter(pk=person.pk)).exists()
    pairs = Mentorship.objects.filter(mentor=mentor, status__in=monitoring.TAKING_PART)
    sections = [("Наставничество в этом учебном году", _bullets(_work_lines(pairs)) or "Пар и групп нет.")]
    if with_results:
        sections.append(("Результаты", _bullets(_mentor_results(mentor, pairs))))
    return {
        "kind": Publication.Kind.BEST_MENTOR,
        "year": year,
        "title": f"Лучший наставник {year}: {person.full_name}"[:300],
        "summary": f"{person.full_name}, {role_of(person)}, — лучший наставник {year} учебного года."[:300],
        "text": f"{person.full_name} — {role_of(person)}.\n\n" + _text(sections),
        "named": [person.pk],
        "with_results": [person.pk] if with_results else [],
    }


def _reach_lines(coverage, young):
    band = f"{coverage.age_from}–{coverage.age_to} лет"
    lines = [
        f"Обучающихся в возрасте {band}: {coverage.students}; вовлечено в наставничество и сопровождение: "
        f"{coverage.involved} — {_decimal(coverage.percent)} % при целевом показателе {coverage.target} %."
    ]
    if coverage.reached:
        lines.append("Целевой показатель достигнут.")
    elif coverage.students:
        lines.append(f"До целевого показателя не хватило обучающихся: {coverage.needed}.")
    lines.append(
        f"Из них наставляемых — {coverage.as_mentees}, наставников из числа обучающихся — {coverage.as_mentors}, "
        f"сопровождение без пары — {coverage.supported}."
    )
    if young.total:
        share = _decimal(young.percent)
        lines.append(f"Молодых педагогов с наставником: {young.with_mentor} из {young.total} ({share} %).")
    return lines


def _questionnaire_lines(satisfaction, growth):
    satisfied = [
        f"{side.title}: ожидания до программы — {_score(side.before)}, оценка после — {_score(side.after)}."
        for side in satisfaction.values()
        if side.answered
    ]
    grown = []
    if growth.answered and growth.change is not None:
        sign = "+" if growth.change > 0 else ""
        grown.append(
            f"Самооценка наставляемых: в начале — {_decimal(growth.before)}, в конце — {_decimal(growth.after)}, "
            f"изменение {sign}{_decimal(growth.change)}."
        )
    return satisfied, grown


def draft_results(year):
    """The initial data of the year's results: the monitoring's figures, aggregates only."""
    forms_of = monitoring.participants_forms(year)
    coverage = monitoring.coverage(year, YearReview.of(year))
    mentorships = monitoring.mentorships(year)
    meetings = monitoring.meetings(year)
    taking_part = Mentorship.objects.filter(year=year, status__in=monitoring.TAKING_PART)
    mentors = taking_part.values("mentor").distinct().count()

    pairs = [f"Всего пар и групп: {mentorships.total}; наставников в них: {mentors}."]
    pairs += [
        f"{row.form}: пар — {row.pairs}, групп — {row.groups}, наставляемых — {row.mentees}."
        for row in mentorships.forms
    ]
    share = _decimal(meetings.percent)
    held = [f"Проведено {meetings.planned_held} из {meetings.planned} запланированных встреч ({share} %)."]
    if meetings.held != meetings.planned_held:
        held.append(f"Всего с внеплановыми: {meetings.held}.")
    satisfied, grown = _questionnaire_lines(monitoring.satisfaction(year, forms_of), monitoring.growth(year, forms_of))
    text = _text(
        [
            ("Охват", _bullets(_reach_lines(coverage, monitoring.young_teachers(year)))),
            ("Пары и группы", _bullets(pairs)),
            ("Встречи", _bullets(held)),
            ("Удовлетворённость участников (по шкале от 1 до 10)", _bullets(satisfied)),
            ("Рост наставляемых (по шкале от 1 до 10)", _bullets(grown)),
        ]
    )
    summary = (
        f"Охват наставничеством — {_decimal(coverage.percent)} % обучающихся; "
        f"пар и групп — {mentorships.total}; проведено встреч — {meetings.planned_held}."
    )
    return {
        "kind": Publication.Kind.RESULT,
        "year": year,
        "title": f"Итоги реализации программы наставничества в {year} учебном году",
        "summary": summary[:300],
        "text": text,
    }


def _score(value):
    return "—" if value is None else _decimal(value)


# ---------------------------------------------------------------------------------------------
# The section's settings
# ---------------------------------------------------------------------------------------------


@dataclass
class CuratorOnSite:
    user: User
    person: Person | None
    named: bool


def curator_person(user):
    """The section's curator: their card among the people, if any, and whether the site may name them."""
    if user is None:
        return None
    person = Person.objects.filter(user=user).first()
    return CuratorOnSite(user, person, person is not None and person.pk in publicity.nameable([person.pk]))


def save_section(data):
    """Write the section's one row; two first saves at once make one (``key`` is unique)."""
    section, _created = SiteSection.objects.update_or_create(key=1, defaults=data)
    return section


# ---------------------------------------------------------------------------------------------
# The list
# ---------------------------------------------------------------------------------------------

STATES = [
    ("draft", "черновик"),
    ("published", "опубликовано"),
    ("scheduled", "запланировано"),
    ("hidden", "скрыто: нет согласия"),
]


def _hidden():
    return Exists(publicity.uncovered_appearances().filter(publication=OuterRef("pk")))


def for_list():
    """Publications with ``file_count`` and ``hidden`` (someone shown beyond their consent)."""
    return (
        Publication.objects.select_related("year")
        .annotate(file_count=Count("files"), hidden=_hidden())
        .order_by("-published_at", "-pk")
    )


def search(queryset, text="", kind="", state="", now=None):
    """Publications whose title holds every word of ``text``, of ``kind``, in ``state``: draft,
    published (visible on the site), scheduled (a future date) or hidden (published, but
    showing someone beyond their consent)."""
    for word in text.split():
        queryset = queryset.filter(title__icontains=word)
    if kind:
        queryset = queryset.filter(kind=kind)
    now = now or timezone.now()
    published = Q(status=Publication.Status.PUBLISHED)
    if state == "draft":
        queryset = queryset.filter(status=Publication.Status.DRAFT)
    elif state == "scheduled":
        queryset = queryset.filter(published, published_at__gt=now)
    elif state == "hidden":
        queryset = queryset.filter(published, hidden=True)
    elif state == "published":
        queryset = queryset.filter(published, published_at__lte=now, hidden=False)
    return queryset
