"""The matching engine on synthetic school pools: time of ``match`` and the optimum against greedy.

    .venv/bin/python bench/matching.py [--runs 5] [--seed 1]

No database: ``pairs.matching`` is pure numpy and SciPy. The pools resemble a school's year:
students of grades 5–11 and teachers, in three forms (ученик – ученик: a student mentor at
least two grades older; учитель – ученик: a staff mentor; учитель – учитель), with answers to
the intake questions the default criteria compare (``pairs.defaults.CRITERIA``: topics 10,
teacher topics 10, availability 5, interests 4, meeting format 3), plus a growth scale that no
criterion uses. Some students are in both banks; mentors have 1–4 places.

For each pool, ``match`` is timed end to end (scores, rule masks, assignment, explanations of
every proposal, reasons of the unmatched) ``--runs`` times, default and coverage-first. Its
optimal total is compared with the greedy baseline (``greedy``: the best remaining allowed pair
while places last) on the same score matrix and allowed mask. The time of each step is shown
too. Targets: 300 × 80 under 0.2 s, 2,000 × 500 under 2 s (median of the runs). The script
exits with status 1 when a target is missed.
"""

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pairs.defaults import CRITERIA
from pairs.matching import (
    Criterion,
    FormRule,
    Mentee,
    Mentor,
    allowed,
    assign,
    explain,
    greedy,
    match,
    rule_masks,
    scores,
)
from surveys import codes

STUDENT_FORM, STAFF_FORM, TEACHER_FORM = "ученик – ученик", "учитель – ученик", "учитель – учитель"
STAFF = frozenset({"teacher", "staff"})
RULES = {
    STUDENT_FORM: FormRule(frozenset({"student"}), frozenset({"student"}), 2, STUDENT_FORM),
    STAFF_FORM: FormRule(frozenset({"student"}), STAFF, 0, STAFF_FORM),
    TEACHER_FORM: FormRule(STAFF, STAFF, 0, TEACHER_FORM),
}
TOPICS = [f"topic-{k}" for k in range(12)]
TEACHER_TOPICS = [f"teacher-topic-{k}" for k in range(10)]
INTERESTS = [f"interest-{k}" for k in range(14)]
AVAILABILITY = ["пн–вт после уроков", "ср–чт после уроков", "пятница", "перемены", "выходные"]
FORMATS = ["очно", "онлайн", "очно и онлайн"]
CASES = [
    # (name, mentees, mentors, target in seconds)
    ("300 × 80", 300, 80, 0.2),
    ("2,000 × 500", 2000, 500, 2.0),
]


def pick(rng, values, low, high, weights=None):
    """low..high distinct values; popular ones more often when weights are given."""
    count = rng.randint(low, high)
    chosen = set()
    while len(chosen) < count:
        chosen.add(rng.choices(values, weights)[0])
    return frozenset(chosen)


def answers(rng, staff, topic_weights):
    result = {
        codes.AVAILABILITY: pick(rng, AVAILABILITY, 1, 3),
        codes.INTERESTS: pick(rng, INTERESTS, 2, 4),
        codes.MEETING_FORMAT: frozenset({rng.choices(FORMATS, [5, 2, 3])[0]}),
        codes.GROWTH_PREFIX + "confidence": rng.randint(1, 10),
    }
    if staff:
        result[codes.TEACHER_TOPICS] = pick(rng, TEACHER_TOPICS, 1, 3)
    else:
        result[codes.TOPICS] = pick(rng, TOPICS, 1, 3, topic_weights)
    return result


def pool(n, m, seed):
    """n mentees and m mentors of one school year; people are numbered (ids, as in the database)."""
    rng = random.Random(seed)
    topic_weights = [12 - k for k in range(len(TOPICS))]  # some requests are much more common
    mentees = []
    for i in range(n):
        if rng.random() < 0.85:
            grade = rng.randint(5, 11)
            form = STUDENT_FORM if rng.random() < 0.6 else STAFF_FORM
            mentees.append(
                Mentee(
                    key=("mentee", i),
                    person=i,
                    kind="student",
                    grade=grade,
                    form=form,
                    answers=answers(rng, False, topic_weights),
                )
            )
        else:
            mentees.append(
                Mentee(
                    key=("mentee", i),
                    person=i,
                    kind="teacher",
                    form=TEACHER_FORM,
                    answers=answers(rng, True, topic_weights),
                )
            )
    student_mentees = [mentee for mentee in mentees if mentee.kind == "student" and mentee.grade >= 9]
    mentors = []
    for j in range(m):
        capacity = rng.randint(1, 4)
        if rng.random() < 0.5:
            # A student mentor of grades 8–11; one in ten is also a mentee this year.
            if student_mentees and rng.random() < 0.1:
                twin = rng.choice(student_mentees)
                person, grade = twin.person, twin.grade
            else:
                person, grade = n + j, rng.randint(8, 11)
            mentors.append(
                Mentor(
                    key=("mentor", j),
                    person=person,
                    kind="student",
                    grade=grade,
                    forms=frozenset({STUDENT_FORM}),
                    capacity=capacity,
                    answers=answers(rng, False, None),
                )
            )
        else:
            forms = rng.choice([{STAFF_FORM}, {TEACHER_FORM}, {STAFF_FORM, TEACHER_FORM}])
            mentor_answers = answers(rng, False, None)
            if TEACHER_FORM in forms:
                mentor_answers[codes.TEACHER_TOPICS] = pick(rng, TEACHER_TOPICS, 2, 5)
            if STAFF_FORM not in forms:
                del mentor_answers[codes.TOPICS]
            mentors.append(
                Mentor(
                    key=("mentor", j),
                    person=n + j,
                    kind=rng.choice(["teacher", "teacher", "teacher", "staff"]),
                    forms=frozenset(forms),
                    capacity=capacity,
                    answers=mentor_answers,
                )
            )
    return mentees, mentors


