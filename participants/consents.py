"""Consents: recording and withdrawing them, and what a person still lacks.

Each consent is a document of its own (152-ФЗ since 01.09.2025): processing of personal
data; dissemination, that is publication on the school's site; and for the school's own
staff the consent to mentoring under ТК РФ ст. 351.8.
"""

import datetime

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.db import IntegrityError, transaction
from django.utils import timezone

from mentoring import storage
from mentoring.forms import DateInput
from participants.models import Consent
from participants.uploads import ScanField

ADULT_AGE = 18
COVERS = ["covers_name", "covers_photo", "covers_results"]
ALREADY_GIVEN = next(
    c.violation_error_message for c in Consent._meta.constraints if c.name == "one_active_consent_per_kind"
)


def birthday(birth_date, age):
    """The day a person born on ``birth_date`` turns ``age`` (born on 29 February: on 1 March)."""
    try:
        return birth_date.replace(year=birth_date.year + age)
    except ValueError:
        return datetime.date(birth_date.year + age, 3, 1)


def adult_on(birth_date):
    """The day a person born on ``birth_date`` comes of age."""
    return birthday(birth_date, ADULT_AGE)


def is_minor(person, day):
    return person.birth_date is not None and day < adult_on(person.birth_date)


def required_kinds(person, year=None):
    """The consents ``person`` must have: personal data for anyone in a bank (of ``year``, or of
    any year), and the labour-law consent for a member of staff who mentors. Dissemination is
    never required: without it nothing of the person is published."""
    mentees, mentors = person.mentee_records.all(), person.mentor_records.all()
    if year is not None:
        mentees, mentors = mentees.filter(year=year), mentors.filter(year=year)
    is_mentor = mentors.exists()
    kinds = []
    if is_mentor or mentees.exists():
        kinds.append(Consent.Kind.PERSONAL_DATA)
    if is_mentor and person.is_staff_member:
        kinds.append(Consent.Kind.LABOUR)
    return kinds


def active_kinds(person):
    """The kinds of consent ``person`` has in force (uses prefetched ``person.consents``)."""
    return {consent.kind for consent in person.consents.all() if consent.is_active}


def missing_consents(person, year=None):
    """The kinds of consent ``person`` still lacks (``Consent.Kind`` members, with ``.label``)."""
    active = active_kinds(person)
    return [kind for kind in required_kinds(person, year) if kind not in active]


def card_context(person, year=None):
    """What ``participants/_card_consents.html`` shows besides ``person`` and ``can_edit``."""
    consents = list(person.consents.order_by("kind", "-given_on", "-pk"))
    active = {c.kind for c in consents if c.is_active}
    return {
        "consents": consents,
        "missing_consents": [kind for kind in required_kinds(person, year) if kind not in active],
        "has_dissemination": Consent.Kind.DISSEMINATION in active,
    }


class ConsentForm(forms.ModelForm):
    scan = ScanField(label="Скан согласия", required=False)

    class Meta:
        model = Consent
        fields = [
            "kind",
            "given_by",
            "representative_name",
            "representative_document",
            "given_on",
            *COVERS,
            "scan",
        ]
        widgets = {"given_by": forms.RadioSelect, "given_on": DateInput()}
        help_texts = {"representative_name": "Заполняется, если согласие дал законный представитель"}

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.person = person
        today = timezone.localdate()
        self.fields["given_on"].initial = today
        if is_minor(person, today):
            self.fields["given_by"].initial = Consent.GivenBy.REPRESENTATIVE
        self.fields["kind"].help_text = (
            "Согласие на наставничество по ТК РФ дают только работники школы."
            if not person.is_staff_member
            else "Каждое согласие — отдельный документ."
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "kind",
            "given_by",
            "representative_name",
            "representative_document",
            "given_on",
            Fieldset("Только для согласия на распространение: что разрешено публиковать", *COVERS),
            "scan",
        )

    def clean(self):
        cleaned = super().clean()
        person, kind, given_on = self.instance.person, cleaned.get("kind"), cleaned.get("given_on")
        given_by = cleaned.get("given_by")
        if given_by == Consent.GivenBy.REPRESENTATIVE and not cleaned.get("representative_name", "").strip():
            self.add_error("representative_name", "Укажите ФИО законного представителя.")
        if given_by == Consent.GivenBy.SELF:
            cleaned["representative_name"] = cleaned["representative_document"] = ""
            if given_on and is_minor(person, given_on):
                self.add_error("given_by", "За несовершеннолетнего согласие даёт законный представитель.")
        if given_on and given_on > timezone.localdate():
            self.add_error("given_on", "Дата согласия не может быть позже сегодняшней.")
        if kind == Consent.Kind.LABOUR and not person.is_staff_member:
            self.add_error("kind", "Согласие по ТК РФ ст. 351.8 дают только работники школы.")
        if kind == Consent.Kind.DISSEMINATION:
            if not any(cleaned.get(field) for field in COVERS):
                self.add_error(None, "Отметьте, что участник разрешил публиковать.")
        elif kind:
            for field in COVERS:
                cleaned[field] = False
        if kind and person.consents.filter(kind=kind, withdrawn_on__isnull=True).exists():
            self.add_error("kind", ALREADY_GIVEN)
        return cleaned

    def record(self, user):
        """Save the consent as entered by ``user``; None (and a form error) if the same kind was
        recorded meanwhile, as by a double-submitted form."""
        consent = self.save(commit=False)
        consent.created_by = user
        try:
            with transaction.atomic():
                consent.save()
        except IntegrityError:
            if consent.scan:
                consent.scan.delete(save=False)
            self.add_error("kind", ALREADY_GIVEN)
            return None
        return consent


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label="Дата отзыва", widget=DateInput())
    withdrawal_note = forms.CharField(
        label="Основание отзыва",
        max_length=Consent._meta.get_field("withdrawal_note").max_length,
        required=False,
        help_text="Например, заявление об отзыве от 15.01.2027",
    )

    def __init__(self, *args, consent, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent = consent
        self.fields["withdrawn_on"].initial = timezone.localdate()

    def clean_withdrawn_on(self):
        withdrawn_on = self.cleaned_data["withdrawn_on"]
        if withdrawn_on > timezone.localdate():
            raise forms.ValidationError("Дата отзыва не может быть позже сегодняшней.")
        if withdrawn_on < self.consent.given_on:
            raise forms.ValidationError("Согласие не может быть отозвано раньше, чем дано.")
        return withdrawn_on


@transaction.atomic
def withdraw(consent, withdrawn_on, withdrawal_note=""):
    """Mark ``consent`` withdrawn; False if it was withdrawn already (a repeated submit)."""
    locked = Consent.objects.select_for_update().get(pk=consent.pk)
    if not locked.is_active:
        return False
    locked.withdrawn_on, locked.withdrawal_note = withdrawn_on, withdrawal_note
    locked.save(update_fields=["withdrawn_on", "withdrawal_note"])
    consent.withdrawn_on, consent.withdrawal_note = withdrawn_on, withdrawal_note
    return True


class ScanForm(forms.Form):
    """A scan attached to a consent recorded earlier (the paper came back later)."""

    scan = ScanField(label="Скан согласия")


def attach_scan(consent, scan):
    """Store ``scan`` as the consent's scan; the replaced file is removed once the change is saved."""
    return storage.replace_file(consent, "scan", scan)
