"""Demo register of the current year: the stage-1 documents signed in August, mentors appointed,
the pairs that pass the checks fixed by a signed order, and a draft order for the rest that
shows what still prevents signing it."""

import datetime

from mentoring.models import NormativeAct, User
from pairs import calendar
from pairs.models import Meeting, Mentorship
from participants.models import Person
from reports import documents, indicators, kinds, public_demo

Kind = NormativeAct.Kind


def seed(ctx):
    year = ctx.year
    curator = User.objects.get(username="curator")
    director = User.objects.get(username="director")

    def day(month, number):
        date = datetime.date(year.start_year if month >= 8 else year.start_year + 1, month, number)
        return min(date, ctx.today)

    def signed(kind, when, prepare=None, number=None):
        number = number or documents.next_number(kind, when)
        act, _ = documents.create_draft(year, kind, curator, number, when)
        if prepare:
            prepare(act)
            act.save()
        return documents.sign(act, director, act.number, when)

    def protocol(act):
        present = [person.full_name for person in Person.objects.filter(kind=Person.Kind.TEACHER)[:24]]
        act.heading = "О системе (целевой модели) наставничества"
        act.content.update(
            secretary=curator.get_full_name(),
            members_total=30,
            present=present,
            invited="председатель Совета родителей",
        )
        act.content["agenda"][0]["votes_for"] = len(present)

    signed(Kind.COUNCIL_PROTOCOL, day(8, 28), protocol)
    # The school's register of orders has had other orders this calendar year.
    signed(Kind.REGULATION_ORDER, day(8, 29), number="96-о")
    signed(Kind.ROADMAP_ORDER, day(8, 29))
    signed(Kind.CURATOR_ORDER, day(9, 1))

    # Mentors: those whose documents are in order are appointed; the rest wait for consents.
    mentors_order, _ = documents.create_draft(
        year, Kind.MENTORS_ORDER, curator, documents.next_number(Kind.MENTORS_ORDER, day(10, 15)), day(10, 15)
    )
    mentors = kinds.of(mentors_order)
    ready = [mentor for mentor in mentors.annex(mentors_order)["mentors"] if not _mentor_problems(mentor)]
    mentors.select(mentors_order, ready)
    documents.sign(mentors_order, director, mentors_order.number, mentors_order.date)

    # Pairs whose mentor is appointed and whose mentees' consents are in are fixed by the order;
    # the others stay in a draft that lists what is missing.
    pairs_day = ctx.today - datetime.timedelta(days=10)
    pairs_order, _ = documents.create_draft(
        year, Kind.PAIRS_ORDER, curator, documents.next_number(Kind.PAIRS_ORDER, pairs_day), pairs_day
    )
    pairs = kinds.of(pairs_order)
    annex = pairs.annex(pairs_order)
    ready = [mentorship for mentorship in annex["mentorships"] if _pair_ready(mentorship)]
    waiting = [mentorship for mentorship in annex["mentorships"] if mentorship not in ready]
    pairs.select(pairs_order, ready)
    documents.sign(pairs_order, director, pairs_order.number, pairs_day)
    if waiting:
        draft, _ = documents.create_draft(
            year, Kind.PAIRS_ORDER, curator, documents.next_number(Kind.PAIRS_ORDER, ctx.today), ctx.today
        )
        kinds.of(draft).select(draft, Mentorship.objects.filter(pk__in=[m.pk for m in waiting]))
    _first_meetings(ctx, ready)

    # The region's report: the typical list of indicators, as the curator's button adds it.
    indicators.add_typical()

    # The site: the signed acts published, the normative base, the autumn's news.
    public_demo.seed(ctx)


def _first_meetings(ctx, mentorships):
    """Since the order, two pairs in three have held the meetings their calendar planned so far
    (the first one held makes a pair «действует»); one in three has not met yet."""
    for number, mentorship in enumerate(sorted(mentorships, key=lambda m: m.pk)):
        if number % 3 == 2:
            continue
        mentor_user = mentorship.mentor.person.user or User.objects.get(username="curator")
        for meeting in mentorship.meetings.filter(planned_on__lt=ctx.today).order_by("planned_on"):
            held = ctx.rng.random() > 0.15
            calendar.log_meeting(
                meeting,
                mentor_user,
                held=held,
                held_on=meeting.planned_on if held else None,
                duration=ctx.rng.choice([30, 40, 45, 60]),
                format=ctx.rng.choice([Meeting.Format.IN_PERSON, Meeting.Format.IN_PERSON, Meeting.Format.ONLINE]),
                notes="Встреча прошла по плану.",
            )


def _mentor_problems(mentor):
    return kinds.MentorsOrder().problems(None, {"mentors": [mentor]})


def _pair_ready(mentorship):
    """Nothing would block signing an order on this pair alone."""
    return mentorship.status == Mentorship.Status.PROPOSED and not kinds.PairsOrder().problems(
        None, {"mentorships": [mentorship]}
    )


def seed_large(ctx):
    """The large school of ``seed_demo --large``: it spans every app, so it lives here (reports.large_demo)."""
    from reports import large_demo

    large_demo.seed(ctx)
