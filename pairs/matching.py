"""The matching engine: compatibility scores, then the optimal assignment.

Pure functions over plain data, with no database: ``pairs.pool`` reads a year's banks and
questionnaires into the structures below, and everything here can be tested on its own.

A criterion compares the mentee's answer to one question with the mentor's answer to
another (usually the same code on both sides) and gives a similarity from 0 to 1:

- ``shared``: the share of the mentee's choices that the mentor also chose (what the mentee
  needs and the mentor offers);
- ``equal``: 1 when both gave the same answer;
- ``closeness``: 1 minus the difference of two scale answers over the scale's span.

A criterion of weight *w* adds *w* × similarity points. Points are counted in whole tenths
(``UNIT``), so a pair's score is exactly the sum of its explanation's parts. A *required*
criterion is a filter instead: when the mentee has answered its question, a mentor who does
not match (no shared choice, a different answer, or more than half the scale apart) is not
a candidate at all.

Rules by form say who may mentor whom: the categories of mentee and mentor, and for student
mentors how many grades older the mentor must be. A mentor leads only the forms they are in
the bank for; nobody mentors themselves; the curator may forbid a pair, or lock one so that
every run keeps it.

``assign`` finds the largest total score that respects every mentor's capacity (SciPy's
``linear_sum_assignment``, each mentor repeated once per free place); among equal totals it
pairs the most mentees. With ``coverage_first`` it pairs as many mentees as possible first
and then maximises the score among such assignments.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linear_sum_assignment

SHARED, EQUAL, CLOSENESS = "shared", "equal", "closeness"
UNIT = 10  # points are counted in tenths
REQUIRED_CLOSENESS = 0.5  # a required scale criterion: at most half the scale apart


@dataclass(frozen=True)
class Criterion:
    label: str
    mentee_code: str
    mentor_code: str
    comparison: str = SHARED
    weight: int = 0
    required: bool = False
    span: float = 9.0  # closeness: the largest possible difference of two answers


@dataclass(frozen=True)
class FormRule:
    mentee_kinds: frozenset = frozenset()  # empty: anyone
    mentor_kinds: frozenset = frozenset()
    min_grade_gap: int = 0  # when both are students: the mentor's grade minus the mentee's
    label: str = ""


@dataclass(frozen=True)
class Mentee:
    key: object
    person: object
    kind: str = ""
    grade: int | None = None
    form: object = None
    answers: Mapping = field(default_factory=dict)  # code -> frozenset of choice values, or a number
    shown: Mapping = field(default_factory=dict)  # code -> the answer as a person reads it


@dataclass(frozen=True)
class Mentor:
    key: object
    person: object
    kind: str = ""
    grade: int | None = None
    forms: frozenset = frozenset()  # empty: any form
    capacity: int = 1  # free places
    answers: Mapping = field(default_factory=dict)
    shown: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class Part:
    """What one criterion gave a pair."""

    label: str
    weight: int
    similarity: float
    points: int  # in tenths
    mentee_answer: str
    mentor_answer: str
    required: bool = False


@dataclass(frozen=True)
class Proposal:
    mentee: Mentee
    mentor: Mentor
    score: int  # in tenths
    parts: tuple
    locked: bool = False


@dataclass(frozen=True)
class Unmatched:
    mentee: Mentee
    reason: str
    no_capacity: bool  # compatible mentors exist but have no free place


@dataclass
class Result:
    proposals: list
    unmatched: list
    max_score: int  # the score of a pair matching on every criterion, in tenths

    @property
    def total(self):
        return sum(proposal.score for proposal in self.proposals)


# ---------------------------------------------------------------------------------------------
# Scores
# ---------------------------------------------------------------------------------------------


def _as_set(value):
    """An answer as a set of string keys: choice values as they are, numbers written alike (4 = 4.0)."""
    if value is None:
        return frozenset()
    if isinstance(value, (set, frozenset)):
        return frozenset(_key(item) for item in value)
    return frozenset({_key(value)})


def _key(value):
    if isinstance(value, str):
        return value
    number = float(value)
    return str(int(number)) if number.is_integer() else str(number)


def _as_number(value):
    if value is None:
        return math.nan
    if isinstance(value, (set, frozenset)):
        if len(value) != 1:
            return math.nan
        (value,) = value
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _one_hot(people, code, vocabulary):
    matrix = np.zeros((len(people), len(vocabulary)), dtype=np.float64)
    for row, person in enumerate(people):
        for value in _as_set(person.answers.get(code)):
            matrix[row, vocabulary[value]] = 1.0
    return matrix


def similarity(criterion, mentees, mentors):
    """(similarity n×m in [0, 1], mentee answered n, mentor answered m) for one criterion."""
    if criterion.comparison == CLOSENESS:
        a = np.array([_as_number(mentee.answers.get(criterion.mentee_code)) for mentee in mentees])
        b = np.array([_as_number(mentor.answers.get(criterion.mentor_code)) for mentor in mentors])
        with np.errstate(invalid="ignore"):
            closeness = 1.0 - np.abs(a[:, None] - b[None, :]) / max(criterion.span, 1e-9)
        return np.nan_to_num(np.clip(closeness, 0.0, 1.0), nan=0.0), ~np.isnan(a), ~np.isnan(b)
    vocabulary = {}
    for person, code in [(m, criterion.mentee_code) for m in mentees] + [(m, criterion.mentor_code) for m in mentors]:
        for value in _as_set(person.answers.get(code)):
            vocabulary.setdefault(value, len(vocabulary))
    a = _one_hot(mentees, criterion.mentee_code, vocabulary)
    b = _one_hot(mentors, criterion.mentor_code, vocabulary)
    shared = a @ b.T
    a_size, b_size = a.sum(axis=1), b.sum(axis=1)
    if criterion.comparison == EQUAL:
        same = (shared == a_size[:, None]) & (shared == b_size[None, :]) & (a_size[:, None] > 0)
        result = same.astype(np.float64)
    else:
        with np.errstate(invalid="ignore", divide="ignore"):
            result = np.nan_to_num(shared / a_size[:, None], nan=0.0)
    return result, a_size > 0, b_size > 0


def points(criterion, sim):
    """A criterion's points in tenths: weight × similarity, rounded to a tenth."""
    if criterion.required:
        return np.zeros(sim.shape, dtype=np.int64)
    return np.rint(sim * criterion.weight * UNIT).astype(np.int64)


