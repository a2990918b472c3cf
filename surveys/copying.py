"""Copying a survey, with its sections, questions and choices, into a year."""

from django.db import transaction

from surveys.models import Choice, Section, Survey


def copy(source, year, user):
    with transaction.atomic():
        survey = Survey.objects.create(
            title=source.title if source.is_template else f"{source.title} (копия)",
            purpose=source.purpose,
            audience=source.audience,
            introduction=source.introduction,
            thanks=source.thanks,
            anonymous=source.anonymous,
            confidential=source.confidential,
            link_days=source.link_days,
            compare_with=_counterpart(source.compare_with, year),
            year=year,
            source=source,
            created_by=user,
        )
        for section in source.sections.prefetch_related("questions__choices"):
            new_section = Section.objects.create(
                survey=survey, title=section.title, description=section.description, position=section.position
            )
            for question in section.questions.all():
                choices = list(question.choices.all())
                question.pk, question.survey, question.section = None, survey, new_section
                question.save()
                Choice.objects.bulk_create(
                    Choice(question=question, text=choice.text, value=choice.value, position=choice.position)
                    for choice in choices
                )
    return survey


def _counterpart(before, year):
    """The «before» survey an «after» copy compares with: the year's own copy of that template."""
    if before is None or before.year_id == year.pk:
        return before
    return Survey.objects.filter(year=year, source=before).order_by("-pk").first()
