"""The matching engine (``pairs/matching.py``): plain data, no database.

The optimal assignment is checked against brute force on many small random cases: every
way of giving each mentee one allowed mentor or none, within the mentors' places. Rules and
scores are rechecked with an independent plain-Python reading of the same semantics.
"""

import itertools
import random
from collections import Counter

import numpy as np
import pytest

from pairs.matching import (
    CLOSENESS,
    EQUAL,
    SHARED,
    Criterion,
    FormRule,
    Mentee,
    Mentor,
    allowed,
    assign,
    explain,
    greedy,
    match,
    ranked,
    rule_masks,
    scores,
)

NO_PLACES = "Подходящие наставники есть, но у них не осталось свободных мест."

# ---------------------------------------------------------------------------------------------
# Brute force and an independent reading of the rules
# ---------------------------------------------------------------------------------------------


def outcomes(score, ok, capacities):
    """Every feasible assignment as (total score, number of pairs)."""
    n, m = score.shape
    options = [[None] + [j for j in range(m) if ok[i, j]] for i in range(n)]
    found = set()
    for choice in itertools.product(*options):
        used = [0] * m
        for j in choice:
            if j is not None:
                used[j] += 1
        if all(used[j] <= max(capacities[j], 0) for j in range(m)):
            pairs = [(i, j) for i, j in enumerate(choice) if j is not None]
            found.add((sum(int(score[i, j]) for i, j in pairs), len(pairs)))
    return found


def best(score, ok, capacities):
    """(best by score then pairs, best by pairs then score), each as (score, pairs)."""
    found = outcomes(score, ok, capacities)
    by_score = max(found)
    by_pairs = max(found, key=lambda outcome: (outcome[1], outcome[0]))
    return by_score, by_pairs


def check_valid(pairs, ok, capacities):
    rows = [row for row, _column in pairs]
    assert len(rows) == len(set(rows)), "a mentee paired twice"
    for row, column in pairs:
        assert ok[row, column], f"pair {(row, column)} is not allowed"
    used = np.bincount([column for _row, column in pairs], minlength=len(capacities))
    for column, count in enumerate(used):
        assert count <= max(capacities[column], 0), f"mentor {column} over capacity"


def ref_similarity(criterion, mentee, mentor):
    a = mentee.answers.get(criterion.mentee_code)
    b = mentor.answers.get(criterion.mentor_code)
    if criterion.comparison == CLOSENESS:
        if a is None or b is None:
            return 0.0
        return min(max(1.0 - abs(a - b) / criterion.span, 0.0), 1.0)
    a, b = a or frozenset(), b or frozenset()
    if criterion.comparison == EQUAL:
        return 1.0 if a and a == b else 0.0
    return len(a & b) / len(a) if a else 0.0


def ref_score(mentee, mentor, criteria):
    return sum(
        round(ref_similarity(c, mentee, mentor) * c.weight * 10) for c in criteria if not c.required and c.weight
    )


def ref_allowed(mentee, mentor, criteria, rules, forbidden):
    if mentor.forms and mentee.form is not None and mentee.form not in mentor.forms:
        return False
    rule = rules.get(mentee.form)
    if rule is not None:
        if rule.mentee_kinds and mentee.kind not in rule.mentee_kinds:
            return False
        if rule.mentor_kinds and mentor.kind not in rule.mentor_kinds:
            return False
        both_graded = mentee.grade is not None and mentor.grade is not None
        if rule.min_grade_gap and both_graded and mentor.grade - mentee.grade < rule.min_grade_gap:
            return False
    if mentee.person == mentor.person or (mentee.key, mentor.key) in forbidden:
        return False
    for criterion in criteria:
        if not criterion.required or mentee.answers.get(criterion.mentee_code) is None:
            continue
        if mentor.answers.get(criterion.mentor_code) is None:
            return False
        threshold = 0.5 if criterion.comparison == CLOSENESS else 1e-9
        if ref_similarity(criterion, mentee, mentor) < threshold:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# 1. assign against brute force
# ---------------------------------------------------------------------------------------------