def passes(criterion, sim, mentee_answered, mentor_answered):
    """A required criterion's filter: a mentee who answered needs a mentor who answered and matches."""
    threshold = REQUIRED_CLOSENESS if criterion.comparison == CLOSENESS else 1e-9
    matches = (sim >= threshold) & mentor_answered[None, :]
    return matches | ~mentee_answered[:, None]


def scores(mentees, mentors, criteria):
    """The compatibility of every mentee with every mentor, in tenths (n×m integers)."""
    total = np.zeros((len(mentees), len(mentors)), dtype=np.int64)
    for criterion in criteria:
        if not criterion.required and criterion.weight:
            total += points(criterion, similarity(criterion, mentees, mentors)[0])
    return total


def max_score(criteria):
    return sum(criterion.weight * UNIT for criterion in criteria if not criterion.required)


def explain(mentee, mentor, criteria):
    """The parts of a pair's score, criterion by criterion; they add up to the score."""
    parts = []
    for criterion in criteria:
        sim = float(similarity(criterion, [mentee], [mentor])[0][0, 0])
        parts.append(
            Part(
                label=criterion.label,
                weight=0 if criterion.required else criterion.weight,
                similarity=round(sim, 2),
                points=int(points(criterion, np.array([[sim]]))[0, 0]),
                mentee_answer=mentee.shown.get(criterion.mentee_code, ""),
                mentor_answer=mentor.shown.get(criterion.mentor_code, ""),
                required=criterion.required,
            )
        )
    return tuple(parts)


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


