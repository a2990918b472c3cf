"""The form of a row of the region's report: the region's wording, a figure, a period."""

from django import forms

from mentoring.forms import DateInput, submit_helper
from reports import indicators
from reports.models import Indicator


class IndicatorForm(forms.ModelForm):
    metric = forms.ChoiceField(
        label="Чем заполняется",
        help_text=f"Показатели с пометкой «{indicators.YEAR_NOTE}» считаются по выбранному учебному году; "
        "остальные — за даты периода.",
    )

    class Meta:
        model = Indicator
        fields = ["name", "metric", "period", "starts_on", "ends_on"]
        widgets = {
            "name": forms.Textarea(attrs={"rows": 2}),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
        }
        help_texts = {"starts_on": "Только для своего периода", "name": "Дословно, как в форме региона"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metric"].choices = [("", "— выберите показатель —"), *indicators.choices()]
        self.helper = submit_helper("Сохранить")

    def clean(self):
        data = super().clean()
        if data.get("period") != Indicator.Period.CUSTOM:
            data["starts_on"] = data["ends_on"] = None
        return data
