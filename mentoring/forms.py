from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm

from mentoring import evidence
from mentoring.models import AcademicYear, RoadmapActivity, School


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def submit_helper(submit_label):
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    return helper


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Логин"


class ActivityForm(forms.ModelForm):
    evidence_code = forms.ChoiceField(label="Подтверждение данными", required=False)

    class Meta:
        model = RoadmapActivity
        fields = ["title", "expected_result", "start_date", "end_date", "responsible", "evidence_code"]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "expected_result": forms.Textarea(attrs={"rows": 3}),
            "responsible": forms.Textarea(attrs={"rows": 2}),
            "start_date": DateInput(),
            "end_date": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence_code"].choices = [("", "— отмечается вручную —"), *evidence.choices()]
        self.fields["evidence_code"].help_text = RoadmapActivity._meta.get_field("evidence_code").help_text
        self.helper = submit_helper("Сохранить")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "Срок не может быть раньше начала.")
        return cleaned


class DoneForm(forms.Form):
    """The note marking an activity done; the form itself is written out in the roadmap's rows."""

    note = forms.CharField(label="Примечание", required=False, max_length=2000)


class SchoolForm(forms.ModelForm):
    site = forms.URLField(label="Сайт", required=False, assume_scheme="https")

    class Meta:
        model = School
        fields = [
            "full_name",
            "short_name",
            "director_title",
            "director_name",
            "address",
            "city",
            "phone",
            "email",
            "site",
        ]
        widgets = {"full_name": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить реквизиты")


class AcademicYearForm(forms.ModelForm):
    with_roadmap = forms.BooleanField(label="Создать дорожную карту по типовой", required=False, initial=True)

    class Meta:
        model = AcademicYear
        fields = ["start_year"]
