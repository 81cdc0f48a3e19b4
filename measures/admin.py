from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from measures.models import Agency, Improvement, MissionGroup, Policy, StakeholderGroup


@admin.register(Agency)
class AgencyAdmin(SimpleHistoryAdmin):
    fieldsets = [
        (None, {"fields": ["name_th", "name_en", "short_name", "kind"]}),
        ("ติดต่อ", {"fields": ["address", "phone", "fax", "email", "office_hours"]}),
        ("ช่องทางออนไลน์", {"fields": ["website", "facebook_url", "line_id", "youtube_url"]}),
        ("ตราและผู้บริหาร", {"fields": ["logo", "emblem", "head_name", "head_position"]}),
    ]

    def has_add_permission(self, request):
        # One installation serves one agency.
        return super().has_add_permission(request) and not Agency.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MissionGroup)
class MissionGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name", "name_en", "phone", "position", "is_active"]
    list_editable = ["position"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en", "mission"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Policy)
class PolicyAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "version", "effective_on"]
    readonly_fields = []

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StakeholderGroup)
class StakeholderGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "is_external", "position"]
    list_editable = ["position"]
    search_fields = ["name", "name_en"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Improvement)
class ImprovementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "mission_group", "owner", "due_on", "status", "completed_on"]
    list_filter = ["status", "mission_group"]
    list_select_related = ["mission_group", "owner"]
    search_fields = ["title", "you_said", "description"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["owner"]
