"""Roadmap evidence that signed documents produce (stages 1, 4 and 6).

An activity whose expected result is a document is done once the year has that document
signed. The order on pairs proves stage 5 through the pairs it fixes (``pairs_fixed``).
"""

from mentoring import evidence
from mentoring.models import NormativeAct

Kind = NormativeAct.Kind


def _register(code, kind, label):
    @evidence.register(code, label)
    def signed(year):
        return NormativeAct.objects.signed().filter(year=year, kind=kind).exists()

    return signed


council_protocol = _register(
    "council_protocol", Kind.COUNCIL_PROTOCOL, "Подписан протокол педагогического совета о Положении"
)
regulation_order = _register(
    "regulation_order", Kind.REGULATION_ORDER, "Подписан приказ об утверждении Положения о наставничестве"
)
roadmap_order = _register("roadmap_order", Kind.ROADMAP_ORDER, "Подписан приказ об утверждении дорожной карты")
curator_order = _register("curator_order", Kind.CURATOR_ORDER, "Подписан приказ о назначении куратора")
mentors_order = _register("mentors_order", Kind.MENTORS_ORDER, "Подписан приказ о назначении наставников")
final_event_order = _register(
    "final_event_order", Kind.FINAL_EVENT_ORDER, "Подписан приказ о проведении итогового мероприятия"
)
