"""«Журнал действий с персональными данными» (``audit/``), for the curator alone: «Изменения»,
who changed which personal data and how, and «Выгрузки» (``?tab=exports``), who exported or
downloaded it. The queries live in ``mentoring.audit``."""

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import render

from mentoring import audit, names, roles
from mentoring.forms import DateInput
from mentoring.models import User

PAGE_SIZE = 50
EXPORTS = "exports"


class LogFilterForm(forms.Form):
    """The log's filters: a period, a user and, for changes, the kind of record and a person."""

    start = forms.DateField(label="С", required=False, widget=DateInput())
    end = forms.DateField(label="По", required=False, widget=DateInput())
    user = forms.ChoiceField(label="Пользователь", required=False)
    kind = forms.ChoiceField(label="Что изменено", required=False)
    person = forms.CharField(label="Человек", required=False, max_length=100)
    person_id = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = User.objects.order_by("last_name", "first_name", "username").only(
            "username", "last_name", "first_name", "patronymic"
        )
        self.fields["user"].choices = [
            ("", "все"),
            (audit.NO_USER, "система/импорт"),
            *((str(user.pk), user.get_full_name() or user.username) for user in users),
        ]
        self.fields["kind"].choices = [("", "все записи"), *audit.kinds()]
        self.fields["person"].widget.attrs.update(placeholder="фамилия, имя")
        for name in ("user", "kind"):
            self.fields[name].widget.attrs.update({"class": "form-select"})
        for name in ("start", "end", "person"):
            self.fields[name].widget.attrs.update({"class": "form-control"})

    def clean(self):
        data = super().clean()
        for name in ("start", "end"):
            if data.get(name) and not 2000 <= data[name].year <= 2100:
                self.add_error(name, "Укажите дату между 2000 и 2100 годом.")
                data.pop(name, None)
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise ValidationError("Начало периода позже его конца.")
        return data


def _person_named(pk):
    """The name of the person ``pk`` for the heading of a filtered log: as it is now, else as last recorded."""
    person = apps.get_model(audit.PERSON)
    found = person.objects.filter(pk=pk).first() or person.history.filter(id=pk).order_by("-history_id").first()
    return names.full_name(found.last_name, found.first_name, found.patronymic) if found else f"№ {pk}"


def _changes_page(request, data):
    people = None
    person_name = ""
    if data.get("person_id"):
        people = [[data["person_id"]]]
        person_name = _person_named(data["person_id"])
    elif data.get("person", "").strip():
        people = audit.people_named(data["person"])
    rows = audit.changes(data.get("start"), data.get("end"), data.get("user"), data.get("kind"), people)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return {"page": page, "entries": audit.entries(page.object_list), "person_name": person_name}


def _exports_page(request, data):
    rows = audit.exports(data.get("start"), data.get("end"), data.get("user"))
    return {"page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))}


@roles.role_required(roles.CURATOR)
def audit_log(request):
    """mentoring/audit_log.html: the changes of personal data, or (``?tab=exports``) its exports.

    A filter that does not hold (a date that is no date, a period ending before it starts, a user
    not in the list) shows its message and an empty list rather than rows it did not ask for.
    """
    tab = EXPORTS if request.GET.get("tab") == EXPORTS else "changes"
    form = LogFilterForm(request.GET)
    context = {"form": form, "tab": tab, "entries": [], "page": None}
    if form.is_valid():
        pager = _exports_page if tab == EXPORTS else _changes_page
        context.update(pager(request, form.cleaned_data))
    query = request.GET.copy()
    query.pop("page", None)
    context["query"] = query.urlencode()
    return render(request, "mentoring/audit_log.html", context)