def random_matrix_case(rng):
    n, m = rng.randint(1, 5), rng.randint(1, 3)
    score = np.array([[rng.randint(0, 50) for _ in range(m)] for _ in range(n)], dtype=np.int64)
    density = rng.choice([0.3, 0.6, 1.0])
    ok = np.array([[rng.random() < density for _ in range(m)] for _ in range(n)], dtype=bool)
    capacities = [rng.randint(0, 2) for _ in range(m)]
    return score, ok, capacities


def test_assign_is_optimal_against_brute_force():
    rng = random.Random(20240901)
    for case in range(300):
        score, ok, capacities = random_matrix_case(rng)
        by_score, by_pairs = best(score, ok, capacities)

        pairs = assign(score, ok, capacities)
        check_valid(pairs, ok, capacities)
        got = (sum(int(score[i, j]) for i, j in pairs), len(pairs))
        assert got == by_score, f"case {case}: {score.tolist()} {ok.tolist()} {capacities}"

        pairs = assign(score, ok, capacities, coverage_first=True)
        check_valid(pairs, ok, capacities)
        got = (sum(int(score[i, j]) for i, j in pairs), len(pairs))
        assert got == by_pairs, f"case {case} (coverage first): {score.tolist()} {ok.tolist()} {capacities}"


def test_assign_prefers_more_pairs_among_equal_totals():
    # Zero-score pairs still count: the total is the same with or without them.
    score = np.array([[7, 0], [0, 0]], dtype=np.int64)
    ok = np.ones((2, 2), dtype=bool)
    assert sorted(assign(score, ok, [1, 1])) == [(0, 0), (1, 1)]


def test_assign_edge_shapes():
    assert assign(np.zeros((0, 2), dtype=np.int64), np.ones((0, 2), dtype=bool), [1, 1]) == []
    assert assign(np.zeros((2, 0), dtype=np.int64), np.ones((2, 0), dtype=bool), []) == []
    assert assign(np.ones((2, 2), dtype=np.int64), np.ones((2, 2), dtype=bool), [0, 0]) == []
    # Negative and oversized capacities are clamped.
    pairs = assign(np.ones((2, 1), dtype=np.int64), np.ones((2, 1), dtype=bool), [5])
    assert sorted(pairs) == [(0, 0), (1, 0)]
    assert assign(np.ones((1, 1), dtype=np.int64), np.ones((1, 1), dtype=bool), [-1]) == []


# ---------------------------------------------------------------------------------------------
# 2–3. match on random pools: rules, capacities, optimum, explanations
# ---------------------------------------------------------------------------------------------

TOPICS = "abcd"
FORMATS = ("очно", "онлайн", "оба")
RULES = {
    "ss": FormRule(frozenset({"student"}), frozenset({"student"}), 2, "ученик – ученик"),
    "ts": FormRule(frozenset({"student"}), frozenset({"teacher", "staff"}), 0, "учитель – ученик"),
    "tt": FormRule(frozenset({"teacher", "staff"}), frozenset({"teacher", "staff"}), 0, "учитель – учитель"),
    "gap1": FormRule(frozenset(), frozenset(), 1, "любой, старше на класс"),
}
FORMS = (*RULES, "free", None)  # "free" has no rule; None: the mentee chose no form


def random_answers(rng):
    answers = {}
    if rng.random() < 0.85:
        answers["topics"] = frozenset(rng.sample(TOPICS, rng.randint(1, 3)))
    if rng.random() < 0.8:
        answers["format"] = frozenset({rng.choice(FORMATS)})
    if rng.random() < 0.8:
        answers["scale"] = rng.randint(1, 10)
    if rng.random() < 0.5:
        answers["offer"] = frozenset(rng.sample(TOPICS, rng.randint(1, 4)))
    return answers


def random_person(rng):
    kind = rng.choice(["student", "student", "teacher", "staff"])
    grade = rng.randint(5, 11) if kind == "student" and rng.random() < 0.9 else None
    return kind, grade


