"""What a database dump would show, for the attacks on removal of personal data."""

import re

from django.db import connection


def database_dump():
    """Every value of every table, as text (what pg_dump would write)."""
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f'SELECT * FROM "{table}"')
            for row in cursor.fetchall():
                chunks.append(f"{table}: " + " | ".join(str(value) for value in row))
    return "\n".join(chunks)


def traces_found(text, traces, numbers):
    """Which of `traces` are in `text` (any case), and which of the telephone
    `numbers` are there once spaces, dots and dashes are taken out."""
    digits_only = re.sub(r"[\s.-]", "", text)
    found = [trace for trace in traces if trace.lower() in text.lower()]
    return found + [d for d in numbers if d in digits_only and d not in found]
