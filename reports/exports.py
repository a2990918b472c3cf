"""The Excel reports of monitoring: the programme's full report for a year, and the region's
report filled from the curator's list of indicators (``reports.indicators``).

The full report reuses the dashboard's figures (``reports.views.monitoring.figures``, handed in
by the view) and adds the year's lists: mentees, mentors, pairs and groups, meetings, each read
in a fixed number of queries whatever its length. The questionnaires' sheet summarises each of
the year's monitoring questionnaires (a handful of queries per questionnaire). Cells are written
by ``participants.exporting``: names stay text, dates are dates, percents show one decimal.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from mentoring.models import School
from pairs.calendar import with_progress
from pairs.models import Meeting, Membership, Mentorship
from participants.exporting import DATE, DECIMAL, NUMBER, PERCENT, Column, Sheet, Typed
from participants.models import Mentee, Mentor
from reports import indicators, monitoring
from surveys.models import Survey
from surveys.results import summarise

SURVEY_PURPOSES = (Survey.Purpose.BEFORE, Survey.Purpose.AFTER, Survey.Purpose.SWOT, Survey.Purpose.FEEDBACK)


def _yes(value):
    return "да" if value else "нет"


def heading(year, title, today):
    """The lines above a sheet's header: the school, the report and the year, the day it was made."""
    school = School.load().short_name
    first = f"{school}: {title}" if school else title
    return (f"{first}, {year} учебный год", f"Сформирован {today:%d.%m.%Y}")


def filename(kind, year):
    return f"{kind}-{year.start_year}-{year.start_year + 1}.xlsx"


# ---------------------------------------------------------------------------------------------
# «Показатели»: the dashboard's figures
# ---------------------------------------------------------------------------------------------

FIGURE_COLUMNS = [Column("Раздел", 26), Column("Показатель", 60), Column("Значение", 14, NUMBER)]


def _percent(value):
    return Typed(value, PERCENT)


def _decimal(value):
    return Typed(value, DECIMAL)


def figure_rows(figures):
    """[(section, label, value)] of the dashboard's figures (``reports.views.monitoring.figures``)."""
    coverage, young, pairs = figures["coverage"], figures["young"], figures["mentorships"]
    bank, load, meetings = figures["bank"], figures["load"], figures["meetings"]
    section = "Охват обучающихся"
    rows = [
        (section, "Целевой охват, %", _percent(coverage.target)),
        (section, "Возрастная группа, лет", f"{coverage.age_from}–{coverage.age_to}"),
        (section, "Обучающихся в возрастной группе", coverage.students),
        (section, "Вовлечено в наставничество и сопровождение", coverage.involved),
        (section, "Охват, %", _percent(coverage.percent)),
        (section, "из них наставляемые", coverage.as_mentees),
        (section, "из них наставники", coverage.as_mentors),
        (section, "из них на сопровождении без пары", coverage.supported),
        (section, "Цель охвата достигнута", _yes(coverage.reached)),
    ]
    section = "Молодые педагоги"
    rows += [
        (section, "Молодых педагогов (до 35 лет или стаж до 3 лет)", young.total),
        (section, "из них с наставником", young.with_mentor),
        (section, "Доля молодых педагогов с наставником, %", _percent(young.percent)),
    ]
    section = "Пары и группы"
    rows.append((section, "Всего пар и групп", pairs.total))
    for form in pairs.forms:
        rows += [
            (section, f"Пар — {form.form}", form.pairs),
            (section, f"Групп — {form.form}", form.groups),
            (section, f"Наставляемых в них — {form.form}", form.mentees),
        ]
    rows += [(section, f"Статус «{label}»", count) for label, count in pairs.statuses]
    section = "Банк наставляемых"
    rows += [(section, label, count) for label, count in bank.bars()]
    rows.append((section, "Всего наставляемых", bank.total))
    section = "Нагрузка наставников"
    rows += [
        (section, "Наставников (без архива)", load.mentors),
        (section, "Мест у наставников", load.places),
        (section, "Занято мест", load.taken),
        (section, "Загрузка, %", _percent(load.percent)),
        (section, "Наставников без наставляемых", load.idle),
        (section, "Наставников, у которых все места заняты", load.full),
        (section, "Наставников с перегрузкой", load.over),
    ]
    section = "Встречи"
    rows += [
        (section, "Запланировано", meetings.planned),
        (section, "Проведено из запланированных", meetings.planned_held),
        (section, "Проведено всего, с внеплановыми", meetings.held),
        (section, "Не состоялись", meetings.missed),
        (section, "Не отмечены (дата прошла)", meetings.unmarked),
        (section, "Доля проведённых из запланированных, %", _percent(meetings.percent)),
        (section, f"Пар и групп без встреч больше {meetings.quiet_days} дней", meetings.quiet_count),
    ]
    for comparison in figures["satisfaction"].values():
        section = f"Удовлетворённость: {comparison.title.lower()}"
        rows += _comparison_totals(section, comparison, "Ожидания до программы", "Удовлетворённость после")
    rows += _comparison_totals("Рост наставляемых", figures["growth"], "Самооценка до (исходная)", "Самооценка после")
    return rows


