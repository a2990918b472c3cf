"""The year's matching pool, read from the database into the engine's structures.

Mentees: the year's bank without a working pair or group (finished and dropped ones aside).
Mentors: the year's bank except the archived, each with the places left after their working
pairs and groups. Answers: the coded answers of the intake questionnaires of the year — the
mentee's own (or their class leader's, psychologist's or parent's information about them
when the mentee did not answer that question), and the mentor's. A fixed number of queries
whatever the size of the pool.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

from mentoring import names
from pairs import matching
from pairs.models import MatchingCriterion, Mentorship, PairRule
from participants.models import Mentee, Mentor, MentoringForm, Person
from surveys.models import Answer, Question, Response, Survey

STAFF_KINDS = frozenset(Person.STAFF_KINDS)
MENTOR_KINDS = {
    MentoringForm.MentorKind.ANY: frozenset(),
    MentoringForm.MentorKind.STUDENT: frozenset({Person.Kind.STUDENT}),
    MentoringForm.MentorKind.STAFF: STAFF_KINDS,
    MentoringForm.MentorKind.EXTERNAL: frozenset({Person.Kind.EXTERNAL}),
}
MENTEE_KINDS = {
    MentoringForm.Audience.STUDENTS: frozenset({Person.Kind.STUDENT}),
    MentoringForm.Audience.TEACHERS: STAFF_KINDS,
}
SPANS = {Question.Kind.SCALE_10: 9.0, Question.Kind.SCALE_5: 4.0}


@dataclass
class Pool:
    mentees: list  # matching.Mentee, key = Mentee pk
    mentors: list  # matching.Mentor, key = Mentor pk
    criteria: list  # matching.Criterion
    rules: dict  # form pk -> matching.FormRule
    locked: list  # (mentee pk, mentor pk)
    forbidden: frozenset
    mentee_records: dict  # pk -> Mentee
    mentor_records: dict  # pk -> Mentor

    def match(self, coverage_first=False):
        return matching.match(
            self.mentees, self.mentors, self.criteria, self.rules, self.locked, self.forbidden, coverage_first
        )

    def ranked(self, mentee_pk):
        """Every mentor for one mentee, best first (see ``matching.ranked``)."""
        mentee = next(mentee for mentee in self.mentees if mentee.key == mentee_pk)
        return matching.ranked(mentee, self.mentors, self.criteria, self.rules, self.forbidden)


def unpaired_mentees(year):
    """The year's mentees still to be paired: no open pair or group, neither finished nor dropped."""
    return (
        Mentee.objects.filter(year=year)
        .exclude(status__in=[Mentee.Status.FINISHED, Mentee.Status.DROPPED])
        .exclude(mentorships__status__in=Mentorship.OPEN)
    )


def available_mentors(year):
    return Mentor.objects.filter(year=year).exclude(status=Mentor.Status.ARCHIVED)


def criteria():
    """The active criteria as the engine takes them (spans from the questions' scales)."""
    rows = list(MatchingCriterion.objects.filter(is_active=True))
    kinds = dict(
        Question.objects.filter(code__in=[row.mentee_code for row in rows], survey__is_template=True)
        .order_by()
        .values_list("code", "kind")
    )
    return [
        matching.Criterion(
            label=row.label,
            mentee_code=row.mentee_code,
            mentor_code=row.mentor_code,
            comparison=row.comparison,
            weight=row.weight,
            required=row.required,
            span=SPANS.get(kinds.get(row.mentee_code), 9.0),
        )
        for row in rows
    ]


def rules():
    return {
        form.pk: matching.FormRule(
            mentee_kinds=MENTEE_KINDS.get(form.audience, frozenset()),
            mentor_kinds=MENTOR_KINDS.get(form.mentor_kind, frozenset()),
            min_grade_gap=form.min_grade_gap if form.mentor_kind == MentoringForm.MentorKind.STUDENT else 0,
            label=form.name,
        )
        for form in MentoringForm.objects.all()
    }


