"""Demo data of the banks' base: classes 1–11, about 900 students and 70 staff."""

import datetime

from simple_history.utils import bulk_create_with_history

from mentoring import demo as core_demo
from mentoring.demo_names import random_person
from mentoring.models import User
from mentoring.roadmap import shift_years
from participants.models import (
    Consent,
    EvaluationParameter,
    Interview,
    Mentee,
    Mentor,
    MentoringForm,
    MentorProfile,
    MentorScore,
    Person,
    RequestNote,
    SchoolClass,
    TrainingEvent,
)

LETTERS = {grade: "АБВ" if grade <= 9 else "АБ" for grade in range(1, 12)}

# (position, how many, kind); the named demo users come on top of these.
STAFF = [
    ("Заместитель директора по воспитательной работе", 1, Person.Kind.TEACHER),
    ("Заместитель директора по административно-хозяйственной работе", 1, Person.Kind.STAFF),
    ("Социальный педагог", 1, Person.Kind.TEACHER),
    ("Учитель-логопед", 1, Person.Kind.TEACHER),
    ("Методист", 1, Person.Kind.TEACHER),
    ("Педагог-библиотекарь", 1, Person.Kind.TEACHER),
    ("Педагог-организатор", 1, Person.Kind.TEACHER),
    ("Педагог дополнительного образования", 3, Person.Kind.TEACHER),
    ("Тьютор", 1, Person.Kind.TEACHER),
    ("Учитель начальных классов", 12, Person.Kind.TEACHER),
    ("Учитель русского языка и литературы", 5, Person.Kind.TEACHER),
    ("Учитель математики", 5, Person.Kind.TEACHER),
    ("Учитель английского языка", 5, Person.Kind.TEACHER),
    ("Учитель истории и обществознания", 3, Person.Kind.TEACHER),
    ("Учитель физики", 2, Person.Kind.TEACHER),
    ("Учитель химии", 2, Person.Kind.TEACHER),
    ("Учитель биологии", 2, Person.Kind.TEACHER),
    ("Учитель географии", 2, Person.Kind.TEACHER),
    ("Учитель информатики", 2, Person.Kind.TEACHER),
    ("Учитель физической культуры", 3, Person.Kind.TEACHER),
    ("Учитель музыки", 1, Person.Kind.TEACHER),
    ("Учитель изобразительного искусства", 1, Person.Kind.TEACHER),
    ("Учитель технологии", 2, Person.Kind.TEACHER),
    ("Преподаватель-организатор ОБЗР", 1, Person.Kind.TEACHER),
    ("Секретарь", 1, Person.Kind.STAFF),
    ("Специалист по кадрам", 1, Person.Kind.STAFF),
    ("Лаборант", 2, Person.Kind.STAFF),
    ("Рабочий по комплексному обслуживанию здания", 2, Person.Kind.STAFF),
]


def student(rng, school_class):
    """An unsaved student of ``school_class`` with a random name, born in the years of the class's grade."""
    age = 6 + school_class.grade
    start_year = school_class.year.start_year
    first_day, last_day = datetime.date(start_year - age - 1, 9, 1), datetime.date(start_year - age, 8, 31)
    last, first, patronymic, _female = random_person(rng)
    return Person(
        last_name=last,
        first_name=first,
        patronymic=patronymic,
        birth_date=_birth_date(rng, first_day, last_day),
        kind=Person.Kind.STUDENT,
        school_class=school_class,
    )


def _birth_date(rng, first_day, last_day):
    return first_day + datetime.timedelta(days=rng.randrange((last_day - first_day).days + 1))


def _staff_birth_date(rng, today):
    age = rng.choice([rng.randint(22, 34), rng.randint(35, 64), rng.randint(35, 64)])
    return _birth_date(rng, shift_years(today, -age - 1), shift_years(today, -age))


def seed(ctx):
    rng, year = ctx.rng, ctx.year
    users = {user.username: user for user in User.objects.all()}
    staff = []
    for demo_user in core_demo.USERS:
        user = users[demo_user.username]
        kind = Person.Kind.STAFF if demo_user.username == "director" else Person.Kind.TEACHER
        staff.append(
            Person(
                last_name=user.last_name,
                first_name=user.first_name,
                patronymic=user.patronymic,
                birth_date=_staff_birth_date(rng, ctx.today),
                kind=kind,
                position=user.position,
                email=user.email,
                user=user,
            )
        )
    for position, count, kind in STAFF:
        for _ in range(count):
            last, first, patronymic, _female = random_person(rng, female=rng.random() < 0.8)
            staff.append(
                Person(
                    last_name=last,
                    first_name=first,
                    patronymic=patronymic,
                    birth_date=_staff_birth_date(rng, ctx.today),
                    kind=kind,
                    position=position,
                )
            )
    for person in staff:
        person.fill_search_name()
    Person.objects.bulk_create(staff)

    classes = SchoolClass.objects.bulk_create(
        SchoolClass(year=year, grade=grade, letter=letter) for grade, letters in LETTERS.items() for letter in letters
    )
    _assign_class_leaders(classes, staff)

    students = []
    for school_class in classes:
        students += [student(rng, school_class) for _ in range(rng.randint(26, 32))]
    for person in students:
        person.fill_search_name()
    Person.objects.bulk_create(students, batch_size=500)
    _seed_banks(ctx, staff, students)


