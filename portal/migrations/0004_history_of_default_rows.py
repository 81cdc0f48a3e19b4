"""Record in the change history the rows that earlier migrations created.

Migrations run without simple-history's signals, so the default feedback
settings, the first complaint-handling manual and the three website policies
had no "created" entry: their history began with someone's first edit, with
nothing to compare it to. This writes that entry once, for every installation.
"""

from django.db import migrations
from django.utils import timezone

ROWS_MADE_BY_MIGRATIONS = [
    ("feedback", "FeedbackSettings"),
    ("feedback", "HandlingManual"),
    ("measures", "Policy"),
]


def record_creation(apps, schema_editor):
    now = timezone.now()
    for app_label, model_name in ROWS_MADE_BY_MIGRATIONS:
        model = apps.get_model(app_label, model_name)
        historical = apps.get_model(app_label, f"Historical{model_name}")
        recorded = historical.objects.values("id")
        copied = [f.attname for f in model._meta.concrete_fields]
        historical.objects.bulk_create(
            historical(
                **{name: getattr(row, name) for name in copied},
                history_date=now,
                history_type="+",
                history_change_reason=None,
            )
            for row in model.objects.exclude(pk__in=recorded)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_report_render_in_worker"),
        ("feedback", "0007_manual_versions_numbered"),
        ("measures", "0009_improvement_mission_group_from_activity"),
    ]

    operations = [migrations.RunPython(record_creation, migrations.RunPython.noop)]
