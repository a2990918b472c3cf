"""The standard questionnaires that ship with the programme, installed as editable templates.

Their content is ``surveys.standard.TEMPLATES``. ``install`` runs after every ``migrate`` (and
every flush of a test database) and adds the templates that are missing, by key, so the
curator's edits to an installed template are never overwritten and a new release's new
template arrives on the next migration.
"""

from django.db import transaction

from surveys.models import Choice, Question, Section, Survey


def install(sender=None, using="default", **kwargs):
    """post_migrate receiver: every standard template exists once."""
    from surveys.standard import TEMPLATES  # content, loaded only when needed

    installed = set(Survey.objects.using(using).exclude(template_key="").values_list("template_key", flat=True))
    with transaction.atomic(using=using):
        surveys = {}
        for spec in TEMPLATES:
            if spec["key"] not in installed:
                surveys[spec["key"]] = create(spec, using=using)
        for spec in TEMPLATES:
            if spec["key"] in surveys and spec.get("compare_with"):
                survey = surveys[spec["key"]]
                survey.compare_with = Survey.objects.using(using).filter(template_key=spec["compare_with"]).first()
                survey.save(update_fields=["compare_with"])


def create(spec, using="default"):
    """One template survey from its specification, with its sections, questions and choices."""
    survey = Survey.objects.using(using).create(
        title=spec["title"],
        purpose=spec["purpose"],
        audience=spec["audience"],
        introduction=spec.get("introduction", ""),
        anonymous=spec.get("anonymous", False),
        confidential=spec.get("confidential", True),
        is_template=True,
        template_key=spec["key"],
    )
    questions, choices = [], []
    for section_position, section_spec in enumerate(spec["sections"], start=1):
        section = Section.objects.using(using).create(
            survey=survey,
            title=section_spec["title"],
            description=section_spec.get("description", ""),
            position=section_position,
        )
        for position, item in enumerate(section_spec["questions"], start=1):
            question = Question(
                survey=survey,
                section=section,
                code=item["code"],
                kind=item["kind"],
                text=item["text"],
                help_text=item.get("help", ""),
                required=item.get("required", True),
                position=position,
            )
            questions.append(question)
            choices.extend(
                (question, Choice(value=value, text=text, position=number))
                for number, (value, text) in enumerate(item.get("choices", ()), start=1)
            )
    Question.objects.using(using).bulk_create(questions)
    for question, choice in choices:
        choice.question = question
    Choice.objects.using(using).bulk_create([choice for _, choice in choices])
    return survey
