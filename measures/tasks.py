"""Background work of measures (run by `manage.py db_worker`)."""

from django.tasks import task


@task()
def measure_print_render(*, print_id):
    """Render and store one version of a measure's official PDF."""
    from measures.services import measure_print_store

    return measure_print_store(print_id=print_id).render_seconds