def rule_masks(mentees, mentors, criteria, rules, forbidden=frozenset()):
    """Each rule as (reason, n×m mask of the pairs it allows), in the order reasons are given."""
    n, m = len(mentees), len(mentors)
    form_ok = np.ones((n, m), dtype=bool)
    kind_ok = np.ones((n, m), dtype=bool)
    grade_ok = np.ones((n, m), dtype=bool)
    mentor_kinds = np.array([mentor.kind for mentor in mentors], dtype=object)
    mentor_grades = np.array([np.nan if mentor.grade is None else mentor.grade for mentor in mentors], dtype=float)
    for i, mentee in enumerate(mentees):
        form_ok[i] = [not mentor.forms or mentee.form is None or mentee.form in mentor.forms for mentor in mentors]
        rule = rules.get(mentee.form)
        if rule is None:
            continue
        if rule.mentee_kinds and mentee.kind not in rule.mentee_kinds:
            kind_ok[i] = False
        elif rule.mentor_kinds:
            kind_ok[i] = np.isin(mentor_kinds, list(rule.mentor_kinds))
        if rule.min_grade_gap and mentee.grade is not None:
            with np.errstate(invalid="ignore"):
                older = mentor_grades - mentee.grade >= rule.min_grade_gap
            grade_ok[i] = older | np.isnan(mentor_grades)
    person_ids = {}  # people as integers, so that "the same person" compares in numpy
    mentor_people = np.array([person_ids.setdefault(mentor.person, len(person_ids)) for mentor in mentors], dtype=int)
    mentee_people = np.array([person_ids.setdefault(mentee.person, len(person_ids)) for mentee in mentees], dtype=int)
    not_self = mentee_people.reshape(n, 1) != mentor_people.reshape(1, m)
    mentee_index = {mentee.key: i for i, mentee in enumerate(mentees)}
    mentor_index = {mentor.key: j for j, mentor in enumerate(mentors)}
    allowed_by_curator = np.ones((n, m), dtype=bool)
    for mentee_key, mentor_key in forbidden:
        if mentee_key in mentee_index and mentor_key in mentor_index:
            allowed_by_curator[mentee_index[mentee_key], mentor_index[mentor_key]] = False
    masks = [
        ("наставник не ведёт эту форму наставничества", form_ok),
        ("наставник не подходит форме (категория участника)", kind_ok),
        ("нет наставника-ученика достаточно старшего класса", grade_ok),
        ("наставник и наставляемый — один человек", not_self),
        ("пара запрещена куратором", allowed_by_curator),
    ]
    for criterion in criteria:
        if criterion.required:
            sim, mentee_answered, mentor_answered = similarity(criterion, mentees, mentors)
            masks.append(
                (f"нет совпадения: {criterion.label}", passes(criterion, sim, mentee_answered, mentor_answered))
            )
    return masks


def allowed(masks, shape):
    result = np.ones(shape, dtype=bool)
    for _reason, mask in masks:
        result &= mask
    return result


def reason(masks, row, has_mentors=True):
    """Why the mentee in ``row`` has no compatible mentor at all."""
    if not has_mentors:
        return "нет наставников со свободными местами"
    blocking = [text for text, mask in masks if not mask[row].any()]
    if blocking:
        return "Нет подходящего наставника: " + "; ".join(blocking) + "."
    return "Нет подходящего наставника: ни один наставник не проходит все условия сразу."


# ---------------------------------------------------------------------------------------------
# Assignment
# ---------------------------------------------------------------------------------------------


