"""Demo data of the programme core: the school, the demo users, the current year and its roadmap.

The demo passwords live here and only here: they exist in the demo data, never in settings.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.utils import timezone

from mentoring import roadmap, roles
from mentoring.models import AcademicYear, RoadmapActivity, School, User

PASSWORD = "nastavnik2026"


@dataclass(frozen=True)
class DemoUser:
    username: str
    last_name: str
    first_name: str
    patronymic: str
    position: str
    roles: tuple
    who: str  # what the login shows, for the printed list


USERS = [
    DemoUser(
        "curator",
        "Соколова",
        "Ирина",
        "Владимировна",
        "Заместитель директора по учебно-воспитательной работе",
        (roles.CURATOR, roles.TEACHER),
        "куратор программы (заместитель директора)",
    ),
    DemoUser("director", "Миронов", "Алексей", "Николаевич", "Директор", (roles.ADMINISTRATION,), "директор"),
    DemoUser(
        "classleader",
        "Белова",
        "Наталья",
        "Сергеевна",
        "Учитель русского языка и литературы",
        (roles.TEACHER,),
        "классный руководитель 7А",
    ),
    DemoUser(
        "mentor",
        "Королёв",
        "Дмитрий",
        "Андреевич",
        "Учитель математики",
        (roles.TEACHER, roles.MENTOR),
        "учитель-наставник",
    ),
    DemoUser("psychologist", "Фёдорова", "Елена", "Игоревна", "Педагог-психолог", (roles.TEACHER,), "педагог-психолог"),
]


def is_loaded():
    return User.objects.filter(username=USERS[0].username).exists()


def logins():
    return [(user.username, PASSWORD, user.who) for user in USERS]


def seed(ctx):
    School.objects.create(
        full_name="Государственное бюджетное общеобразовательное учреждение средняя общеобразовательная школа № 43",
        short_name="ГБОУ школа № 43",
        director_title="Директор",
        director_name="Миронов Алексей Николаевич",
        address="190000, г. Санкт-Петербург, ул. Школьная, д. 43",
        city="Санкт-Петербург",
        phone="+7 (812) 000-00-43",
        email="school43@example.ru",
        site="https://school43.example.ru",
    )
    groups = {group.name: group for group in Group.objects.all()}
    for demo in USERS:
        user = User.objects.create_user(
            demo.username,
            email=f"{demo.username}@school43.example.ru",
            password=PASSWORD,
            last_name=demo.last_name,
            first_name=demo.first_name,
            patronymic=demo.patronymic,
            position=demo.position,
        )
        user.groups.set(groups[name] for name in demo.roles)

    ctx.year = AcademicYear.objects.create(start_year=AcademicYear.start_year_of(ctx.today))
    ctx.year.make_current()
    roadmap.create_from_seed(ctx.year)
    _mark_early_stages_done(ctx)


def _mark_early_stages_done(ctx):
    """A year in progress: the first stage done by the curator, part of the banks collected."""
    curator = User.objects.get(username="curator")
    notes = {
        (1, 1): "Протокол педагогического совета № 1 от 28.08",
        (1, 2): "Приказ № 112 от 01.09",
        (1, 3): "Приказ № 113 от 01.09",
        (2, 1): "Анкетирование 5–11 классов и молодых педагогов проведено",
        (2, 2): "",
        (2, 3): "Сведения от классных руководителей и психолога получены",
        (3, 1): "",
    }
    activities = RoadmapActivity.objects.filter(stage__year=ctx.year).select_related("stage")
    for activity in activities:
        if (activity.stage.number, activity.number) in notes and activity.end_date < ctx.today:
            activity.done_at = timezone.make_aware(
                datetime.datetime.combine(activity.end_date - datetime.timedelta(days=3), datetime.time(15))
            )
            activity.done_by = curator
            activity.done_note = notes[(activity.stage.number, activity.number)]
            activity.save(update_fields=["done_at", "done_by", "done_note"])
