from crispy_forms.bootstrap import InlineCheckboxes
from crispy_forms.layout import Layout
from django import forms
from django.db.models import Max

from mentoring.forms import DateInput, submit_helper
from mentoring.names import latin_code
from participants.models import MentoringForm, SchoolClass
from surveys.models import CODE_VALIDATOR, Choice, Invitation, Question, Section, Survey


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = [
            "title",
            "purpose",
            "audience",
            "introduction",
            "thanks",
            "opens_on",
            "closes_on",
            "link_days",
            "anonymous",
            "confidential",
            "compare_with",
        ]
        widgets = {
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "thanks": forms.Textarea(attrs={"rows": 2}),
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        before = Survey.objects.filter(purpose=Survey.Purpose.BEFORE)
        before = before.filter(is_template=True) if self.instance.is_template else before.filter(year=year)
        self.fields["compare_with"].queryset = before.exclude(pk=self.instance.pk)
        self.fields["compare_with"].empty_label = "— не сравнивать —"
        if self.instance.is_template:
            for name in ("opens_on", "closes_on"):
                del self.fields[name]
        self.helper = submit_helper("Сохранить")

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_on"), cleaned.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", "Дата окончания приёма раньше даты начала.")
        if closes and not opens:
            self.add_error("opens_on", "Укажите, с какого дня принимать ответы.")
        return cleaned


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить раздел")


class QuestionForm(forms.ModelForm):
    """A question with its choices written one per line, as a curator types a list."""

    choices_text = forms.CharField(
        label="Варианты ответа",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="По одному в строке; только для вопросов с выбором вариантов.",
    )

    class Meta:
        model = Question
        fields = ["section", "kind", "text", "help_text", "required", "code"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.fields["section"].queryset = survey.sections.all()
        self.fields["section"].empty_label = None
        self.fields["code"].required = False
        self.fields["code"].help_text += ". Оставьте пустым — код будет создан автоматически."
        self.answered = self.instance.pk is not None and self.instance.answers.exists()
        if self.instance.pk:
            self.initial["choices_text"] = "\n".join(choice.text for choice in self.instance.choices.all())
        self.helper = submit_helper("Сохранить вопрос")

    def clean_code(self):
        code = self.cleaned_data["code"].strip()
        if not code:
            return code
        taken = self.survey.questions.filter(code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("В анкете уже есть вопрос с таким кодом.")
        return code

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.answered and kind != self.instance.kind:
            raise forms.ValidationError("На вопрос уже отвечали: тип изменить нельзя, создайте новый вопрос.")
        return kind

    def clean(self):
        cleaned = super().clean()
        lines = list(dict.fromkeys(line.strip() for line in cleaned.get("choices_text", "").splitlines()))
        lines = [line for line in lines if line]
        kind = cleaned.get("kind")
        if kind in Question.WITH_CHOICES and len(lines) < 2:
            self.add_error("choices_text", "Укажите не меньше двух вариантов ответа.")
        if any(len(line) > 300 for line in lines):
            self.add_error("choices_text", "Вариант ответа длиннее 300 знаков.")
        self.choice_lines = lines if kind in Question.WITH_CHOICES else []
        if self.instance.pk and not self.errors:
            kept = set(self.choice_lines)
            dropped = self.instance.choices.exclude(text__in=kept).filter(answers__isnull=False).distinct()
            if names := ", ".join(f"«{choice.text}»" for choice in dropped):
                self.add_error("choices_text", f"Эти варианты уже выбирали, их нельзя удалить: {names}.")
        return cleaned

    def save(self, commit=True):
        question = super().save(commit=False)
        question.survey = self.survey
        if not question.code:
            question.code = _free_code(self.survey)
        if question.pk is None:
            last = self.survey.questions.filter(section=question.section).aggregate(last=Max("position"))["last"]
            question.position = (last or 0) + 1
        question.save()
        set_choices(question, self.choice_lines)
        return question


def _free_code(survey):
    taken = set(survey.questions.values_list("code", flat=True))
    return next(f"q{number}" for number in range(1, len(taken) + 2) if f"q{number}" not in taken)


def set_choices(question, lines):
    """Make ``question``'s choices the ``lines``: a kept text keeps its code and its answers."""
    existing = {choice.text: choice for choice in question.choices.all()}
    question.choices.exclude(text__in=lines).delete()
    taken = {choice.value for text, choice in existing.items() if text in lines}
    for position, text in enumerate(lines, start=1):
        choice = existing.get(text)
        if choice is None:
            choice = Choice(question=question, text=text, value=_unique(latin_code(text), taken))
            taken.add(choice.value)
        choice.position = position
        choice.save()


def _unique(code, taken):
    candidate, number = code, 2
    while candidate in taken:
        candidate = f"{code}_{number}"
        number += 1
    CODE_VALIDATOR(candidate)
    return candidate


class InviteForm(forms.Form):
    """Whom to invite: a choice of groups of people, and who answers for each of them."""

    GROUPS = ("classes", "all_staff", "all_mentees", "mentees_of_form", "all_mentors")

    classes = forms.ModelMultipleChoiceField(
        label="Классы", queryset=SchoolClass.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    all_staff = forms.BooleanField(label="Все педагоги и сотрудники", required=False)
    all_mentees = forms.BooleanField(label="Все наставляемые года", required=False)
    mentees_of_form = forms.ModelChoiceField(
        label="Наставляемые формы", queryset=MentoringForm.objects.filter(is_active=True), required=False
    )
    all_mentors = forms.BooleanField(label="Все наставники года", required=False)
    respondent_role = forms.ChoiceField(
        label="Кто отвечает",
        choices=[
            (Invitation.Respondent.SELF, "сам участник"),
            (Invitation.Respondent.PARENT, "родитель (законный представитель) — о своём ребёнке"),
            (Invitation.Respondent.CLASS_LEADER, "классный руководитель — о каждом ученике"),
        ],
        initial=Invitation.Respondent.SELF,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["classes"].queryset = SchoolClass.objects.filter(year=year).order_by("grade", "letter")
        self.fields["mentees_of_form"].empty_label = "— не выбрано —"
        self.helper = submit_helper("Создать приглашения")
        self.helper.layout = Layout(InlineCheckboxes("classes"), *[name for name in self.fields if name != "classes"])

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in self.GROUPS):
            raise forms.ValidationError("Выберите, кого пригласить.")
        return cleaned
