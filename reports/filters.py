"""Filters of the register of documents (django-filter)."""

import django_filters

from mentoring.models import NormativeAct
from participants.filters import AutoSubmitSelect


class ActFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Номер или заголовок", method="search")
    kind = django_filters.ChoiceFilter(
        label="Вид", choices=NormativeAct.Kind.choices, empty_label="Все виды", widget=AutoSubmitSelect
    )
    status = django_filters.ChoiceFilter(
        label="Статус", choices=NormativeAct.Status.choices, empty_label="Все статусы", widget=AutoSubmitSelect
    )

    class Meta:
        model = NormativeAct
        fields = ["q", "kind", "status"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(number__iexact=value) | queryset.filter(heading__icontains=value)