def random_pool(rng, n_max=5, m_max=4):
    n = rng.randint(1, n_max) if rng.random() < 0.95 else 0
    m = rng.randint(1, m_max) if rng.random() < 0.95 else 0
    people = list(range(rng.randint(4, 10)))  # some mentees are also mentors
    mentees = []
    for i in range(n):
        kind, grade = random_person(rng)
        fitting = [form for form, rule in RULES.items() if not rule.mentee_kinds or kind in rule.mentee_kinds]
        form = rng.choice([*fitting, "free", None]) if rng.random() < 0.8 else rng.choice(FORMS)
        mentees.append(
            Mentee(
                key=("mentee", i),
                person=rng.choice(people),
                kind=kind,
                grade=grade,
                form=form,
                answers=random_answers(rng),
            )
        )
    mentors = []
    for j in range(m):
        kind, grade = random_person(rng)
        forms = frozenset(rng.sample([f for f in FORMS if f], rng.choice([0, 0, 2, 3, 4])))
        mentors.append(
            Mentor(
                key=("mentor", j),
                person=rng.choice(people),
                kind=kind,
                grade=grade,
                forms=forms,
                capacity=rng.choice([0, 1, 1, 2, 3]),
                answers=random_answers(rng),
            )
        )
    criteria = [
        Criterion("Темы", "topics", "topics", SHARED, rng.randint(0, 10), rng.random() < 0.15),
        Criterion("Формат", "format", "format", EQUAL, rng.randint(0, 10), rng.random() < 0.15),
        Criterion("Шкала", "scale", "scale", CLOSENESS, rng.randint(0, 10), rng.random() < 0.15, span=9.0),
        Criterion("Запрос и предложение", "topics", "offer", SHARED, rng.randint(0, 10), rng.random() < 0.1),
    ]
    rng.shuffle(criteria)
    criteria = criteria[: rng.randint(1, 4)]
    forbidden = frozenset((mentee.key, mentor.key) for mentee in mentees for mentor in mentors if rng.random() < 0.15)
    return mentees, mentors, criteria, forbidden


@pytest.mark.parametrize("coverage_first", [False, True])
def test_match_on_random_pools_against_brute_force(coverage_first):
    rng = random.Random(7 + coverage_first)
    for case in range(200):
        mentees, mentors, criteria, forbidden = random_pool(rng)
        locked = []
        if mentees and mentors and rng.random() < 0.3:
            locked = [(rng.choice(mentees).key, rng.choice(mentors).key)]
        result = match(mentees, mentors, criteria, RULES, locked, forbidden, coverage_first)
        context = f"case {case}"

        # Every mentee appears exactly once: in a proposal or unmatched.
        proposed = [proposal.mentee.key for proposal in result.proposals]
        unmatched = [item.mentee.key for item in result.unmatched]
        assert len(proposed) == len(set(proposed)), context
        assert sorted(proposed + unmatched) == sorted(mentee.key for mentee in mentees), context

        # Locked pairs are kept as given and take their places.
        kept = [p for p in result.proposals if p.locked]
        assert [(p.mentee.key, p.mentor.key) for p in kept] == locked, context

        # Capacities hold (counting the free ones: locked pairs may exceed a mentor's capacity).
        free = {mentor.key: mentor.capacity for mentor in mentors}
        for proposal in kept:
            free[proposal.mentor.key] -= 1
        for proposal in result.proposals:
            if not proposal.locked:
                free[proposal.mentor.key] -= 1
                assert free[proposal.mentor.key] >= 0, context
                assert ref_allowed(proposal.mentee, proposal.mentor, criteria, RULES, forbidden), context

        # Scores: the proposal's, its explanation's and the matrix's agree with the reference.
        matrix = scores(mentees, mentors, criteria)
        row = {mentee.key: i for i, mentee in enumerate(mentees)}
        column = {mentor.key: j for j, mentor in enumerate(mentors)}
        for proposal in result.proposals:
            parts = explain(proposal.mentee, proposal.mentor, criteria)
            assert parts == proposal.parts, context
            assert sum(part.points for part in parts) == proposal.score, context
            assert proposal.score == matrix[row[proposal.mentee.key], column[proposal.mentor.key]], context
            assert proposal.score == ref_score(proposal.mentee, proposal.mentor, criteria), context

        # The allowed mask equals the independent reading of the rules.
        ok = allowed(rule_masks(mentees, mentors, criteria, RULES, forbidden), matrix.shape)
        for i, mentee in enumerate(mentees):
            for j, mentor in enumerate(mentors):
                expected = ref_allowed(mentee, mentor, criteria, RULES, forbidden)
                assert ok[i, j] == expected, f"{context}: {mentee} / {mentor}"

        # The free part of the result is optimal.
        pool = [i for i, mentee in enumerate(mentees) if mentee.key not in {a for a, _b in locked}]
        taken = Counter(mentor_key for _mentee_key, mentor_key in locked)
        capacities = [max(mentor.capacity - taken[mentor.key], 0) for mentor in mentors]
        by_score, by_pairs = best(matrix[pool], ok[pool], capacities)
        free_proposals = [p for p in result.proposals if not p.locked]
        got = (sum(p.score for p in free_proposals), len(free_proposals))
        assert got == (by_pairs if coverage_first else by_score), context
        assert result.total == got[0] + sum(p.score for p in kept), context

        # Reasons: a mentee left out while some allowed mentor exists is out for lack of places.
        for item in result.unmatched:
            i = row[item.mentee.key]
            if ok[i].any():
                assert item.no_capacity and item.reason == NO_PLACES, context
            else:
                assert not item.no_capacity and item.reason != NO_PLACES, context


