"""Approving and publishing a version of the annual report.

Approval is two steps. `annual_report_approve` records the director's
approval at once (a new, pending `AnnualReportVersion`) and, after the
transaction commits, enqueues `annual_report_version_render`. The task worker
then builds, renders and stores the PDF and its HTML twin
(`annual_report_version_store`): a large year takes ten seconds or more
(`make bench`), too long to hold a web request.
"""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from measures.models import Agency
from portal.report.build import annual_report_build
from portal.report.models import AnnualReport, AnnualReportVersion
from portal.report.render import annual_report_render_html, annual_report_render_pdf
from portal.report.sections import absolute


def annual_report_get_or_create(*, fiscal_year):
    report, _ = AnnualReport.objects.get_or_create(fiscal_year=int(fiscal_year))
    return report


def annual_report_request_approval(*, report, by):
    report.approval_requested_by = by
    report.approval_requested_at = timezone.now()
    report.save(update_fields=["approval_requested_by", "approval_requested_at", "updated_at"])
    return report


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


@transaction.atomic
def annual_report_approve(*, report, by, half=False, now=None):
    """The director's approval: record it and have the task worker publish it.

    Returns the new version, pending until the worker has stored its PDF.
    The approval record (name, position, time, publication URL) is printed in
    the PDF itself, and its time is the PDF's creation date, so rebuilding
    from the same data gives the same bytes.
    """
    from portal.report.tasks import annual_report_version_render

    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    agency = Agency.objects.current()
    approved_at = (now or timezone.now()).replace(microsecond=0)
    number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = AnnualReportVersion.objects.create(
        report=report,
        number=number,
        half=half,
        requested_by=report.approval_requested_by,
        requested_at=report.approval_requested_at,
        approved_by=by,
        approved_at=approved_at,
        approver_name=(agency.head_name if agency and agency.head_name else user_display(by)),
        approver_position=agency.head_position if agency else "",
    )
    transaction.on_commit(lambda: annual_report_version_render.enqueue(version_id=version.pk))
    return version


def annual_report_versions_enqueue_pending(*, reports):
    """Queue the rendering again for the pending versions of `reports` (after a
    failed or lost task); storing is idempotent, so a duplicate does no harm."""
    from portal.report.tasks import annual_report_version_render

    pending = AnnualReportVersion.objects.pending().filter(report__in=reports)
    ids = list(pending.values_list("pk", flat=True))
    for pk in ids:
        transaction.on_commit(lambda pk=pk: annual_report_version_render.enqueue(version_id=pk))
    return len(ids)


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
