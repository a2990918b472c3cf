"""The large demo school of ``seed_demo --large``: a school of the size monitoring is measured on.

On top of the ordinary demo of the current year it adds, at scale 1 (``--scale`` multiplies
every number): 2,000 students in new classes of every grade (letters Г, Д, …), 150 staff
(teachers with the year they started teaching, young ones among them), 500 pairs and groups
across the school's forms of mentoring with their mentors and mentees, about 150 mentees still
waiting in the bank, personalised programmes for most pairs, 5,000 meetings over the year
(about 60 % held) and 5,000 responses to the year's intake, «before» and «after»
questionnaires, whose 1–10 scale items (``sat_*``, ``growth_*``) rise after the programme.
The school has people enough for every number up to a scale of about 2.

Everything is written with ``bulk_create`` (the records that keep a history with
``bulk_create_with_history``), a few dozen queries per thousand rows. It spans every app, so it
lives in ``reports``, which may read them all; ``reports.demo.seed_large`` calls it.
"""

import datetime
import itertools
import random
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from mentoring.demo_names import random_person
from mentoring.models import User
from mentoring.roadmap import shift_years
from pairs import calendar, workflow
from pairs.models import Meeting, Membership, Mentorship, Programme, ProgrammeTemplate
from participants import demo as participants_demo
from participants.demo import COMPETENCIES, REQUESTS, STAFF, TEACHER_REQUESTS
from participants.models import Consent, Mentee, Mentor, MentoringForm, Person, SchoolClass
from surveys import codes, copying
from surveys.demo import _random_answer
from surveys.models import Answer, Choice, Invitation, Question, Response, Survey

STUDENTS, STAFF_COUNT, PAIRS, MEETINGS, RESPONSES, WAITING = 2000, 150, 500, 5000, 5000, 150
CLASS_LETTERS = "ГДЕЖЗИКЛМН"  # the ordinary demo has А, Б, В
LETTERS_PER_GRADE = 6
GROUP_SHARE = 0.3  # of the pairs and groups, groups of 3–5
BATCH = 1000

# Forms of mentoring: (name, share among pairs, share among groups).
FORM_SHARES = [
    ("ученик – ученик", 0.50, 0.05),
    ("учитель – ученик", 0.28, 0.60),
    ("студент – ученик", 0.07, 0.12),
    ("работодатель – ученик", 0.07, 0.15),
    ("учитель – учитель", 0.08, 0.08),
]
STATUS_SHARES = [
    (Mentorship.Status.ACTIVE, 0.62),
    (Mentorship.Status.APPROVED, 0.25),
    (Mentorship.Status.FINISHED, 0.08),
    (Mentorship.Status.TERMINATED, 0.05),
]
GROUP_TITLES = {
    "ученик – ученик": ["Клуб помощи новичкам", "Наставники-пятиклассникам: первый месяц в средней школе"],
    "учитель – ученик": [
        "Подготовка к олимпиаде по математике",
        "Подготовка к олимпиаде по русскому языку",
        "Проектная мастерская",
        "Клуб дебатов",
        "Подготовка к ОГЭ по математике",
        "Исследовательская лаборатория по биологии",
        "Школьный медиацентр",
    ],
    "студент – ученик": ["Робототехника", "Программирование на Python", "Химия в задачах"],
    "работодатель – ученик": ["Профориентация: инженерные профессии", "Профориентация: IT-профессии"],
    "учитель – учитель": ["Школа молодого педагога", "Классное руководство: первый год"],
}
EXTERNAL_MENTORS = {
    "студент – ученик": [
        ("Студент 3 курса", "РГПУ им. А.И. Герцена"),
        ("Студентка 4 курса", "СПбГУ"),
        ("Магистрант", "Университет ИТМО"),
        ("Студент 2 курса", "Политехнический университет Петра Великого"),
    ],
    "работодатель – ученик": [
        ("Инженер-конструктор", "АО «Северная верфь»"),
        ("Ведущий программист", "ООО «Балтийские системы»"),
        ("Врач-терапевт", "Городская поликлиника № 43"),
        ("Технолог", "АО «Хлебный дом»"),
        ("Архитектор", "ООО «Невский проект»"),
    ],
}
END_REASONS = [
    "Наставляемый перешёл в другую школу",
    "Наставник уволился по собственному желанию",
    "Пара не сложилась: по заявлению наставляемого",
    "Длительная болезнь наставника",
]
ACHIEVEMENTS = [
    "Исправлены оценки по предметам из запроса",
    "Участие в школьной научно-практической конференции",
    "Призёр муниципального этапа олимпиады",
    "Наставляемый освоился в классе, пропусков нет",
    "Подготовлен и защищён индивидуальный проект",
]
MEETING_NOTES = [
    "Встреча прошла по плану.",
    "Разобрали домашнее задание, договорились о следующем шаге.",
    "Обсудили цели на месяц, составили план.",
    "Работали над проектом, распределили задачи.",
    "Подвели промежуточные итоги, скорректировали план.",
]
SUPPORT = "Консультации педагога-психолога раз в две недели"