def _assign_class_leaders(classes, staff):
    """Primary teachers lead grades 1–4; subject teachers the rest; the demo class leader leads 7А."""
    by_login = {person.user.username: person for person in staff if person.user}
    primary = [p for p in staff if p.position == "Учитель начальных классов"]
    subject = [
        p
        for p in staff
        if p.kind == Person.Kind.TEACHER and p.position.startswith("Учитель ") and p not in primary and not p.user
    ]
    for school_class in classes:
        if (school_class.grade, school_class.letter) == (7, "А"):
            school_class.class_leader = by_login["classleader"]
        elif school_class.grade <= 4:
            school_class.class_leader = primary.pop()
        else:
            school_class.class_leader = subject.pop()
    SchoolClass.objects.bulk_update(classes, ["class_leader"])


REQUESTS = [
    "Трудности с математикой, нужна помощь с домашними заданиями",
    "Адаптация в новом классе после перехода из другой школы",
    "Подготовка к олимпиаде по информатике",
    "Неуверенность в себе, трудно выступать перед классом",
    "Пропуски по болезни, нужно догнать программу по русскому языку",
    "Хочет заниматься проектной деятельностью, нужен руководитель",
    "Конфликты с одноклассниками, нужна поддержка",
    "Профориентация: выбор профиля обучения",
]
TEACHER_REQUESTS = [
    "Молодой специалист: планирование уроков и работа с документацией",
    "Первый год классного руководства: работа с родителями",
    "Дисциплина на уроках в среднем звене",
]
COMPETENCIES = [
    "Объясняет математику простыми словами, готовил ребят к олимпиадам",
    "Опыт классного руководства, работа с родителями",
    "Проектная деятельность, руководство исследовательскими работами",
    "Лидер школьного самоуправления, помогает новичкам освоиться",
    "Хорошо знает русский язык и литературу, помогает с сочинениями",
]


