from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from portal.lib import roles, thai
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inlines import RecordInline
from portal.report.models import AnnualReport, AnnualReportVersion
from portal.report.services import (
    annual_report_approve,
    annual_report_versions_enqueue_pending,
)


class AnnualReportVersionInline(RecordInline, admin.TabularInline):
    model = AnnualReportVersion
    show_change_link = True
    fields = ["number", "half", "approver_name", "approved_at", "state", "sha256"]

    @admin.display(description=_("published at"))
    def state(self, obj):
        return version_state(obj)


def version_state(version):
    if version.published_at:
        return thai.display_date(version.published_at, style="datetime")
    return _("Being prepared: the PDF is rendered in the background.")


@admin.register(AnnualReport)
class AnnualReportAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["fiscal_year", "preview_links", "approval_requested_at", "updated_at"]
    search_fields = ["fiscal_year", "analysis", "recommendations"]
    list_select_related = ["approval_requested_by"]
    fields = [
        "fiscal_year",
        "preview_links",
        "thai_digits",
        "analysis",
        "recommendations",
        "approval_requested_by",
        "approval_requested_at",
    ]
    readonly_fields = ["preview_links", "approval_requested_by", "approval_requested_at"]
    inlines = [AnnualReportVersionInline]
    actions = ["approve_and_publish", "prepare_pending_again"]

    @admin.display(description=_("preview"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("portal:report_preview", args=[obj.fiscal_year]),
            _("Preview"),
            reverse("portal:report_preview", args=[obj.fiscal_year]) + "?half=1",
            _("First half"),
            reverse("portal:report_preview_pdf", args=[obj.fiscal_year]),
            _("Draft PDF"),
        )

    @admin.action(
        description=_("Approve and publish the selected reports"),
        permissions=["approve"],
    )
    def approve_and_publish(self, request, queryset):
        for report in queryset:
            version = annual_report_approve(report=report, by=request.user)
            self.message_user(
                request,
                _(
                    "Fiscal year %(year)s: version %(number)s approved. Its PDF is being "
                    "prepared and will be published at %(url)s in a few minutes."
                )
                % {
                    "year": report.fiscal_year,
                    "number": version.number,
                    "url": report.get_absolute_url(),
                },
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Prepare again the PDF of approved versions still being prepared"),
        permissions=["approve"],
    )
    def prepare_pending_again(self, request, queryset):
        """If the task worker failed (or was down), queue the rendering again."""
        count = annual_report_versions_enqueue_pending(reports=queryset)
        self.message_user(
            request,
            _("%(count)s version(s) queued to be prepared again.") % {"count": count},
            messages.SUCCESS,
        )

    def has_approve_permission(self, request):
        return roles.may_approve_with(request.user, roles.APPROVE_ANNUAL_REPORT)


@admin.register(AnnualReportVersion)
class AnnualReportVersionAdmin(BuddhistEraDates, admin.ModelAdmin):
    """Published evidence: read-only, never deleted."""

    list_display = ["report", "number", "half", "approver_name", "approved_at", "state"]
    list_filter = ["half"]
    list_select_related = ["report"]
    date_hierarchy = "approved_at"
    search_fields = ["report__fiscal_year", "approver_name", "sha256"]
    readonly_fields = [
        "report",
        "number",
        "half",
        "pdf",
        "sha256",
        "requested_by",
        "requested_at",
        "approved_by",
        "approved_at",
        "approver_name",
        "approver_position",
        "published_at",
    ]
    exclude = ["html"]

    @admin.display(description=_("published at"), ordering="published_at")
    def state(self, obj):
        return version_state(obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
