"""Forms of the register: the requisites and text of a draft, what each kind adds, signing."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from mentoring import roles
from mentoring.forms import DateInput
from mentoring.models import NormativeAct, User
from pairs.models import Event
from participants.uploads import ScanField
from reports import documents
from reports.models import YearReview

Kind = NormativeAct.Kind


class NumberDateMixin:
    """Checks the number against the register: unique among the series in its calendar year."""

    def clean(self):
        cleaned = super().clean()
        number, day = cleaned.get("number"), cleaned.get("date")
        if number and day and documents.number_taken(self.kind, number, day, exclude=self.act):
            self.add_error(
                "number",
                f"{NormativeAct.title_of(self.kind)} с таким номером в {day.year} году уже есть.",
            )
        return cleaned


# The longest texts a document takes, in characters: a real Положение runs to about 40,000; a limit
# keeps a pasted book from tying up the PDF renderer.
TEXT_LIMIT = 20_000
REGULATION_LIMIT = 200_000


def limit(field, length):
    """Cap a text field at ``length`` characters, in the browser and on the server."""
    field.max_length = length
    field.validators.append(MaxLengthValidator(length))
    field.widget.attrs["maxlength"] = str(length)


class ActForm(NumberDateMixin, forms.ModelForm):
    class Meta:
        model = NormativeAct
        fields = ["number", "date", "heading", "preamble", "items"]
        widgets = {
            "date": DateInput(),
            "heading": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 6}),
            "items": forms.Textarea(attrs={"rows": 10}),
        }
        help_texts = {"heading": "Начинается с «О …», например «О закреплении наставнических пар»"}

    def __init__(self, *args, kind, act=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.act = kind, act
        if kind == Kind.COUNCIL_PROTOCOL:
            # A protocol has no preamble or items: its agenda says everything.
            for name in ("preamble", "items"):
                del self.fields[name]
            self.fields["heading"].label = "Тема заседания"
        for name in ("preamble", "items"):
            if name in self.fields:
                limit(self.fields[name], TEXT_LIMIT)

    def clean_heading(self):
        return " ".join(self.cleaned_data["heading"].split())


class NewActForm(forms.Form):
    """The first step of a draft: its number and date; the text comes from the kind's defaults.
    ``documents.create_draft`` checks the number, so that a form sent twice finds its draft."""

    number = forms.CharField(label="Номер", max_length=30)
    date = forms.DateField(label="Дата", widget=DateInput())


class SignForm(NumberDateMixin, forms.Form):
    number = forms.CharField(label="Номер", max_length=30)
    date = forms.DateField(label="Дата подписания", widget=DateInput())

    def __init__(self, *args, act, **kwargs):
        kwargs.setdefault("initial", {"number": act.number, "date": min(act.date, timezone.localdate())})
        super().__init__(*args, **kwargs)
        self.kind, self.act = act.kind, act

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError("Документ нельзя подписать будущей датой.")
        return day


class ScanForm(forms.Form):
    scan = ScanField(label="Скан подписанного документа")


# The parts a kind keeps in ``NormativeAct.content``.


class ContentForm(forms.Form):
    """Reads its initial values from ``act.content`` and writes its cleaned data back."""

    def __init__(self, *args, act, **kwargs):
        kwargs.setdefault("initial", act.content)
        super().__init__(*args, **kwargs)
        self.act = act

    def content(self):
        return {name: self.cleaned_data[name] for name in self.fields}


class RegulationForm(ContentForm):
    regulation = forms.CharField(
        label="Текст Положения (приложение к приказу)",
        max_length=REGULATION_LIMIT,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Строка, начинающаяся с «# », — заголовок раздела; остальные строки — абзацы.",
    )


class CuratorForm(ContentForm):
    curator = forms.ModelChoiceField(label="Куратор", queryset=User.objects.none())

    def __init__(self, *args, act, **kwargs):
        super().__init__(*args, act=act, **kwargs)
        users = User.objects.filter(is_active=True).exclude(last_name="")
        self.fields["curator"].queryset = users
        self.fields["curator"].label_from_instance = lambda user: " — ".join(
            part for part in (user.get_full_name(), user.position) if part
        )
        curators = users.filter(groups__name=roles.CURATOR).values_list("pk", flat=True)
        self.fields["curator"].help_text = "Должность берётся из учётной записи." + (
            "" if curators else " Ни у кого пока нет роли «Куратор»."
        )

    def content(self):
        return {"curator": self.cleaned_data["curator"].pk}


class FinalEventForm(ContentForm):
    event = forms.ModelChoiceField(
        label="Итоговое мероприятие",
        queryset=Event.objects.none(),
        required=False,
        help_text="Из раздела «Общие встречи»: его участники войдут в приложение к приказу.",
    )

    def __init__(self, *args, act, **kwargs):
        super().__init__(*args, act=act, **kwargs)
        self.fields["event"].queryset = Event.objects.filter(year=act.year).order_by("-held_on")

    def content(self):
        event = self.cleaned_data["event"]
        return {"event": event.pk if event else None}


class ProtocolForm(ContentForm):
    chair = forms.CharField(label="Председатель", max_length=300, help_text="Фамилия Имя Отчество")
    secretary = forms.CharField(label="Секретарь", max_length=300, help_text="Фамилия Имя Отчество")
    members_total = forms.IntegerField(
        label="Членов педагогического совета", min_value=1, max_value=1000, required=False
    )
    quorum_percent = forms.IntegerField(
        label="Кворум, % членов совета",
        min_value=0,
        max_value=100,
        initial=50,
        help_text="Заседание правомочно, если присутствует больше этой доли членов совета (по уставу школы).",
    )
    present = forms.CharField(
        label="Присутствовали",
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Каждый — с новой строки. Больше десяти человек: в протоколе число, список — приложением.",
    )
    invited = forms.CharField(
        label="Приглашённые", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, act, **kwargs):
        initial = {**act.content, "present": "\n".join(act.content.get("present", []))}
        super().__init__(*args, act=act, initial=initial, **kwargs)

    def clean_present(self):
        return [" ".join(line.split()) for line in self.cleaned_data["present"].splitlines() if line.strip()]

    def clean(self):
        cleaned = super().clean()
        present, total = cleaned.get("present"), cleaned.get("members_total")
        if present and total and len(present) > total:
            self.add_error("present", f"Присутствующих ({len(present)}) больше, чем членов совета ({total}).")
        return cleaned


class AgendaItemForm(forms.Form):
    question = forms.CharField(label="Вопрос повестки", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 2}))
    heard = forms.CharField(label="СЛУШАЛИ", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))
    spoke = forms.CharField(
        label="ВЫСТУПИЛИ", required=False, max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3})
    )
    decided = forms.CharField(label="ПОСТАНОВИЛИ", max_length=TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 3}))
    votes_for = forms.IntegerField(label="за", min_value=0, max_value=1000, required=False)
    votes_against = forms.IntegerField(label="против", min_value=0, max_value=1000, initial=0)
    votes_abstained = forms.IntegerField(label="воздержались", min_value=0, max_value=1000, initial=0)


# A council's agenda is a few questions. Django's own cap is a thousand forms beyond ``max_num``:
# a forged form count would make the page build and render that many.
AGENDA_MAX = 50
AgendaFormSet = forms.formset_factory(
    AgendaItemForm,
    extra=1,
    min_num=1,
    validate_min=True,
    max_num=AGENDA_MAX,
    absolute_max=AGENDA_MAX,
    validate_max=True,
    can_delete=True,
)


CONTENT_FORMS = {
    Kind.COUNCIL_PROTOCOL: ProtocolForm,
    Kind.REGULATION_ORDER: RegulationForm,
    Kind.CURATOR_ORDER: CuratorForm,
    Kind.FINAL_EVENT_ORDER: FinalEventForm,
}


def agenda_formset(act, data=None):
    if act.kind != Kind.COUNCIL_PROTOCOL:
        return None
    return AgendaFormSet(data, initial=act.content.get("agenda", []), prefix="agenda")


def agenda(formset):
    return [
        {name: form.cleaned_data[name] for name in AgendaItemForm.base_fields}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class MonitoringSettingsForm(forms.ModelForm):
    class Meta:
        model = YearReview
        fields = ["coverage_target", "age_from", "age_to"]

    def clean(self):
        data = super().clean()
        if data.get("age_from") is not None and data.get("age_to") is not None and data["age_to"] < data["age_from"]:
            self.add_error("age_to", "Верхняя граница возраста не может быть меньше нижней.")
        return data


class SwotForm(forms.ModelForm):
    class Meta:
        model = YearReview
        fields = ["strengths", "weaknesses", "opportunities", "threats", "conclusions"]
        widgets = {name: forms.Textarea(attrs={"rows": 6}) for name in fields}
