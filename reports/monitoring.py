"""The figures of the year's monitoring, counted by the database.

Every function reads whole QuerySets in a fixed number of grouped queries, whatever the size of
the year, and returns plain dataclasses that the dashboard, the per-pair page and the Excel
reports share. Nothing counted here is stored.

The methodology's monitoring has two stages: the quality of the programme (satisfaction
questionnaires before and after, the curator's SWOT analysis) and the growth of the
participants (the baseline self-assessment against the final one on the same items).

Counting rules, stated once:
- a pair or group *takes part* once the school fixed it: approved, active, finished, or
  terminated early (a proposal does not count yet);
- a student is *involved* when taking part as a mentee or a mentor, or when supported without
  a pair (the federal target counts «наставничество и сопровождение»);
- a student's age is taken on the 1st of September of the year; a student without a birth
  date is counted by grade (age = grade + 6);
- a *young teacher* is under 35 on the 1st of September, or has taught for three years or
  less (``Person.career_start``).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone

from mentoring.models import AcademicYear, Material
from pairs.calendar import QUIET_DAYS, with_progress
from pairs.models import Event, Meeting, Membership, Mentorship
from participants.models import Mentee, Mentor, Person
from surveys import codes
from surveys.models import Answer, Question, Survey

Status = Mentorship.Status
TAKING_PART = (Status.APPROVED, Status.ACTIVE, Status.FINISHED, Status.TERMINATED)
YOUNG_AGE = 35
YOUNG_EXPERIENCE = 3
BASELINE = (Survey.Purpose.MENTEE_INTAKE, Survey.Purpose.BEFORE)
FINAL = Survey.Purpose.AFTER
MONTHS = ["сен", "окт", "ноя", "дек", "янв", "фев", "мар", "апр", "май", "июн", "июл", "авг"]


def percent(part, whole):
    return round(100 * part / whole, 1) if whole else 0.0


def difference(before, after):
    """After minus before, when both are known."""
    return None if before is None or after is None else after - before


def average(total, count):
    return (Decimal(total) / count).quantize(Decimal("0.01")) if count else None


# ---------------------------------------------------------------------------------------------
# Coverage
# ---------------------------------------------------------------------------------------------


@dataclass
class GradeCoverage:
    grade: int
    students: int
    involved: int

    @property
    def percent(self):
        return percent(self.involved, self.students)


@dataclass
class Coverage:
    target: int
    age_from: int
    age_to: int
    students: int = 0
    involved: int = 0
    as_mentees: int = 0
    as_mentors: int = 0
    supported: int = 0
    grades: list = field(default_factory=list)

    @property
    def percent(self):
        return percent(self.involved, self.students)

    @property
    def reached(self):
        return self.students > 0 and self.involved * 100 >= self.students * self.target

    @property
    def needed(self):
        """How many more students the target needs."""
        goal = -(-self.students * self.target // 100)  # rounded up
        return max(goal - self.involved, 0)


def _mentee_people(year):
    """The people taking part as mentees in the year (a subquery: the database hashes it once)."""
    return Membership.objects.filter(mentorship__year=year, mentorship__status__in=TAKING_PART).values("mentee__person")


def _mentor_people(year):
    return Mentorship.objects.filter(year=year, status__in=TAKING_PART).values("mentor__person")


def _in_age_band(year, age_from, age_to):
    first_september = year.start_date
    youngest = first_september.replace(year=first_september.year - age_from)  # born on or before
    oldest = first_september.replace(year=first_september.year - age_to - 1)  # born after
    by_birth = Q(birth_date__lte=youngest, birth_date__gt=oldest)
    by_grade = Q(birth_date__isnull=True, school_class__grade__range=(age_from - 6, age_to - 6))
    return by_birth | by_grade


def coverage(year, review):
    """The share of the year's students in the age band who are involved, by grade and overall (one query)."""
    result = Coverage(review.coverage_target, review.age_from, review.age_to)
    mentee = Q(pk__in=_mentee_people(year))
    mentor = Q(pk__in=_mentor_people(year))
    supported = Q(pk__in=Mentee.objects.filter(year=year, status=Mentee.Status.SUPPORT).values("person"))
    rows = (
        Person.objects.filter(_in_age_band(year, review.age_from, review.age_to), kind=Person.Kind.STUDENT)
        .filter(school_class__year=year)
        .values("school_class__grade")
        .annotate(
            students=Count("pk"),
            involved=Count("pk", filter=mentee | mentor | supported),
            as_mentees=Count("pk", filter=mentee),
            as_mentors=Count("pk", filter=mentor),
            supported_count=Count("pk", filter=supported & ~mentee & ~mentor),
        )
        .order_by("school_class__grade")
    )
    for row in rows:
        result.grades.append(GradeCoverage(row["school_class__grade"], row["students"], row["involved"]))
        result.students += row["students"]
        result.involved += row["involved"]
        result.as_mentees += row["as_mentees"]
        result.as_mentors += row["as_mentors"]
        result.supported += row["supported_count"]
    return result


