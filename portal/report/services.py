"""Approving a version of the annual report.

Approval is two steps. `annual_report_approve` records the director's
approval at once (a new, pending `AnnualReportVersion`) and, after the
transaction commits, enqueues `annual_report_version_render`. The task worker
then builds, renders and stores the PDF and its HTML twin
(`portal.report.publish.annual_report_version_store`): a large year takes ten
seconds or more (`make bench`), too long to hold a web request.
"""

import time

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.services import approver_identity
from portal.lib import roles
from portal.lib.code_version import code_version
from portal.lib.page_cache import public_pages_version
from portal.lib.rendering import (
    rendering_ask,
    rendering_enqueue_if_lost,
    rendering_key,
    rendering_store,
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


def annual_report_preview_key(*, fiscal_year, half) -> str | None:
    """What a draft's content depends on, cheap to know in a request: the year,
    the day (a draft is dated today, and what is overdue is counted as of
    today), the portal's change signal, new after any save or delete of
    a record of the apps (portal/apps.py; bulk updates call it too), and the
    release of the code and site files (a deploy). None when no signal is
    kept: the content itself must then be built."""
    version = public_pages_version()
    if version is None:
        return None
    day = timezone.localdate().isoformat()
    return rendering_key("report-inputs", str(fiscal_year), str(half), day, version, code_version())


def _content_key(source) -> str:
    """The typeset content: its HTML and metadata, and the release that
    typesets them (the print CSS and fonts are not in the HTML)."""
    return rendering_key(source_key(source), code_version())


def annual_report_preview_request(*, fiscal_year, half=False):
    """The draft PDF of the year as its records stand now, asked of the task
    worker if not made yet. Costs a cache read and a row: the worker builds
    the figures and the HTML (annual_report_preview_store)."""
    key = annual_report_preview_key(fiscal_year=fiscal_year, half=half)
    if key is None:
        source = annual_report_pdf_source(annual_report_build(fiscal_year=fiscal_year, half=half))
        key = _content_key(source)
        defaults = source | {"content_key": key}
    else:
        defaults = {"html": "", "title": "", "created": timezone.now()}
    return rendering_ask(
        AnnualReportPreview,
        key_fields={"fiscal_year": fiscal_year, "half": half},
        key=key,
        defaults=defaults,
        task=tasks.annual_report_preview_render,
        task_kwargs=lambda pk: {"preview_id": pk},
    )


def annual_report_preview_of(*, fiscal_year, half, pk):
    """One draft asked for earlier (the reader waiting for it follows that
    one, not whatever a change made since would ask for); None if gone."""
    preview = AnnualReportPreview.objects.filter(fiscal_year=fiscal_year, half=half, pk=pk).first()
    if preview is not None:
        rendering_enqueue_if_lost(
            preview,
            task=tasks.annual_report_preview_render,
            task_kwargs=lambda pk: {"preview_id": pk},
        )
    return preview


def annual_report_preview_store(*, preview_id):
    """Build the draft's figures and HTML, then typeset it (the task worker's
    side). A content typeset already, for an earlier key, is not typeset
    again: the row is given the same file (the prune keeps a file while any
    row names it)."""
    preview = AnnualReportPreview.objects.get(pk=preview_id)
    if not preview.is_stored and not preview.html:
        begun = time.monotonic()
        data = annual_report_build(fiscal_year=preview.fiscal_year, half=preview.half)
        source = annual_report_pdf_source(data)
        content_key = _content_key(source)
        with transaction.atomic():
            same = (
                AnnualReportPreview.objects.select_for_update()
                .filter(fiscal_year=preview.fiscal_year, half=preview.half)
                .filter(content_key=content_key)
                .exclude(pdf="")
                .first()
            )
            preview = AnnualReportPreview.objects.select_for_update().get(pk=preview_id)
            if preview.is_stored:
                return preview
            for field, value in (source | {"content_key": content_key}).items():
                setattr(preview, field, value)
            if same is not None:
                preview.pdf = same.pdf.name
                preview.rendered_at = timezone.now()
                preview.render_seconds = round(time.monotonic() - begun, 3)
            preview.save()
        if preview.is_stored:
            return preview
    return rendering_store(AnnualReportPreview, pk=preview_id)


PREVIEWS_FOLDER = "report-previews"


def annual_report_previews_prune(*, older_than) -> int:
    """Delete draft PDFs asked for before `older_than` that no longer show
    their year as it stands; then files under their folder no row names."""
    current = set()
    years = AnnualReportPreview.objects.values_list("fiscal_year", "half").distinct()
    for fiscal_year, half in years:
        key = annual_report_preview_key(fiscal_year=fiscal_year, half=half)
        if key is None:
            data = annual_report_build(fiscal_year=fiscal_year, half=half)
            key = _content_key(annual_report_pdf_source(data))
        current.add((fiscal_year, half, key))
    rows = AnnualReportPreview.objects.values_list("pk", "fiscal_year", "half", "key")
    keep = [pk for pk, *content in rows if tuple(content) in current]
    pruned = renderings_prune(AnnualReportPreview, keep=keep, older_than=older_than)
    storage = AnnualReportPreview._meta.get_field("pdf").storage
    referenced = set(AnnualReportPreview.objects.exclude(pdf="").values_list("pdf", flat=True))
    unreferenced_files_prune(
        storage, folder=PREVIEWS_FOLDER, referenced=referenced, older_than=older_than
    )
    return pruned
