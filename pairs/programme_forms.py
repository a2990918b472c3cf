"""Forms of programmes and their templates, of the meeting journal and of events; the programmes' filters."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from mentoring.forms import DateInput, submit_helper
from pairs.calendar import lines
from pairs.models import Event, Meeting, Mentorship, Programme, ProgrammeTemplate
from participants.filters import AutoSubmitSelect

MAX_MEETINGS = 40
TOPIC_LENGTH = Meeting._meta.get_field("topic").max_length


def clean_topics(text):
    """The topics of a plan, one per line: at most 40, each short enough for a meeting's topic."""
    topics = lines(text)
    if len(topics) > MAX_MEETINGS:
        raise ValidationError(f"В плане не больше {MAX_MEETINGS} встреч, а строк — {len(topics)}.")
    if too_long := [topic for topic in topics if len(topic) > TOPIC_LENGTH]:
        raise ValidationError(f"Тема встречи длиннее {TOPIC_LENGTH} знаков: «{too_long[0][:60]}…».")
    return topics


# ---------------------------------------------------------------------------------------------
# Programmes
# ---------------------------------------------------------------------------------------------


class ProgrammeForm(forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["request", "goal", "tasks", "expected_results", "starts_on", "ends_on"]
        widgets = {
            "request": forms.Textarea(attrs={"rows": 3}),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 5}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        help_texts = {"tasks": "Каждая задача с новой строки", "expected_results": "Каждый результат с новой строки"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить программу")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "Окончание программы раньше её начала.")
        return cleaned


class NewProgrammeForm(ProgrammeForm):
    """A programme as it is first written: its plan becomes the planned meetings of the calendar."""

    plan = forms.CharField(
        label="План встреч",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Тема каждой встречи с новой строки: первая — знакомство, вторая — пробная встреча, третья — "
        "планирование, последняя — итоговая встреча, остальные — серия встреч. Даты распределятся равномерно "
        "по будним дням периода программы; их можно изменить в календаре.",
    )

    def clean_plan(self):
        return clean_topics(self.cleaned_data["plan"])


class TemplateChoiceForm(forms.Form):
    """The template a new programme starts from: a GET form, its choice refills the programme."""

    template = forms.ModelChoiceField(
        label="Шаблон программы",
        queryset=ProgrammeTemplate.objects.none(),
        required=False,
        empty_label="— без шаблона —",
        widget=AutoSubmitSelect,
    )

    def __init__(self, query, *, audience):
        templates = ProgrammeTemplate.objects.filter(audience=audience)
        super().__init__(query if "template" in query else None, initial={"template": templates.first()})
        self.fields["template"].queryset = templates

    @property
    def chosen(self):
        """The template asked for; the audience's first one when none was."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["template"]
        return self.initial["template"]


class ProgrammeTemplateForm(forms.ModelForm):
    class Meta:
        model = ProgrammeTemplate
        fields = ["name", "audience", "goal", "tasks", "expected_results", "plan", "position"]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "tasks": forms.Textarea(attrs={"rows": 5}),
            "expected_results": forms.Textarea(attrs={"rows": 4}),
            "plan": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить шаблон")

    def clean_plan(self):
        if not clean_topics(self.cleaned_data["plan"]):
            raise ValidationError("Напишите хотя бы одну тему встречи.")
        return self.cleaned_data["plan"]


class ProgrammeFilter(django_filters.FilterSet):
    """The programmes list: by status, and what the curator still has to do."""

    STATUSES = [(value, label) for value, label in Mentorship.Status.choices if value != Mentorship.Status.TERMINATED]
    TODO = [("no_programme", "без программы"), ("unapproved", "календарь не утверждён")]

    status = django_filters.ChoiceFilter(
        label="Статус", choices=STATUSES, empty_label="Все статусы", widget=AutoSubmitSelect
    )
    todo = django_filters.ChoiceFilter(
        label="Программа", choices=TODO, method="by_todo", empty_label="Все программы", widget=AutoSubmitSelect
    )

    class Meta:
        model = Mentorship
        fields = ["status", "todo"]

    def by_todo(self, queryset, name, value):
        """Expects ``calendar.with_progress`` annotations."""
        if value == "no_programme":
            return queryset.filter(has_programme=False)
        return queryset.filter(calendar_approved=False)


# ---------------------------------------------------------------------------------------------
# Meetings
# ---------------------------------------------------------------------------------------------

MEETING_WIDGETS = {
    "planned_on": DateInput(),
    "planned_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    "held_on": DateInput(),
    "format": forms.RadioSelect,
    "notes": forms.Textarea(attrs={"rows": 3}),
}


class PlanForm(forms.ModelForm):
    """A meeting the curator adds to the calendar."""

    class Meta:
        model = Meeting
        fields = ["stage", "topic", "planned_on", "planned_time"]
        widgets = MEETING_WIDGETS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["planned_on"].required = True
        self.helper = submit_helper("Добавить в календарь")


class LogForm(forms.ModelForm):
    """The journal entry of a meeting: the curator's or the pair's mentor's.

    Only a held meeting has a date held (the planned one by default) and a duration.
    """

    HELD_CHOICES = [("", "ещё не отмечена"), ("True", "состоялась"), ("False", "не состоялась")]

    held = forms.TypedChoiceField(
        label="Встреча",
        choices=HELD_CHOICES,
        coerce=lambda value: value == "True",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    duration = forms.IntegerField(
        label="Длительность, мин",
        required=False,
        min_value=5,
        max_value=600,
        error_messages={
            "min_value": "Длительность встречи — от 5 до 600 минут.",
            "max_value": "Длительность встречи — от 5 до 600 минут.",
        },
    )

    submit_label = "Сохранить отметку"

    class Meta:
        model = Meeting
        fields = ["held", "held_on", "duration", "format", "topic", "notes"]
        widgets = MEETING_WIDGETS
        error_messages = {"held_on": {"required": "Укажите дату проведения встречи."}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.held_on is None:
            self.initial["held_on"] = self.instance.planned_on
        self.helper = submit_helper(self.submit_label)

    def clean(self):
        cleaned = super().clean()
        held = cleaned.get("held") if "held" in self.fields else self.instance.held
        held_on = cleaned.get("held_on")
        if not held:
            cleaned["held_on"] = cleaned["duration"] = None
        elif held_on is None and "held_on" not in self.errors:
            self.add_error("held_on", "Укажите дату проведения встречи.")
        elif held_on and held_on > timezone.localdate():
            self.add_error("held_on", "Дата проведения ещё не наступила.")
        return cleaned


class MeetingForm(LogForm):
    """The curator's whole meeting: its place in the calendar and its journal entry."""

    submit_label = "Сохранить"

    class Meta(LogForm.Meta):
        fields = ["stage", "topic", "planned_on", "planned_time", "held", "held_on", "duration", "format", "notes"]


class HeldMeetingForm(LogForm):
    """A meeting the pair's mentor held outside the calendar: in the journal at once."""

    submit_label = "Добавить в журнал"

    class Meta(LogForm.Meta):
        fields = ["stage", "topic", "held_on", "duration", "format", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["held"]
        self.instance.held = True
        self.fields["held_on"].required = True


# ---------------------------------------------------------------------------------------------
# Events
# ---------------------------------------------------------------------------------------------


class _MentorshipChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, mentorship):
        mentees = ", ".join(mentee.person.short_name for mentee in mentorship.mentees.all())
        return f"{mentorship}: {mentorship.mentor.person.short_name} — {mentees}"


class EventForm(forms.ModelForm):
    """A meeting of many pairs and groups; a new one has all the year's pairs and groups ticked."""

    mentorships = _MentorshipChoices(
        label="Пары и группы",
        queryset=Mentorship.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Действующие и завершённые пары и группы учебного года",
    )

    class Meta:
        model = Event
        fields = ["kind", "title", "held_on", "place", "notes", "mentorships"]
        widgets = {"held_on": DateInput(), "notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = self.instance
        taking_part = Q(pk__in=event.mentorships.all()) if event.pk else Q(pk__in=[])
        choices = (
            Mentorship.objects.filter(year=event.year_id)
            .filter(~Q(status=Mentorship.Status.TERMINATED) | taking_part)
            .for_list()
            .order_by("mentor__person__last_name", "pk")
        )
        self.fields["mentorships"].queryset = choices
        if event.pk is None:
            self.initial["mentorships"] = choices
        self.helper = submit_helper("Сохранить")

    def clean_held_on(self):
        held_on, year = self.cleaned_data["held_on"], self.instance.year
        if not year.start_date <= held_on <= year.end_date:
            raise ValidationError(
                f"Дата должна относиться к {year} учебному году: {year.start_date:%d.%m.%Y} — {year.end_date:%d.%m.%Y}."
            )
        return held_on
