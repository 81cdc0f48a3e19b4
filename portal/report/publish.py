"""Publishing an approved version of the annual report: build, render, store.

Run by the task worker (`portal.report.tasks`) after the director's approval
(`portal.report.services.annual_report_approve`).
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.report.build import annual_report_build
from portal.report.models import AnnualReportVersion
from portal.report.render import annual_report_render_html, annual_report_render_pdf
from portal.report.sections import absolute


def user_display(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def approval_record(version):
    """What section 10 prints, read from the version row only.

    Everything comes from the row, never the clock or the current user, so
    rendering a version again gives the same bytes.
    """
    return {
        "name": version.approver_name,
        "position": version.approver_position,
        "approved_at": version.approved_at,
        "requested_by": user_display(version.requested_by),
        "requested_at": version.requested_at,
        "version": version.number,
        "url": absolute(version.get_absolute_url()),
    }


def annual_report_version_store(*, version_id):
    """Build, render and store a pending version's PDF and HTML twin.

    Idempotent: a version already stored is left as it is (a task run twice
    publishes once). The rendering runs outside any transaction; the file is
    written before the row, and removed again if the row cannot be saved, so
    no orphan PDF is left behind.
    """
    version = AnnualReportVersion.objects.select_related("report", "requested_by").get(
        pk=version_id
    )
    if version.is_stored:
        return version
    data = annual_report_build(
        fiscal_year=version.report.fiscal_year,
        half=version.half,
        approval=approval_record(version),
    )
    html = annual_report_render_html(data)
    pdf = annual_report_render_pdf(data, html=html)
    with transaction.atomic():
        locked = AnnualReportVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_stored:
            return locked
        year, number = version.report.fiscal_year, version.number
        suffix = "-half" if version.half else ""
        locked.pdf.save(f"{year}/report-{year}-v{number}{suffix}.pdf", ContentFile(pdf), save=False)
        locked.html = html
        locked.sha256 = hashlib.sha256(pdf).hexdigest()
        locked.published_at = timezone.now()
        try:
            locked.save(update_fields=["pdf", "html", "sha256", "published_at"])
        except Exception:
            locked.pdf.delete(save=False)
            raise
    return locked
