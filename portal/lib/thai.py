"""Thai calendar, fiscal year and digits (Thai words: portal.lib.thai_text).

The one place that decides which fiscal year a date belongs to: every page,
statistic and report goes through `FiscalYear`, so a record is never counted
in two years or in none.

It lives in the leaf package `portal.lib` (no models, no views), which every
app may import.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import get_language
from pythainlp import thai_digits as thai_digit_characters
from pythainlp.util import (
    arabic_digit_to_thai_digit,
    thai_digit_to_arabic_digit,
)
from pythainlp.util.date import thai_abbr_months, thai_full_months

BE_OFFSET = 543
FISCAL_YEAR_START_MONTH = 10  # the Thai fiscal year starts on 1 October


def to_be(year: int) -> int:
    """Buddhist-Era year of a Gregorian year."""
    return year + BE_OFFSET


def to_ce(be_year: int) -> int:
    """Gregorian year of a Buddhist-Era year."""
    return be_year - BE_OFFSET


@dataclass(frozen=True, order=True)
class Period:
    """A half-open run of days: `start` included, `end` excluded."""

    start: dt.date
    end: dt.date

    @property
    def last_day(self) -> dt.date:
        return self.end - dt.timedelta(days=1)

    def __contains__(self, day: dt.date) -> bool:
        if isinstance(day, dt.datetime):
            day = local_date(day)
        return self.start <= day < self.end

    @classmethod
    def month(cls, day: dt.date) -> Period:
        """The calendar month a date (or an aware datetime, in Bangkok) falls in."""
        if isinstance(day, dt.datetime):
            day = local_date(day)
        start = day.replace(day=1)
        return cls(start, (start + dt.timedelta(days=32)).replace(day=1))

    def months(self) -> list[dt.date]:
        """First day of each month the period touches, in order."""
        months, day = [], self.start
        while day < self.end:
            month = Period.month(day)
            months.append(month.start)
            day = month.end
        return months

    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """Aware datetimes at local midnight, for filtering DateTimeFields."""
        tz = timezone.get_current_timezone()
        return (
            dt.datetime.combine(self.start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(self.end, dt.time.min, tzinfo=tz),
        )

    def filter(self, queryset, field: str):
        """Rows of `queryset` whose date or datetime `field` falls in the period."""
        model_field = queryset.model._meta.get_field(field.split("__")[0])
        if model_field.get_internal_type() == "DateTimeField":
            start, end = self.bounds()
        else:
            start, end = self.start, self.end
        return queryset.filter(**{f"{field}__gte": start, f"{field}__lt": end})


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A Thai fiscal year, named by the Buddhist-Era year in which it ends.

    FY 2569 runs from 1 October 2025 to 30 September 2026.
    """

    be_year: int

    @classmethod
    def of(cls, day: dt.date) -> FiscalYear:
        if isinstance(day, dt.datetime):
            day = local_date(day)
        ce_year = day.year + 1 if day.month >= FISCAL_YEAR_START_MONTH else day.year
        return cls(to_be(ce_year))

    @classmethod
    def current(cls) -> FiscalYear:
        return cls.of(timezone.localdate())

    @property
    def period(self) -> Period:
        ce_end_year = to_ce(self.be_year)
        return Period(
            dt.date(ce_end_year - 1, FISCAL_YEAR_START_MONTH, 1),
            dt.date(ce_end_year, FISCAL_YEAR_START_MONTH, 1),
        )

    @property
    def first_half(self) -> Period:
        """1 October – 31 March: the six-month report of ITA."""
        start = self.period.start
        return Period(start, dt.date(start.year + 1, 4, 1))

    @property
    def second_half(self) -> Period:
        """1 April – 30 September."""
        return Period(self.first_half.end, self.period.end)

    def months(self) -> list[dt.date]:
        """First day of each of the twelve months, October first."""
        return self.period.months()

    def previous(self) -> FiscalYear:
        return FiscalYear(self.be_year - 1)

    def next(self) -> FiscalYear:
        return FiscalYear(self.be_year + 1)

    def __contains__(self, day: dt.date) -> bool:
        return day in self.period

    def filter(self, queryset, field: str):
        return self.period.filter(queryset, field)

    def __str__(self) -> str:
        return str(self.be_year)


# Any fiscal year a record may name: the bounds of a year the annual report,
# the recount and the open data of activities accept, and of every year in a
# URL whose page sets none narrower.
FIRST_PLAUSIBLE_YEAR = 2500
LAST_PLAUSIBLE_YEAR = 2700


