"""Admin of the agency profile, its groups, policies, improvements and ITA indicators."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from measures.models import Agency, Improvement, Indicator, MissionGroup, Policy, StakeholderGroup
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inputs import NamedInputs


@admin.register(Agency)
class AgencyAdmin(NamedInputs, HistoryAdmin):
    fieldsets = [
        (None, {"fields": ["name_th", "name_en", "short_name", "kind"]}),
        (_("Contact"), {"fields": ["address", "phone", "fax", "email", "office_hours"]}),
        (_("Online channels"), {"fields": ["website", "facebook_url", "line_id", "youtube_url"]}),
        (_("Emblem and head"), {"fields": ["logo", "emblem", "head_name", "head_position"]}),
    ]

    def has_add_permission(self, request):
        # One installation serves one agency.
        return super().has_add_permission(request) and not Agency.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MissionGroup)
class MissionGroupAdmin(NamedInputs, HistoryAdmin):
    list_display = ["name", "name_en", "phone", "position", "is_active"]
    list_editable = ["position"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en", "mission"]
    prepopulated_fields = {"slug": ["name_en"]}
    autocomplete_fields = ["editors"]


@admin.register(Policy)
class PolicyAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["title", "kind", "version", "effective_on"]
    readonly_fields = []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(NamedInputs, admin.ModelAdmin):
    list_display = ["name", "name_en", "is_external", "is_citizen_or_private_sector", "position"]
    list_editable = ["position"]
    list_filter = ["is_external", "is_citizen_or_private_sector"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Improvement)
class ImprovementAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["title", "mission_group", "owner", "due_on", "status", "completed_on"]
    list_filter = ["status", "mission_group"]
    list_select_related = ["mission_group", "owner"]
    search_fields = ["title", "you_said", "description"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["owner", "activity", "clause"]


@admin.register(Indicator)
class IndicatorAdmin(NamedInputs, HistoryAdmin):
    list_display = ["code", "title", "assessment_year", "url", "position"]
    list_editable = ["position"]
    list_filter = ["assessment_year"]
    search_fields = ["code", "title", "where_to_look"]