def _count(ctx, number):
    return max(1, round(number * ctx.scale))


def seed(ctx):
    rng = random.Random(2000)
    curator = User.objects.get(username="curator")
    forms = {form.name: form for form in MentoringForm.objects.prefetch_related("role_models")}
    staff = _staff(ctx, rng)
    students = _students(ctx, rng, staff)
    units, mentees, mentors = _pairs(ctx, rng, curator, forms, staff, students)
    _meetings(ctx, rng, curator, units)
    _responses(ctx, rng, curator, units, mentees, mentors, students)


# ---------------------------------------------------------------------------------------------
# People
# ---------------------------------------------------------------------------------------------


def _day_between(rng, first, last):
    return first + datetime.timedelta(days=rng.randrange(max((last - first).days, 0) + 1))


def _staff(ctx, rng):
    """Teachers and other staff; a teacher's ``career_start`` is known for most, a quarter of them young."""
    year, today = ctx.year, ctx.today
    positions = [(position, kind) for position, count, kind in STAFF for _ in range(count)]
    teaching = [(position, kind) for position, kind in positions if kind == Person.Kind.TEACHER]
    people = []
    for index in range(_count(ctx, STAFF_COUNT)):
        # The first ones teach, so that even a small scale has mentors for «учитель – ученик».
        position, kind = rng.choice(positions if index >= 3 else teaching)
        young = kind == Person.Kind.TEACHER and rng.random() < 0.25
        age = rng.randint(22, 28) if young else rng.randint(30, 63)
        birth = _day_between(rng, shift_years(today, -age - 1), shift_years(today, -age))
        career_start = None
        if young:
            career_start = rng.randint(max(birth.year + 21, year.start_year - 2), year.start_year)
        elif kind == Person.Kind.TEACHER and rng.random() < 0.7:
            career_start = min(birth.year + rng.randint(22, 27), year.start_year - 4)
        last, first, patronymic, _female = random_person(rng, female=rng.random() < 0.8)
        people.append(
            Person(
                last_name=last,
                first_name=first,
                patronymic=patronymic,
                birth_date=birth,
                kind=kind,
                position=position,
                career_start=career_start,
            )
        )
    for person in people:
        person.fill_search_name()
    return Person.objects.bulk_create(people, batch_size=BATCH)


