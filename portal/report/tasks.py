"""Background work of the annual report (run by `manage.py db_worker`)."""

from django.tasks import task

from portal.report.publish import annual_report_version_store


@task()
def annual_report_version_render(*, version_id):
    """Render and store an approved version's PDF and HTML twin."""
    version = annual_report_version_store(version_id=version_id)
    return version.sha256


@task()
def annual_report_preview_render(*, preview_id):
    """Build, typeset and store a draft PDF a member of staff is waiting for."""
    from portal.report.services import annual_report_preview_store

    return annual_report_preview_store(preview_id=preview_id).render_seconds
