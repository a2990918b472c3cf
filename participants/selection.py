"""Selection and training of mentors: scores on the configurable parameters, interviews,
induction sessions and exchanges of experience, and the statuses they lead to.

The status suggestions are plain functions; the views apply them and say so to the curator.
"""

from django import forms
from django.db import transaction
from django.db.models import Avg, Count, Max
from django.utils import timezone

from mentoring.forms import DateInput
from mentoring.models import AcademicYear
from participants.models import (
    EvaluationParameter,
    Interview,
    Mentor,
    MentorScore,
    TrainingEvent,
    TrainingMaterial,
)
from participants.uploads import MaterialField

BY_NAME = ["person__last_name", "person__first_name", "person__patronymic", "pk"]


def card_context(mentor):
    """What ``participants/_card_selection.html`` shows besides ``can_edit``."""
    if mentor is None:
        return {"mentor": None, "scores": [], "interviews": [], "trainings": [], "scores_average": None}
    scores = list(mentor.scores.select_related("parameter").order_by("parameter__position", "parameter__name"))
    return {
        "mentor": mentor,
        "scores": scores,
        "scores_average": average(scores),
        "interviews": list(mentor.interviews.all()),
        "trainings": list(mentor.trainings.order_by("held_on", "pk")),
    }


def average(scores):
    """The mean score, to one decimal place, or None when there are none."""
    return round(sum(s.score for s in scores) / len(scores), 1) if scores else None


class ScoresForm(forms.Form):
    """One score per active parameter; an emptied score is removed."""

    def __init__(self, *args, mentor, **kwargs):
        super().__init__(*args, **kwargs)
        self.mentor = mentor
        self.parameters = list(EvaluationParameter.objects.filter(is_active=True))
        given = dict(mentor.scores.values_list("parameter_id", "score"))
        for parameter in self.parameters:
            hint = f"Балл от 0 до {parameter.max_score}."
            self.fields[self.field_name(parameter)] = forms.IntegerField(
                label=parameter.name,
                help_text=f"{parameter.description} {hint}" if parameter.description else hint,
                required=False,
                min_value=0,
                max_value=parameter.max_score,
                initial=given.get(parameter.pk),
            )

    @staticmethod
    def field_name(parameter):
        return f"parameter_{parameter.pk}"

    @transaction.atomic
    def save(self, user):
        """Write the changed scores as evaluated by ``user``; the number of changes."""
        Mentor.objects.select_for_update().get(pk=self.mentor.pk)  # one save of the scores at a time
        stored = {score.parameter_id: score for score in self.mentor.scores.all()}
        changes = 0
        for parameter in self.parameters:
            value, score = self.cleaned_data[self.field_name(parameter)], stored.get(parameter.pk)
            if value is None and score is not None:
                score.delete()
            elif value is not None and score is None:
                MentorScore.objects.create(mentor=self.mentor, parameter=parameter, score=value, evaluated_by=user)
            elif value is not None and score.score != value:
                score.score, score.evaluated_by = value, user
                score.save(update_fields=["score", "evaluated_by", "evaluated_at"])
            else:
                continue
            changes += 1
        return changes


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["held_on", "result", "interviewers", "notes"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError("Собеседование ещё не прошло: запишите его после встречи.")
        return held_on


@transaction.atomic
def add_interview(interview):
    """Save ``interview`` (unsaved): (interview, True). The same interview already recorded is a
    repeated submit: (that interview, False). ``interview.mentor`` is re-read under a lock."""
    interview.mentor = (
        Mentor.objects.select_for_update(of=("self",)).select_related("person", "year").get(pk=interview.mentor_id)
    )
    same = interview.mentor.interviews.filter(
        held_on=interview.held_on, result=interview.result, interviewers=interview.interviewers, notes=interview.notes
    )
    if existing := same.first():
        return existing, False
    interview.save()
    return interview, True


def status_after_interview(mentor, interview):
    """A recommended candidate has passed the interview: the status to move to, or None."""
    if interview.result == Interview.Result.RECOMMENDED and mentor.status == Mentor.Status.CANDIDATE:
        return Mentor.Status.INTERVIEWED
    return None


def trained_by(event):
    """The attendees an induction session makes trained: those who had passed the interview."""
    if event.kind != TrainingEvent.Kind.INDUCTION:
        return []
    return list(event.attendees.filter(status=Mentor.Status.INTERVIEWED).select_related("person").order_by(*BY_NAME))


class _MentorChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, mentor):
        return f"{mentor.person.full_name} — {mentor.get_status_display()}"


class TrainingEventForm(forms.ModelForm):
    attendees = _MentorChoices(
        label="Присутствовали", queryset=Mentor.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = TrainingEvent
        fields = ["kind", "title", "held_on", "place", "description", "attendees"]
        widgets = {"held_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        year = self.instance.year
        self.fields["attendees"].queryset = year.mentors.select_related("person").order_by(*BY_NAME)
        self.fields["attendees"].help_text = (
            f"Наставники банка {year} учебного года. После установочной сессии наставник, "
            "прошедший собеседование, получает статус «обучен»."
        )

    def clean_held_on(self):
        held_on, year = self.cleaned_data["held_on"], self.instance.year
        if not year.preparation_start <= held_on <= year.end_date:
            raise forms.ValidationError(
                f"Дата должна относиться к {year} учебному году: "
                f"{year.preparation_start:%d.%m.%Y} — {year.end_date:%d.%m.%Y}."
            )
        return held_on


@transaction.atomic
def add_event(form):
    """Save the new event of a valid ``TrainingEventForm``: (event, True). The same event already
    held that day is a repeated submit: (that event, False)."""
    event = form.save(commit=False)
    AcademicYear.objects.select_for_update().get(pk=event.year_id)  # two submits at once, one after the other
    same = TrainingEvent.objects.filter(year=event.year_id, kind=event.kind, title=event.title, held_on=event.held_on)
    if existing := same.first():
        return existing, False
    event.save()
    form.save_m2m()
    return event, True


class MaterialForm(forms.ModelForm):
    file = MaterialField(label="Файл")

    class Meta:
        model = TrainingMaterial
        fields = ["title", "file"]
        help_texts = {"title": "Например, «Презентация установочной сессии»"}


class EvaluationParameterForm(forms.ModelForm):
    class Meta:
        model = EvaluationParameter
        fields = ["name", "description", "max_score", "is_active", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "is_active": "Снимите отметку, чтобы больше не оценивать по параметру; выставленные баллы сохранятся",
            "position": "Параметры идут в порядке возрастания этого числа",
        }

    def clean_max_score(self):
        max_score = self.cleaned_data["max_score"]
        if self.instance.pk:
            highest = MentorScore.objects.filter(parameter=self.instance).aggregate(highest=Max("score"))["highest"]
            if highest is not None and max_score < highest:
                raise forms.ValidationError(f"Уже выставлены баллы до {highest}: наибольший балл не может быть меньше.")
        return max_score


def parameters_with_use():
    """All parameters, each with how many mentors were scored on it and their mean score."""
    return EvaluationParameter.objects.annotate(scored=Count("mentorscore"), mean=Avg("mentorscore__score"))
