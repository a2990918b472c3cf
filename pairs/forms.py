"""Forms of matching and of the pairs' and groups' records."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentoring.forms import DateInput, submit_helper
from pairs import pool
from pairs.models import MatchingCriterion, Mentorship, PairRule
from participants.models import Mentee, Mentor, MentoringForm, RoleModel
from surveys.models import Survey


class CriterionForm(forms.ModelForm):
    class Meta:
        model = MatchingCriterion
        fields = ["label", "mentee_code", "mentor_code", "comparison", "weight", "required", "is_active", "position"]
        widgets = {
            "mentee_code": forms.TextInput(attrs={"list": "question-codes"}),
            "mentor_code": forms.TextInput(attrs={"list": "question-codes"}),
        }


CriterionFormSet = forms.modelformset_factory(
    MatchingCriterion, form=CriterionForm, extra=1, can_delete=True, max_num=30, validate_max=True
)


class RunForm(forms.Form):
    coverage_first = forms.BooleanField(
        label="Сначала дать наставника как можно большему числу наставляемых",
        required=False,
        help_text="Иначе подбор ищет наибольшую суммарную совместимость",
    )


def _person_label(record):
    place = record.person.place
    return f"{record.person.full_name}{f' ({place})' if place else ''}"


class RecordChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, record):
        return _person_label(record)


class RecordMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, record):
        return _person_label(record)


class PairRuleForm(forms.Form):
    """A rule for one pair. Not a model form: ``workflow.set_rule`` replaces the pair's rule and the
    mentee's other lock, which the model's unique constraints would refuse as duplicates."""

    mentee = RecordChoiceField(label="Наставляемый", queryset=Mentee.objects.none())
    mentor = RecordChoiceField(label="Наставник", queryset=Mentor.objects.none())
    kind = forms.ChoiceField(label="Правило", choices=[("", "---------"), *PairRule.Kind.choices])

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentee"].queryset = Mentee.objects.filter(year=year).select_related("person__school_class")
        self.fields["mentor"].queryset = Mentor.objects.filter(year=year).select_related("person__school_class")
        self.helper = submit_helper("Добавить правило")


class SupportForm(forms.Form):
    support = forms.CharField(
        label="Психолого-педагогическое сопровождение",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text="Кто и как поддерживает наставляемого, пока поиск наставника продолжается",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить")


class MentorshipForm(forms.ModelForm):
    class Meta:
        model = Mentorship
        fields = ["title", "form", "role_model", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.is_group:
            del self.fields["title"]
        else:
            self.fields["title"].required = True
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["role_model"].queryset = RoleModel.objects.select_related("form")
        self.fields["role_model"].label_from_instance = lambda model: f"{model.form}: {model}"
        self.helper = submit_helper("Сохранить")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", "Окончание раньше начала.")
        model, form = cleaned.get("role_model"), cleaned.get("form")
        if model and form and model.form_id != form.pk:
            self.add_error("role_model", f"Эта ролевая модель относится к форме «{model.form}».")
        return cleaned


class GroupForm(forms.Form):
    title = forms.CharField(label="Название группы", max_length=300, help_text="Например, «Олимпиада по физике»")
    form = forms.ModelChoiceField(label="Форма наставничества", queryset=MentoringForm.objects.none())
    mentor = RecordChoiceField(label="Наставник", queryset=Mentor.objects.none())
    mentees = RecordMultipleChoiceField(
        label="Наставляемые",
        queryset=Mentee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Наставляемые года без пары или группы",
    )

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["mentor"].queryset = pool.available_mentors(year).select_related("person__school_class")
        self.fields["mentees"].queryset = (
            pool.unpaired_mentees(year)
            .select_related("person__school_class")
            .order_by("person__school_class__grade", "person__school_class__letter", "person__last_name")
        )
        self.helper = submit_helper("Создать группу")

    def clean_mentees(self):
        mentees = self.cleaned_data["mentees"]
        if len(mentees) < 2:
            raise ValidationError("В группе хотя бы два наставляемых; для одного создайте пару.")
        return mentees


class MembersForm(forms.Form):
    mentees = RecordMultipleChoiceField(
        label="Добавить в группу", queryset=Mentee.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, mentorship, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentees"].queryset = pool.unpaired_mentees(mentorship.year).select_related("person__school_class")


class InlineForm(forms.Form):
    """A small form written out field by field on a pair's page: its widgets carry Bootstrap's classes."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)


class FinishForm(InlineForm):
    achievements = forms.CharField(
        label="Достижения", widget=forms.Textarea(attrs={"rows": 4}), max_length=5000, help_text="Что получилось"
    )
    outcome = forms.ChoiceField(label="Итог", choices=Mentorship.Outcome.choices)
    best_practice = forms.BooleanField(label="Лучшая практика", required=False)
    ended_on = forms.DateField(label="Дата завершения", widget=DateInput(), initial=timezone.localdate)


class TerminateForm(InlineForm):
    reason = forms.CharField(label="Причина", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    ended_on = forms.DateField(label="Дата прекращения", widget=DateInput(), initial=timezone.localdate)


class InviteForm(InlineForm):
    """A questionnaire for a pair: feedback after the first meetings, before and after the programme."""

    PURPOSES = [Survey.Purpose.FEEDBACK, Survey.Purpose.BEFORE, Survey.Purpose.AFTER]

    survey = forms.ModelChoiceField(label="Анкета", queryset=Survey.objects.none())

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["survey"].queryset = Survey.objects.of_year(year).filter(purpose__in=self.PURPOSES, stopped=False)
