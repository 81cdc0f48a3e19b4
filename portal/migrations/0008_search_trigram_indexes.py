"""Trigram GIN indexes for the site search (portal/search.py) on PostgreSQL.

They index UPPER(column::text), the expression Django's `icontains` compares
on PostgreSQL; the search's similarity test compares the same expression.

`pg_trgm` indexes serve both tests the search makes: `ILIKE '%word%'` on Thai
text (which has no spaces for a word index to split on) and word similarity
(`%>`). They need the database's LC_CTYPE to be UTF-8 aware (initdb
--locale=C.UTF-8), or Thai letters give no trigrams. SQLite has neither the
extension nor GIN: there the search scans, and these operations do nothing.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# (app label, model, field) of every text the search reads.
SEARCHED = [
    ("measures", "Measure", "title"),
    ("measures", "Measure", "preamble"),
    ("measures", "Measure", "closing"),
    ("measures", "Clause", "text"),
    ("measures", "Activity", "title"),
    ("measures", "Activity", "subject"),
    ("measures", "Activity", "results"),
    ("measures", "Activity", "use_of_results"),
    ("measures", "Improvement", "title"),
    ("measures", "Improvement", "you_said"),
    ("measures", "Improvement", "description"),
    ("surveys", "WorkingGroup", "name"),
    ("surveys", "WorkingGroup", "purpose"),
    ("surveys", "Survey", "title"),
    ("surveys", "Survey", "service"),
    ("surveys", "Survey", "intro"),
    ("feedback", "HandlingManual", "title"),
    ("feedback", "HandlingManual", "body"),
]


def _indexes(apps):
    for app_label, model_name, field_name in SEARCHED:
        model = apps.get_model(app_label, model_name)
        table = model._meta.db_table
        column = model._meta.get_field(field_name).column
        yield f"{table}_{column}_trgm"[:63], table, column


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, table, column in _indexes(apps):
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
            f"USING gin ((UPPER({quote(column)}::text)) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in _indexes(apps):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_guarded_role_changes"),
        ("measures", "0016_measure_approver_recorded"),
        ("surveys", "0009_open_answers_are_reviewed_before_publication"),
        ("feedback", "0013_access_log"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