def _comparison_totals(section, comparison, before, after):
    return [
        (section, f"{before} (1–10)", _decimal(comparison.before)),
        (section, f"{after} (1–10)", _decimal(comparison.after)),
        (section, "Изменение", _decimal(comparison.change)),
    ]


# ---------------------------------------------------------------------------------------------
# The year's lists
# ---------------------------------------------------------------------------------------------

MENTEE_COLUMNS = [
    Column("ФИО", 34),
    Column("Класс/должность", 20),
    Column("Категория", 16),
    Column("Форма", 24),
    Column("Статус", 20),
    Column("Пара/группа", 30),
    Column("Наставник", 30),
    Column("Итоги", 50),
    Column("Лучшая практика", 12),
]


def _pair_name(mentorship):
    name = str(mentorship)
    return f"{name} ({mentorship.get_status_display()})" if mentorship.status == Mentorship.Status.PROPOSED else name


def mentee_rows(year):
    """The year's mentees with their pairs and mentors (two queries)."""
    mentees = (
        Mentee.objects.filter(year=year)
        .for_list()
        .prefetch_related(
            Prefetch(
                "mentorships",
                queryset=Mentorship.objects.select_related("mentor__person").order_by("pk"),
            )
        )
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )
    for mentee in mentees:
        pairs = list(mentee.mentorships.all())
        yield [
            mentee.person.full_name,
            mentee.person.place,
            mentee.person.get_kind_display(),
            str(mentee.form or ""),
            mentee.get_status_display(),
            "; ".join(_pair_name(pair) for pair in pairs),
            "; ".join(dict.fromkeys(pair.mentor.person.full_name for pair in pairs)),
            mentee.results,
            _yes(mentee.best_practice),
        ]


MENTOR_COLUMNS = [
    Column("ФИО", 34),
    Column("Класс/должность/организация", 28),
    Column("Категория", 16),
    Column("Статус", 22),
    Column("Формы", 30),
    Column("Мест", 8, NUMBER),
    Column("Занято", 8, NUMBER),
    Column("Пар/групп", 10, NUMBER),
    Column("Приказ о назначении", 32),
    Column("Лучшая практика", 12),
    Column("Рейтинг", 10, NUMBER),
]


def _count(queryset, by):
    """The number of rows of ``queryset`` (filtered on an outer row through ``by``), as a subquery:
    no join multiplies the outer rows."""
    return Coalesce(Subquery(queryset.order_by().values(by).annotate(n=Count("pk")).values("n")), 0)