# ---------------------------------------------------------------------------------------------
# 4. Hand-computed examples
# ---------------------------------------------------------------------------------------------


def one(mentee_answers, mentor_answers, criterion):
    """One pair's score in tenths."""
    mentee, mentor = Mentee("a", 1, answers=mentee_answers), Mentor("x", 2, answers=mentor_answers)
    return int(scores([mentee], [mentor], [criterion])[0, 0])


def test_shared_is_the_share_of_the_mentees_choices():
    topics = Criterion("Темы", "t", "t", SHARED, 10)
    assert one({"t": frozenset("ab")}, {"t": frozenset("a")}, topics) == 50
    assert one({"t": frozenset("a")}, {"t": frozenset("ab")}, topics) == 100  # the mentor offers more
    assert one({"t": frozenset("abc")}, {"t": frozenset("cd")}, topics) == 33  # 1/3 × 10 = 3.3 points
    assert one({"t": frozenset("ab")}, {"t": frozenset("cd")}, topics) == 0
    weight_3 = Criterion("Темы", "t", "t", SHARED, 3)
    assert one({"t": frozenset("ab")}, {"t": frozenset("a")}, weight_3) == 15


def test_equal_needs_the_same_answer():
    form = Criterion("Формат", "f", "f", EQUAL, 3)
    assert one({"f": frozenset({"очно"})}, {"f": frozenset({"очно"})}, form) == 30
    assert one({"f": frozenset({"очно"})}, {"f": frozenset({"онлайн"})}, form) == 0
    assert one({"f": frozenset({"очно", "онлайн"})}, {"f": frozenset({"очно"})}, form) == 0
    assert one({"f": 4}, {"f": 4.0}, form) == 30  # numbers compare by value


def test_closeness_on_a_scale():
    scale = Criterion("Шкала", "s", "s", CLOSENESS, 10, span=9)
    assert one({"s": 3}, {"s": 6}, scale) == round((1 - 3 / 9) * 100)  # 67
    assert one({"s": 3}, {"s": 6}, scale) == 67
    assert one({"s": 5}, {"s": 5}, scale) == 100
    assert one({"s": 1}, {"s": 10}, scale) == 0
    assert one({"s": 1}, {"s": 20}, scale) == 0  # beyond the span: clipped at 0


@pytest.mark.parametrize(
    "criterion, answer",
    [
        (Criterion("Темы", "t", "t", SHARED, 10), frozenset("a")),
        (Criterion("Формат", "t", "t", EQUAL, 10), frozenset("a")),
        (Criterion("Шкала", "t", "t", CLOSENESS, 10), 5),
    ],
)
def test_a_missing_answer_gives_nothing(criterion, answer):
    assert one({}, {"t": answer}, criterion) == 0
    assert one({"t": answer}, {}, criterion) == 0
    assert one({}, {}, criterion) == 0
    assert one({"t": answer}, {"t": answer}, criterion) == 100