def _seed_banks(ctx, staff, students):
    """A bank of about 120 mentees and 40 mentors at different stages, with consents and notes."""
    rng, year = ctx.rng, ctx.year
    curator = User.objects.get(username="curator")
    forms = {form.name: form for form in MentoringForm.objects.prefetch_related("role_models")}
    student_form, teacher_form = forms["ученик – ученик"], forms["учитель – учитель"]
    class_7a = [p for p in students if (p.school_class.grade, p.school_class.letter) == (7, "А")]
    pool = [p for p in students if 5 <= p.school_class.grade <= 8 and p not in class_7a]
    mentee_people = class_7a[:8] + rng.sample(pool, 110)
    young = [p for p in staff if p.birth_date and ctx.today.year - p.birth_date.year < 30 and not p.user][:6]
    statuses = [Mentee.Status.IN_BANK] * 6 + [Mentee.Status.APPLICATION] * 3 + [Mentee.Status.SUPPORT]
    mentees = []
    for person in mentee_people + young:
        is_teacher = person in young
        form = teacher_form if is_teacher else rng.choice([student_form, student_form, forms["учитель – ученик"]])
        models = list(form.role_models.all())
        status = rng.choice(statuses)
        mentees.append(
            Mentee(
                person=person,
                year=year,
                status=status,
                form=form,
                role_model=rng.choice(models) if models else None,
                request=rng.choice(TEACHER_REQUESTS if is_teacher else REQUESTS),
                support="Консультации педагога-психолога раз в две недели" if status == Mentee.Status.SUPPORT else "",
            )
        )
    bulk_create_with_history(mentees, Mentee, default_user=curator, default_change_reason="Демонстрационные данные")

    seniors = [p for p in students if p.school_class.grade >= 9]
    mentor_people = rng.sample(seniors, 26) + [p for p in staff if p.user and p.user.username == "mentor"]
    mentor_people += rng.sample(
        [p for p in staff if p.kind == Person.Kind.TEACHER and not p.user and p not in young], 12
    )
    external = [
        Person(
            last_name="Гаврилов",
            first_name="Олег",
            patronymic="Петрович",
            kind=Person.Kind.EXTERNAL,
            position="Инженер-программист",
            organisation="АО «Северная верфь»",
        ),
        Person(
            last_name="Ёлкина",
            first_name="Марина",
            patronymic="Юрьевна",
            kind=Person.Kind.EXTERNAL,
            position="Студентка 3 курса",
            organisation="РГПУ им. А.И. Герцена",
        ),
    ]
    for person in external:
        person.fill_search_name()
    mentor_people += Person.objects.bulk_create(external)
    mentor_statuses = list(Mentor.Status)[:5]
    mentors = []
    for person in mentor_people:
        status = Mentor.Status.TRAINED if person.user else rng.choice(mentor_statuses)
        mentors.append(
            Mentor(
                person=person,
                year=year,
                status=status,
                competencies=rng.choice(COMPETENCIES),
                subjects=person.position.removeprefix("Учитель ") if person.is_staff_member else "",
                capacity=1 if person.is_student else rng.choice([1, 2, 3]),
            )
        )
    mentors = bulk_create_with_history(
        mentors, Mentor, default_user=curator, default_change_reason="Демонстрационные данные"
    )
    mentors = list(Mentor.objects.filter(year=year).select_related("person"))
    for mentor in mentors:
        mentor.forms.set([student_form] if mentor.person.is_student else [forms["учитель – ученик"], teacher_form])

    consents = []
    for person in [*mentee_people, *young, *mentor_people]:
        minor = person.is_student
        given = {"given_on": datetime.date(year.start_year, 9, rng.randint(2, 20)), "person": person}
        if minor:
            given.update(
                given_by=Consent.GivenBy.REPRESENTATIVE,
                representative_name=_parent_of(rng, person),
                representative_document="Свидетельство о рождении",
            )
        if rng.random() < 0.88:
            consents.append(Consent(kind=Consent.Kind.PERSONAL_DATA, created_by=curator, **given))
        if rng.random() < 0.5:
            consents.append(Consent(kind=Consent.Kind.DISSEMINATION, covers_results=True, created_by=curator, **given))
    for mentor in mentors:
        if mentor.person.is_staff_member and rng.random() < 0.7:
            consents.append(
                Consent(
                    kind=Consent.Kind.LABOUR,
                    person=mentor.person,
                    created_by=curator,
                    given_on=datetime.date(year.start_year, 9, 25),
                )
            )
    bulk_create_with_history(consents, Consent, default_user=curator, default_change_reason="Демонстрационные данные")

    leader = User.objects.get(username="classleader")
    psychologist = User.objects.get(username="psychologist")
    by_person = {mentee.person_id: mentee for mentee in Mentee.objects.filter(year=year)}
    notes = [
        RequestNote(
            mentee=by_person[person.pk],
            author=leader,
            author_role=RequestNote.AuthorRole.CLASS_LEADER,
            source=rng.choice(list(RequestNote.Source)),
            text=rng.choice(REQUESTS),
        )
        for person in class_7a[:5]
    ] + [
        RequestNote(
            mentee=by_person[person.pk],
            author=psychologist,
            author_role=RequestNote.AuthorRole.PSYCHOLOGIST,
            text="По результатам диагностики: высокая тревожность, рекомендована поддержка сверстника",
        )
        for person in mentee_people[10:16]
    ]
    RequestNote.objects.bulk_create(notes)

    parameters = list(EvaluationParameter.objects.all())
    evaluated = [m for m in mentors if m.status != Mentor.Status.CANDIDATE]
    MentorScore.objects.bulk_create(
        MentorScore(mentor=m, parameter=p, score=rng.randint(3, p.max_score), evaluated_by=curator)
        for m in evaluated
        for p in parameters
    )
    Interview.objects.bulk_create(
        Interview(
            mentor=m,
            held_on=datetime.date(year.start_year, 9, 27),
            result=Interview.Result.RECOMMENDED,
            interviewers="Соколова И.В., Фёдорова Е.И.",
            notes="Мотивирован, готов к встречам раз в неделю",
        )
        for m in evaluated
    )
    induction = TrainingEvent.objects.create(
        year=year,
        kind=TrainingEvent.Kind.INDUCTION,
        title="Роль наставника и персонализированная программа",
        held_on=datetime.date(year.start_year, 10, 3),
        place="Актовый зал",
        description="Цели программы, формы наставничества, этика, план первых встреч.",
    )
    induction.attendees.set(
        [m for m in mentors if m.status in (Mentor.Status.TRAINED, Mentor.Status.APPOINTED, Mentor.Status.WORKING)]
    )
    for mentor in [m for m in mentors if m.person.is_staff_member][:5]:
        MentorProfile.objects.create(
            person=mentor.person, rating=rng.randint(3, 5), notes="Наставник с опытом прошлых лет"
        )


def _parent_of(rng, child):
    female = rng.random() < 0.8
    first = rng.choice(["Анна", "Елена", "Ольга", "Мария", "Наталья"] if female else ["Сергей", "Андрей", "Игорь"])
    last = child.last_name
    if female and last.endswith(("ов", "ев", "ёв", "ин", "ын")):
        last += "а"
    elif not female and last.endswith(("ова", "ева", "ёва", "ина", "ына")):
        last = last[:-1]
    return f"{last} {first} {rng.choice(['Сергеевна', 'Игоревна', 'Олеговна']) if female else 'Петрович'}"
