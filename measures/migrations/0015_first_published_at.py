from django.db import migrations, models
from django.db.models import Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce


def record_what_was_already_public(apps, schema_editor):
    """Measures and activities public before this migration keep their address:
    a measure by its publication time, an activity by the first version of its
    history that was shown (or its recording time when the history is gone)."""
    Measure = apps.get_model("measures", "Measure")
    Activity = apps.get_model("measures", "Activity")
    HistoricalActivity = apps.get_model("measures", "HistoricalActivity")
    public = ["published", "superseded", "archived"]
    Measure.objects.filter(status__in=public).update(
        first_published_at=Coalesce("published_at", "updated_at")
    )
    first_shown = (
        HistoricalActivity.objects.filter(id=OuterRef("pk"), is_published=True)
        .order_by()
        .values("id")
        .annotate(first=Min("history_date"))
        .values("first")
    )
    Activity.objects.filter(
        Q(is_published=True)
        | Q(pk__in=HistoricalActivity.objects.filter(is_published=True).values("id"))
    ).update(first_published_at=Coalesce(Subquery(first_shown), "created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0014_activity_major_policy"),
    ]

    operations = [
        migrations.AddField(
            model_name="activity",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="historicalactivity",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="historicalmeasure",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AddField(
            model_name="measure",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published at"
            ),
        ),
        migrations.RunPython(record_what_was_already_public, migrations.RunPython.noop),
    ]
