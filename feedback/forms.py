import datetime as dt
import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.models import Case, DataRequest, Reporter
from feedback.services import text_clean, text_fingerprint
from feedback.uploads import MAX_FILES, upload_clean
from measures.models import MissionGroup
from portal.lib.be_dates import BuddhistEraDateField
from portal.lib.likert import LIKERT
from portal.lib.phone import PhoneField

FLOOD_LIMIT = 3  # identical texts accepted per day, from anyone


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class HoneypotForm(forms.Form):
    """A field people never see; bots that fill every input give themselves away."""

    website = forms.CharField(required=False, label=gettext_lazy("Leave this field empty"))


class SentOnce(forms.Form):
    """A form whose page carries a one-time token, so that what it does is done
    once however often the page is sent (a double click, a browser sending
    again on a slow line, both at the same instant): the case forms store one
    case (feedback/registration.py), the by-address request form mails one
    link (feedback/data_request_links.py)."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submission_token"].initial = uuid.uuid4()

    def clean(self):
        cleaned = super().clean()
        if self._errors.pop("submission_token", None):
            # A page opened before it carried a token (or altered): the field is
            # hidden, so its error is said at the top, and the form comes back
            # with what was typed and a fresh token for sending it again.
            self.data = self.data.copy()
            self.data["submission_token"] = str(uuid.uuid4())
            self.add_error(
                None,
                _(
                    "Nothing was sent yet: this page was older than the form. What you "
                    "typed is kept below; please send it again."
                ),
            )
        return cleaned


class CaseFields(SentOnce):
    """How a case form's cleaned data becomes `case_register`'s arguments (the
    public form and the admin's add form alike)."""

    def case_fields(self):
        data = self.cleaned_data
        fields = {name: data.get(name) for name in self._meta.fields if name in data}
        for name in ("remedy_sought", "incoming_reference"):
            if name in fields:
                fields[name] = fields[name] or ""
        fields["submission_token"] = data["submission_token"]
        return fields

    def reporter_fields(self):
        if self.cleaned_data.get("is_anonymous"):
            return {}
        return {name: self.cleaned_data.get(name) or "" for name in Reporter.CONTACT_FIELDS}


class CaseSubmitForm(CaseFields, forms.ModelForm):
    PUBLIC_STREAMS = [
        (Case.Stream.GENERAL, Case.Stream.GENERAL.label),
        (Case.Stream.SUGGESTION, Case.Stream.SUGGESTION.label),
        (Case.Stream.COMPLIMENT, Case.Stream.COMPLIMENT.label),
        (Case.Stream.QUESTION, Case.Stream.QUESTION.label),
    ]

    attachments = MultipleFileField(
        label=gettext_lazy("Attachments (documents or photos)"),
        required=False,
        help_text=gettext_lazy(
            "Up to 5 files, 10 MB each: photos (JPEG, PNG, WebP) or documents (PDF, Word, Excel)."
        ),
    )
    name = forms.CharField(label=gettext_lazy("Your name"), max_length=200, required=False)
    phone = PhoneField(label=gettext_lazy("Telephone"), required=False)
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy("We send the tracking code and our replies here."),
    )
    address = forms.CharField(
        label=gettext_lazy("Postal address"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    # PDPA s. 23: the citizen is told, before anything is stored, which notice
    # applies. The box is checked here on the server, not only by the page flow;
    # the hidden version says which notice the citizen was shown.
    privacy_acknowledged = forms.BooleanField(
        required=True,
        error_messages={
            "required": gettext_lazy(
                "Please tick the box to confirm that you have read the privacy notice. "
                "Nothing has been sent yet; what you wrote is kept below."
            )
        },
    )
    privacy_notice_version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Case
        fields = ["stream", *Case.CITIZEN_FIELDS, "is_anonymous", "certified_true"]
        widgets = {
            "details": forms.Textarea(attrs={"rows": 8}),
            "remedy_sought": forms.Textarea(attrs={"rows": 3}),
        }
        # Typed as written on paper, in the Buddhist Era: the browser's own
        # picker shows Gregorian dates ("11/20/2026").
        field_classes = {"incident_on": BuddhistEraDateField}
        labels = {
            "is_anonymous": gettext_lazy("I wish to remain anonymous"),
            "certified_true": gettext_lazy(
                "I certify that the facts I have given are true to the best of my knowledge."
            ),
        }
        help_texts = {
            "details": gettext_lazy(
                "What happened, where, when, who was involved; up to 10,000 characters."
            ),
            "mission_group": gettext_lazy("If you know which group it concerns (optional)."),
            "incident_on": gettext_lazy(
                "Day/month/year of the Buddhist Era, for example 20/11/2569 (optional)."
            ),
        }

    def __init__(self, *args, stream=None, privacy=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_stream = stream
        # Without the notice (the database away while the form is shown again)
        # the box stays, unnamed; the version is checked when the form is stored.
        self.privacy = privacy
        if privacy is not None:
            self.fields["privacy_acknowledged"].label = _(
                "I have read the privacy notice (version %(version)s) and know how my "
                "personal data will be used."
            ) % {"version": privacy.version}
            self.fields["privacy_notice_version"].initial = privacy.version
        else:
            self.fields["privacy_acknowledged"].label = _(
                "I have read the privacy notice and know how my personal data will be used."
            )
        if stream:
            del self.fields["stream"]
        else:
            self.fields["stream"].choices = self.PUBLIC_STREAMS
            self.fields["stream"].label = _("What would you like to tell us?")
        self.fields["mission_group"].queryset = MissionGroup.objects.active()
        self.fields["mission_group"].required = False
        self.fields["mission_group"].empty_label = _("Not sure")
        self.fields["certified_true"].required = True
        self.fields["is_anonymous"].widget.attrs["aria-describedby"] = "anonymous-guidance"
        self.order_fields(
            [
                *("stream", "subject", "details", "remedy_sought", "incident_on"),
                *("mission_group", "attachments", "is_anonymous", "name", "phone"),
                *("email", "address", "certified_true", "privacy_acknowledged"),
                *("privacy_notice_version", "submission_token"),
            ]
        )

    def clean(self):
        cleaned = super().clean()
        shown = cleaned.get("privacy_notice_version")
        if self.privacy and cleaned.get("privacy_acknowledged") and shown != self.privacy.version:
            # The notice changed while the form was open: the new one must be read.
            self.data = self.data.copy()
            self.data["privacy_notice_version"] = self.privacy.version
            self.data["privacy_acknowledged"] = ""
            self.add_error(
                "privacy_acknowledged",
                _(
                    "The privacy notice has changed since this form was opened (it is now "
                    "version %(version)s). Please read it and tick the box again."
                )
                % {"version": self.privacy.version},
            )
        return cleaned

    def clean_subject(self):
        subject = text_clean(self.cleaned_data["subject"])
        if not subject:
            raise forms.ValidationError(_("Please write a subject."))
        return subject

    def clean_details(self):
        details = text_clean(self.cleaned_data["details"])
        if len(details) < 10:
            raise forms.ValidationError(_("Please describe the matter in a few words or more."))
        since = timezone.now() - dt.timedelta(days=1)
        repeats = Case.objects.filter(
            text_fingerprint=text_fingerprint(details), received_at__gte=since
        ).count()
        if repeats >= FLOOD_LIMIT:
            raise forms.ValidationError(
                _("The same text has already been sent several times today; we have it.")
            )
        return details

    def clean_incident_on(self):
        day = self.cleaned_data.get("incident_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("The date of the incident cannot be in the future."))
        return day

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("Please send at most 5 files."))
        return [upload_clean(item) for item in files]

    def case_fields(self):
        fields = super().case_fields()
        fields["stream"] = self.fixed_stream or self.cleaned_data["stream"]
        return fields


class TrackForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Tracking code"),
        max_length=40,
        help_text=gettext_lazy("As on your receipt, for example 2569-00012-ACDE47."),
    )


class CitizenInformationForm(forms.Form):
    """More words or files from the citizen while the case is open."""

    body = forms.CharField(
        label=gettext_lazy("What would you like to add?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = CaseSubmitForm.base_fields["attachments"]
    clean_attachments = CaseSubmitForm.clean_attachments

    def clean_body(self):
        body = text_clean(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(_("Please write what you would like to add."))
        return body


class ResolutionAnswerForm(forms.Form):
    """Did the outcome resolve the matter? "No" needs the reason: it goes to the officer."""

    resolved = forms.TypedChoiceField(
        label=gettext_lazy("Was the matter resolved?"),
        choices=[
            ("yes", gettext_lazy("Yes, it was resolved")),
            ("no", gettext_lazy("No, it was not resolved")),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("If not, what is still wrong?"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Your case goes back to the officer with these words."),
    )

    def clean(self):
        data = super().clean()
        data["reason"] = text_clean(data.get("reason", ""))
        if data.get("resolved") is False and not data["reason"]:
            self.add_error("reason", _("Please say what is still not resolved."))
        return data


class HandlingRatingForm(forms.Form):
    score = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with how your case was handled?"),
        choices=LIKERT,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DataRequestForm(forms.Form):
    """A request to see, correct or erase one's personal data (PDPA s.30-35)."""

    kind = forms.ChoiceField(
        label=gettext_lazy("What would you like us to do?"),
        choices=DataRequest.Kind.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=gettext_lazy("Details"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "For a correction: what is wrong and what it should be. "
            "No need to write your name or contact details here."
        ),
    )

    def clean(self):
        data = super().clean()
        data["details"] = text_clean(data.get("details", ""))
        if data.get("kind") == DataRequest.Kind.CORRECT and not data["details"]:
            self.add_error("details", _("Please tell us what is wrong and what it should be."))
        return data


class PublicDataRequestForm(DataRequestForm):
    """The same request from the public form: the tracking code shows whose case it is."""

    code = TrackForm.base_fields["code"]
    field_order = ["code", "kind", "details"]


class AddressDataRequestForm(SentOnce, DataRequestForm):
    """The same request by the e-mail address given on one's complaints; a link
    mailed there confirms it (feedback.data_request_links)."""

    email = forms.EmailField(
        label=gettext_lazy("The e-mail address you gave on your complaints"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    field_order = ["email", "kind", "details"]