def load(year, only_mentee=None):
    """The year's pool; ``only_mentee`` (a Mentee) puts that one mentee in it, paired or not."""
    engine_criteria = criteria()
    codes = {c.mentee_code for c in engine_criteria}, {c.mentor_code for c in engine_criteria}

    if only_mentee is not None:
        mentee_rows = list(Mentee.objects.filter(pk=only_mentee.pk).select_related("person__school_class"))
    else:
        mentee_rows = list(unpaired_mentees(year).select_related("person__school_class"))
    mentor_rows = list(
        available_mentors(year)
        .select_related("person__school_class")
        .prefetch_related("forms")
        .annotate(load=Count("mentorships__memberships", filter=Q(mentorships__status__in=Mentorship.OPEN)))
    )
    mentee_answers = _answers(year, mentee_rows, Survey.Purpose.MENTEE_INTAKE, codes[0])
    mentor_answers = _answers(year, mentor_rows, Survey.Purpose.MENTOR_INTAKE, codes[1])

    mentees = [
        matching.Mentee(
            key=row.pk,
            person=row.person_id,
            kind=row.person.kind,
            grade=_grade(row.person),
            form=row.form_id,
            answers=mentee_answers[row.person_id][0],
            shown=mentee_answers[row.person_id][1],
        )
        for row in mentee_rows
    ]
    mentors = [
        matching.Mentor(
            key=row.pk,
            person=row.person_id,
            kind=row.person.kind,
            grade=_grade(row.person),
            forms=frozenset(form.pk for form in row.forms.all()),
            capacity=max(row.places - row.load, 0),
            answers=mentor_answers[row.person_id][0],
            shown=mentor_answers[row.person_id][1],
        )
        for row in mentor_rows
    ]
    pair_rules = list(PairRule.objects.filter(year=year).values_list("mentee_id", "mentor_id", "kind"))
    return Pool(
        mentees=mentees,
        mentors=mentors,
        criteria=engine_criteria,
        rules=rules(),
        locked=[(a, b) for a, b, kind in pair_rules if kind == PairRule.Kind.LOCK],
        forbidden=frozenset((a, b) for a, b, kind in pair_rules if kind == PairRule.Kind.FORBID),
        mentee_records={row.pk: row for row in mentee_rows},
        mentor_records={row.pk: row for row in mentor_rows},
    )


def _grade(person):
    if person.kind == Person.Kind.STUDENT and person.school_class_id:
        return person.school_class.grade
    return None


def _answers(year, records, purpose, codes):
    """{person pk: (answers, shown)} from the year's questionnaires about the people of ``records``.

    The person's own intake answers win; for mentees, information from third parties fills the
    questions the mentee left unanswered. Later responses win over earlier ones.
    """
    people = {record.person_id for record in records}
    found = defaultdict(lambda: ({}, {}))
    if not people or not codes:
        return found
    purposes, about = [purpose], Q(subject__in=people) | Q(respondent__in=people, subject__isnull=True)
    if purpose == Survey.Purpose.MENTEE_INTAKE:
        purposes.append(Survey.Purpose.THIRD_PARTY)
        about |= Q(mentee__in=[record.pk for record in records])
    responses = Response.objects.filter(survey__year=year, survey__purpose__in=purposes).filter(about)
    answers = list(
        Answer.objects.filter(response__in=responses, question__code__in=codes)
        .order_by("response__submitted_at", "pk")
        .values_list(
            "pk",
            "question__code",
            "question__kind",
            "number",
            "flag",
            "text",
            "date",
            "response__survey__purpose",
            "response__subject_id",
            "response__respondent_id",
            "response__mentee__person_id",
        )
    )
    chosen = defaultdict(list)
    for answer_id, value, text in (
        Answer.choices.through.objects.filter(answer__in=[row[0] for row in answers])
        .order_by("choice__position", "choice__pk")
        .values_list("answer_id", "choice__value", "choice__text")
    ):
        chosen[answer_id].append((value, text))
    # Third parties first, so that the person's own answers overwrite theirs.
    answers.sort(key=lambda row: row[7] != Survey.Purpose.THIRD_PARTY)
    for pk, code, kind, number, flag, text, date, _purpose, subject, respondent, mentee_person in answers:
        person = mentee_person or subject or respondent
        if person not in people:
            continue
        value, shown = _value(kind, number, flag, text, date, chosen.get(pk, []))
        if value is not None:
            found[person][0][code] = value
            found[person][1][code] = shown
    return found


def _value(kind, number, flag, text, date, choices):
    """(the value the engine compares, the answer as read) for one stored answer."""
    if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE):
        if not choices:
            return None, ""
        return frozenset(value for value, _text in choices), ", ".join(text for _value, text in choices)
    if kind == Question.Kind.YES_NO:
        if flag is None:
            return None, ""
        return frozenset({"yes" if flag else "no"}), "да" if flag else "нет"
    if number is not None:
        number = float(number)
        return number, f"{number:g}"
    if date is not None:
        return frozenset({date.isoformat()}), f"{date:%d.%m.%Y}"
    if text.strip():
        return frozenset({names.search_key(text)}), text.strip()[:300]
    return None, ""
