"""Roadmaps generated before the register of documents get the evidence codes of the documents
that prove stages 1, 4 and 6 (the check of the curator's role gives way to the signed order)."""

from django.db import migrations

EVIDENCE = {
    "Протокол педагогического совета": "council_protocol",
    "Приказ «Об утверждении положения о системе (целевой модели) наставничества»": "regulation_order",
    "План мероприятий по реализации Положения целевой модели наставничества": "roadmap_order",
    "Приказ о назначении куратора наставников реализации целевой модели наставничества": "curator_order",
    "Приказ о назначении наставников": "mentors_order",
    "Приказ «О проведении итогового мероприятия»": "final_event_order",
}


def set_evidence(apps, schema_editor):
    RoadmapActivity = apps.get_model("mentoring", "RoadmapActivity")
    for result, code in EVIDENCE.items():
        RoadmapActivity.objects.filter(expected_result=result, evidence_code__in=["", "curator_assigned"]).update(
            evidence_code=code
        )


class Migration(migrations.Migration):
    dependencies = [("mentoring", "0003_normative_acts")]

    operations = [migrations.RunPython(set_evidence, migrations.RunPython.noop)]