@dataclass
class YoungTeachers:
    total: int
    with_mentor: int

    @property
    def percent(self):
        return percent(self.with_mentor, self.total)


def young_teachers(year):
    """Teachers under 35 or with up to three years of teaching, and how many of them have a mentor (one query)."""
    first_september = year.start_date
    young = Q(birth_date__gt=first_september.replace(year=first_september.year - YOUNG_AGE)) | Q(
        career_start__range=(year.start_year - YOUNG_EXPERIENCE, year.start_year)
    )
    counts = Person.objects.filter(young, kind=Person.Kind.TEACHER).aggregate(
        total=Count("pk"), with_mentor=Count("pk", filter=Q(pk__in=_mentee_people(year)))
    )
    return YoungTeachers(counts["total"], counts["with_mentor"])


# ---------------------------------------------------------------------------------------------
# Pairs, the banks, mentors' load
# ---------------------------------------------------------------------------------------------


@dataclass
class FormRow:
    form: str
    pairs: int = 0
    groups: int = 0
    mentees: int = 0
    statuses: dict = field(default_factory=dict)  # status value -> count

    @property
    def total(self):
        return self.pairs + self.groups


@dataclass
class Mentorships:
    forms: list
    statuses: list  # [(label, count)]

    @property
    def total(self):
        return sum(row.total for row in self.forms)

    @property
    def chart_max(self):
        return max((row.total for row in self.forms), default=0)


def mentorships(year):
    """Pairs and groups of the year by status (proposals too), and those taking part by form with
    the mentees they hold (one query)."""
    rows = (
        Mentorship.objects.filter(year=year)
        .values("form__name", "form__position", "is_group", "status")
        .annotate(n=Count("pk", distinct=True), mentees=Count("memberships"))
        .order_by("form__position", "form__name")
    )
    forms, statuses = {}, dict.fromkeys(Status.values, 0)
    for row in rows:
        statuses[row["status"]] += row["n"]
        if row["status"] not in TAKING_PART:
            continue
        form = forms.setdefault(row["form__name"], FormRow(row["form__name"]))
        if row["is_group"]:
            form.groups += row["n"]
        else:
            form.pairs += row["n"]
        form.mentees += row["mentees"]
        form.statuses[row["status"]] = form.statuses.get(row["status"], 0) + row["n"]
    return Mentorships(list(forms.values()), [(Status(value).label, count) for value, count in statuses.items()])


@dataclass
class Bank:
    matched: int
    waiting: int
    supported: int
    finished: int
    dropped: int

    @property
    def total(self):
        return self.matched + self.waiting + self.supported + self.finished + self.dropped

    def bars(self):
        return [
            ("в паре или группе", self.matched),
            ("ждут наставника", self.waiting),
            ("сопровождение без пары", self.supported),
            ("завершили", self.finished),
            ("выбыли", self.dropped),
        ]