def mentor_rows(year):
    """The year's mentors: their places, the mentees they lead in open pairs and groups (as in
    the mentors' load), their pairs and groups taking part (two queries)."""
    mentors = (
        Mentor.objects.filter(year=year)
        .for_list()
        .select_related("appointment", "person__mentor_profile")
        .annotate(
            taken=_count(
                Membership.objects.filter(mentorship__mentor=OuterRef("pk"), mentorship__status__in=Mentorship.OPEN),
                "mentorship__mentor",
            ),
            pair_count=_count(
                Mentorship.objects.filter(mentor=OuterRef("pk"), status__in=monitoring.TAKING_PART), "mentor"
            ),
        )
        .order_by("person__last_name", "person__first_name", "person__patronymic", "pk")
    )
    for mentor in mentors:
        profile = getattr(mentor.person, "mentor_profile", None)
        appointment = mentor.appointment
        yield [
            mentor.person.full_name,
            mentor.person.place,
            mentor.person.get_kind_display(),
            mentor.get_status_display(),
            ", ".join(form.name for form in mentor.forms.all()),
            mentor.places,
            mentor.taken,
            mentor.pair_count,
            appointment.label if appointment and appointment.is_signed else "",
            _yes(mentor.best_practice),
            profile.rating if profile else None,
        ]


PAIR_COLUMNS = [
    Column("№/название", 30),
    Column("Форма", 22),
    Column("Ролевая модель", 26),
    Column("Наставник", 30),
    Column("Наставляемые", 40),
    Column("Статус", 18),
    Column("Начало", 12, DATE),
    Column("Окончание", 12, DATE),
    Column("Приказ", 32),
    Column("Встреч проведено", 11, NUMBER),
    Column("Встреч запланировано", 13, NUMBER),
    Column("Последняя встреча", 13, DATE),
    Column("Итог", 26),
    Column("Рост самооценки", 12, DECIMAL),
]


def pair_rows(year):
    """The year's pairs and groups with their meetings and their mentees' growth (four queries)."""
    planned = Meeting.objects.filter(mentorship=OuterRef("pk"), planned_on__isnull=False)
    pairs = list(
        with_progress(Mentorship.objects.filter(year=year).for_list())
        .annotate(planned_count=_count(planned, "mentorship"))
        .order_by("form__position", "form__name", "pk")
    )
    growth = monitoring.pair_growth(pairs, year)
    for pair in pairs:
        change = growth[pair.pk].change if pair.pk in growth else None
        yield [
            str(pair),
            pair.form.name,
            str(pair.role_model or ""),
            pair.mentor.person.full_name,
            "; ".join(sorted(mentee.person.full_name for mentee in pair.mentees.all())),
            pair.get_status_display(),
            pair.starts_on,
            pair.ended_on or pair.ends_on,
            pair.order_label,
            pair.held_count,
            pair.planned_count,
            pair.last_held_on,
            pair.get_outcome_display() or (pair.end_reason if pair.status == Mentorship.Status.TERMINATED else ""),
            change,
        ]


MEETING_COLUMNS = [
    Column("Пара/группа", 30),
    Column("Наставник", 30),
    Column("Этап", 18),
    Column("Тема", 40),
    Column("Дата по плану", 13, DATE),
    Column("Проведена", 12),
    Column("Дата проведения", 13, DATE),
    Column("Длительность, мин", 12, NUMBER),
    Column("Формат", 14),
]
HELD = {True: "да", False: "нет", None: "не отмечена"}


def meeting_rows(year):
    """The meetings of the year's pairs and groups, in the order of the pairs (one query)."""
    meetings = (
        Meeting.objects.filter(mentorship__year=year)
        .select_related("mentorship__mentor__person")
        .order_by("mentorship__form__position", "mentorship_id", "planned_on", "held_on", "pk")
    )
    for meeting in meetings:
        yield [
            str(meeting.mentorship),
            meeting.mentorship.mentor.person.full_name,
            meeting.get_stage_display(),
            meeting.topic,
            meeting.planned_on,
            HELD[meeting.held],
            meeting.held_on,
            meeting.duration,
            meeting.get_format_display(),
        ]


# ---------------------------------------------------------------------------------------------
# Questionnaires, satisfaction and growth
# ---------------------------------------------------------------------------------------------

SURVEY_COLUMNS = [
    Column("Анкета", 36),
    Column("Раздел", 24),
    Column("Вопрос", 50),
    Column("Ответов", 10, NUMBER),
    Column("Среднее", 10, DECIMAL),
    Column("Распределение", 60),
]


