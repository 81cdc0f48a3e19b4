from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback.models import Category, FeedbackSettings, HandlingManual, Holiday
from measures.admin_dates import BuddhistEraDates
from portal.admin_history import HistoryAdmin


@admin.register(FeedbackSettings)
class FeedbackSettingsAdmin(HistoryAdmin):
    list_display = [
        "__str__",
        "report_back_days",
        "resolve_days_general",
        "resolve_days_corruption",
        "day_count",
    ]
    fieldsets = [
        (
            _("Deadlines"),
            {
                "fields": [
                    "report_back_days",
                    "resolve_days_general",
                    "resolve_days_corruption",
                    "resolve_days_other",
                    "day_count",
                    "due_soon_days",
                ]
            },
        ),
        (
            _("Retention of personal data"),
            {
                "fields": [
                    "retention_days_general",
                    "retention_days_corruption",
                    "retention_days_other",
                ],
                "description": _(
                    "Closed cases past these periods lose the reporter's details and their "
                    "attachments when the retention job runs "
                    "(manage.py feedback_purge_expired --apply)."
                ),
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not FeedbackSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(BuddhistEraDates, admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


@admin.register(HandlingManual)
class HandlingManualAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["title", "version", "effective_on"]

    def has_delete_permission(self, request, obj=None):
        return False