def mentee_bank(year):
    """The year's mentees: matched, waiting, supported without a pair, finished, dropped (one query)."""
    counts = dict(Mentee.objects.filter(year=year).values_list("status").annotate(n=Count("pk")).order_by())
    S = Mentee.Status
    return Bank(
        matched=counts.get(S.PAIRED, 0),
        waiting=counts.get(S.APPLICATION, 0) + counts.get(S.IN_BANK, 0),
        supported=counts.get(S.SUPPORT, 0),
        finished=counts.get(S.FINISHED, 0),
        dropped=counts.get(S.DROPPED, 0),
    )


@dataclass
class Load:
    mentors: int = 0
    places: int = 0
    taken: int = 0
    idle: int = 0  # no mentee at all
    full: int = 0  # every place taken
    over: int = 0  # more mentees than places
    overloaded: list = field(default_factory=list)  # [(mentor, taken, places)]

    @property
    def percent(self):
        return percent(self.taken, self.places)

    def bars(self):
        return [
            ("без наставляемых", self.idle),
            ("есть свободные места", self.mentors - self.idle - self.full - self.over),
            ("все места заняты", self.full),
            ("больше наставляемых, чем мест", self.over),
        ]


def mentor_load(year):
    """Each mentor's mentees in open pairs and groups against the places they can lead (two queries)."""
    result = Load()
    mentors = (
        Mentor.objects.filter(year=year)
        .exclude(status=Mentor.Status.ARCHIVED)
        .select_related("person")
        .prefetch_related("forms")
        .annotate(taken=Count("mentorships__memberships", filter=Q(mentorships__status__in=Mentorship.OPEN)))
        .order_by("person__last_name", "person__first_name", "pk")
    )
    for mentor in mentors:
        places = mentor.places
        result.mentors += 1
        result.places += places
        result.taken += mentor.taken
        if mentor.taken == 0:
            result.idle += 1
        elif mentor.taken == places:
            result.full += 1
        elif mentor.taken > places:
            result.over += 1
            result.overloaded.append((mentor, mentor.taken, places))
    return result


# ---------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------


@dataclass
class MonthMeetings:
    label: str
    planned: int = 0
    held: int = 0


@dataclass
class Meetings:
    planned: int = 0
    held: int = 0  # all held, outside the plan too
    planned_held: int = 0  # held of those planned
    missed: int = 0
    unmarked: int = 0  # planned in the past, not marked either way
    months: list = field(default_factory=list)
    quiet: list = field(default_factory=list)  # pairs with no meeting held in QUIET_DAYS
    quiet_count: int = 0
    quiet_days: int = QUIET_DAYS

    @property
    def percent(self):
        return percent(self.planned_held, self.planned)

    @property
    def chart_max(self):
        return max((max(month.planned, month.held) for month in self.months), default=0)


def meetings(year, today=None, quiet_shown=10):
    """Meetings of the pairs that take part: planned, held, missed, by month of the school year,
    and the pairs with no meeting for 30 days, the first ``quiet_shown`` of them named (five queries)."""
    today = today or timezone.localdate()
    result = Meetings(months=[MonthMeetings(label) for label in MONTHS])
    journal = Meeting.objects.filter(mentorship__year=year, mentorship__status__in=TAKING_PART)
    counts = journal.aggregate(
        planned_count=Count("pk", filter=Q(planned_on__isnull=False)),
        held_count=Count("pk", filter=Q(held=True)),
        planned_held_count=Count("pk", filter=Q(held=True, planned_on__isnull=False)),
        missed_count=Count("pk", filter=Q(held=False)),
        unmarked_count=Count("pk", filter=Q(held__isnull=True, planned_on__lt=today)),
    )
    for name in ("planned", "held", "planned_held", "missed", "unmarked"):
        setattr(result, name, counts[f"{name}_count"])
    # Planned by the plan's date, held by the day held (a meeting outside the plan counts as held only).
    school_year = (year.start_date, year.end_date)
    for kind, rows, day in (
        ("planned", journal.filter(planned_on__range=school_year), "planned_on"),
        ("held", journal.filter(held=True, held_on__range=school_year), "held_on"),
    ):
        months = rows.values(y=ExtractYear(day), m=ExtractMonth(day)).annotate(n=Count("pk")).order_by()
        for row in months:
            setattr(result.months[(row["y"] - year.start_year) * 12 + row["m"] - 9], kind, row["n"])
    quiet = with_progress(Mentorship.objects.filter(year=year), today).filter(quiet=True)
    result.quiet = list(quiet.select_related("mentor__person", "form").order_by("last_held_on", "pk")[:quiet_shown])
    result.quiet_count = quiet.count()
    return result


