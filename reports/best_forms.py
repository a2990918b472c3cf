"""Forms of the year's completion: marking best practices, a case, the long-term mentor base."""

from django import forms

from mentoring.forms import submit_helper
from mentoring.material_forms import TagsField
from mentoring.models import Material


class MarkForm(forms.Form):
    """The ticks of the best-practices page: pairs and mentors, among those listed."""

    pair = forms.TypedMultipleChoiceField(coerce=int, required=False)
    mentor = forms.TypedMultipleChoiceField(coerce=int, required=False)

    def __init__(self, *args, listing, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].choices = [(m.pk, m.pk) for m in listing.finished + listing.active]
        self.fields["mentor"].choices = [(m.pk, m.pk) for m in listing.mentors]


class CaseForm(forms.Form):
    title = forms.CharField(label="Название", max_length=Material._meta.get_field("title").max_length)
    text = forms.CharField(
        label="Текст кейса",
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Кейс может быть опубликован: детей называйте только по фамилии и инициалу.",
    )
    tags = TagsField()
    authors = forms.CharField(label="Авторы", max_length=Material._meta.get_field("authors").max_length, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = submit_helper("Сохранить кейс в копилку")


class ProfileRowForm(forms.Form):
    """One mentor's long-term record; ``person`` keys the row."""

    person = forms.IntegerField(widget=forms.HiddenInput)
    rating = forms.TypedChoiceField(
        label="Рейтинг",
        choices=[("", "—"), *((value, value) for value in range(1, 6))],
        coerce=int,
        empty_value=None,
        required=False,
    )
    notes = forms.CharField(label="Заметки", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].widget.attrs.update({"class": "form-select form-select-sm"})
        self.fields["notes"].widget.attrs.update({"class": "form-control form-control-sm"})

    def clean_notes(self):
        return self.cleaned_data["notes"].strip()


ProfileFormSet = forms.formset_factory(ProfileRowForm, extra=0, max_num=2000, validate_max=True)
