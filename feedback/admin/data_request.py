"""Personal data requests in the admin: the triage and integrity officers answer
them within the Act's 30 days.

Only those who may see complainants' details see a request at all
(`DataRequest.objects.visible_to`); a request about a corruption report is the
integrity role's alone, and each showing of that reporter's data is logged.
"""

import csv

from django import forms
from django.contrib import admin, messages
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from feedback.admin.case import deadline_html
from feedback.admin.data_request_record import (
    RECORDED_CHANNELS,
    CaseAutocomplete,
    CaseChoicesView,
    DataRequestRecordForm,
)
from feedback.admin.deadline_warning import DeadlineWarning
from feedback.admin.forms import DeadlineFilter
from feedback.data_requests import DataRequestError, data_request_answer, data_request_record
from feedback.models import AccessRecord, Case, DataRequest, FeedbackSettings, access_record
from feedback.models.access import reveals_record
from feedback.personal_data import personal_data_summary
from portal.lib import roles, thai
from portal.lib.admin_added_once import AddedOnce
from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_history import HistoryAdmin
from portal.lib.spreadsheet import csv_cell, csv_response


class DataRequestAnswerForm(forms.ModelForm):
    outcome = forms.ChoiceField(
        label=_("answer the request"),
        required=False,
        choices=[("", _("Not yet (keep the draft answer)")), *list(DataRequest.Status.choices)[1:]],
    )
    erasure_confirmed = forms.BooleanField(
        label=_("I have checked that the law allows erasing this person's data now"),
        required=False,
        help_text=_(
            "Erasure removes the name, contact details, attachments and the words they "
            "wrote, also from the case's history. It cannot be undone. The case stays "
            "counted in the statistics."
        ),
    )

    class Meta:
        model = DataRequest
        fields = ["answer"]

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if not outcome:
            return data
        if not self.instance.is_open:
            raise forms.ValidationError(_("This request was already answered."))
        if outcome == DataRequest.Status.REFUSED and not (data.get("answer") or "").strip():
            self.add_error("answer", _("A refusal must give its legal ground to the citizen."))
        erase = self.instance.kind == DataRequest.Kind.ERASE
        if erase and outcome == DataRequest.Status.DONE and not data.get("erasure_confirmed"):
            self.add_error("erasure_confirmed", _("Confirm the erasure to carry it out."))
        return data


def _visible_requests(request):
    soon_days = FeedbackSettings.objects.current().due_soon_days
    return (
        DataRequest.objects.visible_to(request.user)
        .with_deadline_state(today=timezone.localdate(), soon_days=soon_days)
        .prefetch_related("cases")
    )