# ---------------------------------------------------------------------------------------------
# Questionnaires before and after: satisfaction (stage 1) and growth (stage 2)
# ---------------------------------------------------------------------------------------------

MENTEES, MENTORS = "mentees", "mentors"
SIDES = {MENTEES: "Наставляемые", MENTORS: "Наставники"}


@dataclass
class Item:
    code: str
    text: str
    before: Decimal | None = None
    before_count: int = 0
    after: Decimal | None = None
    after_count: int = 0

    @property
    def change(self):
        return difference(self.before, self.after)


@dataclass
class FormAverages:
    form: str
    before: Decimal | None = None
    before_count: int = 0  # respondents
    after: Decimal | None = None
    after_count: int = 0

    @property
    def change(self):
        return difference(self.before, self.after)


@dataclass
class Comparison:
    """Items compared before and after for one side (or for growth), overall and by form."""

    title: str
    items: list = field(default_factory=list)
    forms: list = field(default_factory=list)

    @property
    def before(self):
        return _mean([(item.before, item.before_count) for item in self.items])

    @property
    def after(self):
        return _mean([(item.after, item.after_count) for item in self.items])

    @property
    def change(self):
        return difference(self.before, self.after)

    @property
    def answered(self):
        return any(item.before_count or item.after_count for item in self.items)


def _mean(pairs):
    total = sum(value * count for value, count in pairs if value is not None)
    count = sum(count for value, count in pairs if value is not None)
    return average(total, count)


class _Sums:
    """Running totals of answers: sums and counts, turned into averages at the end."""

    def __init__(self):
        self.total, self.count = Decimal(0), 0

    def add(self, total, count):
        self.total += total
        self.count += count

    @property
    def average(self):
        return average(self.total, self.count)


def participants_forms(year):
    """{person id: {form name, …}} of the year's mentees and mentors in pairs that take part (two queries)."""
    forms = defaultdict(set)
    for person, form in Membership.objects.filter(
        mentorship__year=year, mentorship__status__in=TAKING_PART
    ).values_list("mentee__person", "mentorship__form__name"):
        forms[person].add(form)
    for person, form in Mentorship.objects.filter(year=year, status__in=TAKING_PART).values_list(
        "mentor__person", "form__name"
    ):
        forms[person].add(form)
    return forms


def _form_rows(per_person, stage_of, forms_of):
    """Averages by form from {(person, survey): (total, count)}; a respondent counts in every
    form they took part in."""
    sums = defaultdict(lambda: {"before": _Sums(), "after": _Sums(), "people": {"before": set(), "after": set()}})
    for (person, survey), (total, count) in per_person.items():
        stage = stage_of(survey)
        if stage is None:
            continue
        for form in forms_of.get(person, ()):
            sums[form][stage].add(total, count)
            sums[form]["people"][stage].add(person)
    return [
        FormAverages(
            form,
            row["before"].average,
            len(row["people"]["before"]),
            row["after"].average,
            len(row["people"]["after"]),
        )
        for form, row in sorted(sums.items())
    ]