def criteria():
    return [
        Criterion(label, mentee_code, mentor_code, comparison, weight, required)
        for label, mentee_code, mentor_code, comparison, weight, required in CRITERIA
    ]


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return time.perf_counter() - start, result


def steps(mentees, mentors, chosen, runs):
    """The median time of each step ``match`` takes, run one by one on the same pool."""
    found = {"scores": [], "rule masks": [], "assign": [], "explain": []}
    for _ in range(runs):
        seconds, score = timed(scores, mentees, mentors, chosen)
        found["scores"].append(seconds)
        seconds, masks = timed(rule_masks, mentees, mentors, chosen, RULES)
        ok = allowed(masks, score.shape)
        found["rule masks"].append(seconds)
        capacities = [mentor.capacity for mentor in mentors]
        seconds, pairs = timed(assign, score, ok, capacities)
        found["assign"].append(seconds)
        seconds, _parts = timed(lambda: [explain(mentees[i], mentors[j], chosen) for i, j in pairs])  # noqa: B023
        found["explain"].append(seconds)
    return {step: statistics.median(times) for step, times in found.items()}, score, ok, capacities


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()

    chosen = criteria()
    rows, breakdown, missed = [], [], []
    for name, n, m, target in CASES:
        mentees, mentors = pool(n, m, options.seed)
        places = sum(mentor.capacity for mentor in mentors)
        match(mentees, mentors, chosen, RULES)  # warm-up
        default_times, coverage_times = [], []
        for _ in range(options.runs):
            seconds, result = timed(match, mentees, mentors, chosen, RULES)
            default_times.append(seconds)
            seconds, covered = timed(match, mentees, mentors, chosen, RULES, coverage_first=True)
            coverage_times.append(seconds)

        found, score, ok, capacities = steps(mentees, mentors, chosen, options.runs)
        baseline = greedy(score, ok, capacities)
        greedy_total = int(sum(score[i, j] for i, j in baseline))
        gain = (result.total - greedy_total) / greedy_total * 100 if greedy_total else 0.0
        median = statistics.median(default_times)
        if median >= target:
            missed.append(f"{name}: median {median:.3f} s, target < {target} s")
        rows.append(
            (
                name,
                places,
                f"< {target} s",
                f"{median:.3f} / {max(default_times):.3f} s",
                f"{result.total / 10:,.1f} ({len(result.proposals)} paired)",
                f"{greedy_total / 10:,.1f} ({len(baseline)} paired)",
                f"+{gain:.2f} %",
                f"{statistics.median(coverage_times):.3f} / {max(coverage_times):.3f} s",
                f"{covered.total / 10:,.1f} ({len(covered.proposals)} paired)",
            )
        )
        no_places = sum(item.no_capacity for item in result.unmatched)
        breakdown.append((name, found, f"{no_places} / {len(result.unmatched) - no_places}"))

    print(f"median / max of {options.runs} runs of match(...) after one warm-up; points (weights × similarity)")
    print()
    print(
        "| pool (mentees × mentors) | places | target | match: median / max "
        "| optimal total | greedy total | optimal vs greedy | coverage first: median / max | coverage first total |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    print()
    print(f"steps of the default run, one at a time on the same pool: median of {options.runs} runs (seconds)")
    print()
    print("| pool | scores | rule masks | assign | explain the proposals | unmatched: no place / none compatible |")
    print("|---|---|---|---|---|---|")
    for name, found, unmatched in breakdown:
        cells = " | ".join(f"{found[step]:.3f}" for step in ("scores", "rule masks", "assign", "explain"))
        print(f"| {name} | {cells} | {unmatched} |")
    if missed:
        print()
        print("MISSED: " + "; ".join(missed))
        sys.exit(1)


if __name__ == "__main__":
    main()
