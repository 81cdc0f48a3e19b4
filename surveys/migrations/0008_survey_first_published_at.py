from django.db import migrations, models


class Migration(migrations.Migration):
    """Survey rounds take the one "was ever public" field the other public
    records use; the values are kept (the day a round first took answers is
    the day it was first public)."""

    dependencies = [
        ("surveys", "0007_survey_executive_acknowledgement"),
    ]

    operations = [
        migrations.RenameField(
            model_name="survey", old_name="first_opened_at", new_name="first_published_at"
        ),
        migrations.RenameField(
            model_name="historicalsurvey",
            old_name="first_opened_at",
            new_name="first_published_at",
        ),
        migrations.AlterField(
            model_name="survey",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published at"
            ),
        ),
        migrations.AlterField(
            model_name="historicalsurvey",
            name="first_published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="first published at"
            ),
        ),
    ]
