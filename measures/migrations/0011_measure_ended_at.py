"""When a measure stopped being in force, for the notice on its PDF.

Measures superseded or archived before this field existed take the moment
their history first records that status (or their last change, without one)."""

from django.db import migrations, models

NOT_IN_FORCE = ["superseded", "archived"]


def fill_from_history(apps, schema_editor):
    Measure = apps.get_model("measures", "Measure")
    HistoricalMeasure = apps.get_model("measures", "HistoricalMeasure")
    for measure in Measure.objects.filter(status__in=NOT_IN_FORCE, ended_at__isnull=True):
        first = (
            HistoricalMeasure.objects.filter(id=measure.pk, status=measure.status)
            .order_by("history_date")
            .first()
        )
        Measure.objects.filter(pk=measure.pk).update(
            ended_at=first.history_date if first else measure.updated_at
        )


class Migration(migrations.Migration):
    dependencies = [("measures", "0010_stakeholder_group_citizen_or_private_sector")]

    operations = [
        migrations.AddField(
            model_name="historicalmeasure",
            name="ended_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when the measure is superseded or archived; printed on its PDF.",
                null=True,
                verbose_name="no longer in force since",
            ),
        ),
        migrations.AddField(
            model_name="measure",
            name="ended_at",
            field=models.DateTimeField(
                blank=True,
                help_text="Set when the measure is superseded or archived; printed on its PDF.",
                null=True,
                verbose_name="no longer in force since",
            ),
        ),
        migrations.RunPython(fill_from_history, migrations.RunPython.noop),
    ]
