from django.db import migrations
from django.db.models import F


def forget_tallies(apps, schema_editor):
    # "Not accepted" is now decided by the status, not by a ground left on the
    # case: stored tallies counted the old way are no longer trusted, and each
    # month is counted from its cases until `feedback_recount` stores it again.
    apps.get_model("feedback", "MonthTally").objects.update(generation=F("generation") + 1)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0005_month_tally")]

    operations = [migrations.RunPython(forget_tallies, migrations.RunPython.noop)]
