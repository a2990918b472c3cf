"""The catalogue of figures that fill the region's report, and the region's list of indicators.

A region sends the school its own form: rows such as «Численность обучающихся, вовлечённых в
наставничество» for «I полугодие». The curator keeps that form as a list of ``Indicator`` rows
(``reports.models``): the region's wording, a figure of this catalogue, a period. The report
then counts each row's figure for the row's dates.

Each figure is ``key → Figure(label, count(year, start, end), kind)``:
- a *period* figure counts what happened between ``start`` and ``end`` (pairs at work, meetings
  held, events, cases, training), over whichever school years the period touches;
- a *year* figure is the state of the report's year (coverage, young teachers, questionnaires)
  and ignores the dates: its label says so (``YEAR_NOTE``).

Keys are stored in ``Indicator.metric``; a key that is no longer in the catalogue (a form taken
out of use) leaves its row empty in the report and is flagged on the list. One key per form of
mentoring is made from the forms in use: ``form:<id>``.
"""

import contextvars
import functools
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import transaction

from mentoring.models import AcademicYear
from participants.exporting import DECIMAL, NUMBER, PERCENT
from participants.models import MentoringForm, Person
from reports import monitoring
from reports.models import Indicator, YearReview


@dataclass(frozen=True)
class Figure:
    label: str
    count: Callable  # (year, start, end) -> number or None
    kind: str = NUMBER  # NUMBER, PERCENT (given as 33.3) or DECIMAL
    period: bool = True  # False: the year's state, the dates are ignored
    group: str = ""

    @property
    def choice_label(self):
        return self.label if self.period else f"{self.label} — {YEAR_NOTE}"


YEAR_NOTE = "по учебному году в целом, период не учитывается"

# ---------------------------------------------------------------------------------------------
# Counting once per report: several rows read the same grouped figures
# ---------------------------------------------------------------------------------------------

_shared = contextvars.ContextVar("shared_figures", default=None)


