"""What the public «Наставничество» section shows: the visible publications of each section, the
published acts and the copies of them fit for the site, whom to ask.

Every rule of ``participants.publicity`` is applied here, on each request: nothing about who may
appear on the site is stored.
"""

from dataclasses import dataclass

from django.db.models import BooleanField, Case, Q, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from mentoring import roles
from mentoring.models import AcademicYear, NormativeAct, Publication, RoadmapActivity, School, SiteSection, User
from participants import publicity
from participants.models import MentoringForm, Person
from reports import documents

Kind = Publication.Kind
PAGE_SIZE = 10


@dataclass(frozen=True)
class Section:
    slug: str
    title: str
    description: str
    kind: str = ""

    @property
    def url(self):
        return reverse("public_section", args=[self.slug]) if self.kind else reverse("public_programme")


PROGRAMME = Section("programma", "О программе", "Положение о наставничестве, формы наставничества и дорожная карта")
_SECTIONS = [
    Section("novosti", "Новости", "Как проходят встречи, мероприятия и конкурсы", Kind.NEWS),
    Section("anonsy", "Анонсы", "Ближайшие мероприятия программы", Kind.ANNOUNCEMENT),
    Section("dokumenty", "Документы", "Нормативная база: федеральный, региональный и школьный уровни", Kind.DOCUMENT),
    Section("metodicheskie-materialy", "Методические материалы", "Рекомендации, сценарии и шаблоны", Kind.MATERIAL),
    Section("itogi", "Итоги", "Результаты программы по учебным годам", Kind.RESULT),
    Section("luchshie-nastavniki", "Лучшие наставники", "Наставники, чей опыт отмечен школой", Kind.BEST_MENTOR),
    Section("keisy", "Кейсы", "Лучшие практики наставнических пар и групп", Kind.CASE),
]
SECTIONS = {section.slug: section for section in _SECTIONS}
# The navigation of every page: the programme first, then the sections.
NAVIGATION = [PROGRAMME, *_SECTIONS]
LEVELS = [
    (Publication.Level.FEDERAL, "Федеральный уровень"),
    (Publication.Level.REGIONAL, "Региональный уровень"),
    (Publication.Level.SCHOOL, "Уровень школы"),
]


def section_of(slug):
    """The section at ``/nastavnichestvo/<slug>/``; 404 for an unknown one."""
    try:
        return SECTIONS[slug]
    except KeyError:
        raise Http404("Такого раздела нет.") from None


def visible(kind=None):
    """Publications anyone may read now: published, their date come, nobody shown beyond consent."""
    items = publicity.consented(Publication.objects.published())
    return items.filter(kind=kind) if kind else items


def latest_news(today=None, count=5):
    """The latest news and announcements for the front page, upcoming announcements first by
    their date, each marked ``upcoming``."""
    today = today or timezone.localdate()
    upcoming = Q(kind=Kind.ANNOUNCEMENT, event_date__gte=today)
    return (
        visible()
        .filter(kind__in=[Kind.NEWS, Kind.ANNOUNCEMENT])
        .annotate(upcoming=Case(When(upcoming, then=Value(True)), default=Value(False), output_field=BooleanField()))
        .order_by("-upcoming", Case(When(upcoming, then="event_date")).asc(nulls_last=True), "-published_at", "-pk")
        .only("kind", "title", "slug", "summary", "text", "event_date", "published_at")[:count]
    )


def documents_by_level():
    """The normative base: each level with its documents (those without a level count as the school's)."""
    items = visible(Kind.DOCUMENT).only("kind", "title", "slug", "summary", "text", "level", "url", "published_at")
    grouped = {level: [] for level, _title in LEVELS}
    for item in items:
        grouped.get(item.level, grouped[Publication.Level.SCHOOL]).append(item)
    return [(level, title, grouped[level]) for level, title in LEVELS]


def published_acts():
    return NormativeAct.objects.filter(status=NormativeAct.Status.PUBLISHED).exclude(slug="")


