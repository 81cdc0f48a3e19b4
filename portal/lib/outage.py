"""Forms that must come back to the citizen while the database is away.

A refused complaint or survey answer is shown again with everything typed in
it; when the refusal came from the database itself, the page around the form
must render without it.
"""

import contextlib

from django import db


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
