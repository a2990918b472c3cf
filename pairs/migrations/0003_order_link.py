"""Pairs cite the order that fixed them from the register of documents.

Orders typed in by hand on a pair become signed entries of the register (without a stored
PDF: they were signed on paper), one per year, number and date, and the pairs point to them.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models


def typed_orders_to_register(apps, schema_editor):
    Mentorship = apps.get_model("pairs", "Mentorship")
    NormativeAct = apps.get_model("mentoring", "NormativeAct")
    typed = Mentorship.objects.exclude(order_number="").exclude(order_date=None)
    for year_id, number, day in typed.values_list("year", "order_number", "order_date").distinct():
        act, _ = NormativeAct.objects.get_or_create(
            kind="pairs_order",
            register_year=day.year,
            number=number[:30],
            defaults={
                "year_id": year_id,
                "date": day,
                "heading": "О закреплении наставнических пар (групп)",
                "status": "signed",
                "signed_at": datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC),
            },
        )
        typed.filter(year=year_id, order_number=number, order_date=day).update(order=act)


class Migration(migrations.Migration):
    dependencies = [
        ("mentoring", "0003_normative_acts"),
        ("pairs", "0002_roadmap_evidence"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmentorship",
            name="order",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                limit_choices_to={"kind": "pairs_order"},
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="mentoring.normativeact",
                verbose_name="приказ о закреплении",
            ),
        ),
        migrations.AddField(
            model_name="mentorship",
            name="order",
            field=models.ForeignKey(
                blank=True,
                limit_choices_to={"kind": "pairs_order"},
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="mentorships",
                to="mentoring.normativeact",
                verbose_name="приказ о закреплении",
            ),
        ),
        migrations.RunPython(typed_orders_to_register, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="historicalmentorship",
            name="order_date",
        ),
        migrations.RemoveField(
            model_name="historicalmentorship",
            name="order_number",
        ),
        migrations.RemoveField(
            model_name="mentorship",
            name="order_date",
        ),
        migrations.RemoveField(
            model_name="mentorship",
            name="order_number",
        ),
    ]
