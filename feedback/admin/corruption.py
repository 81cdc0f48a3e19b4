"""The corruption channel's own queue, sealed.

Only the integrity role sees it at all (`Case.objects.visible_to`, one rule
for every surface): it works the queue and alone sees the reporter. To every
other role, the superuser included, the queue does not exist; a corruption
report is a number in the statistics.

Even to the integrity officer the list names no reporter: who reported a case
is shown on its own page and in an export, and each such showing is written to
the access log, case by case, with where it was shown.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback.admin.case import CaseAdmin, with_deadline_state
from feedback.admin.forms import StreamFilter
from feedback.models import (
    AccessRecord,
    Case,
    CorruptionReport,
    access_record,
    reveals_record,
)
from portal.lib import roles
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_inlines import RecordAdmin


@admin.register(CorruptionReport)
class CorruptionReportAdmin(CaseAdmin):
    list_filter = [f for f in CaseAdmin.list_filter if f is not StreamFilter]
    reporter_search_fields = []  # a reporter is never looked up by name

    def get_queryset(self, request):
        cases = super(CaseAdmin, self).get_queryset(request)
        return with_deadline_state(cases.visible_to(request.user).corruption(), request)

    def stream_choices(self):
        return [c for c in Case.Stream.choices if c[0] == Case.Stream.CORRUPTION]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None) or {}
        case = context.get("original")
        if response.status_code == 200 and case is not None:
            if request.method == "GET":
                access_record(request=request, action=AccessRecord.Action.OPEN, cases=[case])
            reveals_record(request=request, cases=[case], surface=AccessRecord.Surface.CASE_PAGE)
        return response

    # Sealed: its page and its filter pane (counts per filter with facets) are
    # drawn for each viewing and kept nowhere (kept_staff_pages, admin_rows).
    def kept_page_key(self, request):
        return None

    def kept_filters_key(self, request):
        return None

    @admin.action(description=_("Export the selected cases as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        response = super().export_csv(request, queryset)
        shown = queryset.visible_to(request.user).select_related("reporter")
        reveals_record(request=request, cases=shown, surface=AccessRecord.Surface.CSV)
        return response

    def get_list_display(self, request):
        columns = list(super(CaseAdmin, self).get_list_display(request))
        columns[columns.index("reporter_display")] = "reporter_on_case_page"
        return columns

    @admin.display(description=_("reporter"))
    def reporter_on_case_page(self, obj):
        return _("On the case's page (each viewing is logged)")

    def has_module_permission(self, request):
        return roles.in_sealed_role(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return roles.in_sealed_role(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return roles.in_sealed_role(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return roles.in_sealed_role(request.user) and super().has_change_permission(request, obj)


@admin.register(AccessRecord)
class AccessRecordAdmin(BuddhistEraDates, RecordAdmin, admin.ModelAdmin):
    """The access log, for the integrity officer to read: never written here."""

    list_display = ["at", "user", "action", "cases", "surface", "client_address"]
    list_filter = ["action", "surface", "user"]
    search_fields = ["cases", "user__username", "user__first_name", "user__last_name"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_module_permission(self, request):
        return roles.in_sealed_role(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.in_sealed_role(request.user)
