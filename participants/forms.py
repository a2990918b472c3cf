from django import forms
from django.core.exceptions import ValidationError

from mentoring import names
from mentoring.forms import DateInput, submit_helper
from participants.models import (
    Mentee,
    Mentor,
    MentoringForm,
    MentoringKind,
    MentorProfile,
    Person,
    RequestNote,
    RoleModel,
    SchoolClass,
)


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "last_name",
            "first_name",
            "patronymic",
            "birth_date",
            "kind",
            "school_class",
            "position",
            "career_start",
            "organisation",
            "email",
            "phone",
        ]
        widgets = {"birth_date": DateInput()}

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_class"].queryset = SchoolClass.objects.filter(year=year)
        self.fields["school_class"].help_text = "Для обучающихся"
        self.helper = submit_helper("Сохранить")

    def clean(self):
        data = super().clean()
        for field in ("last_name", "first_name", "patronymic"):
            if data.get(field):
                data[field] = names.tidy(data[field])
        full_name = names.full_name(*(data.get(field) or "" for field in ("last_name", "first_name", "patronymic")))
        if len(names.search_key(full_name)) > Person._meta.get_field("search_name").max_length:
            self.add_error("last_name", "ФИО слишком длинное.")
        if data.get("kind") == Person.Kind.STUDENT and not data.get("school_class"):
            self.add_error("school_class", "Укажите класс обучающегося.")
        if data.get("kind") != Person.Kind.STUDENT:
            data["school_class"] = None
        return data


class SchoolClassForm(forms.ModelForm):
    class Meta:
        model = SchoolClass
        fields = ["grade", "letter", "class_leader"]

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.year = year
        self.fields["class_leader"].queryset = Person.objects.filter(kind__in=Person.STAFF_KINDS)
        self.helper = submit_helper("Сохранить")

    def clean_letter(self):
        return self.cleaned_data["letter"].strip().upper()

    def clean(self):
        data = super().clean()
        same = SchoolClass.objects.filter(year=self.instance.year, grade=data.get("grade"), letter=data.get("letter"))
        if same.exclude(pk=self.instance.pk).exists():
            raise ValidationError("Такой класс в этом учебном году уже есть.")
        return data


class MenteeForm(forms.ModelForm):
    class Meta:
        model = Mentee
        fields = ["status", "form", "role_model", "request", "support", "notes"]
        widgets = {
            "request": forms.Textarea(attrs={"rows": 3}),
            "support": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["form"].queryset = MentoringForm.objects.filter(is_active=True)
        self.fields["role_model"].queryset = RoleModel.objects.select_related("form").filter(form__is_active=True)
        self.fields["role_model"].label_from_instance = lambda model: f"{model.form}: {model}"
        self.helper = submit_helper("Сохранить")

    def clean(self):
        data = super().clean()
        if data.get("status") == Mentee.Status.SUPPORT and not data.get("support", "").strip():
            self.add_error("support", "Опишите сопровождение, которое получает наставляемый без пары.")
        role_model, form = data.get("role_model"), data.get("form")
        if role_model and role_model.form_id != getattr(form, "pk", None):
            self.add_error("role_model", "Ролевая модель должна относиться к выбранной форме наставничества.")
        return data


class MentorForm(forms.ModelForm):
    class Meta:
        model = Mentor
        fields = ["status", "forms", "competencies", "subjects", "capacity", "notes"]
        widgets = {
            "forms": forms.CheckboxSelectMultiple,
            "competencies": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms"].queryset = MentoringForm.objects.filter(is_active=True)
        self.helper = submit_helper("Сохранить")


class MentorProfileForm(forms.ModelForm):
    class Meta:
        model = MentorProfile
        fields = ["rating", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить")


class RequestNoteForm(forms.ModelForm):
    class Meta:
        model = RequestNote
        fields = ["source", "text"]
        widgets = {"source": forms.RadioSelect, "text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить сведения")


class ToBankForm(forms.Form):
    """People chosen on the directory page, to be included in one of the year's banks."""

    BANKS = [("mentees", "в банк наставляемых"), ("mentors", "в банк наставников")]

    bank = forms.ChoiceField(choices=BANKS)
    people = forms.ModelMultipleChoiceField(queryset=Person.objects.all())

    def clean_people(self):
        people = self.cleaned_data["people"]
        if len(people) > 500:
            raise ValidationError("Выберите не больше 500 человек за раз.")
        return people


class MentoringFormForm(forms.ModelForm):
    role_models = forms.CharField(
        label="Ролевые модели",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="По одной на строке. Удалить модель, которая уже выбрана у наставляемых, нельзя.",
    )

    class Meta:
        model = MentoringForm
        fields = [
            "name",
            "audience",
            "description",
            "is_active",
            "position",
            "mentor_kind",
            "min_grade_gap",
            "default_capacity",
            "months",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["role_models"] = "\n".join(model.name for model in self.instance.role_models.all())
        self.helper = submit_helper("Сохранить")

    def clean_role_models(self):
        names = []
        for line in self.cleaned_data["role_models"].splitlines():
            name = " ".join(line.split())
            if name and name not in names:
                if len(name) > 200:
                    raise ValidationError(f"Слишком длинное название ролевой модели: «{name[:40]}…».")
                names.append(name)
        return names


class MentoringKindForm(forms.ModelForm):
    class Meta:
        model = MentoringKind
        fields = ["name", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить")
