"""Telephone numbers citizens and staff type in: one rule and one form field for all of them.

A Thai number is a landline of 9 digits (02 123 4567, 042 111 222: 0 and an area
code 2–7) or a mobile of 10 (081 234 5678: 06, 08 or 09), or either written
internationally as +66 without the leading 0. Thai
digits, spaces, dashes, dots and brackets are accepted as typed; an extension may
follow ("ต่อ 12").
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.lib.thai import arabic_digits

SEPARATORS = re.compile(r"[ ().-]")
NUMBER = re.compile(r"(?:0|\+66)(?:[2-7][0-9]{7}|[689][0-9]{8})")
EXTENSION = re.compile(r"\s*(?:ต่อ|ext\.?|x)\s*[0-9]{1,6}$", re.IGNORECASE)


def validate_thai_phone(value):
    number = SEPARATORS.sub("", EXTENSION.sub("", arabic_digits(value)))
    if not NUMBER.fullmatch(number):
        raise ValidationError(
            _(
                "Please give a Thai telephone number of 9 or 10 digits starting with 0, "
                "for example 081-234-5678 or 042-111-222 (or +66 81 234 5678)."
            ),
            code="invalid_phone",
        )


class PhoneInput(forms.TextInput):
    """A phone's number keypad on a phone, and the browser's autofill of the user's number."""

    input_type = "tel"

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "tel", **(attrs or {})})


class PhoneField(forms.CharField):
    widget = PhoneInput
    default_validators = [validate_thai_phone]

    def __init__(self, **kwargs):
        super().__init__(**{"max_length": 50, **kwargs})

    def to_python(self, value):
        return arabic_digits(super().to_python(value))