def satisfaction(year, forms_of=None):
    """Satisfaction of mentees and mentors: expectations before the programme against its
    fulfilment after, item by item and by form. {side: Comparison} (three queries, two more
    without ``forms_of``)."""
    forms_of = participants_forms(year) if forms_of is None else forms_of
    questions = _questions(year, [Survey.Purpose.BEFORE, FINAL], codes.SATISFACTION_PREFIX)
    asked = defaultdict(set)
    for question in questions.values():
        asked[question.survey].add(question.code)
    side_of = {
        survey: MENTORS if found & codes.MENTOR_SIDE_SATISFACTION else MENTEES for survey, found in asked.items()
    }
    texts = {side: {} for side in SIDES}
    for question in questions.values():
        texts[side_of[question.survey]].setdefault(question.code, question.text)
    sums = {side: defaultdict(lambda: {"before": _Sums(), "after": _Sums()}) for side in SIDES}
    answers = Answer.objects.filter(question__in=list(questions), number__isnull=False)
    for question_id, total, count in _by_question(answers):
        question = questions[question_id]
        sums[side_of[question.survey]][question.code][question.stage].add(total, count)
    per_person = defaultdict(dict)
    for (person, survey), totals in _by_person_and_survey(answers).items():
        per_person[side_of[survey]][(person, survey)] = totals
    stage_of = {question.survey: question.stage for question in questions.values()}
    return {
        side: Comparison(
            SIDES[side],
            items=[_item(code, text, sums[side][code]) for code, text in texts[side].items()],
            forms=_form_rows(per_person[side], stage_of.get, forms_of),
        )
        for side in SIDES
    }


@dataclass(frozen=True)
class _Question:
    survey: int
    stage: str  # "before" or "after" the programme
    code: str
    text: str


def _questions(year, purposes, prefix):
    """{question id: _Question} of the year's surveys of ``purposes``: their 1–10 items under
    ``prefix``, the wording after the programme first (it names an item; before it the same
    item is an expectation or a baseline) (one query)."""
    rows = (
        Question.objects.filter(
            survey__year=year, survey__purpose__in=purposes, kind=Question.Kind.SCALE_10, code__startswith=prefix
        )
        .values_list("pk", "survey", "survey__purpose", "code", "text")
        .order_by("survey", "section__position", "position")
    )
    rows = sorted(rows, key=lambda row: row[2] != FINAL)
    return {
        pk: _Question(survey, "after" if purpose == FINAL else "before", code, text)
        for pk, survey, purpose, code, text in rows
    }


def _by_question(answers):
    return answers.values_list("question").annotate(total=Sum("number"), n=Count("pk")).order_by()


def _by_person_and_survey(answers):
    """{(person, survey): (total, count)} of the answers whose respondent is known (one query)."""
    rows = answers.filter(response__subject__isnull=False).values_list("response__subject", "response__survey")
    return {
        (person, survey): (total, count)
        for person, survey, total, count in rows.annotate(total=Sum("number"), n=Count("pk")).order_by()
    }


def _item(code, text, sums):
    before, after = sums["before"], sums["after"]
    return Item(code, text, before.average, before.count, after.average, after.count)


@dataclass
class PersonGrowth:
    baseline: Decimal | None
    final: Decimal | None

    @property
    def change(self):
        return difference(self.baseline, self.final)


