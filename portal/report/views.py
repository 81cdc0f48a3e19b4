from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from portal.lib import rendering, roles, thai
from portal.report.build import annual_report_build
from portal.report.models import AnnualReport, AnnualReportVersion
from portal.report.render import annual_report_render_html
from portal.report.services import (
    annual_report_approve,
    annual_report_get_or_create,
    annual_report_preview_of,
    annual_report_preview_request,
    annual_report_request_approval,
)


def valid_year(fiscal_year):
    return thai.fiscal_year_or_404(fiscal_year).be_year


def wants_half(request):
    return request.GET.get("half") == "1" or request.POST.get("half") == "1"


@require_safe
def report_list(request):
    versions = AnnualReportVersion.objects.select_related("report").order_by(
        "-report__fiscal_year", "-number"
    )
    by_year = {}
    for version in versions:
        by_year.setdefault(version.report.fiscal_year, []).append(version)
    years = [
        {
            "fiscal_year": year,
            "latest": next((v for v in rows if v.is_stored), None),
            "pending": any(not v.is_stored for v in rows),
        }
        for year, rows in by_year.items()
    ]
    return render(request, "portal/report_list.html", {"years": years})


@require_safe
def report_detail(request, fiscal_year):
    """The permanent page of a year: its stored versions, and a note while the
    latest approved one is still being prepared."""
    report = get_object_or_404(
        AnnualReport.objects.published(), fiscal_year=valid_year(fiscal_year)
    )
    rows = list(report.versions.select_related("report", "requested_by").order_by("-number"))
    versions = [v for v in rows if v.is_stored]
    pending = [v for v in rows if not v.is_stored]
    current = next((v for v in versions if not v.half), versions[0] if versions else None)
    return render(
        request,
        "portal/report_detail.html",
        {"report": report, "versions": versions, "current": current, "pending": pending},
    )


def published_version(fiscal_year, number):
    """Only a stored version has files; a pending one is not found yet."""
    return get_object_or_404(
        AnnualReportVersion.objects.published().select_related("report"),
        report__fiscal_year=valid_year(fiscal_year),
        number=number,
    )


@require_safe
def report_version_pdf(request, fiscal_year, number):
    version = published_version(fiscal_year, number)
    response = FileResponse(version.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{version.pdf.name.rsplit("/", 1)[-1]}"'
    return response


@require_safe
def report_version_html(request, fiscal_year, number):
    version = published_version(fiscal_year, number)
    return HttpResponse(version.html)


@permission_required(roles.VIEW_ANNUAL_REPORT)
@require_safe
def report_preview(request, fiscal_year):
    year = valid_year(fiscal_year)
    half = wants_half(request)
    data = annual_report_build(fiscal_year=year, half=half)
    report = AnnualReport.objects.filter(fiscal_year=year).first()
    html = annual_report_render_html(
        data,
        preview=True,
        request=request,
        extra={
            "report": report,
            "half": half,
            "may_request": request.user.has_perm(roles.CHANGE_ANNUAL_REPORT),
            "may_approve": request.user.has_perm(roles.APPROVE_ANNUAL_REPORT),
        },
    )
    return HttpResponse(html)


@permission_required(roles.VIEW_ANNUAL_REPORT)
@require_safe
def report_preview_pdf(request, fiscal_year):
    """The draft PDF: typeset by the task worker (a large year takes ten
    seconds or more); until it is stored, a page that shows how far it is."""
    year = valid_year(fiscal_year)
    half = wants_half(request)
    # The progress page follows the draft it asked for: a record saved
    # meanwhile would otherwise start another one under the reader's eyes.
    asked = request.GET.get("rendering", "")
    preview = None
    if asked.isdigit():
        preview = annual_report_preview_of(fiscal_year=year, half=half, pk=int(asked))
    if preview is None:
        preview = annual_report_preview_request(fiscal_year=year, half=half)
    if "status" in request.GET:
        return rendering.rendering_status_response(preview)
    if preview.is_stored:
        return rendering.rendering_file_response(
            preview, filename=preview.download_name(), private=True
        )
    query = {"half": 1} if half else {}
    url = reverse("portal:report_preview_pdf", args=[year], query=query | {"rendering": preview.pk})
    return render(
        request,
        "portal/report_preview_pdf.html",
        {
            "fiscal_year": year,
            "half": half,
            "progress": rendering.rendering_progress(preview),
            "file_url": url,
            "status_url": url + "&status=1",
        },
        status=202,
    )


@permission_required(roles.CHANGE_ANNUAL_REPORT)
@require_POST
def report_request_approval(request, fiscal_year):
    report = annual_report_get_or_create(fiscal_year=valid_year(fiscal_year))
    annual_report_request_approval(report=report, by=request.user)
    messages.success(
        request,
        _("Approval of the report for fiscal year %(year)s was requested.")
        % {"year": report.fiscal_year},
    )
    return redirect(reverse("portal:report_preview", args=[report.fiscal_year]))


# Whoever may read the draft reaches the approval service, which refuses all
# but the director and records the attempt (portal.lib.roles.approval_check).
@permission_required(roles.VIEW_ANNUAL_REPORT)
@require_POST
def report_approve(request, fiscal_year):
    report = annual_report_get_or_create(fiscal_year=valid_year(fiscal_year))
    version = annual_report_approve(report=report, by=request.user, half=wants_half(request))
    messages.success(
        request,
        _(
            "Version %(number)s of the report for fiscal year %(year)s is approved. "
            "Its PDF is being prepared and will be published on this page in a few minutes."
        )
        % {"number": version.number, "year": report.fiscal_year},
    )
    return redirect(report.get_absolute_url())
