"""The kinds of documents in the register and what each one is made of.

A kind knows its print template, the text a new draft starts from (the partials of
``documents/defaults/<kind>.txt``), the annex it draws from live data, the people it names,
what must hold before it is signed, and what signing it changes in the programme. Everything
a document says lives in templates; this module only gathers data.
"""

from django.template.loader import render_to_string
from simple_history.utils import bulk_update_with_history

from mentoring import roles
from mentoring.models import NormativeAct, School, User
from pairs.models import Event, Mentorship
from participants.consents import active_kinds
from participants.models import Consent, Mentor, Person

Kind = NormativeAct.Kind


def person_row(person, role):
    """One person named in a document, as signing freezes it (``NormativeAct.people``)."""
    return {
        "person": person.pk,
        "name": person.full_name,
        "place": person.place,
        "role": role,
        "staff": person.is_staff_member,
    }


def pair_people(mentorships):
    """The mentors and mentees of ``mentorships``, each person once per role."""
    rows = []
    for mentorship in mentorships:
        rows.append(person_row(mentorship.mentor.person, "наставник"))
        members = getattr(mentorship, "members", None) or mentorship.mentees.all()
        rows.extend(person_row(mentee.person, "наставляемый") for mentee in members)
    return _unique(rows)


def _unique(rows):
    seen, result = set(), []
    for row in rows:
        key = (row["person"], row["name"], row["role"])
        if key not in seen:
            seen.add(key)
            result.append(row)
    return result


class DocumentKind:
    """A kind of document with no annex and no selection: the base of every kind."""

    kind: Kind
    template = "documents/base.html"
    # Mentorships or mentors the draft lists, chosen by the curator (``select``).
    selects = None

    @property
    def label(self):
        return self.kind.label

    @property
    def defaults_template(self):
        return f"documents/defaults/{self.kind.value}.txt"

    def default_context(self, year, content=None):
        """What the default text of a draft may mention; ``content``: the draft's choices so far."""
        signed = NormativeAct.objects.signed().filter(year=year).order_by("-date", "-pk")
        if content and content.get("curator"):
            curator = User.objects.filter(pk=content["curator"]).first()
        else:
            curator = (
                User.objects.filter(is_active=True, groups__name=roles.CURATOR, is_superuser=False)
                .order_by("pk")
                .first()
            )
        return {
            "school": School.load(),
            "year": year,
            "curator": curator,
            "protocol": signed.filter(kind=Kind.COUNCIL_PROTOCOL).first(),
            "regulation": signed.filter(kind=Kind.REGULATION_ORDER).first(),
        }

    def default_text(self, part, context, lines=False):
        """A partial of the kind's defaults: one line, or (``lines``) its non-empty lines."""
        text = render_to_string(f"{self.defaults_template}#{part}", context)
        if lines:
            return "\n".join(line.strip() for line in text.splitlines() if line.strip())
        return " ".join(text.split())

    def defaults(self, year, content=None):
        """The heading, preamble, items and content a draft of this kind starts from."""
        context = self.default_context(year, content)
        return {
            "heading": self.default_text("heading", context),
            "preamble": self.default_text("preamble", context),
            "items": self.default_text("items", context, lines=True),
            "content": self.default_content(year, context),
        }

    def default_content(self, year, context):
        return {}

    def attach(self, act):
        """After a new draft is saved: include what it is about by default."""

    def lock(self, act):
        """Before signing: lock the rows the document decides on, so nothing changes under it."""
        if self.selects:
            list(self.selected(act).select_for_update())

    def annex(self, act):
        """Live data the template shows (a signed act is never rendered again)."""
        return {}

    def people(self, act, annex):
        return []

    def problems(self, act, annex):
        """What prevents signing, in words for the administration; empty when it may be signed."""
        return []

    def on_sign(self, act, annex):
        """What signing changes in the programme, inside the signing transaction."""


