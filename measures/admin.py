from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures import services
from measures.admin_dates import BuddhistEraDates
from measures.forms import MeasureImportForm
from measures.models import (
    LARGE_BUDGET_BAHT,
    Activity,
    Agency,
    Attendee,
    Clause,
    EvidenceFile,
    Improvement,
    Indicator,
    Measure,
    MissionGroup,
    Participation,
    Policy,
    StakeholderGroup,
)
from measures.uploads import evidence_clean
from portal.admin_history import HistoryAdmin


@admin.register(Agency)
class AgencyAdmin(HistoryAdmin):
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
class MissionGroupAdmin(HistoryAdmin):
    list_display = ["name", "name_en", "phone", "position", "is_active"]
    list_editable = ["position"]
    list_filter = ["is_active"]
    search_fields = ["name", "name_en", "mission"]
    prepopulated_fields = {"slug": ["name_en"]}


@admin.register(Policy)
class PolicyAdmin(BuddhistEraDates, HistoryAdmin):
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
class ImprovementAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["title", "mission_group", "owner", "due_on", "status", "completed_on"]
    list_filter = ["status", "mission_group"]
    list_select_related = ["mission_group", "owner"]
    search_fields = ["title", "you_said", "description"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["owner", "activity"]


class ClauseInline(admin.TabularInline):
    model = Clause
    extra = 0
    fields = ["position", "kind", "label", "text", "mission_group"]
    autocomplete_fields = ["mission_group"]


@admin.register(Measure)
class MeasureAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["title", "slug", "announced_on", "status", "approved_by", "published_at"]
    list_filter = ["status", "fiscal_year_from"]
    list_select_related = ["approved_by"]
    search_fields = ["title", "agency_name", "preamble", "slug"]
    date_hierarchy = "announced_on"
    inlines = [ClauseInline]
    filter_horizontal = ["mission_groups"]
    readonly_fields = ["status", "approved_by", "approved_at", "published_at", "superseded_by"]
    actions = ["approve", "publish", "archive"]
    change_list_template = "admin/measures/measure/change_list.html"
    fieldsets = [
        (None, {"fields": ["agency_name", "title", "slug", "preamble", "closing"]}),
        (
            _("Signature"),
            {"fields": ["announced_on", "signatory_name", "signatory_position", "footer"]},
        ),
        (
            _("Scope"),
            {"fields": ["fiscal_year_from", "fiscal_year_to", "mission_groups", "thai_digits"]},
        ),
        (
            _("Workflow"),
            {"fields": ["status", "approved_by", "approved_at", "published_at", "superseded_by"]},
        ),
        (_("Imported text"), {"classes": ["collapse"], "fields": ["source_text"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.is_public:
            # The URL is ITA evidence; the signed text is what was announced.
            fields += ["slug", "source_text"]
        return fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_public:
            return False
        return super().has_delete_permission(request, obj)

    def get_urls(self):
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="measures_measure_import",
            )
        ]
        return custom + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MeasureImportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                measure, parsed = services.measure_import(
                    text=form.cleaned_data["text"], by=request.user
                )
            except ValidationError as error:
                form.add_error("text", ValidationError(error.messages))
            else:
                self.message_user(
                    request,
                    _("Imported as a draft. Check it against the original before approval."),
                    messages.SUCCESS,
                )
                for line in services.import_summary(measure, parsed):
                    self.message_user(request, line, messages.INFO)
                return redirect("admin:measures_measure_change", measure.pk)
        context = self.admin_site.each_context(request) | {
            "title": _("Import an announcement"),
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/measures/measure/import.html", context)

    def _run(self, request, queryset, action, done_message):
        done = 0
        for measure in queryset:
            try:
                action(measure)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, f"{measure}: {_flat(error)}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    def has_approve_permission(self, request):
        return request.user.has_perm("measures.approve_measure")

    @admin.action(description=_("Approve the selected drafts"), permissions=["approve"])
    def approve(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda m: services.measure_approve(measure=m, by=request.user),
            _("%(count)s measure(s) approved."),
        )

    @admin.action(description=_("Publish the selected approved measures"), permissions=["change"])
    def publish(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda m: services.measure_publish(measure=m, by=request.user),
            _("%(count)s measure(s) published."),
        )

    @admin.action(description=_("Archive the selected measures"), permissions=["change"])
    def archive(self, request, queryset):
        self._run(
            request,
            queryset,
            lambda m: services.measure_archive(measure=m),
            _("%(count)s measure(s) archived."),
        )


def _flat(error):
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    # Registered for the activity form's autocomplete; edited inside the measure.
    search_fields = ["text", "measure__title"]
    list_select_related = ["measure"]

    def has_module_permission(self, request):
        return False


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 1


class AttendeeForm(forms.ModelForm):
    class Meta:
        model = Attendee
        fields = ["name", "organisation", "group", "consent_to_publish"]

    def save(self, commit=True):
        attendee = super().save(commit=False)
        if attendee.consent_to_publish and attendee.consent_at is None:
            notice = Policy.objects.privacy_notice()
            attendee.consent_at = timezone.now()
            attendee.notice_version = notice.version if notice else ""
        elif not attendee.consent_to_publish:
            attendee.consent_at = None
        if commit:
            attendee.save()
        return attendee


class AttendeeInline(admin.TabularInline):
    model = Attendee
    form = AttendeeForm
    extra = 0
    readonly_fields = ["consent_at", "notice_version"]


class EvidenceFileForm(forms.ModelForm):
    class Meta:
        model = EvidenceFile
        fields = [
            "kind",
            "file",
            "caption",
            "taken_at",
            "place",
            "note_taker",
            "attendees",
            "position",
        ]

    def clean(self):
        cleaned = super().clean()
        uploaded = self.files.get(self.add_prefix("file"))
        if uploaded is not None and not self.has_error("file"):
            try:
                cleaned["file"], preview = evidence_clean(
                    uploaded, photo_expected=cleaned.get("kind") == EvidenceFile.Kind.PHOTO
                )
            except ValidationError as error:
                self.add_error("file", error)
            else:
                # Stored with the file when the evidence is saved, never before.
                self.instance.preview = preview or ""
        return cleaned


class EvidenceFileInline(admin.StackedInline):
    model = EvidenceFile
    form = EvidenceFileForm
    extra = 0


class ImprovementInline(admin.StackedInline):
    model = Improvement
    extra = 0
    fields = ["title", "you_said", "description", "owner", "due_on", "status", "completed_on"]
    autocomplete_fields = ["owner"]


class LargeBudgetFilter(admin.SimpleListFilter):
    title = _("seed 004 rule")
    parameter_name = "large_budget"

    def lookups(self, request, model_admin):
        return [("flagged", _("≥ 10 M baht without outside participants"))]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            ids = Activity.objects.large_budget_without_participation().values("pk")
            return queryset.filter(pk__in=ids)
        return queryset


@admin.register(Activity)
class ActivityAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = [
        "title",
        "held_on",
        "mission_group",
        "level",
        "budget",
        "participants",
        "large_budget_flag",
        "is_published",
    ]
    list_filter = [LargeBudgetFilter, "level", "stage", "method", "mission_group", "is_published"]
    list_select_related = ["mission_group"]
    search_fields = ["title", "subject", "results", "place"]
    date_hierarchy = "held_on"
    autocomplete_fields = ["clause", "mission_group"]
    inlines = [ParticipationInline, AttendeeInline, EvidenceFileInline, ImprovementInline]
    readonly_fields = ["created_by"]
    fieldsets = [
        (None, {"fields": ["title", "mission_group", "clause", "is_published"]}),
        (_("1. The issue"), {"fields": ["subject", "level", "stage", "method"]}),
        (
            _("When and where"),
            {"fields": ["held_on", "start_time", "end_time", "place", "budget"]},
        ),
        (_("3–4. Results and their use"), {"fields": ["results", "use_of_results"]}),
        (None, {"fields": ["created_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_participant_totals()

    @admin.display(description=_("participants"), ordering="participants_total")
    def participants(self, obj):
        return obj.participants_total

    @admin.display(description=_("≥ 10 M without participation"), boolean=True)
    def large_budget_flag(self, obj):
        return bool(
            obj.budget is not None
            and obj.budget >= LARGE_BUDGET_BAHT
            and not obj.external_participants
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is Participation:
            activity = Activity.objects.with_participant_totals().get(pk=form.instance.pk)
            if self.large_budget_flag(activity):
                self.message_user(
                    request,
                    _(
                        "This activity has a budget of 10 million baht or more and no outside "
                        "participants recorded (seed 004 rule)."
                    ),
                    messages.WARNING,
                )


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin):
    list_display = ["code", "title", "assessment_year", "url", "position"]
    list_editable = ["position"]
    list_filter = ["assessment_year"]
    search_fields = ["code", "title", "where_to_look"]
