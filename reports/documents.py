"""The register of documents: drafting, rendering, signing and publishing.

A draft renders from live data whenever it is opened. Signing renders it one last time,
stores that PDF and the people it names, and applies what the document decides (pairs
fixed, mentors appointed); from then on the stored file is what everyone downloads, whatever
happens to the pairs later.
"""

import copy
import hashlib
import re
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from mentoring import names, pdf, storage
from mentoring.models import AcademicYear, NormativeAct, School
from reports import kinds

Status = NormativeAct.Status
# The least number of rows on an acquaintance sheet: the rest are left blank to fill by hand.
ACQUAINTANCE_ROWS = 12


class Refused(Exception):
    """Why a document cannot be signed or changed, in words for the user."""


def series(kind):
    """Acts numbered together in a calendar year: protocols of the council, or orders."""
    acts = NormativeAct.objects.filter(kind=NormativeAct.Kind.COUNCIL_PROTOCOL)
    return (
        acts
        if kind == NormativeAct.Kind.COUNCIL_PROTOCOL
        else NormativeAct.objects.exclude(kind=NormativeAct.Kind.COUNCIL_PROTOCOL)
    )


def next_number(kind, day, exclude=None):
    """The number to propose: one more than the highest of the series in ``day``'s calendar
    year, keeping the register's suffix («113-о» after «112-о»); «1» for the first."""
    numbers = series(kind).filter(register_year=day.year)
    if exclude is not None:
        numbers = numbers.exclude(pk=exclude.pk)
    best, suffix = 0, ""
    for number in numbers.values_list("number", flat=True):
        if (match := re.match(r"\s*(\d+)(.*)", number)) and int(match[1]) >= best:
            best, suffix = int(match[1]), match[2].strip()
    return f"{best + 1}{suffix}"


def number_taken(kind, number, day, exclude=None):
    taken = series(kind).filter(register_year=day.year, number=number.strip())
    return (taken.exclude(pk=exclude.pk) if exclude is not None else taken).exists()


@transaction.atomic
def create_draft(year, kind, user, number, day):
    """A new draft with the kind's default text, including what it is about by default.

    A second submit of the same form finds the draft the first one made and returns it.
    """
    document_kind = kinds.of(kind)
    draft = document_kind.defaults(year)
    # New drafts of a year are made one at a time: a repeated submit waits and finds the first.
    AcademicYear.objects.select_for_update().get(pk=year.pk)
    if repeated := NormativeAct.objects.filter(
        year=year, kind=kind, status=Status.DRAFT, number=number, register_year=day.year, created_by=user
    ).first():
        return repeated, False
    try:
        with transaction.atomic():
            act = NormativeAct.objects.create(year=year, kind=kind, number=number, date=day, created_by=user, **draft)
    except IntegrityError:
        raise Refused(f"{NormativeAct.title_of(kind)} с таким номером в {day.year} году уже есть.") from None
    document_kind.attach(act)
    return act, True


# Where the QR code of a document signed outside a request points when SITE_URL is not set:
# the address ``make run`` serves (the demo's documents are signed by the seeding command).
LOCAL_SITE_URL = "http://127.0.0.1:8000"


def check_url(act, request=None):
    """The public page the document's QR code opens: at SITE_URL, else where the request came."""
    path = reverse("act_check", args=[act.token])
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path) if request else LOCAL_SITE_URL + path


def nobreak(text):
    """No line break between «№» or «ст.» and the number after it."""
    return re.sub(r"(№|ст\.) +(?=\d)", "\\1\u00a0", text)


def context(act, request=None, annex=None):
    kind = kinds.of(act)
    annex = kind.annex(act) if annex is None else annex
    school = School.load()
    school.full_name, school.short_name = nobreak(school.full_name), nobreak(school.short_name)  # for print only
    return {
        "act": act,
        "kind": kind,
        "school": school,
        "preamble": nobreak(act.preamble),
        "items": [nobreak(item.strip()) for item in act.items.splitlines() if item.strip()],
        "check_url": check_url(act, request),
        "draft": act.is_draft,
        **annex,
    }


def render(act, request=None, annex=None):
    """The PDF of ``act`` from live data (a draft, or a document being signed)."""
    return pdf.render(kinds.of(act).template, context(act, request, annex), request)


def filename(act):
    return f"{act.title} № {act.number} от {act.date:%d.%m.%Y}"


def pdf_response(act, request):
    """The document as the browser shows it: the stored PDF of a signed act, a fresh one of a draft."""
    if act.is_draft:
        content = render(act, request)
    elif not act.pdf:
        raise Http404("Документ подписан на бумаге, его PDF в системе нет: загрузите скан.")
    else:
        content = read_stored(act.pdf)
        if content is None:
            raise Http404("Файл подписанного документа не найден.")
    name = filename(act) + (" (проект)" if act.is_draft else "")
    return pdf.file_response(content, name)