def fiscal_year_or_404(
    be_year: int, *, first: int = FIRST_PLAUSIBLE_YEAR, last: int = LAST_PLAUSIBLE_YEAR
) -> FiscalYear:
    """The fiscal year a URL names (B.E.), or 404 when it lies outside its
    page's `first`..`last` years: a URL's year is any number a visitor types,
    and one beyond the calendar would otherwise end in a 500."""
    if not first <= be_year <= last:
        raise Http404
    return FiscalYear(be_year)


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day in Bangkok of an aware datetime."""
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date()


# A run of Latin letters and digits: a code such as IAP2, ISO 9001's "9001"
# stands alone and is converted, "IAP2" or "A4" keeps its digits.
_LATIN_CODE = re.compile(r"[A-Za-z0-9]*[0-9][A-Za-z0-9]*")


def thai_digits(text) -> str:
    """Arabic digits 0–9 replaced by Thai digits ๐–๙ (for official documents),
    except inside Latin codes and acronyms (IAP2 stays IAP2)."""

    def convert(match):
        token = match.group(0)
        return token if re.search(r"[A-Za-z]", token) else arabic_digit_to_thai_digit(token)

    return _LATIN_CODE.sub(convert, str(text))


# A name and its number read as one: "เขต ๒", "พ.ศ. ๒๕๖๙", "ข้อ ๓".
_NAME_AND_NUMBER = re.compile(
    r"(?:เขต|พ\.ศ\.|ค\.ศ\.|ข้อ|ฉบับที่|มาตรา|หมวด|ครั้งที่|ปีงบประมาณ|ลำดับที่)"
    r"(?: |&nbsp;|\u00a0)+[0-9๐-๙][0-9๐-๙.,/]*"
)
_TAG_OR_RAW_TEXT = re.compile(r"(<(title|style|script)\b.*?</\2>|<[^>]*>)", re.S | re.I)


def bind_numbers(html: str) -> str:
    """Each name with its number in an unbreakable span (the HTML given to the
    PDF renderer), so a line never ends between "เขต" and "๒" or between
    "พ.ศ." and the year: Thai line breaking does not honour a no-break space."""
    pieces = _TAG_OR_RAW_TEXT.split(html)
    out = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        if index % 3 == 0:
            piece = _NAME_AND_NUMBER.sub(
                lambda m: f'<span style="white-space: nowrap">{m.group(0)}</span>', piece
            )
        if index % 3 != 2:
            out.append(piece)
        index += 1
    return "".join(out)


def arabic_digits(text: str) -> str:
    """Thai digits ๐–๙ replaced by Arabic digits (for parsing pasted documents)."""
    return thai_digit_to_arabic_digit(text)


def format_date(day: dt.date, *, style: str = "long", digits: str = "arabic") -> str:
    """A date in the Buddhist Era with Thai month names.

    long: "15 มิถุนายน 2562" · short: "15 มิ.ย. 62" · full: "15 มิถุนายน พ.ศ. 2562"
    · medium: "15 มิ.ย. 2562" · datetime: "15 มิ.ย. 2562 09:05 น."
    """
    if isinstance(day, dt.datetime) and timezone.is_aware(day):
        day = timezone.localtime(day)
    text = _DATE_STYLES[style](day)
    return text.translate(_THAI_DIGITS) if digits == "thai" else text


# thai_strftime's month names and years, put together without its directive
# parser: a staff list of 25 dates drew them at ~35 µs each (issue 16).
# tests/portal/test_thai.py checks every style against thai_strftime.
def _be(day: dt.date) -> str:
    return str(to_be(day.year)).zfill(4)


def _month(day: dt.date) -> str:
    return thai_full_months[day.month - 1]


def _mon(day: dt.date) -> str:
    return thai_abbr_months[day.month - 1]


_DATE_STYLES = {
    "long": lambda d: f"{d.day} {_month(d)} {_be(d)}",
    "full": lambda d: f"{d.day} {_month(d)} พ.ศ. {_be(d)}",
    "short": lambda d: f"{d.day} {_mon(d)} {_be(d)[-2:]}",
    "medium": lambda d: f"{d.day} {_mon(d)} {_be(d)}",
    "datetime": lambda d: f"{d.day} {_mon(d)} {_be(d)} {d:%H:%M} น.",
    "month": lambda d: f"{_month(d)} {_be(d)}",
    "month_short": lambda d: f"{_mon(d)} {_be(d)[-2:]}",
}
_THAI_DIGITS = str.maketrans("0123456789", thai_digit_characters)

ENGLISH_DATE_FORMATS = {
    "long": "j F Y",
    "full": "j F Y",
    "short": "j M Y",
    "medium": "j M Y",
    "datetime": "j M Y, H:i",
    "month": "F Y",
    "month_short": "M Y",
}


def english_interface() -> bool:
    """Whether the visitor chose English: the one case where dates stay Gregorian."""
    return (get_language() or "th").startswith("en")


def display_date(day: dt.date, *, style: str = "long") -> str:
    """A date for the interface: Buddhist Era in Thai; Gregorian, in English,
    under the English interface."""
    if not english_interface():
        return format_date(day, style=style)
    if isinstance(day, dt.datetime) and timezone.is_aware(day):
        day = timezone.localtime(day)
    return formats.date_format(day, ENGLISH_DATE_FORMATS[style])


_GREGORIAN_YEAR = re.compile(r"(?<!\d)(19|20|21)(\d\d)(?!\d)")


def be_years_in(text: str) -> str:
    """Gregorian years (1900–2199) in a short label turned into the Buddhist
    Era: "พฤศจิกายน 2026" → "พฤศจิกายน 2569". Only for labels that hold
    nothing but dates, such as the admin's date drill-down."""
    return _GREGORIAN_YEAR.sub(lambda m: str(to_be(int(m.group(0)))), str(text))