class CouncilProtocol(DocumentKind):
    kind = Kind.COUNCIL_PROTOCOL
    template = "documents/council_protocol.html"

    def default_content(self, year, context):
        text = self.default_text
        return {
            "chair": context["school"].director_name,
            "secretary": "",
            "members_total": None,
            "quorum_percent": 50,
            "present": [],
            "invited": "",
            "agenda": [
                {
                    "question": text("question", context),
                    "heard": text("heard", context),
                    "spoke": "",
                    "decided": text("decided", context),
                    "votes_for": None,
                    "votes_against": 0,
                    "votes_abstained": 0,
                }
            ],
        }

    def annex(self, act):
        present = [name for name in act.content.get("present", []) if name]
        return {"present": present, "present_count": len(present)}

    def people(self, act, annex):
        return [
            {"person": None, "name": name, "place": "", "role": "присутствовал", "staff": True}
            for name in annex["present"]
        ]

    def problems(self, act, annex):
        content, count = act.content, annex["present_count"]
        problems = []
        if not content.get("chair") or not content.get("secretary"):
            problems.append("Укажите председателя и секретаря.")
        if not count:
            problems.append("Впишите присутствовавших.")
        total, quorum = content.get("members_total"), content.get("quorum_percent") or 0
        if total and count * 100 <= total * quorum:
            problems.append(f"Нет кворума: присутствуют {count} из {total}, нужно больше {quorum} %.")
        agenda = content.get("agenda") or []
        if not agenda:
            problems.append("В повестке дня нет ни одного вопроса.")
        for number, item in enumerate(agenda, start=1):
            votes = sum(item.get(name) or 0 for name in ("votes_for", "votes_against", "votes_abstained"))
            if not item.get("decided"):
                problems.append(f"Вопрос {number}: не записано, что постановили.")
            if item.get("votes_for") is None:
                problems.append(f"Вопрос {number}: не указаны итоги голосования.")
            elif votes > count:
                problems.append(f"Вопрос {number}: голосов ({votes}) больше, чем присутствующих ({count}).")
        return problems


class RegulationOrder(DocumentKind):
    kind = Kind.REGULATION_ORDER
    template = "documents/regulation_order.html"

    def default_content(self, year, context):
        return {"regulation": render_to_string("documents/defaults/regulation.txt", context).strip()}

    def problems(self, act, annex):
        return [] if act.content.get("regulation", "").strip() else ["Текст Положения пуст."]


class RoadmapOrder(DocumentKind):
    kind = Kind.ROADMAP_ORDER
    template = "documents/roadmap_order.html"

    def annex(self, act):
        from mentoring import roadmap

        stages, _progress = roadmap.load(act.year)
        return {"stages": stages}

    def problems(self, act, annex):
        return [] if annex["stages"] else [f"У {act.year} учебного года нет дорожной карты."]


class CuratorOrder(DocumentKind):
    kind = Kind.CURATOR_ORDER

    def default_content(self, year, context):
        curator = context["curator"]
        return {"curator": curator.pk if curator else None}

    def annex(self, act):
        curator = User.objects.filter(pk=act.content.get("curator")).first()
        person = Person.objects.filter(user=curator).first() if curator else None
        return {"curator": curator, "curator_person": person}

    def people(self, act, annex):
        if annex["curator_person"]:
            return [person_row(annex["curator_person"], "куратор")]
        curator = annex["curator"]
        if curator:
            return [
                {
                    "person": None,
                    "name": curator.get_full_name(),
                    "place": curator.position,
                    "role": "куратор",
                    "staff": True,
                }
            ]
        return []

    def problems(self, act, annex):
        return [] if annex["curator"] else ["Выберите куратора."]


class SelectingKind(DocumentKind):
    """An order naming rows the curator chooses (``candidates``): rows of ``model`` whose foreign
    key ``link`` points to the act."""

    model: type
    link: str

    def selected(self, act):
        return self.model.objects.filter(**{self.link: act})

    def select(self, act, chosen):
        """The draft names exactly ``chosen``, among rows no other order names."""
        ids = [row.pk for row in chosen]
        self.selected(act).exclude(pk__in=ids).update(**{self.link: None})
        self.model.objects.filter(pk__in=ids, **{f"{self.link}__isnull": True}).update(**{self.link: act})


class MentorsOrder(SelectingKind):
    kind = Kind.MENTORS_ORDER
    template = "documents/mentors_order.html"
    selects = "mentors"
    model, link = Mentor, "appointment"

    def candidates(self, act):
        """The year's mentors this draft may appoint: its own and those no order has appointed."""
        return (
            Mentor.objects.filter(year=act.year)
            .exclude(status=Mentor.Status.ARCHIVED)
            .filter(appointment__isnull=True)
            .exclude(status__in=[Mentor.Status.APPOINTED, Mentor.Status.WORKING])
            | Mentor.objects.filter(appointment=act)
        ).distinct()

    def attach(self, act):
        self.select(act, list(self.candidates(act)))

    def annex(self, act):
        mentors = sorted(
            act.appointed_mentors.select_related("person__school_class").prefetch_related("forms", "person__consents"),
            key=lambda mentor: (mentor.person.last_name, mentor.person.first_name, mentor.person.patronymic),
        )
        return {"mentors": mentors}

    def people(self, act, annex):
        return [person_row(mentor.person, "наставник") for mentor in annex["mentors"]]

    def problems(self, act, annex):
        if not annex["mentors"]:
            return ["В приказ не включено ни одного наставника."]
        problems = []
        for mentor in annex["mentors"]:
            if mentor.status == Mentor.Status.ARCHIVED:
                problems.append(f"{mentor.person.full_name}: наставник в архиве.")
            if mentor.person.is_staff_member and Consent.Kind.LABOUR not in active_kinds(mentor.person):
                problems.append(
                    f"{mentor.person.full_name}: нет согласия работника на наставничество (ТК РФ ст. 351.8)."
                )
        return problems

    def on_sign(self, act, annex):
        mentors = [mentor for mentor in annex["mentors"] if mentor.status != Mentor.Status.WORKING]
        for mentor in mentors:
            mentor.status = Mentor.Status.APPOINTED
        bulk_update_with_history(mentors, Mentor, ["status", "updated_at"], batch_size=500)