def test_different_codes_on_the_two_sides():
    need_offer = Criterion("Запрос и предложение", "need", "offer", SHARED, 10)
    mentee_answers = {"need": frozenset("ab"), "offer": frozenset("z")}
    mentor_answers = {"offer": frozenset("b"), "need": frozenset("ab")}
    assert one(mentee_answers, mentor_answers, need_offer) == 50


def test_explanation_adds_up_to_the_score():
    criteria = [
        Criterion("Темы", "t", "t", SHARED, 10),
        Criterion("Формат", "f", "f", EQUAL, 3),
        Criterion("Шкала", "s", "s", CLOSENESS, 4, span=9),
        Criterion("Обязательно", "f", "f", EQUAL, 7, required=True),
    ]
    mentee = Mentee("a", 1, answers={"t": frozenset("ab"), "f": frozenset("x"), "s": 3}, shown={"t": "а, б"})
    mentor = Mentor("x", 2, answers={"t": frozenset("a"), "f": frozenset("x"), "s": 6}, shown={"t": "а"})
    parts = explain(mentee, mentor, criteria)
    assert [part.points for part in parts] == [50, 30, 27, 0]  # 4 × (1 − 3/9) = 2.67 → 2.7 points
    assert [part.weight for part in parts] == [10, 3, 4, 0]  # a required criterion gives no points
    assert parts[0].similarity == 0.5 and parts[2].similarity == 0.67
    assert (parts[0].mentee_answer, parts[0].mentor_answer) == ("а, б", "а")
    assert sum(part.points for part in parts) == scores([mentee], [mentor], criteria)[0, 0] == 107
    (proposal,) = match([mentee], [mentor], criteria, {}).proposals
    assert proposal.score == 107 and proposal.parts == parts


def test_required_filters_only_when_the_mentee_answered():
    required = Criterion("Формат", "f", "f", EQUAL, 5, required=True)
    topics = Criterion("Темы", "t", "t", SHARED, 10)
    in_person = Mentor("x", 10, answers={"f": frozenset({"очно"}), "t": frozenset("a")})
    online = Mentor("y", 11, answers={"f": frozenset({"онлайн"}), "t": frozenset("ab")})
    silent = Mentor("z", 12, answers={"t": frozenset("ab")})
    mentors = [in_person, online, silent]
    answered = Mentee("a", 1, answers={"f": frozenset({"очно"}), "t": frozenset("ab")})
    unanswered = Mentee("b", 2, answers={"t": frozenset("ab")})
    ok = allowed(rule_masks([answered, unanswered], mentors, [required, topics], {}), (2, 3))
    assert ok.tolist() == [[True, False, False], [True, True, True]]
    # The required criterion adds no points of its own.
    assert scores([answered], mentors, [required, topics]).tolist() == [[50, 100, 100]]
    result = match([answered], mentors, [required, topics], {})
    assert [(p.mentee.key, p.mentor.key) for p in result.proposals] == [("a", "x")]

    scale = Criterion("Шкала", "s", "s", CLOSENESS, 0, required=True, span=9)
    near, half, far = (Mentor(k, 20 + s, answers={"s": s}) for k, s in (("n", 5), ("h", 5.5), ("f", 6)))
    ok = allowed(rule_masks([Mentee("a", 1, answers={"s": 1})], [near, half, far], [scale], {}), (1, 3))
    assert ok.tolist() == [[True, True, False]]  # at most half the scale apart (4.5 of 9)


def test_rules_by_form():
    rule = FormRule(frozenset({"student"}), frozenset({"student"}), 2)
    mentee = Mentee("a", 1, kind="student", grade=7, form="ss")
    mentors = [
        Mentor("9", 2, kind="student", grade=9),
        Mentor("8", 3, kind="student", grade=8),
        Mentor("t", 4, kind="teacher"),
        Mentor("other form", 5, kind="student", grade=11, forms=frozenset({"tt"})),
        Mentor("its form", 6, kind="student", grade=11, forms=frozenset({"ss", "tt"})),
        Mentor("self", 1, kind="student", grade=11),
    ]
    ok = allowed(rule_masks([mentee], mentors, [], {"ss": rule}), (1, len(mentors)))
    assert ok.tolist() == [[True, False, False, False, True, False]]
    teacher_mentee = Mentee("b", 7, kind="teacher", form="ss")  # a category the form does not take
    assert not allowed(rule_masks([teacher_mentee], mentors, [], {"ss": rule}), (1, len(mentors))).any()


