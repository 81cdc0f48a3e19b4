from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from measures import services
from measures.forms import MeasureImportForm, MeasureSupersedeForm
from measures.models import (
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
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inputs import NamedInputs
from portal.lib.uploads import evidence_clean


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
    autocomplete_fields = ["owner", "activity"]


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = ["position", "kind", "label", "text", "mission_group"]
        # Narrow enough for the clause table to fit a 1280-pixel screen
        # beside the admin's navigation.
        widgets = {
            "position": forms.NumberInput(attrs={"class": "vIntegerField", "size": 3}),
            "label": forms.TextInput(attrs={"size": 3}),
            "text": forms.Textarea(attrs={"rows": 4, "cols": 36}),
        }


class ClauseInline(admin.TabularInline):
    model = Clause
    form = ClauseForm
    extra = 0
    fields = ["position", "kind", "label", "text", "mission_group", "history"]
    readonly_fields = ["history"]
    autocomplete_fields = ["mission_group"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "mission_group":
            field.widget.attrs["data-width"] = "9em"
        return field

    @admin.display(description=_("history"))
    def history(self, clause):
        if clause.pk is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:measures_clause_history", args=[clause.pk]),
            _("history"),
        )

    # Published text is ITA evidence: it changes only by a new measure superseding it.
    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_public) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_public) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.is_public) and super().has_delete_permission(request, obj)