def problems(act, annex=None):
    """What prevents signing ``act``: the school's requisites, an order without items, and the
    kind's own checks."""
    kind = kinds.of(act)
    annex = kind.annex(act) if annex is None else annex
    found = []
    if missing := School.load().missing_requisites:
        found.append("В реквизитах школы не заполнено: " + ", ".join(missing) + ".")
    if not act.is_protocol and not act.items.strip():
        found.append("В приказе нет ни одного пункта.")
    return found + kind.problems(act, annex)


@transaction.atomic
def sign(act, user, number, day, request=None):
    """Sign a draft: number and date as signed, the PDF and the people stored, the decisions applied."""
    act = NormativeAct.objects.select_for_update().get(pk=act.pk)
    if not act.is_draft:
        raise Refused("Документ уже подписан.")
    if number_taken(act.kind, number, day, exclude=act):
        raise Refused(f"{act.title} с таким номером в {day.year} году уже есть.")
    act.number, act.date = number.strip(), day
    kind = kinds.of(act)
    kind.lock(act)
    annex = kind.annex(act)
    if found := problems(act, annex):
        raise Refused("Подписать нельзя: " + " ".join(found))
    act.status, act.signed_at, act.signed_by = Status.SIGNED, timezone.now(), user
    act.people = kind.people(act, annex)
    content = render(act, request, annex)
    act.pdf.save(f"{filename(act)}.pdf", ContentFile(content), save=False)
    try:
        with transaction.atomic():
            act.save()
        kind.on_sign(act, annex)
    except IntegrityError:
        act.pdf.delete(save=False)  # the transaction rolls back: leave no file behind
        raise Refused(f"{act.title} с таким номером в {day.year} году уже есть.") from None
    except Exception:
        act.pdf.delete(save=False)
        raise
    return act