def test_locked_pairs_are_kept_and_take_a_place():
    topics = Criterion("Темы", "t", "t", SHARED, 10)
    a = Mentee("a", 1, answers={"t": frozenset("a")})
    b = Mentee("b", 2, answers={"t": frozenset("b")})
    x = Mentor("x", 10, capacity=1, answers={"t": frozenset("a")})
    y = Mentor("y", 11, capacity=1, answers={"t": frozenset("z")})
    # Free: a–x. Locking b–x takes x's only place, so a gets y (score 0) instead.
    free = match([a, b], [x, y], [topics], {})
    assert sorted((p.mentee.key, p.mentor.key) for p in free.proposals) == [("a", "x"), ("b", "y")]
    result = match([a, b], [x, y], [topics], {}, locked=[("b", "x")])
    pairs = {(p.mentee.key, p.mentor.key): p for p in result.proposals}
    assert set(pairs) == {("b", "x"), ("a", "y")}
    assert pairs[("b", "x")].locked and not pairs[("a", "y")].locked
    assert pairs[("b", "x")].score == 0 and result.total == 0
    # A locked pair is kept even when the rules or the curator would not allow it.
    result = match([a], [x], [topics], {}, locked=[("a", "x")], forbidden=frozenset({("a", "x")}))
    assert [(p.mentee.key, p.mentor.key, p.locked, p.score) for p in result.proposals] == [("a", "x", True, 100)]
    # Locked pairs for people not in the pool are ignored.
    result = match([a], [x], [topics], {}, locked=[("gone", "x"), ("a", "gone")])
    assert [(p.mentee.key, p.mentor.key, p.locked) for p in result.proposals] == [("a", "x", False)]


def test_unmatched_reasons():
    topics = Criterion("Темы", "t", "t", SHARED, 10)
    a = Mentee("a", 1, answers={"t": frozenset("a")})
    b = Mentee("b", 2, answers={"t": frozenset("a")})
    x = Mentor("x", 10, capacity=1, answers={"t": frozenset("a")})

    result = match([a, b], [x], [topics], {})
    assert len(result.proposals) == 1
    (left,) = result.unmatched
    assert left.no_capacity and left.reason == NO_PLACES
    assert "не осталось свободных мест" in left.reason

    full = Mentor("x", 10, capacity=0)
    (left,) = match([a], [full], [topics], {}).unmatched
    assert left.no_capacity and left.reason == NO_PLACES

    # No compatible mentor: the reason names the blocking rule.
    (left,) = match([a], [Mentor("self", 1)], [topics], {}).unmatched
    assert not left.no_capacity
    assert left.reason == "Нет подходящего наставника: наставник и наставляемый — один человек."
    (left,) = match([a], [x], [topics], {}, forbidden=frozenset({("a", "x")})).unmatched
    assert left.reason == "Нет подходящего наставника: пара запрещена куратором."
    required = Criterion("Формат", "f", "f", EQUAL, 0, required=True)
    student = Mentee("s", 3, kind="student", grade=9, form="ss", answers={"f": frozenset("x")})
    young = Mentor("y", 11, kind="student", grade=10, answers={"f": frozenset("y")})
    rule = FormRule(frozenset({"student"}), frozenset({"student"}), 2)
    (left,) = match([student], [young], [required], {"ss": rule}).unmatched
    assert left.reason == (
        "Нет подходящего наставника: нет наставника-ученика достаточно старшего класса; нет совпадения: Формат."
    )
    # Each rule alone allows someone, but no mentor passes all of them.
    older = Mentor("o", 12, kind="student", grade=11, answers={"f": frozenset("y")})
    same = Mentor("m", 13, kind="student", grade=10, answers={"f": frozenset("x")})
    (left,) = match([student], [older, same], [required], {"ss": rule}).unmatched
    assert left.reason == "Нет подходящего наставника: ни один наставник не проходит все условия сразу."

    # No mentors at all.
    result = match([a, b], [], [topics], {})
    assert result.proposals == []
    assert [item.reason for item in result.unmatched] == ["нет наставников со свободными местами"] * 2
    assert not any(item.no_capacity for item in result.unmatched)
    assert match([], [x], [topics], {}).unmatched == []


