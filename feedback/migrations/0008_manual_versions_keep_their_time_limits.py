from django.db import migrations, models

# Until now a version's page showed whatever the settings said that day. The
# versions already published are given the limits in force now, which is what
# their pages showed when this was written.
LIMITS = {
    "report_back_days": ("report back within (days)", 15),
    "resolve_days_general": ("resolution target for general complaints (days)", 30),
    "resolve_days_corruption": ("resolution target for corruption reports (days)", 60),
    "resolve_days_other": (
        "resolution target for suggestions, compliments and questions (days)",
        15,
    ),
}
DAY_COUNT_CHOICES = [
    ("calendar", "Calendar days"),
    ("working", "Working days (Monday–Friday, except holidays)"),
]


def limits_from_settings(apps, schema_editor):
    settings = apps.get_model("feedback", "FeedbackSettings").objects.filter(pk=1).first()
    names = [*LIMITS, "day_count"]
    if settings is None:
        return  # the defaults the columns were added with are the settings' defaults
    values = {name: getattr(settings, name) for name in names}
    for model in ("HandlingManual", "HistoricalHandlingManual"):
        apps.get_model("feedback", model).objects.update(**values)


def limit_fields(model_name):
    operations = [
        migrations.AddField(
            model_name=model_name,
            name=name,
            field=models.PositiveSmallIntegerField(
                default=default, editable=False, verbose_name=label
            ),
            preserve_default=False,
        )
        for name, (label, default) in LIMITS.items()
    ]
    operations.append(
        migrations.AddField(
            model_name=model_name,
            name="day_count",
            field=models.CharField(
                choices=DAY_COUNT_CHOICES,
                default="calendar",
                editable=False,
                max_length=10,
                verbose_name="count days as",
            ),
            preserve_default=False,
        )
    )
    return operations


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0007_manual_versions_numbered"),
    ]

    operations = [
        *limit_fields("handlingmanual"),
        *limit_fields("historicalhandlingmanual"),
        migrations.RunPython(limits_from_settings, migrations.RunPython.noop),
    ]