def free_slug(act):
    """The act's address in the public section; «-2», «-3»… when another act has it (numbers
    such as «12-о» and «12/о» of one day read the same in Latin letters)."""
    base = act.make_slug()
    taken = set(NormativeAct.objects.filter(slug__startswith=base).exclude(pk=act.pk).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def publish(act):
    act = NormativeAct.objects.select_for_update().get(pk=act.pk)
    if act.status != Status.SIGNED:
        raise Refused("Опубликовать можно только подписанный документ.")
    act.status, act.published_at, act.slug = Status.PUBLISHED, timezone.now(), free_slug(act)
    try:
        with transaction.atomic():
            act.save(update_fields=["status", "published_at", "slug", "updated_at"])
    except IntegrityError:
        raise Refused("Другой документ публикуется под тем же адресом в эту же минуту: повторите.") from None
    return act


@transaction.atomic
def delete_draft(act):
    act = NormativeAct.objects.select_for_update().get(pk=act.pk)
    if not act.is_draft:
        raise Refused("Подписанный документ удалить нельзя.")
    act.delete()


def attach_scan(act, scan):
    """Store ``scan`` as the scan of the signed ``act``; a replaced scan leaves the disk once the
    change is committed."""
    return storage.replace_file(act, "scan", scan, also=["updated_at"])


def acquaintance(act):
    """The rows of the acquaintance sheet: the staff the document names, then blank rows."""
    if act.is_draft:
        kind = kinds.of(act)
        people = kind.people(act, kind.annex(act))
    else:
        people = act.people
    rows = [row for row in people if row.get("staff")]
    return rows + [None] * max(ACQUAINTANCE_ROWS - len(rows), 3)


def acquaintance_response(act, request):
    name = f"Лист ознакомления. {filename(act)}"
    content = pdf.render(
        "documents/acquaintance.html",
        {"act": act, "rows": acquaintance(act), "school": School.load()},
        request,
    )
    return pdf.file_response(content, name)


# The public copy of an act that names people who gave no consent to publish their names.
HIDDEN_NAME = "[ФИО не публикуется]"
ANNEX_OMITTED = (
    "Приложение не публикуется: в нём названы участники, не давшие согласия на распространение персональных данных."
)
INVITED_OMITTED = "указаны в подлиннике протокола"
# Kinds whose annex is always a list of people.
_ANNEXED = {NormativeAct.Kind.MENTORS_ORDER, NormativeAct.Kind.PAIRS_ORDER}


def _word(word):
    """A word of a name in any grammatical case: its stem with any short ending, Ё read as Е;
    each part of a double surname so («Смирнова-Петрова» → «Смирновой-Петровой»)."""
    if "-" in word:
        return "-".join(_word(part) for part in word.split("-") if part)
    # Two letters off a word of five and more: «Павел» → «Павла» (a vowel drops), «Ирина» → «Ириной».
    cut = 2 if len(word) >= 5 else 1 if len(word) >= 4 else 0
    stem = "".join("[её]" if char in "еёЕЁ" else re.escape(char) for char in word[: len(word) - cut])
    return stem + r"\w{0,4}"


def _initials(*words):
    """«И.О.», «И. О.» or «И.»."""
    return r"\.\s*".join(re.escape(word[0]) for word in words) + r"\."


def name_pattern(full_name):
    """A pattern of a person's name as documents write it: «Фамилия Имя Отчество» (in any case),
    «Имя Отчество Фамилия», «Фамилия И. О.», «Фамилия И.О.», «И.О. Фамилия», «Фамилия Имя»."""
    parts = full_name.split()
    if len(parts) < 2:
        return None
    last, first, *rest = parts
    words = [_word(part) for part in parts]
    initials = _initials(first, *rest[:1])
    initial = _initials(first)
    forms = [
        r"\s+".join(words),
        r"\s+".join(words[1:] + words[:1]),
        _word(last) + r"\s+" + initials,
        initials + r"\s*" + _word(last),
        _word(last) + r"\s+" + initial,
        initial + r"\s*" + _word(last),
    ]
    if rest:
        forms.append(r"\s+".join(words[:2]))
    return "|".join(f"(?:{form})" for form in forms)


def redactor(rows):
    """A function hiding the names of ``rows`` (of ``NormativeAct.people``) in a text."""
    patterns = {pattern for row in rows if (pattern := name_pattern(row.get("name") or ""))}
    if not patterns:
        return lambda text: text
    found = re.compile(r"(?<!\w)(?:" + "|".join(sorted(patterns, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)

    def redact(text):
        return found.sub(HIDDEN_NAME, text) if isinstance(text, str) else text

    return redact


def _redacted(value, redact):
    if isinstance(value, dict):
        return {key: _redacted(item, redact) for key, item in value.items()}
    if isinstance(value, list):
        return [_redacted(item, redact) for item in value]
    return redact(value)


def has_annex_of_people(act):
    """The act has an annex listing people: a pairs or mentors order, a final-event order with
    pairs, a protocol with more than ten present."""
    if act.is_protocol:
        return len([name for name in act.content.get("present", []) if name]) > 10
    if act.kind == NormativeAct.Kind.FINAL_EVENT_ORDER:
        return bool(act.people)
    return act.kind in _ANNEXED


def public_context(act, hidden, request=None):
    """What the public copy of a signed ``act`` shows: only its frozen fields, the names of
    ``hidden`` people (rows of ``act.people``) replaced, the annexes left out."""
    redact = redactor(hidden)
    shown = copy.copy(act)
    shown.heading, shown.preamble, shown.items = (redact(text) for text in (act.heading, act.preamble, act.items))
    shown.content = _redacted(act.content, redact)
    if shown.content.get("invited"):
        # Those invited are typed as free text (often a parent): the copy does not name them.
        shown.content["invited"] = INVITED_OMITTED
    # A protocol's list of those present is its only annex drawn from the act itself; the copy gives their count.
    annex = kinds.of(act).annex(shown) if act.is_protocol else {}
    result = context(shown, request, annex)
    result.update(
        public_copy=True,
        annex_omitted=ANNEX_OMITTED if has_annex_of_people(act) else "",
        signers={role: redact(names.short_from_full(act.content.get(role) or "")) for role in ("chair", "secretary")},
    )
    return result


def public_copy_key(hidden):
    """Which names a public copy hides, in short: a copy hiding others is made again."""
    digest = hashlib.sha256("\n".join(sorted(row.get("name") or "" for row in hidden)).encode())
    return digest.hexdigest()[:16]


def _current_copy(act, key):
    return bool(act.public_pdf) and act.public_pdf.name.endswith(f"-{key}.pdf")


def read_stored(field_file):
    """The bytes of a stored file, None when it is missing from the storage."""
    try:
        with field_file.open("rb") as stored:
            return stored.read()
    except FileNotFoundError:
        return None


def public_copy(act, hidden, request=None):
    """The PDF of ``act`` for the site, made from its frozen fields on the first request and
    stored in ``act.public_pdf``; made again only when the names it must hide change (a consent
    withdrawn or given). The act row is locked, so two first requests store it once."""
    key = public_copy_key(hidden)
    if _current_copy(act, key) and (content := read_stored(act.public_pdf)) is not None:
        return content
    with transaction.atomic():
        locked = NormativeAct.objects.select_for_update().get(pk=act.pk)
        if _current_copy(locked, key) and (content := read_stored(locked.public_pdf)) is not None:
            act.public_pdf = locked.public_pdf
            return content
        content = pdf.render(kinds.of(locked).template, public_context(locked, hidden, request), request)
        old = locked.public_pdf.name
        files = locked.public_pdf.storage
        locked.public_pdf.name = files.save(
            f"acts/{timezone.localdate():%Y}/{uuid.uuid4().hex}-{key}.pdf", ContentFile(content)
        )
        locked.save(update_fields=["public_pdf"])
        if old:
            transaction.on_commit(lambda: files.delete(old))
    act.public_pdf = locked.public_pdf
    return content