def test_max_score_and_total():
    criteria = [
        Criterion("Темы", "t", "t", SHARED, 10),
        Criterion("Формат", "f", "f", EQUAL, 3),
        Criterion("Обязательно", "f", "f", EQUAL, 7, required=True),
    ]
    result = match([], [], criteria, {})
    assert result.max_score == 130 and result.total == 0


def test_ranked_lists_allowed_mentors_first_best_first():
    topics = Criterion("Темы", "t", "t", SHARED, 10)
    a = Mentee("a", 1, answers={"t": frozenset("ab")})
    mentors = [
        Mentor("half", 10, answers={"t": frozenset("a")}),
        Mentor("self", 1, answers={"t": frozenset("ab")}),
        Mentor("full", 11, answers={"t": frozenset("ab")}),
    ]
    rows = ranked(a, mentors, [topics], {})
    assert [(mentor.key, score, blocked) for mentor, score, _parts, blocked in rows] == [
        ("full", 100, []),
        ("half", 50, []),
        ("self", 100, ["наставник и наставляемый — один человек"]),
    ]


# ---------------------------------------------------------------------------------------------
# 5. Coverage first against the default
# ---------------------------------------------------------------------------------------------


def test_coverage_first_pairs_more_mentees_at_a_lower_total():
    # A–X 10, B–X 5, A–Y 1, B–Y not allowed; one place each.
    score = np.array([[10, 1], [5, 0]], dtype=np.int64)
    ok = np.array([[True, True], [True, False]])
    assert assign(score, ok, [1, 1]) == [(0, 0)]
    assert sorted(assign(score, ok, [1, 1], coverage_first=True)) == [(0, 1), (1, 0)]

    # The same through match: closeness on a 0–10 scale with weight 1 gives 10 − difference tenths.
    scale = Criterion("Шкала", "s", "s", CLOSENESS, 1, span=10)
    a, b = Mentee("A", 1, answers={"s": 0}), Mentee("B", 2, answers={"s": 5})
    x, y = Mentor("X", 10, answers={"s": 0}), Mentor("Y", 11, answers={"s": 9})
    assert scores([a, b], [x, y], [scale]).tolist() == [[10, 1], [5, 6]]
    forbidden = frozenset({("B", "Y")})
    default = match([a, b], [x, y], [scale], {}, forbidden=forbidden)
    assert [(p.mentee.key, p.mentor.key) for p in default.proposals] == [("A", "X")]
    assert default.total == 10
    assert [(item.mentee.key, item.reason) for item in default.unmatched] == [("B", NO_PLACES)]
    coverage = match([a, b], [x, y], [scale], {}, forbidden=forbidden, coverage_first=True)
    assert sorted((p.mentee.key, p.mentor.key) for p in coverage.proposals) == [("A", "Y"), ("B", "X")]
    assert coverage.total == 6 and coverage.unmatched == []


# ---------------------------------------------------------------------------------------------
# 6. The greedy baseline
# ---------------------------------------------------------------------------------------------


def test_greedy_respects_capacities_and_never_beats_the_optimum():
    rng = random.Random(99)
    worse = 0
    for case in range(300):
        score, ok, capacities = random_matrix_case(rng)
        pairs = greedy(score, ok, capacities)
        check_valid(pairs, ok, capacities)
        total = sum(int(score[i, j]) for i, j in pairs)
        (best_total, _pairs), _by_pairs = best(score, ok, capacities)
        assert total <= best_total, f"case {case}"
        worse += total < best_total
    assert worse > 0  # the cases are hard enough for greedy to miss the optimum sometimes