class PairsOrder(SelectingKind):
    kind = Kind.PAIRS_ORDER
    template = "documents/pairs_order.html"
    selects = "mentorships"
    model, link = Mentorship, "order"

    def candidates(self, act):
        """The year's working pairs and groups no order has fixed yet, and this draft's own."""
        return (
            Mentorship.objects.filter(year=act.year, status__in=Mentorship.OPEN, order__isnull=True)
            | Mentorship.objects.filter(order=act)
        ).distinct()

    def attach(self, act):
        self.select(act, list(self.candidates(act).filter(status=Mentorship.Status.PROPOSED)))

    def annex(self, act):
        mentorships = list(
            act.mentorships.select_related("form", "role_model", "mentor__person__school_class").prefetch_related(
                "mentees__person__school_class", "mentees__person__consents"
            )
        )
        for mentorship in mentorships:
            mentorship.members = sorted(
                mentorship.mentees.all(), key=lambda mentee: (mentee.person.last_name, mentee.person.first_name)
            )
        mentorships.sort(key=lambda m: (m.is_group, m.mentor.person.last_name, m.mentor.person.first_name, m.pk))
        return {"mentorships": mentorships}

    def people(self, act, annex):
        return pair_people(annex["mentorships"])

    def problems(self, act, annex):
        mentorships = annex["mentorships"]
        if not mentorships:
            return ["В приказ не включено ни одной пары или группы."]
        problems = []
        appointed = (Mentor.Status.APPOINTED, Mentor.Status.WORKING)
        unappointed, without_consent = {}, {}
        for mentorship in mentorships:
            if not mentorship.members:
                problems.append(f"{mentorship}: нет наставляемых.")
            if not mentorship.is_open:
                problems.append(f"{mentorship}: {mentorship.get_status_display()}.")
            mentor = mentorship.mentor
            if mentor.status not in appointed:
                unappointed[mentor.pk] = mentor.person.full_name
            for mentee in mentorship.members:
                if Consent.Kind.PERSONAL_DATA not in active_kinds(mentee.person):
                    without_consent[mentee.pk] = f"{mentee.person.full_name} ({mentee.person.place})"
        if without_consent:
            problems.append(
                "Нет согласия на обработку персональных данных: " + ", ".join(sorted(without_consent.values())) + "."
            )
        if unappointed:
            problems.append("Наставник не назначен приказом: " + ", ".join(sorted(unappointed.values())) + ".")
        return problems

    def on_sign(self, act, annex):
        from pairs import workflow

        workflow.approve(annex["mentorships"], act)


class FinalEventOrder(DocumentKind):
    kind = Kind.FINAL_EVENT_ORDER
    template = "documents/final_event_order.html"

    def default_context(self, year, content=None):
        context = super().default_context(year, content)
        events = Event.objects.filter(year=year)
        if content and "event" in content:
            context["event"] = events.filter(pk=content["event"]).first()
        else:
            context["event"] = events.filter(kind=Event.Kind.FINAL).order_by("-held_on").first()
        return context

    def default_content(self, year, context):
        return {"event": context["event"].pk if context["event"] else None}

    def annex(self, act):
        event = Event.objects.filter(pk=act.content.get("event"), year=act.year).first()
        mentorships = list(event.mentorships.for_list().order_by("pk")) if event else []
        return {"event": event, "mentorships": mentorships}

    def people(self, act, annex):
        return pair_people(annex["mentorships"])

    def problems(self, act, annex):
        return [] if annex["event"] else ["Выберите итоговое мероприятие из «Общих встреч»."]


KINDS = {
    kind.kind: kind
    for kind in (
        CouncilProtocol(),
        RegulationOrder(),
        RoadmapOrder(),
        CuratorOrder(),
        MentorsOrder(),
        PairsOrder(),
        FinalEventOrder(),
    )
}


def of(act_or_kind):
    return KINDS[act_or_kind.kind if isinstance(act_or_kind, NormativeAct) else act_or_kind]
