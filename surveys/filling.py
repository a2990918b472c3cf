"""Filling in a survey: the form built from its questions, and storing one response.

A personal link stores exactly one response however many times its form is sent (a double
click, the back button, a second tab): the link is claimed by a conditional UPDATE, which the
database serialises, and a non-anonymous response holds its link in a unique column. An open
link's page carries a one-time key held unique in the same way.
"""

import datetime

from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentoring.forms import DateInput
from surveys.models import Answer, Invitation, Question, Response

TEXT_LIMITS = {Question.Kind.SHORT_TEXT: 500, Question.Kind.LONG_TEXT: 5000}
YES_NO = [("yes", "Да"), ("no", "Нет")]


class AlreadyAnswered(Exception):
    """The link has been used (or closed) between showing the form and sending it."""


def questions_of(survey):
    return list(survey.questions.select_related("section").prefetch_related("choices"))


class ResponseForm(forms.Form):
    """One field per question, named by the question's code."""

    def __init__(self, questions, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[question.code] = _field(question)

    def sections(self):
        """[(section, [(question, bound field), …]), …] in the survey's order."""
        grouped = {}
        for question in self.questions:
            grouped.setdefault(question.section, []).append((question, self[question.code]))
        return list(grouped.items())


def _field(question):
    kind = question.kind
    common = {"label": question.text, "help_text": question.help_text, "required": question.required}
    if kind in Question.SCALES:
        values = [(str(n), str(n)) for n in range(1, Question.SCALES[kind] + 1)]
        return forms.TypedChoiceField(choices=values, coerce=int, widget=forms.RadioSelect, **common)
    if kind in Question.WITH_CHOICES:
        # Choices come from the prefetch: validating a response costs no query.
        by_pk = {str(choice.pk): choice for choice in question.choices.all()}
        options = {"choices": [(pk, choice.text) for pk, choice in by_pk.items()], "coerce": by_pk.__getitem__}
        if kind == Question.Kind.SINGLE:
            return forms.TypedChoiceField(widget=forms.RadioSelect, **options, **common)
        return forms.TypedMultipleChoiceField(
            widget=forms.CheckboxSelectMultiple,
            error_messages={"required": "Выберите хотя бы один вариант."},
            **options,
            **common,
        )
    if kind == Question.Kind.YES_NO:
        return forms.TypedChoiceField(
            choices=YES_NO, coerce=lambda value: value == "yes", widget=forms.RadioSelect, **common
        )
    if kind in TEXT_LIMITS:
        widget = forms.Textarea(attrs={"rows": 4}) if kind == Question.Kind.LONG_TEXT else forms.TextInput
        return forms.CharField(max_length=TEXT_LIMITS[kind], widget=widget, **common)
    if kind == Question.Kind.NUMBER:
        return forms.DecimalField(
            max_digits=12, decimal_places=2, widget=forms.NumberInput(attrs={"inputmode": "decimal"}), **common
        )
    return forms.DateField(widget=DateInput(), **common)


def save(survey, form, *, invitation=None, submission_key=None, user=None):
    """Store the response ``form`` holds; AlreadyAnswered if this link or page has been answered."""
    now = timezone.now()
    response = Response(survey=survey, submitted_at=now, submission_key=submission_key)
    if user is not None and user.is_authenticated:
        response.user = user
    if invitation is not None and not survey.anonymous:
        response.invitation = invitation
        response.respondent_id = invitation.respondent_id
        response.subject_id = invitation.subject_id
        response.respondent_role = invitation.respondent_role
    used_at = now
    if survey.anonymous:
        # Only the day, on the response and on the link alike: times would pair them up.
        used_at = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
        response.submitted_at, response.user = used_at, None
    try:
        with transaction.atomic():
            if invitation is not None:
                claimed = Invitation.objects.filter(
                    pk=invitation.pk, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
                ).update(used_at=used_at)
                if not claimed:
                    raise AlreadyAnswered
            response.save()
            _save_answers(response, form)
    except IntegrityError as error:  # the same open-link page sent twice at once
        raise AlreadyAnswered from error
    return response


def _save_answers(response, form):
    answers, chosen = [], []
    for question in form.questions:
        value = form.cleaned_data.get(question.code)
        if value in (None, "", []) or (question.kind == Question.Kind.MULTIPLE and not value):
            continue
        answer = Answer(response=response, question=question)
        if question.kind in Question.NUMERIC:
            answer.number = value
        elif question.kind == Question.Kind.YES_NO:
            answer.flag = value
        elif question.kind in Question.TEXTUAL:
            answer.text = value
        elif question.kind == Question.Kind.DATE:
            answer.date = value
        else:
            # a choice sent twice (a crafted form) is chosen once
            chosen.append((answer, [value] if question.kind == Question.Kind.SINGLE else list(dict.fromkeys(value))))
        answers.append(answer)
    Answer.objects.bulk_create(answers)
    Through = Answer.choices.through
    Through.objects.bulk_create(
        [Through(answer_id=answer.pk, choice_id=choice.pk) for answer, choices in chosen for choice in choices]
    )
