from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from measures.models import Activity, Clause, Measure, MissionGroup
from portal.lib import thai
from portal.lib.admin_dates import DateAcceptingBuddhistEra
from portal.lib.uploads import sniff_kind

FIRST_ACTIVITY_YEAR = 2562
SUCCESSOR_TITLE_CHARS = 70


def fiscal_year_choices():
    current = thai.FiscalYear.current().be_year
    return [("", _("All years"))] + [
        (str(year), str(year)) for year in range(current, FIRST_ACTIVITY_YEAR - 1, -1)
    ]


class ActivityFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Fiscal year"), required=False, choices=())
    group = forms.ModelChoiceField(
        label=_("Mission group"),
        required=False,
        queryset=MissionGroup.objects.active(),
        to_field_name="slug",
        empty_label=_("All mission groups"),
    )
    level = forms.ChoiceField(
        label=_("Participation level"),
        required=False,
        choices=[("", _("All levels")), *Activity.Level.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = fiscal_year_choices()


# A ten-page scan at 300 dpi is a few megabytes; a file far larger is not an announcement.
MAX_IMPORT_BYTES = 20 * 1024 * 1024
IMPORT_KINDS = {"pdf", "docx", "zip", "png", "jpg", "tif", "webp", "bmp"}


class MeasureImportForm(forms.Form):
    text = forms.CharField(
        label=_("Announcement text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Paste the whole announcement, from the line ประกาศ… to the signatory's position."
        ),
    )
    file = forms.FileField(
        label=_("Or a file of the announcement"),
        required=False,
        help_text=_(
            "A PDF (signed copy or scan), a Word file (.docx) or a photo of each page "
            "(PNG, JPEG, TIFF). A scan is read by OCR: about six seconds a page."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."), code="too_large")
        kind = sniff_kind(upload)
        if (kind is None or kind.extension not in IMPORT_KINDS) and not _is_utf8(upload):
            raise forms.ValidationError(
                _("Give a PDF, a Word file (.docx), a page image or a UTF-8 text file."),
                code="kind",
            )
        return upload

    def clean(self):
        data = super().clean()
        nothing = not data.get("text", "").strip() and not data.get("file")
        if nothing and not self.has_error("file"):
            raise forms.ValidationError(_("Paste the announcement or choose a file."), code="empty")
        return data


def _is_utf8(upload) -> bool:
    upload.seek(0)
    try:
        upload.read(64 * 1024).decode("utf-8")
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


class MeasureReviewForm(forms.ModelForm):
    """The announcement's parts as recognised, for staff to correct before saving."""

    class Meta:
        model = Measure
        fields = [
            "agency_name",
            "title",
            "preamble",
            "announced_on",
            "signatory_name",
            "signatory_position",
            "closing",
            "footer",
            "fiscal_year_from",
            "thai_digits",
        ]
        field_classes = {"announced_on": DateAcceptingBuddhistEra}
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "preamble": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.TextInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Shown as officers write dates: day/month/Buddhist-Era year.
        day = self.initial.get("announced_on")
        if day and not self.is_bound:
            self.initial["announced_on"] = f"{day:%d/%m}/{thai.to_be(day.year)}"
        self.fields["announced_on"].help_text = _("Day/month/year B.E., e.g. 15/10/2568.")


class ClauseReviewForm(forms.Form):
    """One recognised block (clause, sub-item, heading or paragraph)."""

    kind = forms.ChoiceField(
        label=_("kind"), choices=Clause.Kind.choices, initial=Clause.Kind.CLAUSE
    )
    label = forms.CharField(label=_("number or letter"), max_length=10, required=False)
    text = forms.CharField(
        label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


ClauseReviewFormSet = forms.formset_factory(ClauseReviewForm, extra=2, can_delete=True)


class MeasureSupersedeForm(forms.Form):
    successor = forms.ModelChoiceField(
        label=_("Replaced by"),
        queryset=Measure.objects.none(),
        help_text=_(
            "The published measure now in force. The old one stays at its web address "
            "and points to it."
        ),
    )

    def __init__(self, *args, measure, **kwargs):
        super().__init__(*args, **kwargs)
        successor = self.fields["successor"]
        successor.queryset = (
            Measure.objects.in_force().exclude(pk=measure.pk).order_by("-announced_on", "-pk")
        )
        # Measures of one agency share nearly the same subject; the number
        # differs. Full subjects made the list wider than a 1280-pixel screen;
        # the confirmation step shows them whole.
        successor.label_from_instance = lambda choice: (
            f"{choice.slug} · {Truncator(choice.title).chars(SUCCESSOR_TITLE_CHARS)}"
        )