def _students(ctx, rng, staff):
    """New classes of every grade, their class leaders among the new teachers, students in them."""
    year = ctx.year
    letters = CLASS_LETTERS[: min(len(CLASS_LETTERS), max(1, round(LETTERS_PER_GRADE * ctx.scale)))]
    classes = [SchoolClass(year=year, grade=grade, letter=letter) for grade in range(1, 12) for letter in letters]
    teachers = [person for person in staff if person.kind == Person.Kind.TEACHER] or list(staff)
    for school_class, leader in zip(classes, itertools.cycle(teachers)):
        school_class.class_leader = leader
    classes = SchoolClass.objects.bulk_create(classes)

    total, people = _count(ctx, STUDENTS), []
    for index in range(total):
        people.append(participants_demo.student(rng, classes[index * len(classes) // total]))
    for person in people:
        person.fill_search_name()
    return Person.objects.bulk_create(people, batch_size=BATCH)


class _StudentPool:
    """Students not yet given a role, by grade: mentees and student mentors are taken from here."""

    def __init__(self, rng, students):
        self.rng = rng
        self.by_grade = defaultdict(list)
        for person in students:
            self.by_grade[person.school_class.grade].append(person)
        for people in self.by_grade.values():
            rng.shuffle(people)

    def take(self, low, high):
        """A student of grades ``low``–``high``, else of any grade."""
        grades = [grade for grade in range(low, high + 1) if self.by_grade[grade]]
        grades = grades or [grade for grade, people in self.by_grade.items() if people]
        if not grades:
            raise RuntimeError("The large demo ran out of students: raise --scale.")
        grade = self.rng.choices(grades, weights=[len(self.by_grade[grade]) for grade in grades])[0]
        return self.by_grade[grade].pop()


# ---------------------------------------------------------------------------------------------
# Pairs and groups, their mentors and mentees
# ---------------------------------------------------------------------------------------------


class _Unit:
    """One pair or group being planned: its form, status, dates, people and, once saved, its row."""

    def __init__(self, form, size, status):
        self.form, self.size, self.status = form, size, status
        self.mentee_people, self.mentor_person = [], None
        self.mentorship = self.programme = self.template = None
        self.shift = 0.0  # how much the mentees' self-assessment grows by the «after» questionnaire


def _shares(rng, total, shares):
    """``total`` items labelled by ``shares`` [(label, share)], exact counts by largest remainder, shuffled."""
    weight = sum(share for _, share in shares)
    exact = [(label, total * share / weight) for label, share in shares]
    counts = {label: int(value) for label, value in exact}
    rest = sorted(exact, key=lambda item: item[1] - int(item[1]), reverse=True)
    for label, _ in rest[: total - sum(counts.values())]:
        counts[label] += 1
    labels = [label for label, count in counts.items() for _ in range(count)]
    rng.shuffle(labels)
    return labels


def _pairs(ctx, rng, curator, forms, staff, students):
    year = ctx.year
    total = _count(ctx, PAIRS)
    groups = round(total * GROUP_SHARE)
    pair_forms = _shares(rng, total - groups, [(name, pairs) for name, pairs, _ in FORM_SHARES])
    group_forms = _shares(rng, groups, [(name, groups) for name, _, groups in FORM_SHARES])
    statuses = _shares(rng, total, STATUS_SHARES)
    units = [
        _Unit(forms[name], 1 if index < len(pair_forms) else rng.randint(3, 5), status)
        for index, (name, status) in enumerate(zip([*pair_forms, *group_forms], statuses, strict=True))
    ]

    # Teachers: the young ones (and a few others) are mentees of «учитель – учитель», the rest mentors.
    teachers = [person for person in staff if person.kind == Person.Kind.TEACHER]
    teachers.sort(key=lambda person: -(person.career_start or 0))
    wanted = sum(unit.size for unit in units if unit.form.name == "учитель – учитель")
    teacher_mentees = teachers[: min(wanted, len(teachers) // 3)]
    teacher_mentors = teachers[len(teacher_mentees) :]
    rng.shuffle(teacher_mentors)
    for unit in units:
        if unit.form.name == "учитель – учитель":
            if len(teacher_mentees) >= unit.size:
                unit.mentee_people = [teacher_mentees.pop(0) for _ in range(unit.size)]
            else:
                unit.form = forms["учитель – ученик"]

    pool = _StudentPool(rng, students)
    load = Counter()  # pairs and groups of each teacher mentor
    fresh_teachers = list(teacher_mentors)
    for unit in units:
        name = unit.form.name
        if name == "ученик – ученик":
            unit.mentor_person = pool.take(9, 11)
            gap = unit.form.min_grade_gap
            top = max(1, unit.mentor_person.school_class.grade - gap)
            unit.mentee_people = [pool.take(max(1, top - 4), top) for _ in range(unit.size)]
        elif name in EXTERNAL_MENTORS:
            position, organisation = rng.choice(EXTERNAL_MENTORS[name])
            unit.mentor_person = _external(rng, position, organisation)
            unit.mentee_people = [pool.take(8, 11) for _ in range(unit.size)]
        else:
            unit.mentor_person = _teacher_mentor(rng, fresh_teachers, load)
            load[unit.mentor_person] += 1
            if not unit.mentee_people:
                low = 1 if unit.size == 1 else 5  # groups: olympiads, projects, exams
                unit.mentee_people = [pool.take(low, 11) for _ in range(unit.size)]
    externals = [unit.mentor_person for unit in units if unit.mentor_person.kind == Person.Kind.EXTERNAL]
    for person in externals:
        person.fill_search_name()
    Person.objects.bulk_create(externals, batch_size=BATCH)

    _dates(ctx, rng, units)
    mentors = _mentors(rng, curator, year, units)
    waiting = [pool.take(2, 9) for _ in range(_count(ctx, WAITING))]
    mentees = _mentees(rng, curator, year, units, waiting)
    _mentorships(rng, curator, year, units, mentors, mentees)
    _consents(rng, curator, year, units, waiting)
    _programmes(curator, units, mentees)
    return units, mentees, mentors


def _external(rng, position, organisation):
    last, first, patronymic, _female = random_person(rng, female="Студентка" in position or None)
    return Person(
        last_name=last,
        first_name=first,
        patronymic=patronymic,
        kind=Person.Kind.EXTERNAL,
        position=position,
        organisation=organisation,
    )


def _teacher_mentor(rng, fresh, load):
    """A new mentor from the teachers while some are left (now and then one already leading 1–2
    pairs), then the least busy one."""
    busy = [person for person, count in load.items() if count < 3]
    if fresh and (not busy or rng.random() < 0.6):
        return fresh.pop()
    if busy:
        return rng.choice(busy)
    return min(load, key=load.get)


def _dates(ctx, rng, units):
    """Start and end of each pair: started since September (the unapproved and just approved later),
    ending with its form's months; closed pairs with their outcome."""
    year, today = ctx.year, ctx.today
    begin = year.start_date + datetime.timedelta(days=7)
    latest = max(begin, today - datetime.timedelta(days=20))
    for unit in units:
        if unit.status == Mentorship.Status.APPROVED:
            starts = _day_between(rng, max(begin, today - datetime.timedelta(days=20)), max(begin, today))
        else:
            starts = _day_between(rng, begin, max(begin, min(latest, begin + datetime.timedelta(days=45))))
        starts = min(starts, today) if today >= year.start_date else starts
        _, ends = workflow.default_dates(unit.form, starts)
        unit.starts_on, unit.ends_on, unit.ended_on = starts, ends, None
        unit.shift = rng.uniform(0.8, 2.0)
        if unit.status == Mentorship.Status.FINISHED:
            unit.ended_on = _day_between(rng, min(starts + datetime.timedelta(days=30), today), today)
            unit.ended_on = max(unit.ended_on, starts)
            unit.ends_on = unit.ended_on
            unit.outcome = rng.choice([Mentorship.Outcome.REACHED] * 3 + [Mentorship.Outcome.PARTLY])
            unit.shift = 2.2 if unit.outcome == Mentorship.Outcome.REACHED else 1.3
        elif unit.status == Mentorship.Status.TERMINATED:
            unit.ended_on = max(starts, _day_between(rng, starts + datetime.timedelta(days=14), today))
            unit.shift = rng.uniform(0.0, 0.6)


def _mentors(rng, curator, year, units):
    """A bank record of each unit's mentor this year, with its forms and places for all its mentees.

    Returns {person pk: Mentor}."""
    people, places, unit_forms, working = {}, Counter(), defaultdict(set), set()
    for unit in units:
        pk = unit.mentor_person.pk
        people[pk] = unit.mentor_person
        places[pk] += unit.size
        unit_forms[pk].add(unit.form)
        if unit.status in (Mentorship.Status.ACTIVE, Mentorship.Status.FINISHED):
            working.add(pk)
    records = []
    for pk, person in people.items():
        default = 1 if person.is_student else rng.choice([2, 3, 4])
        records.append(
            Mentor(
                person=person,
                year=year,
                status=Mentor.Status.WORKING if pk in working else Mentor.Status.APPOINTED,
                competencies=rng.choice(COMPETENCIES),
                subjects=person.position.removeprefix("Учитель ") if person.is_staff_member else "",
                capacity=min(30, max(places[pk], default)),
            )
        )
    records = bulk_create_with_history(
        records, Mentor, batch_size=BATCH, default_user=curator, default_change_reason="Демонстрационные данные"
    )
    Through = Mentor.forms.through
    Through.objects.bulk_create(
        [
            Through(mentor_id=mentor.pk, mentoringform_id=form.pk)
            for mentor in records
            for form in unit_forms[mentor.person_id]
        ],
        batch_size=BATCH,
    )
    return {mentor.person_id: mentor for mentor in records}


def _mentees(rng, curator, year, units, waiting):
    """Bank records: the units' mentees (paired; finished or back in the bank when their pair closed)
    and those still waiting (in the bank, applications, a few supported without a pair).

    Returns {person pk: Mentee}."""
    records = []

    def record(person, form, status, **fields):
        models = list(form.role_models.all()) if form else []
        records.append(
            Mentee(
                person=person,
                year=year,
                status=status,
                form=form,
                role_model=rng.choice(models) if models else None,
                request=rng.choice(TEACHER_REQUESTS if person.is_staff_member else REQUESTS),
                **fields,
            )
        )

    for unit in units:
        status = {
            Mentorship.Status.FINISHED: Mentee.Status.FINISHED,
            Mentorship.Status.TERMINATED: Mentee.Status.IN_BANK,
        }.get(unit.status, Mentee.Status.PAIRED)
        results = ""
        if unit.status == Mentorship.Status.FINISHED:
            unit.achievements = rng.choice(ACHIEVEMENTS)
            results = f"{Mentorship.Outcome(unit.outcome).label}. {unit.achievements}"
        for person in unit.mentee_people:
            record(person, unit.form, status, results=results)
    forms = list(MentoringForm.objects.filter(audience=MentoringForm.Audience.STUDENTS, is_active=True))
    statuses = [Mentee.Status.IN_BANK] * 6 + [Mentee.Status.APPLICATION] * 3 + [Mentee.Status.SUPPORT]
    for person in waiting:
        status = rng.choice(statuses)
        record(person, rng.choice(forms), status, support=SUPPORT if status == Mentee.Status.SUPPORT else "")
    records = bulk_create_with_history(
        records, Mentee, batch_size=BATCH, default_user=curator, default_change_reason="Демонстрационные данные"
    )
    return {mentee.person_id: mentee for mentee in records}


def _mentorships(rng, curator, year, units, mentors, mentees):
    rows = []
    for number, unit in enumerate(units, start=1):
        mentee = mentees[unit.mentee_people[0].pk]
        fields = {}
        if unit.status == Mentorship.Status.FINISHED:
            fields = {"outcome": unit.outcome, "achievements": unit.achievements, "ended_on": unit.ended_on}
        elif unit.status == Mentorship.Status.TERMINATED:
            fields = {"end_reason": rng.choice(END_REASONS), "ended_on": unit.ended_on}
        is_group = unit.size > 1
        rows.append(
            Mentorship(
                year=year,
                is_group=is_group,
                title=f"{rng.choice(GROUP_TITLES[unit.form.name])} ({number})" if is_group else "",
                form=unit.form,
                role_model=mentee.role_model,
                mentor=mentors[unit.mentor_person.pk],
                status=unit.status,
                starts_on=unit.starts_on,
                ends_on=unit.ends_on,
                created_by=curator,
                **fields,
            )
        )
    rows = bulk_create_with_history(
        rows, Mentorship, batch_size=BATCH, default_user=curator, default_change_reason="Демонстрационные данные"
    )
    for unit, mentorship in zip(units, rows, strict=True):
        unit.mentorship = mentorship
    Membership.objects.bulk_create(
        [
            Membership(mentorship=unit.mentorship, mentee=mentees[person.pk])
            for unit in units
            for person in unit.mentee_people
        ],
        batch_size=BATCH,
    )


def _consents(rng, curator, year, units, waiting):
    """Personal-data consents of almost every participant (minors' from a parent)."""
    people = {person.pk: person for unit in units for person in [unit.mentor_person, *unit.mentee_people]}
    people.update((person.pk, person) for person in waiting)
    consents = []
    for person in people.values():
        if rng.random() < 0.08:
            continue
        fields = {}
        if person.is_student:
            fields = {
                "given_by": Consent.GivenBy.REPRESENTATIVE,
                "representative_name": f"{person.last_name} {rng.choice(['Анна', 'Елена', 'Ольга', 'Сергей'])} "
                f"{rng.choice(['Сергеевна', 'Игоревна', 'Петрович'])}",
                "representative_document": "Свидетельство о рождении",
            }
        consents.append(
            Consent(
                person=person,
                kind=Consent.Kind.PERSONAL_DATA,
                given_on=_day_between(rng, year.start_date, year.start_date + datetime.timedelta(days=20)),
                created_by=curator,
                **fields,
            )
        )
    bulk_create_with_history(
        consents, Consent, batch_size=BATCH, default_user=curator, default_change_reason="Демонстрационные данные"
    )


def _programmes(curator, units, mentees):
    """A programme from its audience's template for every pair but a tenth of those just approved."""
    templates = {}
    for template in ProgrammeTemplate.objects.order_by("position", "pk"):
        templates.setdefault(template.audience, template)
    approved_at = timezone.now()
    rows = []
    for number, unit in enumerate(units):
        if unit.status == Mentorship.Status.APPROVED and number % 10 == 0:
            continue
        unit.template = templates.get(unit.form.audience)
        if unit.template is None:
            continue
        requests = [mentees[person.pk].request for person in unit.mentee_people]
        unit.programme = Programme(
            mentorship=unit.mentorship,
            request="\n\n".join(request for request in requests if request),
            goal=unit.template.goal,
            tasks=unit.template.tasks,
            expected_results=unit.template.expected_results,
            starts_on=unit.starts_on,
            ends_on=max(unit.ends_on, unit.starts_on),
            calendar_approved_at=approved_at,
            calendar_approved_by=curator,
        )
        rows.append(unit.programme)
    bulk_create_with_history(
        rows, Programme, batch_size=BATCH, default_user=curator, default_change_reason="Демонстрационные данные"
    )


# ---------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------

MEETING_WEIGHTS = {
    Mentorship.Status.ACTIVE: 12,
    Mentorship.Status.FINISHED: 9,
    Mentorship.Status.APPROVED: 6,
    Mentorship.Status.TERMINATED: 4,
}
QUIET_SHARE = 0.12  # working pairs with no meeting held in the last 30 days


def _allocate(total, weights):
    """``total`` split in proportion to ``weights``, one each first while there are enough."""
    if not weights:
        return []
    base = [1] * len(weights) if total >= len(weights) else [0] * len(weights)
    rest = total - sum(base)
    exact = [rest * weight / sum(weights) for weight in weights]
    counts = [b + int(value) for b, value in zip(base, exact, strict=True)]
    order = sorted(range(len(weights)), key=lambda index: exact[index] - int(exact[index]), reverse=True)
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _spread(first, last, count):
    """``count`` school days from ``first`` to ``last`` (calendar.spread), none when ``count`` is 0."""
    return calendar.spread(first, max(first, last), count) if count else []


def _meeting_days(ctx, rng, unit, count):
    """The planned days of a unit's ``count`` meetings and whether each was held (None: not marked)."""
    today, one_day = ctx.today, datetime.timedelta(days=1)
    start, end = unit.starts_on, max(unit.ends_on, unit.starts_on)
    if unit.status == Mentorship.Status.APPROVED:  # fixed by the order, not started yet
        first = max(start, today + one_day)
        return _spread(first, end, count), [None] * count
    if unit.status == Mentorship.Status.FINISHED:
        held = [rng.random() < 0.95 for _ in range(count)]
        held[-1] = True
        return _spread(start, unit.ended_on, count), held
    if unit.status == Mentorship.Status.TERMINATED:
        days = _spread(start, end, count)
        return days, [(rng.random() < 0.85) if day <= unit.ended_on else None for day in days]
    # At work: most meetings so far held, the rest planned until the end.
    past = count if end <= today or count == 1 else max(1, min(count - 1, round(count * rng.uniform(0.65, 0.85))))
    quiet = rng.random() < QUIET_SHARE and start <= today - datetime.timedelta(days=31)
    past_end = today - datetime.timedelta(days=31) if quiet else today
    held = [rng.random() < 0.92 for _ in range(past)]
    held[0] = True
    future = max(start, today + one_day)
    return _spread(start, past_end, past) + _spread(future, end, count - past), held + [None] * (count - past)


def _topic(topics, stage, index):
    if not topics:
        return "Встреча"
    fixed = {
        Meeting.Stage.ACQUAINTANCE: 0,
        Meeting.Stage.TRIAL: 1,
        Meeting.Stage.PLANNING: 2,
        Meeting.Stage.FINAL: len(topics) - 1,
    }
    if stage in fixed:
        return topics[min(fixed[stage], len(topics) - 1)]
    series = topics[3:-1] or topics
    return series[index % len(series)]


def _meetings(ctx, rng, curator, units):
    """Exactly the scaled number of meetings, over the units with a programme."""
    planned = [unit for unit in units if unit.programme]
    counts = _allocate(_count(ctx, MEETINGS), [MEETING_WEIGHTS[unit.status] for unit in planned])
    tz = timezone.get_current_timezone()
    rows = []
    for unit, count in zip(planned, counts, strict=True):
        if not count:
            continue
        days, held = _meeting_days(ctx, rng, unit, count)
        topics = unit.template.topics
        time = datetime.time(rng.choice([14, 15, 16]), rng.choice([0, 30]))
        for index, (stage, day, was_held) in enumerate(zip(calendar.cycle(count), days, held, strict=True)):
            meeting = Meeting(
                mentorship=unit.mentorship, stage=stage, topic=_topic(topics, stage, index), planned_on=day
            )
            meeting.planned_time = time
            if was_held is not None:
                held_on = min(day, ctx.today)
                meeting.held = was_held
                meeting.held_on = held_on if was_held else None
                meeting.logged_by = curator
                meeting.logged_at = datetime.datetime.combine(held_on, datetime.time(18), tzinfo=tz)
                if was_held:
                    meeting.duration = rng.choice([30, 40, 45, 60])
                    meeting.format = rng.choice([Meeting.Format.IN_PERSON] * 3 + [Meeting.Format.ONLINE])
                    meeting.notes = rng.choice(MEETING_NOTES)
                else:
                    meeting.notes = rng.choice(["Перенесена: болезнь наставляемого", "Не состоялась: олимпиада"])
            rows.append(meeting)
    bulk_create_with_history(
        rows, Meeting, batch_size=BATCH, default_user=curator, default_change_reason="Демонстрационные данные"
    )


# ---------------------------------------------------------------------------------------------
# Questionnaires
# ---------------------------------------------------------------------------------------------

# The year's copies the responses go to; those the ordinary demo did not take into work are
# taken here, opened this many days ago («before» ones first: an «after» copy compares with them).
SURVEYS = {
    "mentee_intake_student": 70,
    "mentee_intake_teacher": 70,
    "mentor_intake": 65,
    "mentor_intake_student": 60,
    "mentee_before": 30,
    "mentor_before": 30,
    "mentee_after": 10,
    "mentee_after_teacher": 10,
    "mentor_after": 10,
}
INTAKE, BEFORE, AFTER = "intake", "before", "after"


def _surveys(ctx, curator):
    year = ctx.year
    surveys = {
        survey.source.template_key: survey
        for survey in Survey.objects.of_year(year).filter(source__is_template=True).select_related("source")
    }
    templates = {survey.template_key: survey for survey in Survey.objects.templates()}
    for key, days in SURVEYS.items():
        survey = surveys.get(key) or copying.copy(templates[key], year, curator)
        if survey.opens_on is None:  # a copy prepared for the spring is opened for the large school
            survey.opens_on = ctx.today - datetime.timedelta(days=days)
            survey.save(update_fields=["opens_on"])
        surveys[key] = survey
    return surveys


class _Slot:
    """A response to come: who answers which survey, when, and how high their scales go."""

    def __init__(self, key, person, moment, level, shift=0.0, phase=INTAKE, mentee=None):
        self.key, self.person, self.moment, self.level = key, person, moment, level
        self.shift, self.phase, self.mentee = shift, phase, mentee


def _responses(ctx, rng, curator, units, mentees, mentors, students):
    """Exactly the scaled number of responses through used personal links: first those of the
    pairs' mentees and mentors and of the waiting mentees, then intake questionnaires of other
    students (the ordinary demo's too), last the «after» ones of pairs just approved."""
    surveys = _surveys(ctx, curator)
    now, tz = timezone.now(), timezone.get_current_timezone()

    def moment(day, days_back=0):
        day = day - datetime.timedelta(days=rng.randint(0, days_back))
        when = datetime.datetime.combine(day, datetime.time(rng.randint(8, 20), rng.randint(0, 59)), tzinfo=tz)
        return min(when, now - datetime.timedelta(minutes=rng.randint(1, 600)))

    levels = defaultdict(lambda: min(8.0, max(2.5, rng.gauss(5.0, 1.2))))
    core, spare, seen_mentors = [], [], set()
    for unit in units:
        start = unit.starts_on
        # A pair just approved has not begun: its «after» answers are the last resort.
        afterwards = spare if unit.status == Mentorship.Status.APPROVED else core
        finish = unit.ended_on or min(unit.ends_on, ctx.today)
        for person in unit.mentee_people:
            teacher = person.is_staff_member
            mentee = mentees[person.pk]
            core += [
                _Slot(
                    "mentee_intake_teacher" if teacher else "mentee_intake_student",
                    person,
                    moment(start - datetime.timedelta(days=5), 25),
                    levels[person.pk],
                    mentee=mentee,
                ),
                _Slot(
                    "mentee_before",
                    person,
                    moment(start + datetime.timedelta(days=7), 7),
                    levels[person.pk],
                    phase=BEFORE,
                ),
            ]
            afterwards.append(
                _Slot(
                    "mentee_after_teacher" if teacher else "mentee_after",
                    person,
                    moment(finish, 7),
                    levels[person.pk],
                    unit.shift,
                    AFTER,
                )
            )
        mentor = unit.mentor_person
        if mentor.pk not in seen_mentors:
            seen_mentors.add(mentor.pk)
            level = levels[mentor.pk] + 1.0
            core += [
                _Slot(
                    "mentor_intake_student" if mentor.is_student else "mentor_intake",
                    mentor,
                    moment(start - datetime.timedelta(days=10), 20),
                    level,
                ),
                _Slot("mentor_before", mentor, moment(start + datetime.timedelta(days=7), 7), level, phase=BEFORE),
            ]
            afterwards.append(_Slot("mentor_after", mentor, moment(finish, 7), level, unit.shift * 0.8, AFTER))
    in_roles = {person.pk for unit in units for person in [unit.mentor_person, *unit.mentee_people]}
    autumn = ctx.year.start_date + datetime.timedelta(days=20)
    for pk, mentee in mentees.items():
        if pk in in_roles:
            continue
        person = mentee.person
        core += [
            _Slot("mentee_intake_student", person, moment(autumn, 10), levels[pk], mentee=mentee),
            _Slot("mentee_before", person, moment(autumn + datetime.timedelta(days=14), 7), levels[pk], phase=BEFORE),
        ]

    extra = [
        _Slot("mentee_intake_student", person, moment(autumn, 14), levels[person.pk])
        for person in students
        if person.pk not in in_roles and person.pk not in mentees and person.school_class.grade >= 2
    ]
    answered = Invitation.objects.filter(survey=surveys["mentee_intake_student"]).values("subject")
    extra += [
        _Slot("mentee_intake_student", person, moment(autumn, 14), levels[person.pk])
        for person in Person.objects.filter(
            kind=Person.Kind.STUDENT, school_class__year=ctx.year, school_class__grade__gte=2
        )
        .exclude(pk__in=answered)
        .exclude(mentee_records__year=ctx.year)
        .exclude(mentor_records__year=ctx.year)
        .exclude(pk__in=[person.pk for person in students])
        .select_related("school_class")
    ]
    # Teachers outside the banks who answered the call for mentors.
    answered = Invitation.objects.filter(survey=surveys["mentor_intake"]).values("subject")
    extra += [
        _Slot("mentor_intake", person, moment(autumn, 14), levels[person.pk] + 1.0)
        for person in Person.objects.filter(kind=Person.Kind.TEACHER)
        .exclude(pk__in=answered)
        .exclude(mentee_records__year=ctx.year)
        .exclude(mentor_records__year=ctx.year)
    ]

    total, chosen = _count(ctx, RESPONSES), []
    for tier in (core, extra, spare):
        chosen += rng.sample(tier, min(len(tier), total - len(chosen)))
    if len(chosen) < total:
        raise RuntimeError(f"The large demo has people for {len(chosen)} responses of {total}: lower --scale.")
    _store(rng, curator, surveys, chosen)


def _store(rng, curator, surveys, slots):
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                survey=surveys[slot.key],
                subject=slot.person,
                respondent=slot.person,
                respondent_role=Invitation.Respondent.SELF,
                expires_at=slot.moment + datetime.timedelta(days=30),
                used_at=slot.moment,
                created_by=curator,
            )
            for slot in slots
        ],
        batch_size=BATCH,
    )
    responses = Response.objects.bulk_create(
        [
            Response(
                survey=invitation.survey,
                invitation=invitation,
                respondent=slot.person,
                subject=slot.person,
                respondent_role=Invitation.Respondent.SELF,
                submitted_at=slot.moment,
                mentee=slot.mentee,
                added_to_bank_at=slot.moment if slot.mentee else None,
            )
            for slot, invitation in zip(slots, invitations, strict=True)
        ],
        batch_size=BATCH,
    )
    questions = {
        key: list(survey.questions.prefetch_related(Prefetch("choices", Choice.objects.order_by("position"))))
        for key, survey in surveys.items()
    }
    answers, picks = [], []
    for slot, response in zip(slots, responses, strict=True):
        given = _identity(slot.person)
        for question in questions[slot.key]:
            if not question.required and rng.random() < 0.4 and question.code not in given:
                continue
            answer, picked = _answer(rng, question, slot, given)
            if answer is None:
                continue
            answer.response = response
            answers.append(answer)
            picks.extend((answer, choice) for choice in picked)
    Answer.objects.bulk_create(answers, batch_size=BATCH)
    Through = Answer.choices.through
    Through.objects.bulk_create(
        [Through(answer_id=answer.pk, choice_id=choice.pk) for answer, choice in picks], batch_size=BATCH
    )


def _identity(person):
    """What the mentor intake asks of who answers, as the person's record has it."""
    return {
        codes.LAST_NAME: person.last_name,
        codes.FIRST_NAME: person.first_name,
        codes.PATRONYMIC: person.patronymic,
        codes.POSITION: person.position,
        codes.ORGANISATION: person.organisation,
        codes.CATEGORY: person.kind,
    }


def _answer(rng, question, slot, given):
    """Scale items from the person's level (higher after the programme, expectations a little above
    it); the grade and the years of teaching from the record; the rest as the ordinary demo answers."""
    code, top = question.code, Question.SCALES.get(question.kind)
    if top and code.startswith((codes.SATISFACTION_PREFIX, codes.GROWTH_PREFIX)):
        level = slot.level + (slot.shift if slot.phase == AFTER else 0)
        if code.startswith(codes.SATISFACTION_PREFIX) and slot.phase == BEFORE:
            level += 0.3
        value = round(rng.gauss(level, 1.1) * top / 10)
        return Answer(question=question, number=Decimal(max(1, min(top, value)))), []
    person = slot.person
    if code == codes.GRADE and person.is_student and person.school_class_id:
        return Answer(question=question, number=Decimal(person.school_class.grade)), []
    if code == codes.EXPERIENCE_YEARS and person.career_start:
        return Answer(question=question, number=Decimal(max(0, slot.moment.year - person.career_start))), []
    return _random_answer(rng, question, given.get(code))
