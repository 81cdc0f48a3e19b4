"""Forms that must come back to the citizen while the database is away.

A refused complaint or survey answer is shown again with everything typed in
it; when the refusal came from the database itself, the page around the form
must render without it.
"""

import contextlib

from django import db
from django.db import connection


def choices_freeze(field):
    """Read a model choice field's options now, or keep only its empty choice
    when the database cannot be reached: rendering it later would query again."""
    try:
        field.choices = list(field.choices)
    except db.Error:
        field.choices = [("", field.empty_label)]
        return False
    return True


def form_check_now(form):
    """Validate a refused form now, so rendering it does not query again; with
    the database away the checks that need it are skipped and the form is shown
    with the marks found so far."""
    # After a failure full_clean has already set the form's errors, so
    # rendering will not run it again.
    with contextlib.suppress(db.Error):
        form.is_valid()


@contextlib.contextmanager
def connection_not_retried():
    """While a refused form is put together: when the failure left no open
    connection (the database unreachable), each further query of this request
    would wait the pool's whole timeout for a new one, and the citizen would
    get their form back after half a minute. Inside the block a new
    connection fails at once; an open one is used as usual."""
    if connection.connection is not None:
        yield
        return

    def unreachable():
        raise db.OperationalError("the database was unreachable earlier in this request")

    connection.connect = unreachable
    try:
        yield
    finally:
        del connection.connect
