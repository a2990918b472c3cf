"""A survey's results: counts, averages and distributions per question, and the comparison of
the same items before and after the programme.

Everything is counted by the database in a fixed number of grouped queries, whatever the
number of responses.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count

from surveys.filling import questions_of
from surveys.models import Answer, Question


@dataclass
class Bar:
    label: str
    count: int
    share: float  # of the question's answers, 0–100


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    average: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    bars: list = field(default_factory=list)

    @property
    def chart_max(self):
        return max((bar.count for bar in self.bars), default=0)


def summarise(survey):
    """[(section, [QuestionResult, …]), …] and the number of responses."""
    questions = questions_of(survey)
    answers = Answer.objects.filter(response__survey=survey)
    answered = dict(answers.values_list("question").annotate(n=Count("id")).order_by())
    numbers = defaultdict(list)
    for question_id, number, count in (
        answers.filter(number__isnull=False).values_list("question", "number").annotate(n=Count("id")).order_by()
    ):
        numbers[question_id].append((number, count))
    flags = defaultdict(dict)
    for question_id, flag, count in (
        answers.filter(flag__isnull=False).values_list("question", "flag").annotate(n=Count("id")).order_by()
    ):
        flags[question_id][flag] = count
    chosen = dict(
        Answer.choices.through.objects.filter(answer__response__survey=survey)
        .values_list("choice")
        .annotate(n=Count("id"))
        .order_by()
    )
    sections = {}
    for question in questions:
        result = QuestionResult(question, answered.get(question.pk, 0))
        _fill(result, numbers.get(question.pk, []), flags.get(question.pk, {}), chosen)
        sections.setdefault(question.section, []).append(result)
    return list(sections.items()), survey.responses.count()


def _fill(result, numbers, flags, chosen):
    question, total = result.question, result.answered
    if numbers:
        count = sum(n for _, n in numbers)
        result.average = sum(value * n for value, n in numbers) / count
        result.minimum, result.maximum = min(value for value, _ in numbers), max(value for value, _ in numbers)
    if question.kind in Question.SCALES:
        counts = {int(value): n for value, n in numbers}
        values = range(1, Question.SCALES[question.kind] + 1)
        result.bars = [_bar(str(value), counts.get(value, 0), total) for value in values]
    elif question.kind == Question.Kind.YES_NO:
        result.bars = [_bar("да", flags.get(True, 0), total), _bar("нет", flags.get(False, 0), total)]
    elif question.has_choices:
        result.bars = [_bar(choice.text, chosen.get(choice.pk, 0), total) for choice in question.choices.all()]


def _bar(label, count, total):
    return Bar(label, count, round(100 * count / total, 1) if total else 0.0)


@dataclass
class Comparison:
    code: str
    text: str
    before: Decimal | None
    before_count: int
    after: Decimal | None
    after_count: int

    @property
    def change(self):
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def compare(before, after):
    """The scale items ``before`` and ``after`` share by code: averages and their change."""
    scales = list(Question.SCALES)
    averages = {
        (survey_id, code): (average, count)
        for survey_id, code, average, count in Answer.objects.filter(
            response__survey__in=[before, after], question__kind__in=scales, number__isnull=False
        )
        .values_list("response__survey", "question__code")
        .annotate(average=Avg("number"), n=Count("id"))
        .order_by()
    }
    shared = set(before.questions.filter(kind__in=scales).values_list("code", flat=True))
    rows = []
    for code, text in after.questions.filter(kind__in=scales, code__in=shared).values_list("code", "text"):
        before_average, before_count = averages.get((before.pk, code), (None, 0))
        after_average, after_count = averages.get((after.pk, code), (None, 0))
        rows.append(Comparison(code, text, before_average, before_count, after_average, after_count))
    return rows
