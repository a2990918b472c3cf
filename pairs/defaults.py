"""Starting content: the matching criteria and the programme templates.

Filled after ``migrate`` only while empty, so the curator's edits are never overwritten. The
criteria compare the questions the standard intake questionnaires share (``surveys.codes``).
"""

from django.apps import apps as global_apps

from surveys import codes

CRITERIA = [
    # (label, mentee code, mentor code, comparison, weight, required)
    ("Запрос ученика и чем может помочь наставник", codes.TOPICS, codes.TOPICS, "shared", 10, False),
    ("Запрос педагога и компетенции наставника", codes.TEACHER_TOPICS, codes.TEACHER_TOPICS, "shared", 10, False),
    ("Удобное время встреч", codes.AVAILABILITY, codes.AVAILABILITY, "shared", 5, False),
    ("Общие интересы", codes.INTERESTS, codes.INTERESTS, "shared", 4, False),
    ("Формат встреч", codes.MEETING_FORMAT, codes.MEETING_FORMAT, "equal", 3, False),
]

TEMPLATES = [
    (
        "Программа для обучающегося",
        "students",
        "Помочь наставляемому справиться с трудностями, названными в запросе, раскрыть свои сильные стороны "
        "и почувствовать себя увереннее в школе.",
        "Установить доверительный контакт наставника и наставляемого\n"
        "Вместе определить конкретные трудности и цели на период программы\n"
        "Освоить приёмы самоорганизации и подготовки к урокам\n"
        "Включить наставляемого в школьные дела и проекты по интересам",
        "Наставляемый ставит себе цели и планирует время\n"
        "Улучшение учебных результатов по предметам из запроса\n"
        "Рост мотивации и уверенности в себе (по анкетам до и после)",
        "Знакомство: интересы, ожидания, правила работы\n"
        "Пробная встреча: первая совместная задача\n"
        "Планирование: цели, задачи и календарь встреч\n"
        "Разбор трудностей в учёбе, приёмы подготовки\n"
        "Работа над проектом или делом по интересам\n"
        "Промежуточные итоги и корректировка плана\n"
        "Итоговая встреча: результаты, что дальше",
    ),
    (
        "Программа для молодого педагога",
        "teachers",
        "Ускорить профессиональное становление педагога, помочь освоить трудные для него стороны работы "
        "и закрепиться в профессии.",
        "Выявить профессиональные затруднения педагога\n"
        "Помочь в методике, организации урока и работе с дисциплиной\n"
        "Поддержать во взаимодействии с родителями и в ведении документации\n"
        "Организовать взаимопосещение уроков и их разбор",
        "Педагог уверенно планирует и проводит уроки\n"
        "Взаимопосещение уроков и их разбор не реже раза в месяц\n"
        "Рост профессиональной уверенности (по анкетам до и после)",
        "Знакомство: опыт, ожидания, затруднения\n"
        "Пробная встреча: посещение урока наставника\n"
        "Планирование: цели, задачи, календарь встреч\n"
        "Разбор урока наставляемого\n"
        "Работа с родителями и классным коллективом\n"
        "Документация и оценивание\n"
        "Открытый урок наставляемого и его разбор\n"
        "Итоговая встреча: результаты, планы на следующий год",
    ),
]


def fill(sender, using="default", apps=None, **kwargs):
    """post_migrate receiver: the criteria and templates get their starting content while empty."""
    apps = apps or global_apps  # a flush sends no app registry of its own
    MatchingCriterion = apps.get_model("pairs", "MatchingCriterion")
    ProgrammeTemplate = apps.get_model("pairs", "ProgrammeTemplate")
    criteria = MatchingCriterion.objects.using(using)
    if not criteria.exists():
        criteria.bulk_create(
            MatchingCriterion(
                label=label,
                mentee_code=mentee_code,
                mentor_code=mentor_code,
                comparison=comparison,
                weight=weight,
                required=required,
                position=position,
            )
            for position, (label, mentee_code, mentor_code, comparison, weight, required) in enumerate(CRITERIA, 1)
        )
    templates = ProgrammeTemplate.objects.using(using)
    if not templates.exists():
        templates.bulk_create(
            ProgrammeTemplate(
                name=name, audience=audience, goal=goal, tasks=tasks, expected_results=results, plan=plan, position=n
            )
            for n, (name, audience, goal, tasks, results, plan) in enumerate(TEMPLATES, 1)
        )
