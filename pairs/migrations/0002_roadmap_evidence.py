"""Roadmaps generated before this app existed get the evidence codes of stage 5."""

from django.db import migrations

EVIDENCE = {
    "Сформированные наставнические пары и группы": "pairs_formed",
    "План работы в парах/группах. Утверждение календаря встреч": "programmes_approved",
    "Сопровождение наставляемых, оставшихся без пары": "unpaired_supported",
    "Приказ о закреплении наставнических пар/групп": "pairs_fixed",
    "Группы для участия в конкурсах и олимпиадах": "groups_formed",
    "Журнал встреч. Обратная связь от участников программы": "meetings_and_feedback",
    "Заключительные встречи пар и групп": "final_meetings",
    "Групповая заключительная встреча": "final_event",
    "Итоги программы в базах наставников и наставляемых": "results_in_banks",
    "База успешных практик": "best_practices",
}


def set_evidence(apps, schema_editor):
    RoadmapActivity = apps.get_model("mentoring", "RoadmapActivity")
    for result, code in EVIDENCE.items():
        RoadmapActivity.objects.filter(expected_result=result, evidence_code="").update(evidence_code=code)


class Migration(migrations.Migration):
    dependencies = [("pairs", "0001_pairs"), ("mentoring", "0002_banks")]

    operations = [migrations.RunPython(set_evidence, migrations.RunPython.noop)]