@admin.register(DataRequest)
class DataRequestAdmin(AddedOnce, DeadlineWarning, BuddhistEraDates, HistoryAdmin):
    form = DataRequestAnswerForm
    actions = ["export_csv"]
    list_display = [
        "request_number",
        "kind",
        "channel",
        "received_at",
        "due_on",
        "deadline",
        "status",
        "case_numbers",
    ]
    list_filter = [DeadlineFilter, "status", "kind", "channel"]
    date_hierarchy = "received_at"
    # By the name on a request received on paper or at the counter, too.
    search_fields = ["answer", "requester_name"]
    readonly_fields = [
        "request_number",
        "kind",
        "channel",
        "requester_name",
        "identity_check",
        "recorded_by",
        "case_links",
        "details",
        "received_at",
        "due_on",
        "status",
        "answered_at",
        "answered_by",
        "held",
    ]

    def get_queryset(self, request):
        return _visible_requests(request)

    # Shown only on requests an officer typed in: the site's requests hold none.
    RECORDING_FIELDS = ("requester_name", "identity_check", "recorded_by")

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DataRequestRecordForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["received_on", *DataRequestRecordForm.Meta.fields]
        fields = list(self.readonly_fields)
        if not obj.recorded_by_staff:
            fields = [name for name in fields if name not in self.RECORDING_FIELDS]
        if obj.is_open and self.has_change_permission(request, obj):
            fields += ["outcome", "answer"]
            if obj.kind == DataRequest.Kind.ERASE:
                fields.append("erasure_confirmed")
        else:
            fields.append("answer")
        return fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.is_open and self.has_change_permission(request, obj):
            return self.readonly_fields
        return [*self.readonly_fields, "answer"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "cases":
            # Among the cases this officer may see, with no "add a case" button.
            kwargs["queryset"] = Case.objects.visible_to(request.user)
            kwargs["widget"] = CaseAutocomplete(db_field, self.admin_site)
            return db_field.formfield(**kwargs)
        if db_field.name == "channel":
            kwargs["choices"] = RECORDED_CHANNELS
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        choices = CaseChoicesView.as_view(admin_site=self.admin_site, model_admin=self)
        return [
            path(
                "cases/autocomplete/",
                self.admin_site.admin_view(choices),
                name="feedback_datarequest_case_choices",
            ),
            *super().get_urls(),
        ]

    # Only those who may see complainants' details, whatever their model rights.
    def has_module_permission(self, request):
        return roles.handles_cases(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return roles.handles_cases(request.user) and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return roles.handles_cases(request.user) and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        # Requests on paper, at the counter or by e-mail; the site files its own.
        return roles.handles_cases(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False  # the record that the request was answered in time

    def get_search_results(self, request, queryset, search_term):
        """A request by its reference (PDPA-2569-0001) or by a case's register number."""
        term = search_term.strip().upper().removeprefix("PDPA-")
        parts = term.split("-")
        if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit():
            year, number = int(parts[0]), int(parts[1])
            by_case = Case.objects.filter(fiscal_year=year, number=number)
            found = queryset.filter(fiscal_year=year, number=number) | queryset.filter(
                cases__in=by_case
            )
            return found.distinct(), True
        return super().get_search_results(request, queryset, search_term)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        context = getattr(response, "context_data", None) or {}
        data_request = context.get("original")
        if response.status_code == 200 and data_request is not None:
            sealed = [case for case in data_request.cases.all() if case.is_corruption]
            if sealed and request.method == "GET":
                access_record(request=request, action=AccessRecord.Action.OPEN, cases=sealed)
                reveals_record(
                    request=request, cases=sealed, surface=AccessRecord.Surface.DATA_REQUEST
                )
        return response

    def deadline_warning_counts(self, request):
        soon_days = FeedbackSettings.objects.current().due_soon_days
        return DataRequest.objects.visible_to(request.user).deadline_counts(
            today=timezone.localdate(), soon_days=soon_days
        )

    def save_model(self, request, obj, form, change):
        if not change:
            data = form.cleaned_data
            recorded, created = data_request_record(
                **{name: data[name] for name in DataRequestRecordForm.Meta.fields},
                received_on=data["received_on"],
                by=request.user,
            )
            obj.pk = recorded.pk
            obj.refresh_from_db()
            obj.recorded_before = not created
            return
        outcome = form.cleaned_data.get("outcome")
        if not outcome:
            obj.save(update_fields=["answer"])
            return
        try:
            data_request_answer(
                request=obj, by=request.user, status=outcome, answer=obj.answer or ""
            )
        except DataRequestError as error:
            self.message_user(request, str(error), messages.ERROR)

    def recorded_before_message(self, obj):
        # The form sent twice (a double click, or again after a slow answer),
        # or the same person's request typed in again while still open.
        return _(
            "%(reference)s: this person's request for the same cases was already "
            "recorded and is still open. Nothing was recorded twice; this is the request."
        ) % {"reference": obj.reference}

    def save_related(self, request, form, formsets, change):
        if change:  # a new request's cases were set by data_request_record
            super().save_related(request, form, formsets, change)

    @admin.display(description=_("request number"), ordering="number")
    def request_number(self, obj):
        return obj.reference

    @admin.display(description=_("deadline"))
    def deadline(self, obj):
        return deadline_html(obj)

    @admin.display(description=_("cases concerned"))
    def case_numbers(self, obj):
        return ", ".join(case.tracking_number for case in obj.cases.all())

    @admin.display(description=_("cases concerned"))
    def case_links(self, obj):
        return format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse(case.admin_url_name, args=[case.pk]), case.tracking_number)
                for case in obj.cases.all()
            ),
        )

    @admin.display(description=_("personal data held about the requester"))
    def held(self, obj):
        return format_html(
            "{}",
            render_to_string(
                "feedback/includes_personal_data_held.html",
                {
                    "held": [
                        (case, personal_data_summary(case, to_staff=True))
                        for case in obj.cases.select_related("reporter")
                    ]
                },
            ),
        )

    @admin.action(description=_("Export the selected requests as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        rows = list(queryset.order_by("fiscal_year", "number"))
        sealed = [case for row in rows for case in row.cases.all() if case.is_corruption]
        if sealed:
            access_record(request=request, action=AccessRecord.Action.EXPORT, cases=sealed)
        response = csv_response(f"personal-data-requests-{timezone.localdate():%Y%m%d}.csv")
        writer = csv.writer(response)
        writer.writerow(
            [
                _("request number"),
                _("request"),
                _("channel"),
                _("received at"),
                _("answer by"),
                _("status"),
                _("answered at"),
                _("cases concerned"),
            ]
        )
        for row in rows:
            answered = row.answered_at and thai.local_date(row.answered_at).isoformat()
            writer.writerow(
                [
                    row.reference,
                    row.get_kind_display(),
                    row.get_channel_display(),
                    thai.local_date(row.received_at).isoformat(),
                    row.due_on.isoformat(),
                    row.get_status_display(),
                    answered or "",
                    csv_cell(self.case_numbers(row)),
                ]
            )
        response["Cache-Control"] = "private, no-store"
        return response