def assign(score, ok, capacities, coverage_first=False):
    """The optimal (mentee row, mentor column) pairs under ``capacities``.

    ``score``: n×m non-negative integers; ``ok``: n×m booleans, the pairs allowed.
    Maximises the total score, then the number of pairs; with ``coverage_first``, the number
    of pairs, then the total score.
    """
    n, m = score.shape
    places = np.minimum(np.maximum(np.asarray(capacities, dtype=np.int64), 0), n)
    slots = np.repeat(np.arange(m), places)
    if n == 0 or len(slots) == 0:
        return []
    candidates = ok[:, slots]
    value = score[:, slots].astype(np.float64)
    if coverage_first:
        # One more pair is worth more than any difference of total scores.
        weight = np.where(candidates, value + (float(score.max(initial=0)) * n + 1), 0.0)
    else:
        # Any difference of total scores is worth more than pairing every mentee.
        weight = np.where(candidates, value * (n + 1) + 1, 0.0)
    rows, columns = linear_sum_assignment(weight, maximize=True)
    return [
        (int(row), int(slots[column])) for row, column in zip(rows, columns, strict=True) if candidates[row, column]
    ]


def greedy(score, ok, capacities):
    """The baseline: take the best remaining allowed pair while places last."""
    left = np.asarray(capacities, dtype=np.int64).copy()
    taken, pairs = set(), []
    rows, columns = np.nonzero(ok)
    order = np.argsort(-score[rows, columns], kind="stable")
    for k in order:
        row, column = int(rows[k]), int(columns[k])
        if row not in taken and left[column] > 0:
            taken.add(row)
            left[column] -= 1
            pairs.append((row, column))
    return pairs


def match(mentees, mentors, criteria, rules, locked=(), forbidden=frozenset(), coverage_first=False):
    """Proposals for the pool: locked pairs kept, the rest assigned optimally, the others explained."""
    by_mentee = {mentee.key: mentee for mentee in mentees}
    by_mentor = {mentor.key: mentor for mentor in mentors}
    kept, kept_mentees = [], set()
    for mentee_key, mentor_key in locked:  # the first lock of a mentee counts
        if mentee_key in by_mentee and mentor_key in by_mentor and mentee_key not in kept_mentees:
            kept.append((by_mentee[mentee_key], by_mentor[mentor_key]))
            kept_mentees.add(mentee_key)
    taken = {}
    for _mentee, mentor in kept:
        taken[mentor.key] = taken.get(mentor.key, 0) + 1
    proposals = [Proposal(a, b, *_scored(a, b, criteria), locked=True) for a, b in kept]

    pool = [mentee for mentee in mentees if mentee.key not in kept_mentees]
    capacities = [max(mentor.capacity - taken.get(mentor.key, 0), 0) for mentor in mentors]
    masks = rule_masks(pool, mentors, criteria, rules, forbidden)
    ok = allowed(masks, (len(pool), len(mentors)))
    score = scores(pool, mentors, criteria)
    pairs = assign(score, ok, capacities, coverage_first)
    for row, column in pairs:
        proposals.append(Proposal(pool[row], mentors[column], *_scored(pool[row], mentors[column], criteria)))

    paired = {row for row, _column in pairs}
    unmatched = []
    for row, mentee in enumerate(pool):
        if row in paired:
            continue
        if ok[row].any():
            unmatched.append(
                Unmatched(mentee, "Подходящие наставники есть, но у них не осталось свободных мест.", True)
            )
        else:
            unmatched.append(Unmatched(mentee, reason(masks, row, has_mentors=bool(mentors)), False))
    return Result(proposals, unmatched, max_score(criteria))


def _scored(mentee, mentor, criteria):
    parts = explain(mentee, mentor, criteria)
    return sum(part.points for part in parts), parts


def ranked(mentee, mentors, criteria, rules, forbidden=frozenset()):
    """Every mentor for one mentee, best first: (mentor, score, parts, reasons it is not allowed)."""
    masks = rule_masks([mentee], mentors, criteria, rules, forbidden)
    rows = []
    for column, mentor in enumerate(mentors):
        score, parts = _scored(mentee, mentor, criteria)
        blocked = [text for text, mask in masks if not mask[0, column]]
        rows.append((mentor, score, parts, blocked))
    rows.sort(key=lambda row: (bool(row[3]), -row[1]))
    return rows
