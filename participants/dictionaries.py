"""The editable dictionaries' starting content, after DOMAIN.md.

They are filled after ``migrate`` only while empty, so the curator's edits are never
overwritten; a flushed test database gets them back as well.
"""

from django.apps import apps as global_apps

# Matching rules and defaults of each form: (mentor kind, minimum grade gap, default capacity, months).
FORM_RULES = {
    "ученик – ученик": ("student", 2, 1, 6),
    "учитель – ученик": ("staff", 0, 3, 6),
    "студент – ученик": ("external", 0, 2, 6),
    "работодатель – ученик": ("external", 0, 3, 6),
    "работодатель – студент": ("external", 0, 3, 6),
    "учитель – учитель": ("staff", 0, 2, 9),
}

FORMS = [
    # (name, audience, active, description, role models)
    (
        "ученик – ученик",
        "students",
        True,
        "Наставник — обучающийся более старшего класса с лидерскими качествами; цель — поддержка обучающегося "
        "с особыми образовательными или социальными потребностями, помощь в адаптации.",
        ["успевающий – неуспевающий", "лидер – пассивный", "равный – равному", "адаптированный – неадаптированный"],
    ),
    ("учитель – ученик", "students", True, "Школьная форма: наставник — педагог школы.", []),
    ("студент – ученик", "students", True, "Наставник — студент колледжа или вуза.", []),
    ("работодатель – ученик", "students", True, "Наставник — представитель предприятия или организации.", []),
    ("работодатель – студент", "students", False, "Форма для профессиональных образовательных организаций.", []),
    (
        "учитель – учитель",
        "teachers",
        True,
        "Наставничество педагогических работников; приоритет — педагоги до 35 лет со стажем до 3 лет.",
        [
            "опытный педагог – молодой специалист",
            "опытный классный руководитель – молодой специалист",
            "лидер педагогического сообщества – педагог, испытывающий проблемы",
            "педагог-новатор – консервативный педагог",
            "опытный предметник – неопытный предметник",
        ],
    ),
]

TEACHER_KINDS = [
    "традиционное",
    "виртуальное (дистанционное)",
    "в группе",
    "краткосрочное (целеполагающее)",
    "реверсивное",
    "ситуационное",
    "скоростное",
    "флеш-наставничество",
    "партнёрское",
]

EVALUATION_PARAMETERS = [
    ("Мотивация к наставнической деятельности", "Зачем кандидат хочет быть наставником"),
    ("Коммуникативные навыки", "Умение слушать, объяснять, поддерживать"),
    ("Предметные и профессиональные компетенции", "Чем кандидат может помочь по существу запроса"),
    ("Лидерские качества", "Инициативность, умение вести за собой"),
    ("Готовность уделять время", "Сколько времени кандидат готов отдавать встречам"),
]


def fill(sender, using="default", apps=None, **kwargs):
    """post_migrate receiver: the dictionaries get their starting content while they are empty."""
    apps = apps or global_apps  # a flush sends no app registry of its own
    MentoringForm = apps.get_model("participants", "MentoringForm")
    RoleModel = apps.get_model("participants", "RoleModel")
    MentoringKind = apps.get_model("participants", "MentoringKind")
    EvaluationParameter = apps.get_model("participants", "EvaluationParameter")
    forms = MentoringForm.objects.using(using)
    if not forms.exists():
        for position, (name, audience, active, description, models) in enumerate(FORMS, start=1):
            mentor_kind, gap, capacity, months = FORM_RULES[name]
            form = forms.create(
                name=name,
                audience=audience,
                is_active=active,
                description=description,
                position=position,
                mentor_kind=mentor_kind,
                min_grade_gap=gap,
                default_capacity=capacity,
                months=months,
            )
            RoleModel.objects.using(using).bulk_create(
                RoleModel(form=form, name=model, position=number) for number, model in enumerate(models, start=1)
            )
    kinds = MentoringKind.objects.using(using)
    if not kinds.exists():
        kinds.bulk_create(MentoringKind(name=name, position=n) for n, name in enumerate(TEACHER_KINDS, start=1))
    parameters = EvaluationParameter.objects.using(using)
    if not parameters.exists():
        parameters.bulk_create(
            EvaluationParameter(name=name, description=description, position=n)
            for n, (name, description) in enumerate(EVALUATION_PARAMETERS, start=1)
        )
