"""Approving and publishing a version of the annual report."""

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
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


@transaction.atomic
def annual_report_approve(*, report, by, half=False, now=None):
    """The director's approval: build, render and store a new published version.

    The approval record (name, position, time, publication URL) is printed in
    the PDF itself, and its time is the PDF's creation date, so rebuilding
    from the same data gives the same bytes.
    """
    report = AnnualReport.objects.select_for_update().get(pk=report.pk)
    agency = Agency.objects.current()
    approved_at = (now or timezone.now()).replace(microsecond=0)
    number = (report.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    pdf_url = absolute(reverse("portal:report_version_pdf", args=[report.fiscal_year, number]))
    approval = {
        "name": (agency.head_name if agency and agency.head_name else user_display(by)),
        "position": agency.head_position if agency else "",
        "approved_at": approved_at,
        "requested_by": user_display(report.approval_requested_by),
        "requested_at": report.approval_requested_at,
        "version": number,
        "url": pdf_url,
    }
    data = annual_report_build(fiscal_year=report.fiscal_year, half=half, approval=approval)
    html = annual_report_render_html(data)
    pdf = annual_report_render_pdf(data, html=html)
    version = AnnualReportVersion(
        report=report,
        number=number,
        half=half,
        html=html,
        sha256=hashlib.sha256(pdf).hexdigest(),
        requested_by=report.approval_requested_by,
        requested_at=report.approval_requested_at,
        approved_by=by,
        approved_at=approved_at,
        approver_name=approval["name"],
        approver_position=approval["position"],
        published_at=approved_at,
    )
    suffix = "-half" if half else ""
    version.pdf.save(
        f"{report.fiscal_year}/report-{report.fiscal_year}-v{number}{suffix}.pdf",
        ContentFile(pdf),
        save=False,
    )
    # The file is written before the row; if the insert fails, remove it so
    # no orphan PDF is left behind.
    try:
        version.save()
    except Exception:
        version.pdf.delete(save=False)
        raise
    return version
