from dataclasses import dataclass

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _

from measures.models import StakeholderGroup
from portal.lib.be_dates import BuddhistEraDateField
from surveys.models import Response
from surveys.models.survey import LIKERT

OPEN_ANSWER_MAX = 2000

# The five radios of every Likert item, as the template writes them: the
# value as it comes back in the POST (a string) and its label.
LIKERT_RADIOS = [(str(score), label) for score, label in LIKERT]


@dataclass(frozen=True)
class LikertRow:
    """One Likert item as the answer sheet draws it: plain values, so the
    template writes its five radios itself instead of rendering a widget
    template per radio (85 widget renders were most of the page's cost)."""

    name: str
    id: str
    label: str
    errors: list
    chosen: str


class SurveyAnswerForm(forms.Form):
    """The public answer sheet, built from the survey's own items.

    Only the survey's items become fields, so a forged item number in the
    POST is ignored; a score outside 1–5 or text fails the choice check.
    """

    token = forms.CharField(widget=forms.HiddenInput)
    likert_radios = LIKERT_RADIOS

    def __init__(self, *args, survey, dimensions, open_questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.dimension_fields = []
        for dimension in dimensions:
            names = []
            for item in dimension.items.all():
                name = f"item_{item.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=item.text,
                    choices=LIKERT,
                    coerce=int,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                    error_messages={"invalid_choice": _("Choose a score from 1 to 5.")},
                )
                self.fields[name].item = item
                names.append(name)
            self.dimension_fields.append((dimension, names))
        self.open_names = []
        for question in open_questions:
            name = f"open_{question.pk}"
            self.fields[name] = forms.CharField(
                label=question.text,
                required=False,
                max_length=OPEN_ANSWER_MAX,
                widget=forms.Textarea(
                    attrs={"rows": 3, "aria-describedby": "open-answers-publication"}
                ),
            )
            self.fields[name].question = question
            self.open_names.append(name)
        self.demographic_names = []
        if survey.ask_sex:
            self._add_choice("sex", _("Sex"), Response.Sex.choices)
        if survey.ask_age_band:
            self._add_choice("age_band", _("Age"), Response.AgeBand.choices)
        if survey.ask_occupation:
            self._add_choice("occupation", _("Occupation"), Response.Occupation.choices)
        if survey.ask_stakeholder_group:
            self.fields["stakeholder_group"] = forms.ModelChoiceField(
                label=_("You are"),
                queryset=StakeholderGroup.objects.all(),
                required=False,
                empty_label=_("Prefer not to say"),
            )
            self.demographic_names.append("stakeholder_group")

    def _add_choice(self, name, label, choices):
        self.fields[name] = forms.ChoiceField(
            label=label,
            choices=[("", _("Prefer not to say")), *choices],
            required=False,
        )
        self.demographic_names.append(name)

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.scores() and not any(self.open_answers().values()):
            raise forms.ValidationError(_("Please answer at least one question."))
        return cleaned

    def renew_token(self, token):
        """A fresh one-time token for a sheet shown again after a refusal, so
        the citizen can send the answers kept in it once more."""
        self.data = self.data.copy()
        self.data["token"] = token

    def has_question_errors(self):
        """True when a question on the sheet is highlighted; refusals of the
        whole sheet (rate limit, expired form) highlight none."""
        return any(name not in ("token", NON_FIELD_ERRORS) for name in self.errors)

    def scores(self):
        return {
            self.fields[name].item: self.cleaned_data[name]
            for _dimension, names in self.dimension_fields
            for name in names
            if self.cleaned_data.get(name) not in (None, "")
        }

    def open_answers(self):
        return {
            self.fields[name].question: self.cleaned_data.get(name, "").strip()
            for name in self.open_names
        }

    def demographics(self):
        return {name: self._empty(name) for name in self.demographic_names}

    def _empty(self, name):
        value = self.cleaned_data.get(name)
        if name == "stakeholder_group":
            return value or None
        return value or ""

    def dimension_groups(self):
        """[(dimension, [LikertRow])] for the template; a refused sheet keeps
        each score the citizen chose, even one outside 1–5 (then none is ticked)."""
        return [
            (dimension, [self._likert_row(name) for name in names])
            for dimension, names in self.dimension_fields
        ]

    def _likert_row(self, name):
        field = self[name]
        chosen = field.value()
        return LikertRow(
            name=field.html_name,
            id=field.auto_id,
            label=field.label,
            errors=field.errors,
            chosen="" if chosen is None else str(chosen),
        )

    def open_fields(self):
        return [self[name] for name in self.open_names]

    def demographic_fields(self):
        return [self[name] for name in self.demographic_names]


class PaperAnswerForm(SurveyAnswerForm):
    """A paper questionnaire as staff key it in (seed 001 §3, 004 §4): the
    round's own questions, with the sheet's number and the date written on
    it instead of the one-time token of the online form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["token"]
        sheet = {
            "sheet_number": forms.CharField(
                label=_("Paper sheet number"),
                max_length=Response._meta.get_field("sheet_number").max_length,
                help_text=_("The number written on the sheet, so no sheet is keyed twice."),
            ),
            # As on the public forms: a Gregorian year is refused, never
            # guessed (a sheet dated 2026 is a slip to correct, not 2026 BE).
            "answered_on": BuddhistEraDateField(
                label=_("Date on the sheet"),
                help_text=_("Day/month/Buddhist-Era year, for example 20/11/2569."),
            ),
        }
        self.fields = sheet | dict(self.fields)

    def sheet_fields(self):
        return [self["sheet_number"], self["answered_on"]]
