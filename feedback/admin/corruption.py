"""The corruption channel's own queue, sealed.

Only the integrity role sees it at all (`Case.objects.visible_to`, one rule
for every surface): it works the queue and alone sees the reporter. To every
other role, the superuser included, the queue does not exist; a corruption
report is a number in the statistics.
"""

from django.contrib import admin

from feedback.admin.case import CaseAdmin, with_deadline_state
from feedback.admin.forms import StreamFilter
from feedback.models import AccessRecord, Case, CorruptionReport, access_record
from portal.lib import roles
from portal.lib.admin_dates import BuddhistEraDates


@admin.register(CorruptionReport)
class CorruptionReportAdmin(CaseAdmin):
    list_filter = [f for f in CaseAdmin.list_filter if f is not StreamFilter]
    reporter_search_fields = []  # a reporter is never looked up by name

    def get_queryset(self, request):
        cases = super(CaseAdmin, self).get_queryset(request)
        return with_deadline_state(cases.visible_to(request.user).corruption())

    def stream_choices(self):
        return [c for c in Case.Stream.choices if c[0] == Case.Stream.CORRUPTION]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            case = response.context_data["original"]
            access_record(request=request, action=AccessRecord.Action.OPEN, cases=[case])
        return response

    def has_module_permission(self, request):
        return roles.in_sealed_role(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return roles.in_sealed_role(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return roles.in_sealed_role(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return roles.in_sealed_role(request.user) and super().has_change_permission(request, obj)


@admin.register(AccessRecord)
class AccessRecordAdmin(BuddhistEraDates, admin.ModelAdmin):
    """The access log, for the integrity officer to read: never written here."""

    list_display = ["at", "user", "action", "cases", "client_address"]
    list_filter = ["action", "user"]
    search_fields = ["cases", "user__username", "user__first_name", "user__last_name"]
    date_hierarchy = "at"
    list_select_related = ["user"]

    def has_module_permission(self, request):
        return roles.in_sealed_role(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.in_sealed_role(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
