from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from feedback.deadlines import holiday_deadlines_move, holidays_load
from feedback.models import Category, FeedbackSettings, HandlingManual, Holiday
from portal.lib import thai
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inputs import NamedInputs


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

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        manual = HandlingManual.objects.current()
        if manual and manual.time_limits_differ(obj):
            # The published manual keeps its promises (ITA evidence); the public
            # learns the new limits only from a new version.
            self.message_user(
                request,
                _(
                    "The manual in effect (version %(version)s) still states the time limits it "
                    "was published with. Add a new version of the manual to publish the new ones."
                )
                % {"version": manual.version},
                messages.WARNING,
            )

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(BuddhistEraDates, admin.ModelAdmin):
    """Adding, moving or removing a holiday moves the deadlines of the open cases
    it falls inside (when days are counted as working days)."""

    list_display = ["date", "name"]
    date_hierarchy = "date"
    search_fields = ["name"]
    change_list_template = "admin/feedback/holiday/change_list.html"

    def get_urls(self):
        load = path(
            "load/", self.admin_site.admin_view(self.load_view), name="feedback_holiday_load"
        )
        return [load, *super().get_urls()]

    def load_view(self, request):
        """One fiscal year's official holidays into the table (see `holidays_load`)."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = HolidayLoadForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            year = thai.FiscalYear(int(form.cleaned_data["fiscal_year"]))
            added = holidays_load(fiscal_year=year)
            self.message_user(
                request,
                ngettext(
                    "%(count)s holiday of fiscal year %(year)s added.",
                    "%(count)s holidays of fiscal year %(year)s added.",
                    len(added),
                )
                % {"count": len(added), "year": year.be_year},
                messages.SUCCESS,
            )
            return redirect("admin:feedback_holiday_changelist")
        context = self.admin_site.each_context(request) | {
            "opts": self.model._meta,
            "title": _("Load official holidays"),
            "form": form,
        }
        return TemplateResponse(request, "admin/feedback/holiday/load.html", context)

    def save_model(self, request, obj, form, change):
        before = form.initial.get("date") if change else None
        super().save_model(request, obj, form, change)
        self._deadlines_move(request, {obj.date, before} - {None})

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._deadlines_move(request, {obj.date})

    def delete_queryset(self, request, queryset):
        days = set(queryset.values_list("date", flat=True))
        super().delete_queryset(request, queryset)
        self._deadlines_move(request, days)

    def _deadlines_move(self, request, days):
        moved = sum(holiday_deadlines_move(day=day) for day in days)
        if moved:
            self.message_user(
                request,
                ngettext(
                    "The deadlines of %(count)s open case moved.",
                    "The deadlines of %(count)s open cases moved.",
                    moved,
                )
                % {"count": moved},
            )


@admin.register(Category)
class CategoryAdmin(NamedInputs, admin.ModelAdmin):
    list_display = ["name", "position", "is_active"]
    list_editable = ["position", "is_active"]
    search_fields = ["name"]


@admin.register(HandlingManual)
class HandlingManualAdmin(BuddhistEraDates, HistoryAdmin):
    """Each version stays as the public read it; a change is added as a new version."""

    list_display = ["version", "title", "effective_on", "in_effect"]
    fields = ["version", "title", "responsible_unit", "body", "effective_on", "time_limits"]
    readonly_fields = ["version", "time_limits"]

    @admin.display(description=_("time limits of this version"))
    def time_limits(self, obj):
        if obj is None or obj.pk is None:
            obj = HandlingManual().time_limits_take(FeedbackSettings.objects.current())
            note = _("taken from the deadline settings when this version is saved")
        else:
            note = _("as published with this version")
        return _(
            "report back %(report_back)s, general complaints %(general)s, corruption "
            "reports %(corruption)s, other feedback %(other)s days; %(count)s (%(note)s)"
        ) % {
            "report_back": obj.report_back_days,
            "general": obj.resolve_days_general,
            "corruption": obj.resolve_days_corruption,
            "other": obj.resolve_days_other,
            "count": obj.get_day_count_display(),
            "note": note,
        }

    @admin.display(description=_("shown to the public"), boolean=True)
    def in_effect(self, obj):
        return obj.is_in_effect()

    def get_changeform_initial_data(self, request):
        # A new version starts from the latest text, so the editor changes only what changed.
        latest = HandlingManual.objects.order_by("-version").first()
        initial = super().get_changeform_initial_data(request)
        if latest is None:
            return initial
        copied = {name: getattr(latest, name) for name in ("title", "responsible_unit", "body")}
        return copied | {"effective_on": timezone.localdate()} | initial

    def has_change_permission(self, request, obj=None):
        # A version in effect is evidence: it is read, never rewritten.
        if obj is not None and obj.is_in_effect():
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


class HolidayLoadForm(forms.Form):
    fiscal_year = forms.TypedChoiceField(label=_("fiscal year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Last year's too: cases received then may still be open.
        current = thai.FiscalYear.current().be_year
        self.fields["fiscal_year"].choices = [(y, y) for y in (current - 1, current, current + 1)]
        self.fields["fiscal_year"].initial = current
