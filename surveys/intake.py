"""From intake answers to the banks: a response becomes a mentee or a mentor record.

The coded answers carry over: the request, the topics, competencies and subjects, the
capacity, and the preferred form. The response stays linked to the mentee record it made,
and its self-assessment items are that mentee's starting (baseline) assessment.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from mentoring import names
from participants.models import Consent, Mentee, Mentor, MentoringForm, Person
from surveys import codes
from surveys.models import Response, Survey

INTAKES = (Survey.Purpose.MENTEE_INTAKE, Survey.Purpose.MENTOR_INTAKE)


@dataclass
class Outcome:
    created: list = field(default_factory=list)
    already: list = field(default_factory=list)
    unnamed: int = 0  # open-link responses without a name to make a person from
    without_consent: int = 0  # of those included, people with no personal-data consent yet

    def message(self):
        parts = [f"Включено в банк: {len(self.created)}."]
        if self.without_consent:
            parts.append(
                f"Нет согласия на обработку персональных данных: {self.without_consent} — "
                "получите согласия (карточка участника, «Добавить согласие»)."
            )
        if self.already:
            parts.append(f"Уже были в банке (добавлены пустые поля): {len(self.already)}.")
        if self.unnamed:
            parts.append(f"Без фамилии и имени, не включены: {self.unnamed}.")
        return " ".join(parts)


def add_to_bank(survey, response_ids, year):
    """Turn the chosen responses to the intake ``survey`` into records of ``year``'s bank."""
    responses = (
        Response.objects.filter(survey=survey, pk__in=response_ids)
        .select_related("respondent", "subject")
        .prefetch_related("answers__question", "answers__choices")
    )
    outcome, now = Outcome(), timezone.now()
    forms = {names.search_key(form.name): form for form in MentoringForm.objects.all()}
    with transaction.atomic():
        for response in responses.select_for_update(of=("self",)):
            answers = {answer.question.code: answer for answer in response.answers.all()}
            person = response.respondent or response.subject or _person_from(answers)
            if person is None:
                outcome.unnamed += 1
                continue
            form = forms.get(names.search_key(_text(answers, codes.FORM)))
            if survey.purpose == Survey.Purpose.MENTEE_INTAKE:
                record, created = _mentee(person, year, answers, form)
                response.mentee = record
            else:
                record, created = _mentor(person, year, answers, form)
            (outcome.created if created else outcome.already).append(record)
            if response.respondent_id is None and not survey.anonymous:  # an open link: now we know who
                response.respondent = response.subject = person
            response.added_to_bank_at = now
            response.save(update_fields=["mentee", "added_to_bank_at", "respondent", "subject"])
    people = {record.person_id for record in outcome.created + outcome.already}
    consented = Consent.objects.filter(
        person__in=people, kind=Consent.Kind.PERSONAL_DATA, withdrawn_on__isnull=True
    ).values_list("person", flat=True)
    outcome.without_consent = len(people - set(consented))
    return outcome


def _mentee(person, year, answers, form):
    request = "\n".join(part for part in (_text(answers, codes.REQUEST), _topics(answers)) if part)
    values = {"request": request, "form": form}
    mentee, created = Mentee.objects.get_or_create(person=person, year=year, defaults=values)
    if not created:
        _fill_blank(mentee, **values)
    return mentee, created


def _mentor(person, year, answers, form):
    competencies = "\n".join(part for part in (_text(answers, codes.COMPETENCIES), _topics(answers)) if part)
    values = {"competencies": competencies, "subjects": _text(answers, codes.SUBJECTS)[:300]}
    if capacity := _number(answers, codes.CAPACITY):
        created_values = {**values, "capacity": min(max(int(capacity), 1), 30)}
    else:
        created_values = values
    mentor, created = Mentor.objects.get_or_create(person=person, year=year, defaults=created_values)
    if not created:
        _fill_blank(mentor, **values)
    if form is not None:
        mentor.forms.add(form)
    return mentor, created


def _fill_blank(record, **values):
    """Set the fields the curator has not filled yet; never overwrite what is there."""
    changed = [name for name, value in values.items() if value and not getattr(record, name)]
    for name in changed:
        setattr(record, name, values[name])
    if changed:
        record.save()


def _person_from(answers):
    """The person an open-link response names: the one already known by that name, or a new one."""
    last_name, first_name = _text(answers, codes.LAST_NAME), _text(answers, codes.FIRST_NAME)
    if not (last_name and first_name):
        return None
    patronymic = _text(answers, codes.PATRONYMIC)
    key = names.search_key(names.full_name(last_name, first_name, patronymic))
    known = list(Person.objects.filter(search_name=key)[:2])
    if len(known) == 1:
        return known[0]
    kind = _choice_value(answers, codes.CATEGORY)
    return Person.objects.create(
        last_name=last_name[:150],
        first_name=first_name[:150],
        patronymic=patronymic[:150],
        kind=kind if kind in Person.Kind.values else Person.Kind.EXTERNAL,
        position=_text(answers, codes.POSITION)[:200],
        organisation=_text(answers, codes.ORGANISATION)[:300],
        email=_email(_text(answers, codes.EMAIL)),
        phone=_text(answers, codes.PHONE)[:50],
    )


def _email(text):
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text[:254]


def _text(answers, code):
    answer = answers.get(code)
    return answer.display.strip() if answer else ""


def _number(answers, code):
    answer = answers.get(code)
    return answer.number if answer else None


def _choice_value(answers, code):
    answer = answers.get(code)
    return next((choice.value for choice in answer.choices.all()), "") if answer else ""


def _topics(answers):
    labels = [
        choice.text
        for code in (codes.TOPICS, codes.TEACHER_TOPICS)
        if code in answers
        for choice in answers[code].choices.all()
    ]
    return f"Темы: {', '.join(labels)}." if labels else ""
