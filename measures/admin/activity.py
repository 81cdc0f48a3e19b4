"""Admin of participation activities: participants, attendees, evidence files, improvements."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import (
    Activity,
    Attendee,
    EvidenceFile,
    Improvement,
    Participation,
    Policy,
    participation_budget_threshold,
)
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inputs import NamedCells, NamedInputs
from portal.lib.uploads import evidence_clean


def _four_elements_refusal(missing):
    return ValidationError(
        _(
            "An activity is shown on the website only with all four ITA elements: "
            "the issue, who took part, what came out of it and how the results were "
            'used. Still missing: %(missing)s. Record them, or untick "shown on the '
            'website" to save it as a draft.'
        ),
        params={"missing": ", ".join(str(label) for label in missing)},
        code="ita_elements",
    )


class ParticipationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        # The admin builds this formset on the activity as submitted: refuse to
        # show it without participants (ITA element 2), with the form's own refusal.
        if not self.instance.is_published:
            return
        counted = sum(
            form.cleaned_data.get("count") or 0
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )
        if not counted:
            raise _four_elements_refusal([_("who took part")])


class ParticipationInline(NamedCells, admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    extra = 1


class ActivityForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_published"):
            activity = Activity(**{name: cleaned.get(name, "") for name in ELEMENT_FIELDS})
            # Participants are counted by their own inline (ParticipationFormSet).
            missing = activity.missing_ita_elements(participants_total=1)
            if missing:
                raise _four_elements_refusal(missing)
        return cleaned


ELEMENT_FIELDS = ["subject", "results", "use_of_results"]


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


class AttendeeInline(NamedCells, admin.TabularInline):
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
    fields = [
        "title",
        "clause",
        "you_said",
        "description",
        "owner",
        "due_on",
        "status",
        "completed_on",
        "follow_up",
    ]
    autocomplete_fields = ["owner", "clause"]


class LargeBudgetFilter(admin.SimpleListFilter):
    title = _("seed 004 rule")
    parameter_name = "large_budget"

    def lookups(self, request, model_admin):
        return [
            ("flagged", _("Major policy or over the budget, without citizens or private sector"))
        ]

    def queryset(self, request, queryset):
        if self.value() == "flagged":
            ids = Activity.objects.large_budget_without_participation().values("pk")
            return queryset.filter(pk__in=ids)
        return queryset


@admin.register(Activity)
class ActivityAdmin(BuddhistEraDates, HistoryAdmin):
    form = ActivityForm
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
            {
                "fields": [
                    "held_on",
                    "start_time",
                    "end_time",
                    "place",
                    "budget",
                    "is_major_policy",
                ]
            },
        ),
        (_("3–4. Results and their use"), {"fields": ["results", "use_of_results"]}),
        (None, {"fields": ["created_by"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_participant_totals()

    def has_delete_permission(self, request, obj=None):
        # Once shown, its URL is ITA evidence: hide it instead (the page then says so).
        if obj is not None and obj.was_ever_public:
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

    @admin.display(description=_("needs citizens or private sector (seed 004 §5)"), boolean=True)
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
                        "This project is of major policy or has a budget of more than "
                        "%(threshold)s baht, and no participants from citizens or the "
                        "private sector are recorded (seed 004 §5)."
                    )
                    % {"threshold": f"{participation_budget_threshold():,.0f}"},
                    messages.WARNING,
                )
