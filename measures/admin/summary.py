"""Mission groups' year summaries, and the executive's acknowledgement of them."""

from django.contrib import admin

from measures.models import YearSummary
from measures.services import executive_acknowledge
from portal.lib.admin_acknowledge import ExecutiveAcknowledgementAdmin
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin


@admin.register(YearSummary)
class YearSummaryAdmin(ExecutiveAcknowledgementAdmin, BuddhistEraDates, HistoryAdmin):
    list_display = ["mission_group", "fiscal_year", "acknowledged_on", "acknowledged_by"]
    list_filter = ["fiscal_year", "mission_group"]
    list_select_related = ["mission_group"]
    search_fields = ["results", "proposals", "mission_group__name"]
    fields = [
        "mission_group",
        "fiscal_year",
        "results",
        "proposals",
        "prepared_by",
        "acknowledged_by",
        "acknowledged_on",
        "acknowledgement_remark",
    ]
    readonly_fields = [
        "prepared_by",
        "acknowledged_by",
        "acknowledged_on",
        "acknowledgement_remark",
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.is_acknowledged:
            # What the executive acknowledged stays as they read it.
            fields += ["mission_group", "fiscal_year", "results", "proposals"]
        return fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.prepared_by = request.user
        super().save_model(request, obj, form, change)

    def acknowledge(self, obj, *, by, remark):
        executive_acknowledge(record=obj, by=by, remark=remark)
