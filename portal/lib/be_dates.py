"""Dates typed in the Buddhist Era, as Thai citizens write them.

A browser's date picker shows and sends the Gregorian calendar ("11/20/2026"),
which a Thai citizen reads as a mistake. The public forms take the date as it
is written on paper: "20/11/2569", "20 พ.ย. 2569", in Thai or Arabic digits,
and show it back the same way. A year before 2400 is refused with a clear Thai
error rather than guessed: "20/11/2026" is far more likely a Gregorian year
than a date 570 years ago, and a wrong guess would be stored silently.
"""

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.lib import thai

# No date this portal records lies before 2400 BE (1857 CE), nor is a
# Gregorian year that far ahead: a year from 2400 on is the Buddhist Era.
FIRST_BE_YEAR = 2400

MONTH_NAMES = (
    ("มกราคม", "ม.ค."),
    ("กุมภาพันธ์", "ก.พ."),
    ("มีนาคม", "มี.ค."),
    ("เมษายน", "เม.ย."),
    ("พฤษภาคม", "พ.ค."),
    ("มิถุนายน", "มิ.ย."),
    ("กรกฎาคม", "ก.ค."),
    ("สิงหาคม", "ส.ค."),
    ("กันยายน", "ก.ย."),
    ("ตุลาคม", "ต.ค."),
    ("พฤศจิกายน", "พ.ย."),
    ("ธันวาคม", "ธ.ค."),
)
_MONTHS = {
    re.sub(r"[.\s]", "", name): number
    for number, names in enumerate(MONTH_NAMES, start=1)
    for name in names
}

_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})\s*([^\d\s][^\d]*?)\s*(?:พ\.?\s*ศ\.?)?\s*(\d{4})")

INVALID = _("Please write the date as day/month/year of the Buddhist Era, for example 20/11/2569.")
GREGORIAN = _(
    "Please write the year in the Buddhist Era (พ.ศ.), for example %(example)s rather than "
    "%(year)s."
)
NO_SUCH_DATE = _("There is no such date (%(value)s). Please check the day and the month.")


def be_date_parse(text):
    """The date written in `text`, or a ValidationError saying in Thai what is wrong."""
    value = " ".join(thai.arabic_digits(str(text)).split())
    if match := _NUMERIC.fullmatch(value):
        day, month, year = (int(part) for part in match.groups())
    elif match := _ISO.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
    elif (match := _WORDS.fullmatch(value)) and (
        month := _MONTHS.get(re.sub(r"[.\s]", "", match.group(2)))
    ):
        day, year = int(match.group(1)), int(match.group(3))
    else:
        raise ValidationError(INVALID, code="invalid")
    if year < FIRST_BE_YEAR:
        raise ValidationError(
            GREGORIAN, code="gregorian_year", params={"year": year, "example": thai.to_be(year)}
        )
    try:
        return dt.date(thai.to_ce(year), month, day)
    except ValueError:
        raise ValidationError(NO_SUCH_DATE, code="no_such_date", params={"value": value}) from None


def be_date_format(day):
    """ "20/11/2569": the form in which the date is typed, for showing it back."""
    return f"{day.day:02d}/{day.month:02d}/{thai.to_be(day.year)}"


class BuddhistEraDateInput(forms.TextInput):
    """A text box for a date typed in the Buddhist Era; what was typed wrongly
    comes back as typed, so nothing is lost with the error."""

    def __init__(self, attrs=None):
        defaults = {"inputmode": "numeric", "autocomplete": "off", "placeholder": "20/11/2569"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, dt.date):
            return be_date_format(value)
        return super().format_value(value)


class BuddhistEraDateField(forms.DateField):
    widget = BuddhistEraDateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.date):
            return value
        return be_date_parse(value)