class Growth:
    """The mentees' self-assessment: the baseline (intake or «before») against the final one
    («after»), on the items both ask, for the people who gave both (two queries, one more for
    the items)."""

    def __init__(self, year, subjects=None):
        questions = _questions(year, [*BASELINE, FINAL], codes.GROWTH_PREFIX)
        asked = defaultdict(set)
        for question in questions.values():
            asked[question.stage].add(question.code)
        shared = asked["before"] & asked["after"]
        self.questions = {pk: question for pk, question in questions.items() if question.code in shared}
        self.stage_of = {question.survey: question.stage for question in questions.values()}
        self.texts = {}
        for question in self.questions.values():
            self.texts.setdefault(question.code, question.text)
        self.answers = Answer.objects.filter(question__in=list(self.questions), number__isnull=False)
        if subjects is not None:
            self.answers = self.answers.filter(response__subject__in=subjects)
        totals = _by_person_and_survey(self.answers)
        stages = defaultdict(set)
        for person, survey in totals:
            stages[person].add(self.stage_of[survey])
        self.both = {person for person, found in stages.items() if len(found) == 2}
        self.totals = {key: value for key, value in totals.items() if key[0] in self.both}

    def items(self):
        """Item by item, over everyone who gave both assessments (one query)."""
        sums = defaultdict(lambda: {"before": _Sums(), "after": _Sums()})
        if self.both:
            for question_id, total, count in _by_question(self.answers.filter(response__subject__in=self.both)):
                question = self.questions[question_id]
                sums[question.code][question.stage].add(total, count)
        return [_item(code, text, sums[code]) for code, text in self.texts.items()]

    def people(self):
        """{person: PersonGrowth} of everyone who gave both assessments."""
        sums = defaultdict(lambda: {"before": _Sums(), "after": _Sums()})
        for (person, survey), (total, count) in self.totals.items():
            sums[person][self.stage_of[survey]].add(total, count)
        return {person: PersonGrowth(row["before"].average, row["after"].average) for person, row in sums.items()}


def growth(year, forms_of=None):
    """Stage 2 of monitoring: the mentees' growth item by item and by form (three queries, two
    more without ``forms_of``)."""
    forms_of = participants_forms(year) if forms_of is None else forms_of
    assessments = Growth(year)
    comparison = Comparison("Рост наставляемых", items=assessments.items())
    comparison.forms = _form_rows(assessments.totals, assessments.stage_of.get, forms_of)
    return comparison


def pair_growth(mentorships, year):
    """{mentorship pk: PersonGrowth} averaged over each pair's mentees who gave both assessments.
    ``mentorships`` are a page's pairs with ``mentees`` prefetched with their persons (one query more)."""
    people_of = {m.pk: [mentee.person_id for mentee in m.mentees.all()] for m in mentorships}
    everyone = {person for people in people_of.values() for person in people}
    if not everyone:
        return {}
    people = Growth(year, subjects=everyone).people()
    result = {}
    for pk, persons in people_of.items():
        known = [people[person] for person in persons if person in people and people[person].change is not None]
        if known:
            result[pk] = PersonGrowth(
                _mean([(growth.baseline, 1) for growth in known]), _mean([(growth.final, 1) for growth in known])
            )
    return result


# ---------------------------------------------------------------------------------------------
# Figures of a period: the region's report
# ---------------------------------------------------------------------------------------------
#
# A region asks «за I полугодие», «за календарный год»…: a period's figures are decided by the
# dates, over whichever school years the period touches (a calendar year touches two). The
# figures above are the year's state and ignore any period.


def _school_years(start, end):
    """The range of ``start_year`` of the school years that the days from ``start`` to ``end`` touch."""
    return AcademicYear.start_year_of(start), AcademicYear.start_year_of(end)


def taking_part_in(start, end):
    """Pairs and groups at work at some time from ``start`` to ``end``: fixed by the school (they
    take part), started by ``end`` and not ended before ``start``. A pair without a start date
    counts from the first day of its school year; one without an end date is still at work
    (until its school year ends: only the school years the period touches are read)."""
    return Mentorship.objects.filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=end),
        Q(ended_on__isnull=True) | Q(ended_on__gte=start),
        year__start_year__range=_school_years(start, end),
        status__in=TAKING_PART,
    )


@dataclass
class PeriodMentorships:
    pairs: int = 0
    groups: int = 0
    best: int = 0  # marked a best practice
    by_form: dict = field(default_factory=dict)  # form id -> pairs and groups
    finished: int = 0  # finished in the period (by the day they ended)
    terminated: int = 0  # terminated early in the period

    @property
    def total(self):
        return self.pairs + self.groups