@contextmanager
def counting_once():
    """Within the block, a grouped figure asked for by several rows is counted once."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def _once(function):
    @functools.wraps(function)
    def wrapped(*args):
        cache = _shared.get()
        if cache is None:
            return function(*args)
        key = (function.__name__, *args)
        if key not in cache:
            cache[key] = function(*args)
        return cache[key]

    return wrapped


@_once
def _coverage(year):
    return monitoring.coverage(year, YearReview.of(year))


@_once
def _young(year):
    return monitoring.young_teachers(year)


@_once
def _pairs(start, end):
    return monitoring.period_mentorships(start, end)


@_once
def _people(start, end):
    return monitoring.period_people(start, end)


@_once
def _meetings(start, end):
    return monitoring.period_meetings(start, end)


@_once
def _completion(start, end):
    return monitoring.period_completion(start, end)


@_once
def _satisfaction(year):
    return monitoring.satisfaction(year)


@_once
def _growth(year):
    return monitoring.growth(year)


def _year(getter, name):
    return lambda year, start, end: getattr(getter(year), name)


def _period(getter, name):
    return lambda year, start, end: getattr(getter(start, end), name)


def _mentors_of(*kinds):
    return lambda year, start, end: sum(_people(start, end).mentors.get(kind, 0) for kind in kinds)


def _mentees_of(*kinds):
    return lambda year, start, end: sum(_people(start, end).mentees.get(kind, 0) for kind in kinds)


def _satisfaction_after(side):
    return lambda year, start, end: _satisfaction(year)[side].after


def _form_pairs(form_id):
    return lambda year, start, end: _pairs(start, end).by_form.get(form_id, 0)


Kind = Person.Kind
COVERAGE, TEACHERS, PEOPLE, PAIRS, MEETINGS, COMPLETION, QUALITY = (
    "Охват обучающихся",
    "Педагоги",
    "Участники",
    "Пары и группы",
    "Встречи",
    "Завершение и обучение",
    "Удовлетворённость и рост",
)

FIGURES = {
    # The year's state: coverage of the students in the age band of the monitoring's settings.
    "students_in_band": Figure(
        "Обучающихся в возрастной группе мониторинга", _year(_coverage, "students"), period=False, group=COVERAGE
    ),
    "students_involved": Figure(
        "Обучающихся, вовлечённых в наставничество и сопровождение",
        _year(_coverage, "involved"),
        period=False,
        group=COVERAGE,
    ),
    "students_involved_percent": Figure(
        "Доля вовлечённых обучающихся, %", _year(_coverage, "percent"), PERCENT, period=False, group=COVERAGE
    ),
    "students_mentees": Figure(
        "Обучающихся — наставляемых", _year(_coverage, "as_mentees"), period=False, group=COVERAGE
    ),
    "students_mentors": Figure(
        "Обучающихся — наставников", _year(_coverage, "as_mentors"), period=False, group=COVERAGE
    ),
    "students_supported": Figure(
        "Обучающихся на сопровождении без пары", _year(_coverage, "supported"), period=False, group=COVERAGE
    ),
    "young_teachers": Figure(
        "Молодых педагогов (до 35 лет или стаж до 3 лет)", _year(_young, "total"), period=False, group=TEACHERS
    ),
    "young_teachers_mentored": Figure(
        "Молодых педагогов с наставником", _year(_young, "with_mentor"), period=False, group=TEACHERS
    ),
    "young_teachers_percent": Figure(
        "Доля молодых педагогов с наставником, %", _year(_young, "percent"), PERCENT, period=False, group=TEACHERS
    ),
    "teachers_mentors": Figure(
        "Педагогов — наставников (ведут пару или группу в периоде)", _mentors_of(Kind.TEACHER), group=TEACHERS
    ),
    "teachers_mentors_percent": Figure(
        "Доля педагогов школы, ведущих пару или группу в периоде, %",
        _period(_people, "teachers_percent"),
        PERCENT,
        group=TEACHERS,
    ),
    # People of the pairs and groups at work in the period.
    "mentors_total": Figure(
        "Наставников (ведут пару или группу в периоде)", _period(_people, "mentors_total"), group=PEOPLE
    ),
    "mentors_students": Figure("Наставников из числа обучающихся", _mentors_of(Kind.STUDENT), group=PEOPLE),
    "mentors_staff": Figure(
        "Наставников — педагогов и сотрудников школы", _mentors_of(*Person.STAFF_KINDS), group=PEOPLE
    ),
    "mentors_external": Figure("Наставников — внешних участников", _mentors_of(Kind.EXTERNAL), group=PEOPLE),
    "mentees_total": Figure(
        "Наставляемых (в паре или группе в периоде)", _period(_people, "mentees_total"), group=PEOPLE
    ),
    "mentees_students": Figure("Наставляемых — обучающихся", _mentees_of(Kind.STUDENT), group=PEOPLE),
    "mentees_teachers": Figure("Наставляемых — педагогов", _mentees_of(Kind.TEACHER), group=PEOPLE),
    # Pairs and groups.
    "pairs_total": Figure("Пар и групп, работавших в периоде", _period(_pairs, "total"), group=PAIRS),
    "pairs": Figure("Наставнических пар, работавших в периоде", _period(_pairs, "pairs"), group=PAIRS),
    "groups": Figure("Наставнических групп, работавших в периоде", _period(_pairs, "groups"), group=PAIRS),
    "pairs_finished": Figure("Пар и групп, завершивших работу в периоде", _period(_pairs, "finished"), group=PAIRS),
    "pairs_terminated": Figure(
        "Пар и групп, прекращённых досрочно в периоде", _period(_pairs, "terminated"), group=PAIRS
    ),
    "best_practices": Figure(
        "Пар и групп — лучших практик (из работавших в периоде)", _period(_pairs, "best"), group=PAIRS
    ),
    # Meetings.
    "meetings_held": Figure("Встреч проведено в периоде", _period(_meetings, "held"), group=MEETINGS),
    "meetings_planned": Figure("Встреч запланировано на период", _period(_meetings, "planned"), group=MEETINGS),
    "meetings_held_percent": Figure(
        "Доля проведённых из запланированных на период встреч, %",
        _period(_meetings, "percent"),
        PERCENT,
        group=MEETINGS,
    ),
    # Completion, the piggy bank and the mentors' training.
    "final_events": Figure("Итоговых мероприятий проведено", _period(_completion, "final_events"), group=COMPLETION),
    "cases_written": Figure("Кейсов лучших практик написано", _period(_completion, "cases"), group=COMPLETION),
    "mentors_trained": Figure(
        "Наставников, прошедших обучение (установочные сессии, обмен опытом)",
        _period(_completion, "mentors_trained"),
        group=COMPLETION,
    ),
    # Questionnaires before and after the programme (the year's, 1–10).
    "satisfaction_mentees": Figure(
        "Средняя удовлетворённость наставляемых после программы (1–10)",
        _satisfaction_after(monitoring.MENTEES),
        DECIMAL,
        period=False,
        group=QUALITY,
    ),
    "satisfaction_mentors": Figure(
        "Средняя удовлетворённость наставников после программы (1–10)",
        _satisfaction_after(monitoring.MENTORS),
        DECIMAL,
        period=False,
        group=QUALITY,
    ),
    "growth_change": Figure(
        "Средний рост самооценки наставляемых (после − до)",
        _year(_growth, "change"),
        DECIMAL,
        period=False,
        group=QUALITY,
    ),
}
FORM_PREFIX = "form:"


def catalogue():
    """Every figure by key: the fixed ones, then one per form of mentoring in use (one query)."""
    figures = dict(FIGURES)
    for form in MentoringForm.objects.filter(is_active=True):
        figures[f"{FORM_PREFIX}{form.pk}"] = Figure(
            f"Пар и групп формы «{form.name}», работавших в периоде", _form_pairs(form.pk), group=PAIRS
        )
    return figures


def choices(figures=None):
    """The catalogue grouped for a select: [(group, [(key, label), …]), …]."""
    grouped = {}
    for key, figure in (figures or catalogue()).items():
        grouped.setdefault(figure.group, []).append((key, figure.choice_label))
    return list(grouped.items())


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------


@dataclass
class Row:
    indicator: Indicator
    figure: Figure | None
    start: object
    end: object
    value: object = None

    @property
    def period_text(self):
        return f"{self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


def report(year, indicators=None):
    """Each indicator with its dates in ``year`` and its value; grouped figures are counted once
    for all rows that share them, so the queries grow with the distinct periods, not the rows."""
    figures = catalogue()
    rows = []
    with counting_once():
        for indicator in indicators if indicators is not None else Indicator.objects.all():
            start, end = indicator.dates(year)
            figure = figures.get(indicator.metric)
            row = Row(indicator, figure, start, end)
            if figure is not None:
                row.value = figure.count(year, start, end)
            rows.append(row)
    return rows


# ---------------------------------------------------------------------------------------------
# The list of indicators
# ---------------------------------------------------------------------------------------------

P = Indicator.Period
TYPICAL = [
    ("Общая численность обучающихся в возрасте, установленном для мониторинга", "students_in_band", P.YEAR),
    (
        "Численность обучающихся, вовлечённых в различные формы наставничества и сопровождения",
        "students_involved",
        P.YEAR,
    ),
    (
        "Доля обучающихся, вовлечённых в различные формы наставничества и сопровождения, %",
        "students_involved_percent",
        P.YEAR,
    ),
    ("Численность обучающихся — наставляемых", "students_mentees", P.YEAR),
    ("Численность обучающихся — наставников", "students_mentors", P.YEAR),
    (
        "Доля молодых педагогов (до 35 лет или со стажем до 3 лет), вошедших в программы наставничества, %",
        "young_teachers_percent",
        P.YEAR,
    ),
    ("Численность педагогов — наставников", "teachers_mentors", P.YEAR),
    ("Численность наставников из числа представителей организаций-партнёров", "mentors_external", P.YEAR),
    ("Количество наставнических пар и групп", "pairs_total", P.YEAR),
    ("Количество наставнических пар и групп за I полугодие", "pairs_total", P.FIRST_HALF),
    ("Количество проведённых встреч наставников с наставляемыми", "meetings_held", P.YEAR),
    ("Количество наставников, прошедших обучение", "mentors_trained", P.YEAR),
    ("Количество описанных кейсов лучших практик", "cases_written", P.YEAR),
    ("Удовлетворённость наставляемых участием в программе (средний балл из 10)", "satisfaction_mentees", P.YEAR),
]


def lock_list():
    """Make changes to the list one at a time: the rows of the school years are locked (the list
    is the programme's, and an empty list has no row of its own to lock)."""
    list(AcademicYear.objects.select_for_update().values_list("pk", flat=True))
    return list(Indicator.objects.select_for_update().order_by("position", "pk"))


@transaction.atomic
def add_typical():
    """Add the typical list when the list is empty; otherwise (a second click, a list already
    kept) add nothing. Returns the number of rows added."""
    if lock_list():
        return 0
    Indicator.objects.bulk_create(
        Indicator(position=number, name=name, metric=metric, period=period)
        for number, (name, metric, period) in enumerate(TYPICAL, start=1)
    )
    return len(TYPICAL)


FIELDS = ("name", "metric", "period", "starts_on", "ends_on")


@transaction.atomic
def save(indicator):
    """Store an indicator as a form has set it. A new one goes to the end of the list; a new one
    identical to a row already there (the same form sent twice) is not stored again."""
    rows = lock_list()
    if indicator.pk is None:
        for row in rows:
            if all(getattr(row, name) == getattr(indicator, name) for name in FIELDS):
                return row
        indicator.position = max((row.position for row in rows), default=0) + 1
    indicator.save()
    return indicator


@transaction.atomic
def delete(pk):
    """Delete a row (a second click finds nothing) and number the rest 1, 2, 3…"""
    lock_list()
    Indicator.objects.filter(pk=pk).delete()
    Indicator.renumber()


@transaction.atomic
def move(pk, direction):
    """Swap a row with its neighbour above (``up``) or below (``down``) and number the list 1, 2, 3…"""
    rows = lock_list()
    index = next((number for number, row in enumerate(rows) if row.pk == pk), None)
    if index is None:
        return
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for number, row in enumerate(rows, start=1):
        row.position = number
    Indicator.objects.bulk_update(rows, ["position"])
