"""Search, filters and sorting of the bank lists (django-filter).

``mentee_bank``, ``mentor_bank`` and ``directory`` build the filter that a list page and its
Excel export share, so an export holds exactly the rows the user sees.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef

from participants import access
from participants.models import Consent, Mentee, Mentor, MentoringForm, Person, SchoolClass

CONSENT_FIELDS = {kind: f"has_{kind}_consent" for kind in Consent.Kind.values}


def with_consents(queryset, person_field="person"):
    """Annotate ``has_<kind>_consent`` for each kind of consent: one subquery each, no extra queries."""
    person = OuterRef(person_field) if person_field else OuterRef("pk")
    return queryset.annotate(
        **{
            field: Exists(Consent.objects.filter(person=person, kind=kind, withdrawn_on__isnull=True))
            for kind, field in CONSENT_FIELDS.items()
        }
    )


class AutoSubmitSelect(forms.Select):
    """A select that submits the filter form as soon as it changes (static/js/app.js)."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "form-select", "data-autosubmit": "", **(attrs or {})}, choices)


class BankFilter(django_filters.FilterSet):
    """What the lists of people share; ``person_field`` is the path from a row to its Person."""

    person_field = "person"
    CATEGORIES = {}  # value: (label, kinds of Person)
    CONSENTS = [
        ("personal_data", "есть согласие на обработку ПДн"),
        ("-personal_data", "нет согласия на обработку ПДн"),
        ("dissemination", "есть согласие на распространение"),
        ("-dissemination", "нет согласия на распространение"),
    ]
    SORTS = [("name", "ФИО: А → Я"), ("-name", "ФИО: Я → А"), ("class", "по классам")]

    q = django_filters.CharFilter(label="Поиск по ФИО", method="search")
    category = django_filters.ChoiceFilter(label="Категория", method="by_category", empty_label="Все категории")
    school_class = django_filters.ModelChoiceFilter(
        label="Класс", method="by_class", queryset=SchoolClass.objects.none(), empty_label="Все классы"
    )
    consent = django_filters.ChoiceFilter(label="Согласия", method="by_consent", empty_label="Согласия: все")
    sort = django_filters.ChoiceFilter(label="Порядок", method="sort_by", empty_label=None)

    def __init__(self, data=None, *args, year=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        filters = self.filters
        filters["category"].extra["choices"] = [(value, label) for value, (label, _) in self.CATEGORIES.items()]
        filters["consent"].extra["choices"] = self.CONSENTS
        filters["sort"].extra["choices"] = self.SORTS
        filters["school_class"].queryset = SchoolClass.objects.filter(year=year) if year else SchoolClass.objects.none()
        for name, filter_ in filters.items():
            if name != "q":
                filter_.extra["widget"] = AutoSubmitSelect

    @property
    def qs(self):
        queryset = super().qs
        if not self.form.cleaned_data.get("sort"):
            queryset = self.sort_by(queryset, "sort", "name")
        return queryset

    def _path(self, field):
        return f"{self.person_field}__{field}" if self.person_field else field

    def search(self, queryset, name, value):
        return queryset.filter(**{self._path("pk__in"): Person.objects.search(value).values("pk")})

    def by_category(self, queryset, name, value):
        return queryset.filter(**{self._path("kind__in"): self.CATEGORIES[value][1]})

    def by_class(self, queryset, name, value):
        return queryset.filter(**{self._path("school_class"): value})

    def by_consent(self, queryset, name, value):
        return queryset.filter(**{CONSENT_FIELDS[value.lstrip("-")]: not value.startswith("-")})

    def sort_by(self, queryset, name, value):
        by_name = [self._path("last_name"), self._path("first_name"), self._path("patronymic"), "pk"]
        if value == "-name":
            return queryset.order_by(*[f"-{field}" for field in by_name])
        if value == "class":
            return queryset.order_by(self._path("school_class__grade"), self._path("school_class__letter"), *by_name)
        if value == "status":
            return queryset.order_by("status", *by_name)
        return queryset.order_by(*by_name)


_STUDENTS = [Person.Kind.STUDENT]
_STAFF = list(Person.STAFF_KINDS)


class MenteeFilter(BankFilter):
    CATEGORIES = {"student": ("обучающиеся", _STUDENTS), "teacher": ("педагоги", _STAFF)}
    SORTS = [*BankFilter.SORTS, ("status", "по статусу")]

    form = django_filters.ModelChoiceFilter(
        label="Форма", queryset=MentoringForm.objects.all(), empty_label="Все формы"
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=Mentee.Status.choices, empty_label="Все статусы")

    class Meta:
        model = Mentee
        fields = ["q", "category", "school_class", "form", "status", "consent", "sort"]


class MentorFilter(BankFilter):
    CATEGORIES = {
        "student": ("обучающиеся", _STUDENTS),
        "teacher": ("педагоги и сотрудники", _STAFF),
        "external": ("внешние", [Person.Kind.EXTERNAL]),
    }
    CONSENTS = [
        *BankFilter.CONSENTS,
        ("labour", "есть согласие на наставничество (ТК)"),
        ("-labour", "нет согласия на наставничество (ТК)"),
    ]
    SORTS = [*BankFilter.SORTS, ("status", "по статусу")]

    form = django_filters.ModelChoiceFilter(
        label="Форма", field_name="forms", queryset=MentoringForm.objects.all(), empty_label="Все формы"
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=Mentor.Status.choices, empty_label="Все статусы")

    class Meta:
        model = Mentor
        fields = ["q", "category", "school_class", "form", "status", "consent", "sort"]

    def by_consent(self, queryset, name, value):
        if value == "-labour":  # only staff mentors owe the labour-law consent
            queryset = queryset.filter(person__kind__in=_STAFF)
        return super().by_consent(queryset, name, value)


class PersonFilter(BankFilter):
    """The directory of all people the banks are built from."""

    person_field = ""
    CATEGORIES = {kind: (label, [kind]) for kind, label in Person.Kind.choices}

    class Meta:
        model = Person
        fields = ["q", "category", "school_class", "consent", "sort"]

    def search(self, queryset, name, value):
        return queryset.search(value)


def mentee_bank(request, year):
    """The year's mentees ``request.user`` may see, filtered and sorted as ``request.GET`` asks."""
    queryset = with_consents(access.mentees_for(request.user, year).for_list())
    return _own_classes_only(request, year, MenteeFilter(request.GET, queryset=queryset, year=year))


def mentor_bank(request, year):
    queryset = with_consents(access.mentors_for(request.user, year).for_list())
    return MentorFilter(request.GET, queryset=queryset, year=year)


def directory(request, year):
    """The people ``request.user`` may see, filtered and sorted as ``request.GET`` asks."""
    people = access.people_for(request.user, year).select_related("school_class").distinct()
    people_filter = PersonFilter(request.GET, queryset=with_consents(people, person_field=""), year=year)
    return _own_classes_only(request, year, people_filter)


def _own_classes_only(request, year, people_filter):
    """A class leader chooses among the classes they lead, not all the year's classes."""
    if not access.reads_everyone(request.user):
        led = [school_class.pk for school_class in access.led_classes(request.user, year)]
        people_filter.filters["school_class"].queryset = SchoolClass.objects.filter(pk__in=led)
    return people_filter