def period_mentorships(start, end):
    """Pairs and groups at work in the period, by form; those finished and terminated early in it,
    by the day they ended (a pair closed with no end date is in no period) (two queries)."""
    result = PeriodMentorships()
    rows = (
        taking_part_in(start, end)
        .values("form", "is_group")
        .annotate(n=Count("pk"), best=Count("pk", filter=Q(best_practice=True)))
        .order_by()
    )
    for row in rows:
        if row["is_group"]:
            result.groups += row["n"]
        else:
            result.pairs += row["n"]
        result.best += row["best"]
        result.by_form[row["form"]] = result.by_form.get(row["form"], 0) + row["n"]
    ended = Mentorship.objects.filter(ended_on__range=(start, end)).aggregate(
        finished=Count("pk", filter=Q(status=Status.FINISHED)),
        terminated=Count("pk", filter=Q(status=Status.TERMINATED)),
    )
    result.finished, result.terminated = ended["finished"], ended["terminated"]
    return result


@dataclass
class PeriodPeople:
    mentors: dict  # person kind -> people leading a pair or group at work in the period
    mentees: dict  # person kind -> people in a pair or group at work in the period
    teachers: int  # the school's teachers (for the share of teachers who mentor)

    @property
    def mentors_total(self):
        return sum(self.mentors.values())

    @property
    def mentees_total(self):
        return sum(self.mentees.values())

    @property
    def teachers_percent(self):
        return percent(self.mentors.get(Person.Kind.TEACHER, 0), self.teachers)


def period_people(start, end):
    """The people of the pairs and groups at work in the period, each counted once whatever the
    number of their pairs, by category (three queries)."""
    at_work = taking_part_in(start, end)
    mentors = at_work.values_list("mentor__person__kind").annotate(n=Count("mentor__person", distinct=True))
    mentees = (
        Membership.objects.filter(mentorship__in=at_work)
        .values_list("mentee__person__kind")
        .annotate(n=Count("mentee__person", distinct=True))
    )
    return PeriodPeople(
        mentors=dict(mentors.order_by()),
        mentees=dict(mentees.order_by()),
        teachers=Person.objects.filter(kind=Person.Kind.TEACHER).count(),
    )


@dataclass
class PeriodMeetings:
    planned: int = 0  # planned for a day in the period
    held: int = 0  # held on a day in the period, planned or not
    planned_held: int = 0  # planned for a day in the period and held (on any day)

    @property
    def percent(self):
        """The share of the period's planned meetings that were held."""
        return percent(self.planned_held, self.planned)


def period_meetings(start, end):
    """Meetings of the pairs and groups that take part: planned for the period, held in it (by
    the day held), and the share of the planned ones held (one query)."""
    planned, held = Q(planned_on__range=(start, end)), Q(held=True, held_on__range=(start, end))
    counts = (
        Meeting.objects.filter(mentorship__status__in=TAKING_PART)
        .filter(planned | held)
        .aggregate(
            planned_count=Count("pk", filter=planned),
            held_count=Count("pk", filter=held),
            planned_held_count=Count("pk", filter=planned & Q(held=True)),
        )
    )
    return PeriodMeetings(counts["planned_count"], counts["held_count"], counts["planned_held_count"])


@dataclass
class PeriodCompletion:
    final_events: int  # group final meetings held in the period
    cases: int  # best-practice cases added to the piggy bank in the period
    mentors_trained: int  # people who attended a mentors' training session held in the period


def period_completion(start, end):
    """Final events, cases written and mentors trained in the period (three queries)."""
    return PeriodCompletion(
        final_events=Event.objects.filter(kind=Event.Kind.FINAL, held_on__range=(start, end)).count(),
        cases=Material.objects.filter(kind=Material.Kind.CASE, created_at__date__range=(start, end)).count(),
        mentors_trained=Mentor.objects.filter(trainings__held_on__range=(start, end))
        .values("person")
        .distinct()
        .count(),
    )