def public_act(slug):
    act = published_acts().filter(slug=slug).first()
    if act is None:
        raise Http404("Документ не опубликован.")
    return act


def _curators():
    """The programme's curators as rows of ``NormativeAct.people``: the standard texts of every
    kind name the curator («Ответственный — куратор … И.В. Соколова») besides the act's own people."""
    users = User.objects.filter(groups__name=roles.CURATOR, is_active=True).select_related("person").distinct()
    return [
        {"person": person.pk if (person := getattr(user, "person", None)) else None, "name": user.get_full_name()}
        for user in users
    ]


def _signers(act):
    """A protocol's chair and secretary, typed by hand."""
    if not act.is_protocol:
        return []
    names = (act.content.get(role) or "" for role in ("chair", "secretary"))
    return [{"person": None, "name": name} for name in names if name.strip()]


def hidden_people(acts):
    """For each of ``acts``: the people it names (its frozen ``people``, the curators its standard
    text cites, a protocol's chair and secretary) whose names may not be published; a name without a
    person in the banks never may. Three queries for any number of acts."""
    acts = list(acts)
    curators = _curators() if acts else []
    # The director, who signs every order as the school's head, is named on the site as the law
    # on schools' sites requires.
    director = School.load().director_name.split() if acts else []
    rows = {act.pk: [*act.people, *curators, *_signers(act)] for act in acts}
    nameable = publicity.nameable(row.get("person") for named in rows.values() for row in named)
    return {
        pk: [row for row in named if row.get("person") not in nameable and (row.get("name") or "").split() != director]
        for pk, named in rows.items()
    }


def with_public_headings(acts):
    """``acts`` each given ``public_heading`` (names of people without consent hidden) and
    ``names_hidden``."""
    acts = list(acts)
    hidden = hidden_people(acts)
    for act in acts:
        act.names_hidden = bool(hidden[act.pk])
        act.annex_left_out = act.names_hidden and documents.has_annex_of_people(act)
        act.public_heading = documents.redactor(hidden[act.pk])(act.heading)
    return acts


def act_pdf(act, request=None):
    """The PDF the site gives of a published ``act``: the signed one when everybody it names
    agreed to publish their name, else the public copy. None when it was signed on paper."""
    if not act.pdf:
        return None
    hidden = hidden_people([act])[act.pk]
    if hidden:
        return documents.public_copy(act, hidden, request)
    return documents.read_stored(act.pdf)


def regulation():
    """The latest published order adopting the Положение, or None."""
    return published_acts().filter(kind=NormativeAct.Kind.REGULATION_ORDER).order_by("-date", "-pk").first()


def roadmap(year):
    """The year's roadmap stages with their activities (two queries)."""
    if year is None:
        return []
    stages = list(year.roadmap_stages.order_by("number"))
    activities = RoadmapActivity.objects.filter(stage__in=stages).order_by("number")
    by_stage = {}
    for activity in activities:
        by_stage.setdefault(activity.stage_id, []).append(activity)
    for stage in stages:
        stage.items = by_stage.get(stage.pk, [])
    return stages if any(stage.items for stage in stages) else []


def programme():
    """What the programme page shows."""
    year = AcademicYear.objects.current()
    return {
        "regulation": regulation(),
        "forms": MentoringForm.objects.filter(is_active=True).order_by("position", "name"),
        "year": year,
        "stages": roadmap(year),
        "roadmap_order": (
            published_acts().filter(kind=NormativeAct.Kind.ROADMAP_ORDER, year=year).order_by("-date", "-pk").first()
            if year
            else None
        ),
    }


def curator_name(section):
    """The curator's name when their consent covers it, else None (the block then says only
    «Куратор программы наставничества»)."""
    if not section.curator_id:
        return None
    person = publicity.people_covering("name", Person.objects.filter(user_id=section.curator_id)).first()
    return person.full_name if person else None


def contacts():
    """The section's settings and the curator's name as the site may show it."""
    section = SiteSection.load()
    return {"site_section": section, "curator_name": curator_name(section)}
