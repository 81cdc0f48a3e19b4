"""Background work of measures (run by `manage.py db_worker`)."""

from django.tasks import task


@task()
def measure_print_render(*, print_id):
    """Render and store one version of a measure's official PDF."""
    from measures.services import measure_print_store

    return measure_print_store(print_id=print_id).render_seconds


@task()
def measure_import_read(*, import_id):
    """Read an uploaded announcement (text layer, Word or OCR) for review."""
    from measures.importing import measure_import_read as read

    staged = read(import_id=import_id)
    return {"status": staged.status, "pages": staged.pages_total, "seconds": staged.read_seconds}
