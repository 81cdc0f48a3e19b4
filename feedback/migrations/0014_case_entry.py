"""Replies to the citizen and internal notes become one model, CaseEntry, with a kind.

The reply table is renamed, so every reply keeps its id (queued mail tasks name
it), its history and its order. Each note and each of its historical versions
is copied across as kind "note", its id moved past every reply id already used,
so notes keep their order among themselves, their authors and their times.
"""

import django.db.models.deletion
import django.utils.timezone
from django.core.management.color import no_style
from django.db import migrations, models


def notes_copy(apps, schema_editor):
    Note = apps.get_model("feedback", "Note")
    HistoricalNote = apps.get_model("feedback", "HistoricalNote")
    CaseEntry = apps.get_model("feedback", "CaseEntry")
    HistoricalCaseEntry = apps.get_model("feedback", "HistoricalCaseEntry")
    db = schema_editor.connection.alias
    offset = max(
        CaseEntry.objects.using(db).aggregate(top=models.Max("id"))["top"] or 0,
        HistoricalCaseEntry.objects.using(db).aggregate(top=models.Max("id"))["top"] or 0,
    )
    CaseEntry.objects.using(db).bulk_create(
        CaseEntry(
            id=note.id + offset,
            case_id=note.case_id,
            kind="note",
            body=note.body,
            author_id=note.author_id,
            written_at=note.written_at,
        )
        for note in Note.objects.using(db).order_by("id")
    )
    HistoricalCaseEntry.objects.using(db).bulk_create(
        HistoricalCaseEntry(
            id=version.id + offset,
            case_id=version.case_id,
            kind="note",
            body=version.body,
            author_id=version.author_id,
            written_at=version.written_at,
            history_date=version.history_date,
            history_change_reason=version.history_change_reason,
            history_type=version.history_type,
            history_user_id=version.history_user_id,
        )
        for version in HistoricalNote.objects.using(db).order_by("history_id")
    )
    # The next entry's id must follow the copied notes.
    with schema_editor.connection.cursor() as cursor:
        for sql in schema_editor.connection.ops.sequence_reset_sql(no_style(), [CaseEntry]):
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0013_access_log"),
    ]

    operations = [
        migrations.RenameModel("Reply", "CaseEntry"),
        migrations.RenameModel("HistoricalReply", "HistoricalCaseEntry"),
        migrations.RenameField("caseentry", "sent_at", "written_at"),
        migrations.RenameField("historicalcaseentry", "sent_at", "written_at"),
        migrations.AddField(
            model_name="caseentry",
            name="kind",
            field=models.CharField(
                choices=[("reply", "reply to the citizen"), ("note", "internal note")],
                default="reply",
                max_length=5,
                verbose_name="kind",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="historicalcaseentry",
            name="kind",
            field=models.CharField(
                choices=[("reply", "reply to the citizen"), ("note", "internal note")],
                default="reply",
                max_length=5,
                verbose_name="kind",
            ),
            preserve_default=False,
        ),
        migrations.AlterModelOptions(
            name="caseentry",
            options={
                "ordering": ["written_at", "pk"],
                "verbose_name": "entry by an officer",
                "verbose_name_plural": "entries by officers",
            },
        ),
        migrations.AlterModelOptions(
            name="historicalcaseentry",
            options={
                "get_latest_by": ("history_date", "history_id"),
                "ordering": ("-history_date", "-history_id"),
                "verbose_name": "historical entry by an officer",
                "verbose_name_plural": "historical entries by officers",
            },
        ),
        migrations.AlterField(
            model_name="caseentry",
            name="body",
            field=models.TextField(verbose_name="text"),
        ),
        migrations.AlterField(
            model_name="historicalcaseentry",
            name="body",
            field=models.TextField(verbose_name="text"),
        ),
        migrations.AlterField(
            model_name="caseentry",
            name="case",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="entries",
                to="feedback.case",
            ),
        ),
        migrations.AlterField(
            model_name="caseentry",
            name="written_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="written at"
            ),
        ),
        migrations.AlterField(
            model_name="historicalcaseentry",
            name="written_at",
            field=models.DateTimeField(
                default=django.utils.timezone.now, verbose_name="written at"
            ),
        ),
        migrations.RunPython(notes_copy, migrations.RunPython.noop),
        migrations.DeleteModel("HistoricalNote"),
        migrations.DeleteModel("Note"),
    ]