def distribution(result):
    """«да — 12; нет — 3» of a question's answers; empty for free answers."""
    return "; ".join(f"{bar.label} — {bar.count}" for bar in result.bars)


def survey_rows(year):
    """Each question of the year's monitoring questionnaires: answers, average and distribution
    (a few queries per questionnaire; a year has a handful)."""
    surveys = Survey.objects.filter(year=year, purpose__in=SURVEY_PURPOSES).order_by("purpose", "title", "pk")
    for survey in surveys:
        sections, responses = summarise(survey)
        title = f"{survey.title} ({survey.get_purpose_display()}; ответов: {responses})"
        for section, results in sections:
            for result in results:
                yield [
                    title,
                    section.title,
                    result.question.text,
                    result.answered,
                    result.average,
                    distribution(result),
                ]


COMPARISON_COLUMNS = [
    Column("Блок", 28),
    Column("Разрез", 12),
    Column("Пункт / форма", 50),
    Column("До", 9, DECIMAL),
    Column("Ответов до", 10, NUMBER),
    Column("После", 9, DECIMAL),
    Column("Ответов после", 10, NUMBER),
    Column("Изменение", 11, DECIMAL),
]


def comparison_rows(figures):
    """The satisfaction of each side and the mentees' growth: item by item, then by form."""
    comparisons = [
        *(
            (f"Удовлетворённость: {comparison.title.lower()}", comparison)
            for comparison in figures["satisfaction"].values()
        ),
        ("Рост наставляемых", figures["growth"]),
    ]
    for block, comparison in comparisons:
        for item in comparison.items:
            yield [block, "пункт", item.text, item.before, item.before_count, item.after, item.after_count, item.change]
        yield [block, "итого", "Все пункты", comparison.before, None, comparison.after, None, comparison.change]
        for form in comparison.forms:
            yield [block, "форма", form.form, form.before, form.before_count, form.after, form.after_count, form.change]


# ---------------------------------------------------------------------------------------------
# The reports
# ---------------------------------------------------------------------------------------------


@dataclass
class Report:
    sheets: list
    rows: int  # rows of personal data, for the export log


def year_report(year, figures, today=None):
    """The programme's full report of ``year``: the figures, the lists, the questionnaires."""
    today = today or datetime.date.today()
    title = heading(year, "отчёт о реализации программы наставничества", today)
    lists = {
        "mentees": list(mentee_rows(year)),
        "mentors": list(mentor_rows(year)),
        "pairs": list(pair_rows(year)),
        "meetings": list(meeting_rows(year)),
    }
    sheets = [
        Sheet("Показатели", FIGURE_COLUMNS, figure_rows(figures), heading=title),
        Sheet("Наставляемые", MENTEE_COLUMNS, lists["mentees"]),
        Sheet("Наставники", MENTOR_COLUMNS, lists["mentors"]),
        Sheet("Пары и группы", PAIR_COLUMNS, lists["pairs"]),
        Sheet("Встречи", MEETING_COLUMNS, lists["meetings"]),
        Sheet("Анкеты", SURVEY_COLUMNS, list(survey_rows(year))),
        Sheet("Удовлетворённость и рост", COMPARISON_COLUMNS, list(comparison_rows(figures))),
    ]
    return Report(sheets, sum(len(rows) for rows in lists.values()))


REGIONAL_COLUMNS = [
    Column("№", 6, NUMBER),
    Column("Показатель", 70),
    Column("Период", 24),
    Column("Значение", 14, NUMBER),
]


def regional_report(year, today=None):
    """The region's report: the curator's indicators counted for their periods in ``year``."""
    today = today or datetime.date.today()
    rows = [
        [
            row.indicator.position,
            row.indicator.name,
            row.period_text,
            Typed(row.value, row.figure.kind) if row.figure else None,
        ]
        for row in indicators.report(year)
    ]
    title = heading(year, "отчёт о реализации целевой модели наставничества", today)
    return Report([Sheet("Отчёт", REGIONAL_COLUMNS, rows, heading=title)], len(rows))
