from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from measures.models import Activity, Measure, MissionGroup
from portal.lib import thai

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


class MeasureImportForm(forms.Form):
    text = forms.CharField(
        label=_("Announcement text"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Paste the whole announcement, from the line ประกาศ… to the signatory's position."
        ),
    )


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
