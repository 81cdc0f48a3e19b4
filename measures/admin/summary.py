"""Mission groups' year summaries, and the executive's acknowledgement of them."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from measures.models import PlannedItem, YearSummary
from measures.services import year_summary_acknowledge
from portal.lib.admin_acknowledge import ExecutiveAcknowledgementAdmin
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inlines import RecordInline


class PlannedItemInline(RecordInline, admin.TabularInline):
    """Next year's plan, made from the proposals when the executive acknowledged."""

    model = PlannedItem
    fields = ["text", "status", "checked_on"]
    show_change_link = True


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
    inlines = [PlannedItemInline]
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
        year_summary_acknowledge(summary=obj, by=by, remark=remark)


@admin.register(PlannedItem)
class PlannedItemAdmin(BuddhistEraDates, HistoryAdmin):
    """Staff check next year's plan item by item; the items themselves come
    from an acknowledged summary and stay as the executive read them."""

    list_display = ["text", "mission_group", "fiscal_year", "status", "checked_on"]
    list_filter = ["status", "summary__fiscal_year", "summary__mission_group"]
    list_select_related = ["summary__mission_group"]
    search_fields = ["text", "outcome"]
    fields = ["summary", "text", "status", "outcome", "checked_on"]
    readonly_fields = ["summary", "text"]

    @admin.display(description=_("mission group"), ordering="summary__mission_group")
    def mission_group(self, obj):
        return obj.summary.mission_group

    @admin.display(description=_("planned for fiscal year"), ordering="summary__fiscal_year")
    def fiscal_year(self, obj):
        return obj.summary.fiscal_year + 1

    def has_add_permission(self, request):
        return False
