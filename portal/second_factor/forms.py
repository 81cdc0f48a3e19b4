from django import forms
from django.utils.translation import gettext_lazy as _

from portal.second_factor.devices import code_normalise


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6 digits your authenticator app shows now, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"},
        ),
    )

    def clean_code(self):
        return code_normalise(self.cleaned_data["code"])
