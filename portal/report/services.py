"""Approving a version of the annual report.

Approval is two steps. `annual_report_approve` records the director's
approval at once (a new, pending `AnnualReportVersion`) and, after the
transaction commits, enqueues `annual_report_version_render`. The task worker
then builds, renders and stores the PDF and its HTML twin
(`portal.report.publish.annual_report_version_store`): a large year takes ten
seconds or more (`make bench`), too long to hold a web request.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.services import approver_identity
from portal.lib import roles
from portal.lib.rendering import (
    rendering_request,
    renderings_prune,
    source_key,
    unreferenced_files_prune,
)
from portal.report import tasks
from portal.report.build import annual_report_build
from portal.report.models import AnnualReport, AnnualReportPreview, AnnualReportVersion
from portal.report.render import annual_report_pdf_source


def annual_report_get_or_create(*, fiscal_year):
    report, _ = AnnualReport.objects.get_or_create(fiscal_year=int(fiscal_year))
    return report


def annual_report_request_approval(*, report, by):
    report.approval_requested_by = by
    report.approval_requested_at = timezone.now()
    report.save(update_fields=["approval_requested_by", "approval_requested_at", "updated_at"])
    return report


def annual_report_approve(*, report, by, half=False, now=None):
    """The director's approval: record it and have the task worker publish it.

    Returns the new version, pending until the worker has stored its PDF.
    The approval record (name, position, time, publication URL) is printed in
    the PDF itself, and its time is the PDF's creation date, so rebuilding
    from the same data gives the same bytes.
    """
    # Checked outside the transaction: the record of a refused attempt stays.
    roles.approval_check(
        by,
        roles.APPROVE_ANNUAL_REPORT,
        what=report,
        refusal=_("Only the director may approve the annual report."),
    )
    return _approval_record(report=report, by=by, half=half, now=now)


@transaction.atomic
def _approval_record(*, report, by, half, now):
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    approved_at = (now or timezone.now()).replace(microsecond=0)
    # Who approved, as printed in the signature block: never the agency head's
    # name for someone else (measures.services.approver_identity).
    approver_name, approver_position = approver_identity(by)
    number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = AnnualReportVersion.objects.create(
        report=report,
        number=number,
        half=half,
        requested_by=report.approval_requested_by,
        requested_at=report.approval_requested_at,
        approved_by=by,
        approved_at=approved_at,
        approver_name=approver_name,
        approver_position=approver_position,
    )
    transaction.on_commit(lambda: tasks.annual_report_version_render.enqueue(version_id=version.pk))
    return version


def annual_report_versions_enqueue_pending(*, reports):
    """Queue the rendering again for the pending versions of `reports` (after a
    failed or lost task); storing is idempotent, so a duplicate does no harm."""
    pending = AnnualReportVersion.objects.pending().filter(report__in=reports)
    ids = list(pending.values_list("pk", flat=True))
    for pk in ids:
        transaction.on_commit(
            lambda pk=pk: tasks.annual_report_version_render.enqueue(version_id=pk)
        )
    return len(ids)


def annual_report_preview_request(*, fiscal_year, half=False):
    """The draft PDF of the year as its records stand now, asked of the task
    worker if this content was never typeset. Builds the data and the HTML
    (as the HTML preview does), never the PDF."""
    data = annual_report_build(fiscal_year=fiscal_year, half=half)
    return rendering_request(
        AnnualReportPreview,
        key_fields={"fiscal_year": fiscal_year, "half": half},
        source=annual_report_pdf_source(data),
        task=tasks.annual_report_preview_render,
        task_kwargs=lambda pk: {"preview_id": pk},
    )


PREVIEWS_FOLDER = "report-previews"


def annual_report_previews_prune(*, older_than) -> int:
    """Delete draft PDFs asked for before `older_than` that no longer show
    their year as it stands; then files under their folder no row names."""
    current = set()
    years = AnnualReportPreview.objects.values_list("fiscal_year", "half").distinct()
    for fiscal_year, half in years:
        data = annual_report_build(fiscal_year=fiscal_year, half=half)
        current.add((fiscal_year, half, source_key(annual_report_pdf_source(data))))
    rows = AnnualReportPreview.objects.values_list("pk", "fiscal_year", "half", "key")
    keep = [pk for pk, *content in rows if tuple(content) in current]
    pruned = renderings_prune(AnnualReportPreview, keep=keep, older_than=older_than)
    storage = AnnualReportPreview._meta.get_field("pdf").storage
    referenced = set(AnnualReportPreview.objects.exclude(pdf="").values_list("pdf", flat=True))
    unreferenced_files_prune(
        storage, folder=PREVIEWS_FOLDER, referenced=referenced, older_than=older_than
    )
    return pruned
