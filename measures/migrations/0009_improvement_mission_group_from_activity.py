from django.db import migrations
from django.db.models import OuterRef, Subquery


def fill_from_activity(apps, schema_editor):
    """Improvements recorded inside an activity before the rule existed had no
    mission group; they belong to their activity's."""
    Improvement = apps.get_model("measures", "Improvement")
    Activity = apps.get_model("measures", "Activity")
    Improvement.objects.filter(mission_group__isnull=True, activity__isnull=False).update(
        mission_group=Subquery(
            Activity.objects.filter(pk=OuterRef("activity")).values("mission_group")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [("measures", "0008_text_without_markup_dates_in_fiscal_years")]

    operations = [migrations.RunPython(fill_from_activity, migrations.RunPython.noop)]