@admin.register(Measure)
class MeasureAdmin(BuddhistEraDates, HistoryAdmin):
    list_display = ["title", "slug", "announced_on", "status", "approved_by", "published_at"]
    list_filter = ["status", "fiscal_year_from"]
    list_select_related = ["approved_by"]
    search_fields = ["title", "agency_name", "preamble", "slug"]
    date_hierarchy = "announced_on"
    inlines = [ClauseInline]
    filter_horizontal = ["mission_groups"]
    readonly_fields = [
        "status",
        "approved_by",
        "approved_at",
        "published_at",
        "ended_at",
        "superseded_by",
        "supersede_link",
    ]
    actions = ["approve", "publish", "supersede", "archive"]
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
            {
                "fields": [
                    "status",
                    "approved_by",
                    "approved_at",
                    "published_at",
                    "ended_at",
                    "superseded_by",
                    "supersede_link",
                ]
            },
        ),
        (_("Imported text"), {"classes": ["collapse"], "fields": ["source_text"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj and obj.is_public:
            # The URL is ITA evidence; the signed text is what was announced:
            # to change it, publish a new measure and supersede this one.
            fields += ["slug", "source_text", *Measure.SIGNED_FIELDS]
        return fields

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if (
            change
            and _signed_text_changed(form, formsets)
            and services.measure_content_changed(measure=form.instance, by=request.user)
        ):
            self.message_user(
                request,
                _(
                    "The text was changed after approval, so the measure is a draft again: "
                    "the director must approve it again before it is published."
                ),
                messages.WARNING,
            )

    @admin.display(description=_("supersede"))
    def supersede_link(self, obj):
        if obj.pk is None:
            return "-"
        if obj.status == Measure.Status.PUBLISHED:
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:measures_measure_supersede", args=[obj.pk]),
                _("Replace it with a newer published measure…"),
            )
        if obj.status in (Measure.Status.SUPERSEDED, Measure.Status.ARCHIVED):
            return format_html(
                '<a href="{}">{}</a>',
                reverse("admin:measures_measure_restore", args=[obj.pk]),
                _("Put it back in force…"),
            )
        return "-"

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_public:
            return False
        return super().has_delete_permission(request, obj)

    def view_on_site(self, obj):
        # A draft has no public page yet (it answers 404); its PDF preview does.
        return obj.get_absolute_url() if obj.is_public else None

    def get_urls(self):
        custom = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="measures_measure_import",
            ),
            path(
                "<path:object_id>/supersede/",
                self.admin_site.admin_view(self.supersede_view),
                name="measures_measure_supersede",
            ),
            path(
                "<path:object_id>/restore/",
                self.admin_site.admin_view(self.restore_view),
                name="measures_measure_restore",
            ),
            path(
                "<path:object_id>/pdf-preview/",
                self.admin_site.admin_view(self.pdf_preview_view),
                name="measures_measure_pdf_preview",
            ),
        ]
        return custom + super().get_urls()

    def _measure_or_404(self, request, object_id, *, permission):
        measure = self.get_object(request, unquote(object_id))
        if measure is None:
            raise Http404
        if not permission(request, measure):
            raise PermissionDenied
        return measure

    def _page(self, request, template, **context):
        context = self.admin_site.each_context(request) | {"opts": self.model._meta} | context
        return TemplateResponse(request, f"admin/measures/measure/{template}", context)

    def supersede_view(self, request, object_id):
        """Choose the successor, read both measures side by side, then confirm."""
        measure = self._measure_or_404(request, object_id, permission=self.has_change_permission)
        form = MeasureSupersedeForm(request.POST or None, measure=measure)
        confirming = False
        if request.method == "POST" and form.is_valid():
            successor = form.cleaned_data["successor"]
            if "confirm" not in request.POST:
                confirming = True
            else:
                try:
                    services.measure_supersede(measure=measure, successor=successor)
                except ValidationError as error:
                    form.add_error(None, ValidationError(error.messages))
                else:
                    self.message_user(
                        request,
                        _(
                            "“%(old)s” is now superseded by “%(new)s”; its page links to "
                            "the new one."
                        )
                        % {"old": measure.slug, "new": successor.slug},
                        messages.SUCCESS,
                    )
                    return redirect("admin:measures_measure_change", measure.pk)
        return self._page(
            request,
            "supersede.html",
            title=_("Confirm the supersession") if confirming else _("Supersede a measure"),
            form=form,
            measure=measure,
            confirming=confirming,
            successor=form.cleaned_data["successor"] if confirming else None,
        )

    def restore_view(self, request, object_id):
        measure = self._measure_or_404(request, object_id, permission=self.has_change_permission)
        error = None
        if request.method == "POST":
            try:
                services.measure_restore(measure=measure, by=request.user)
            except ValidationError as refused:
                error = " ".join(refused.messages)
            else:
                self.message_user(
                    request,
                    _("“%(slug)s” is in force again; the change is recorded in its history.")
                    % {"slug": measure.slug},
                    messages.SUCCESS,
                )
                return redirect("admin:measures_measure_change", measure.pk)
        return self._page(
            request,
            "restore.html",
            title=_("Put a measure back in force"),
            measure=measure,
            error=error,
        )

    def pdf_preview_view(self, request, object_id):
        """The official layout of a measure not yet published, marked ร่าง, for
        the director to read before approving (the public PDF stays 404)."""
        measure = self._measure_or_404(request, object_id, permission=self.has_view_permission)
        if measure.is_public:
            return redirect(measure.get_pdf_url())
        response = HttpResponse(
            services.measure_pdf_render(measure=measure), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'inline; filename="measure-{measure.slug}-draft.pdf"'
        # A draft's text changes: never serve yesterday's words from a cache.
        response["Cache-Control"] = "private, no-store"
        return response

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
        return self._page(request, "import.html", title=_("Import an announcement"), form=form)

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

    @admin.action(description=_("Supersede the selected measure…"), permissions=["change"])
    def supersede(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Select exactly one measure to supersede."), messages.ERROR
            )
            return None
        return redirect("admin:measures_measure_supersede", queryset.get().pk)

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


def _same_text(before, after):
    # Browsers send new lines as CR LF; stored text from the importer has LF.
    if isinstance(before, str) and isinstance(after, str):
        return before.replace("\r\n", "\n").strip() == after.replace("\r\n", "\n").strip()
    return before == after


def _changed_fields(form, names):
    return [
        name
        for name in form.changed_data
        if name in names and not _same_text(form.initial.get(name), form.cleaned_data.get(name))
    ]


def _signed_text_changed(form, formsets):
    """Whether a save changed what the director signs: the measure's signed
    fields or its clauses (added, removed, reordered or reworded)."""
    if _changed_fields(form, Measure.SIGNED_FIELDS):
        return True
    clause_text = ["position", "kind", "label", "text"]
    for formset in formsets:
        if formset.model is not Clause:
            continue
        if formset.deleted_forms:
            return True
        for clause_form in formset.forms:
            if clause_form in formset.deleted_forms or not clause_form.has_changed():
                continue
            if clause_form.instance._state.adding or _changed_fields(clause_form, clause_text):
                return True
    return False


@admin.register(Clause)
class ClauseAdmin(HistoryAdmin):
    # Registered for the activity form's autocomplete and for each clause's
    # history; clauses are edited inside their measure, never here.
    search_fields = ["text", "measure__title", "measure__slug"]
    list_select_related = ["measure"]

    def get_queryset(self, request):
        # Each clause is named with its measure's number (autocomplete too).
        return super().get_queryset(request).select_related("measure")

    def has_module_permission(self, request):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
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


class EvidenceFileInline(NamedInputs, BuddhistEraDates, admin.StackedInline):
    model = EvidenceFile
    form = EvidenceFileForm
    extra = 0


def _ask_to_choose_files_again(formset):
    """A browser cannot send a chosen file back with a refused form: say so
    beside each good file, so no photo is lost without staff knowing."""
    for form in formset.forms:
        uploaded = form.files.get(form.add_prefix("file"))
        if uploaded is not None and not form.errors.get("file"):
            form.add_error(
                None,
                _(
                    "The file “%(name)s” was not saved because the form has errors; "
                    "choose it again before saving."
                )
                % {"name": uploaded.name},
            )


class ImprovementInline(BuddhistEraDates, admin.StackedInline):
    model = Improvement
    extra = 0
    fields = ["title", "you_said", "description", "owner", "due_on", "status", "completed_on"]
    autocomplete_fields = ["owner"]


class LargeBudgetFilter(admin.SimpleListFilter):
    title = _("seed 004 rule")
    parameter_name = "large_budget"

    def lookups(self, request, model_admin):
        return [("flagged", _("≥ 10 M baht without citizens or private sector"))]

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

    def has_delete_permission(self, request, obj=None):
        # Once shown, its URL is ITA evidence: hide it instead (the page then says so).
        if obj is not None and obj.has_been_published:
            return False
        return super().has_delete_permission(request, obj)

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST":  # a successful save redirects; this one was refused
            for inline in context.get("inline_admin_formsets", []):
                if inline.formset.model is EvidenceFile:
                    _ask_to_choose_files_again(inline.formset)
        return super().render_change_form(request, context, *args, **kwargs)

    @admin.display(description=_("participants"), ordering="participants_total")
    def participants(self, obj):
        return obj.participants_total

    @admin.display(description=_("≥ 10 M without participation"), boolean=True)
    def large_budget_flag(self, obj):
        return obj.lacks_required_participation

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
                        "This activity has a budget of 10 million baht or more and no "
                        "participants from citizens or the private sector recorded "
                        "(seed 004 §5)."
                    ),
                    messages.WARNING,
                )


@admin.register(Indicator)
class IndicatorAdmin(NamedInputs, HistoryAdmin):
    list_display = ["code", "title", "assessment_year", "url", "position"]
    list_editable = ["position"]
    list_filter = ["assessment_year"]
    search_fields = ["code", "title", "where_to_look"]
