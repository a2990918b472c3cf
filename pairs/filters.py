"""Search and filters of the list of pairs and groups (django-filter)."""

import django_filters
from django.db.models import Q

from pairs.models import Mentorship
from participants.filters import AutoSubmitSelect
from participants.models import MentoringForm, Person


class MentorshipFilter(django_filters.FilterSet):
    KINDS = [("pair", "пары"), ("group", "группы")]

    q = django_filters.CharFilter(label="Поиск по ФИО", method="search")
    status = django_filters.ChoiceFilter(
        label="Статус", choices=Mentorship.Status.choices, empty_label="Все статусы", widget=AutoSubmitSelect
    )
    form = django_filters.ModelChoiceFilter(
        label="Форма", queryset=MentoringForm.objects.all(), empty_label="Все формы", widget=AutoSubmitSelect
    )
    kind = django_filters.ChoiceFilter(
        label="Вид", choices=KINDS, method="by_kind", empty_label="Пары и группы", widget=AutoSubmitSelect
    )

    class Meta:
        model = Mentorship
        fields = ["q", "status", "form", "kind"]

    def search(self, queryset, name, value):
        people = Person.objects.search(value).values("pk")
        return queryset.filter(Q(mentor__person__in=people) | Q(mentees__person__in=people)).distinct()

    def by_kind(self, queryset, name, value):
        return queryset.filter(is_group=value == "group")
