from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from feedback.forms import CaseFields
from feedback.models import Case, Reporter
from feedback.models.case_queries import DUE_SOON, OVERDUE
from feedback.services import WORKFLOW_FIELDS, TransitionError, case_officers, transition_check
from portal.lib.phone import PhoneField


def officer_name(user):
    """How staff are named to each other: full name, the username if none is given."""
    return user.get_full_name() or user.get_username()


class DeadlineFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "deadline"

    def lookups(self, request, model_admin):
        return [(OVERDUE, _("Overdue")), (DUE_SOON, _("Due soon")), ("open", _("Open"))]

    def queryset(self, request, queryset):
        # The queues' querysets carry each case's state (`with_deadline_state`).
        if self.value() in (OVERDUE, DUE_SOON):
            return queryset.filter(deadline_state=self.value())
        if self.value() == "open":
            return queryset.open()
        return queryset


class StreamFilter(admin.SimpleListFilter):
    """The streams of the queue being shown (the general queue has no corruption)."""

    title = _("type")
    parameter_name = "stream"

    def lookups(self, request, model_admin):
        return model_admin.stream_choices()

    def queryset(self, request, queryset):
        return queryset.filter(stream=self.value()) if self.value() else queryset


class ReporterCorrectionForm(forms.ModelForm):
    """The reporter's details as corrected at their request: a telephone number
    is checked as on every other form."""

    phone = PhoneField(label=_("telephone"), required=False)

    class Meta:
        model = Reporter
        fields = Reporter.CONTACT_FIELDS


class CaseAddForm(CaseFields, forms.ModelForm):
    """What staff type in for a case that came by phone, letter, box, walk-in…"""

    name = forms.CharField(label=_("Reporter's name"), max_length=200, required=False)
    phone = PhoneField(label=_("Reporter's telephone"), required=False)
    email = forms.EmailField(label=_("Reporter's e-mail"), required=False)
    address = forms.CharField(
        label=_("Reporter's address"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Case
        fields = [*Case.RECEIPT_FIELDS, *Case.CITIZEN_FIELDS, "category", "is_anonymous"]

    def case_fields(self):
        # Staff record what reached them; the citizen's certificate is not asked.
        return super().case_fields() | {"certified_true": True}

    def clean(self):
        data = super().clean()
        if data.get("channel") in Case.REFERRAL_CHANNELS and not data.get("incoming_reference"):
            self.add_error("incoming_reference", _("A referral needs its reference number."))
        return data


class StepField(forms.ChoiceField):
    """Offers the steps allowed now but takes any status, so that a step no longer
    allowed (the case moved on in another tab) is refused by the workflow check
    with its reason in Thai, not as an unknown choice with the raw status code."""

    def valid_value(self, value):
        return value in Case.Status.values


class CaseChangeForm(forms.ModelForm):
    next_step = StepField(label=_("Next step"), required=False)

    class Meta:
        model = Case
        fields = ["category", "improvements", *WORKFLOW_FIELDS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        case = self.instance
        self.fields["next_step"].choices = [("", _("— keep the current status —"))] + [
            (status, Case.Status(status).label) for status in case.allowed_next()
        ]
        if "assigned_to" in self.fields:  # absent for readers: the form is read-only
            officer = self.fields["assigned_to"]
            officer.queryset = case_officers(stream=case.stream, keeping=case.assigned_to_id)
            officer.label_from_instance = officer_name
        self.fields["next_step"].help_text = _(
            "Fill in what the step needs: a ground for not accepting; a group and an officer "
            "for assigning; the outcome for completing; the agency and date for a referral."
        )

    def clean(self):
        data = super().clean()
        step = data.get("next_step")
        if not step:
            for name in WORKFLOW_FIELDS:
                if name in self.changed_data:
                    self.add_error(name, _("Choose the next step to record this."))
        if step:
            try:
                transition_check(case=self.instance, to=step, values=data)
            except TransitionError as error:
                if not error.fields:
                    raise forms.ValidationError(str(error)) from error
                self.add_error(None, str(error))
                for name in error.fields:
                    self.add_error(
                        name,
                        _("Not recorded at this step: clear it, or choose the step it belongs to."),
                    )
        return data
