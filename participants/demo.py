"""Demo data of the banks' base: classes 1–11, about 900 students and 70 staff."""

import datetime

from mentoring import demo as core_demo
from mentoring.demo_names import random_person
from mentoring.models import User
from mentoring.roadmap import shift_years
from participants.models import Person, SchoolClass

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
        age = 6 + school_class.grade
        first_day = datetime.date(year.start_year - age - 1, 9, 1)
        last_day = datetime.date(year.start_year - age, 8, 31)
        for _ in range(rng.randint(26, 32)):
            last, first, patronymic, _female = random_person(rng)
            students.append(
                Person(
                    last_name=last,
                    first_name=first,
                    patronymic=patronymic,
                    birth_date=_birth_date(rng, first_day, last_day),
                    kind=Person.Kind.STUDENT,
                    school_class=school_class,
                )
            )
    for person in students:
        person.fill_search_name()
    Person.objects.bulk_create(students, batch_size=500)


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
