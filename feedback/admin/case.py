"""The triage officers' working tool.

Corruption reports are sealed: only the integrity role knows they exist
(`Case.objects.visible_to`); they are worked in their own queue
(feedback/admin/corruption.py), which shares this class.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from feedback.admin.case_add import CaseAddedOnce
from feedback.admin.case_inlines import AttachmentInline, ReporterCorrectionInline, ReporterInline
from feedback.admin.case_list import (
    FiscalYearFilter,
    KeptChoicesFilter,
    due_soon_days,
    queue_facts,
    queue_key,
)
from feedback.admin.deadline_warning import DeadlineWarning
from feedback.admin.entries import NoteInline, ReplyInline
from feedback.admin.follow_up import CitizenMessageInline, HandlingRatingInline, ReopenedFilter
from feedback.admin.forms import (
    CaseAddForm,
    CaseChangeForm,
    DeadlineFilter,
    StreamFilter,
    officer_name,
)
from feedback.data_requests import case_reporter_corrected
from feedback.exports import cases_export_csv, reporter_mask
from feedback.models import (
    AccessRecord,
    Case,
    CaseEntry,
    DataRequest,
    Reporter,
    access_record,
)
from feedback.models.case_queries import DUE_SOON, OVERDUE
from feedback.personal_data import REMOVED_LABEL
from feedback.services import (
    WORKFLOW_FIELDS,
    TransitionError,
    case_note,
    case_reply,
    case_transition,
)
from portal.lib import roles
from portal.lib.admin_count import CountUpTo
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_rows import QuickRows
from portal.lib.kept_staff_pages import KeptForViewer
from portal.lib.spreadsheet import csv_response


def _reporter_html(case, user):
    if user is None or not case.reporter_visible_to(user):
        return format_html('<span class="reporter-masked">{}</span>', reporter_mask(case))
    if case.personal_data_purged_at:
        return REMOVED_LABEL
    if case.is_anonymous:
        return _("Anonymous")
    # A citizen who left the name empty did not ask for anonymity: the officer
    # may still call or write back, and the list must not say otherwise.
    reporter = getattr(case, "reporter", None)
    return str(reporter) if reporter else _("(no name given)")


def with_deadline_state(queryset, request):
    """The queue's cases with their deadline state for today, under the agency's
    "due soon" setting (both queues' list column and case page read it)."""
    return queryset.with_deadline_state(
        today=timezone.localdate(), soon_days=due_soon_days(request)
    )


def deadline_html(case):
    state = case.deadline_state  # from the queue's `get_queryset`
    if state == OVERDUE:
        return format_html('<span class="deadline-overdue">{}</span>', _("Overdue"))
    if state == DUE_SOON:
        return format_html('<span class="deadline-due-soon">{}</span>', _("Due soon"))
    return ""


@admin.register(Case)
class CaseAdmin(
    KeptForViewer, CaseAddedOnce, DeadlineWarning, QuickRows, BuddhistEraDates, HistoryAdmin
):
    """The general queue: complaints, suggestions, compliments, questions.

    Corruption reports have their own queue (feedback/admin/corruption.py).
    """

    actions = ["export_csv"]
    list_display = [
        "register_number",
        "received_at",
        "stream",
        "channel",
        "subject",
        "reporter_display",
        "status",
        "deadline",
        "officer",
    ]
    list_display_links = ["register_number", "subject"]
    list_filter = [
        *(DeadlineFilter, FiscalYearFilter, StreamFilter, ReopenedFilter),
        *("status", "channel"),
        *(("assigned_group", KeptChoicesFilter), ("category", KeptChoicesFilter)),
    ]
    list_select_related = ["reporter", "assigned_to"]
    search_fields = ["subject", "details", "incoming_reference", "referral_reference"]
    # A register of hundreds of thousands of cases: the list counts only the
    # cases it shows (not the whole queue again under each filter), pages in
    # the order of an index (Case.Meta.indexes, "case_list_order"), and finds
    # a year through FiscalYearFilter rather than a date hierarchy.
    show_full_result_count = False
    # ...and stops counting at a thousand (CountUpTo): the list says "more than".
    paginator = CountUpTo
    # A page an officer reads on a phone at the counter; the rest is a filter away.
    list_per_page = 25
    # The officer is a plain list of those who may work the case (CaseChangeForm):
    # an autocomplete would search every account and needs rights on users.
    autocomplete_fields = ["improvements"]
    readonly_fields = [
        "register_number",
        "citizen_code",
        *Case.RECEIPT_FIELDS,
        *Case.CITIZEN_FIELDS,
        "is_anonymous",
        "certified_true",
        "privacy_notice_version",
        "reporter_display",
        "status",
        "report_back_due_on",
        "resolve_due_on",
        "first_replied_on",
        "screened_at",
        "completed_at",
        "closed_at",
        "recorded_by",
        "personal_data_purged_at",
    ]
    inlines = [ReporterInline, AttachmentInline, ReplyInline, NoteInline]

    class Media:
        css = {"all": ["css/feedback.css"]}

    def get_queryset(self, request):
        cases = super().get_queryset(request).visible_to(request.user).general()
        return with_deadline_state(cases, request)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # Links written before the queues were split (reminder e-mails, bookmarks)
        # still reach the case; the other queue checks its own permissions.
        if request.method == "GET":
            moved = self._other_queue_url(request, object_id)
            if moved:
                return redirect(moved)
        return super().change_view(request, object_id, form_url, extra_context)

    def _other_queue_url(self, request, object_id):
        try:
            found = Case.objects.visible_to(request.user).filter(pk=object_id).first()
        except (ValueError, ValidationError):
            return None
        if found is None or self.get_queryset(request).filter(pk=found.pk).exists():
            return None
        return reverse(found.admin_url_name, args=[found.pk])

    def stream_choices(self):
        return [c for c in Case.Stream.choices if c[0] != Case.Stream.CORRUPTION]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "stream":
            kwargs["choices"] = self.stream_choices()
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    @admin.action(description=_("Export the selected cases as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        queryset = queryset.visible_to(request.user)
        access_record(request=request, action=AccessRecord.Action.EXPORT, cases=queryset)
        response = csv_response(f"{self.opts.model_name}-{stamp}.csv")
        response.write(cases_export_csv(queryset=queryset, user=request.user))
        response["Cache-Control"] = "private, no-store"
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = CaseChangeForm if obj else CaseAddForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": [*CaseAddForm.Meta.fields, "submission_token"]}),
                (_("Reporter"), {"fields": Reporter.CONTACT_FIELDS}),
            ]
        # A reader (the director; anyone on a corruption report they cannot work)
        # takes no step: no empty "next step" row.
        step = ["next_step"] if self.has_change_permission(request, obj) else []
        return [
            (
                _("What was received"),
                {
                    "fields": [
                        ("register_number", "citizen_code"),
                        ("stream", "channel", "incoming_reference"),
                        "received_at",
                        "subject",
                        "details",
                        "remedy_sought",
                        ("incident_on", "mission_group"),
                        ("is_anonymous", "certified_true", "privacy_notice_version"),
                        ("reporter_display", "personal_data_purged_at"),
                        "recorded_by",
                    ]
                },
            ),
            (
                _("Deadlines"),
                {"fields": [("report_back_due_on", "resolve_due_on", "first_replied_on")]},
            ),
            (
                _("Workflow"),
                {
                    "fields": [
                        ("status", "screened_at", "completed_at", "closed_at"),
                        *step,
                        "not_accepted_ground",
                        ("assigned_group", "assigned_to"),
                        "outcome",
                        ("referred_to", "referred_on", "referral_reference"),
                        "category",
                        "improvements",
                    ]
                },
            ),
        ]

    def get_inlines(self, request, obj):
        if obj is None:
            return []
        inlines = [
            CitizenMessageInline,
            AttachmentInline,
            ReplyInline,
            NoteInline,
            HandlingRatingInline,
        ]
        if obj.reporter_visible_to(request.user):
            # Only a request this officer may see: one that also concerns a
            # corruption report is the integrity role's, and offering triage
            # the correction would tell it such a report exists.
            asked = DataRequest.objects.visible_to(request.user).open()
            correcting = self.has_change_permission(request, obj) and (
                asked.filter(kind=DataRequest.Kind.CORRECT, cases=obj).exists()
            )
            inlines.insert(0, ReporterCorrectionInline if correcting else ReporterInline)
        else:
            inlines.remove(AttachmentInline)
        return inlines

    # Triage finds the case of a citizen who phones in by their name, telephone
    # or e-mail; only those who may see complainants search by them.
    reporter_search_fields = ["reporter__name", "reporter__phone", "reporter__email"]

    def get_search_fields(self, request):
        fields = list(super().get_search_fields(request))
        if self.reporter_search_fields and roles.handles_cases(request.user):
            fields += self.reporter_search_fields
        return fields

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        parsed = Case.parse_tracking_code(term) or Case.parse_tracking_code(term + "-X")
        if parsed:
            return queryset.filter(fiscal_year=parsed[0], number=parsed[1]), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description=_("register number"), ordering="number")
    def register_number(self, obj):
        return obj.tracking_number

    @admin.display(description=_("tracking code given to the citizen"))
    def citizen_code(self, obj):
        return obj.tracking_code

    def get_list_display(self, request):
        # Bound to this request's user: the admin instance is shared by all requests.
        @admin.display(description=_("reporter"))
        def reporter(obj):
            return _reporter_html(obj, request.user)

        columns = list(super().get_list_display(request))
        columns[columns.index("reporter_display")] = reporter
        return columns

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj.viewer = request.user
        return obj

    @admin.display(description=_("reporter"))
    def reporter_display(self, obj):
        return _reporter_html(obj, getattr(obj, "viewer", None))

    @admin.display(description=_("responsible officer"), ordering="assigned_to__first_name")
    def officer(self, obj):
        return officer_name(obj.assigned_to) if obj.assigned_to else None

    @admin.display(description=_("deadline"))
    def deadline(self, obj):
        return deadline_html(obj)

    def kept_filters_key(self, request):
        return queue_key(self, request)  # the pane's choices are the queue's facts

    def kept_page_key(self, request):
        return queue_key(self, request)

    def deadline_warning_counts(self, request):
        return queue_facts(self, request)["counts"]

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)  # CaseAddedOnce
        step = form.cleaned_data.get("next_step")
        if step:
            values = {name: form.cleaned_data.get(name) for name in WORKFLOW_FIELDS}
            try:
                case_transition(case=obj, to=step, by=request.user, **values)
            except TransitionError as error:
                self.message_user(request, str(error), messages.ERROR)
        else:
            obj.save()

    def save_formset(self, request, form, formset, change):
        if formset.model is Reporter:
            changed = {name for inline_form in formset.forms for name in inline_form.changed_data}
            formset.save()
            if changed and change:
                case_reporter_corrected(case=form.instance, fields=changed)
            return None
        if formset.model is not CaseEntry:
            return super().save_formset(request, form, formset, change)
        service = case_reply if formset.kind == CaseEntry.Kind.REPLY else case_note
        for inline_form in formset.forms:
            body = inline_form.cleaned_data.get("body") if inline_form.has_changed() else None
            if body and not inline_form.instance.pk:
                service(case=form.instance, by=request.user, body=body)
        formset.new_objects = []
        formset.changed_objects = []
        formset.deleted_objects = []

    def has_delete_permission(self, request, obj=None):
        # Cases are evidence for ITA and audits: they are closed, never deleted.
        return False
