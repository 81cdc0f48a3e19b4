"""Template filters for Thai dates and digits; built into every template.

    {{ measure.announced_on|be_date }}          15 มิถุนายน 2562
    {{ measure.announced_on|be_date:"full" }}   15 มิถุนายน พ.ศ. 2562
    {{ case.received_at|be_date:"datetime" }}   15 มิ.ย. 2562 09:05 น.
    {{ value|thai_digits }}                     ๒๕๖๙
    {{ day|fiscal_year }}                       2569
    {{ "พฤศจิกายน 2026"|be_years }}             พฤศจิกายน 2569 (date-only labels)
    {{ 2569|fiscal_year_span }}                 1 ตุลาคม 2568 – 30 กันยายน 2569
    {{ 2569|fiscal_year_span:"first_half" }}    1 ตุลาคม 2568 – 31 มีนาคม 2569
    {{ text|thai_words }}                       words joined by <wbr>, line-break points
    {{ title|shorten:110 }}                     cut after a whole word, with …

Under the English interface dates stay Gregorian and in English.
"""

import datetime as dt

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from portal.lib import thai, thai_text

register = template.Library()


@register.filter
def be_date(value, style="long"):
    if not isinstance(value, dt.date):
        return ""
    return thai.display_date(value, style=style)


@register.filter
def be_date_thai_digits(value, style="long"):
    """Buddhist-Era date with Thai digits, for official documents."""
    if not isinstance(value, dt.date):
        return ""
    return thai.format_date(value, style=style, digits="thai")


@register.filter(name="thai_digits")
def thai_digits_filter(value):
    if value is None:
        return ""
    return thai.thai_digits(value)


@register.filter
def be_year(value):
    """Buddhist-Era year of a date or of a Gregorian year number."""
    if isinstance(value, dt.date):
        return thai.to_be(value.year)
    try:
        return thai.to_be(int(value))
    except (TypeError, ValueError):
        return ""


@register.filter
def be_years(label):
    """Gregorian years in a date-only label in the Buddhist Era (Thai only)."""
    return label if thai.english_interface() else thai.be_years_in(label)


@register.filter
def fiscal_year(value):
    if not isinstance(value, dt.date):
        return ""
    return thai.FiscalYear.of(value).be_year


FISCAL_YEAR_PARTS = {"whole": "period", "first_half": "first_half", "second_half": "second_half"}


@register.filter
def fiscal_year_span(value, part="whole"):
    """The first and last day of a fiscal year (a FiscalYear, its Buddhist-Era
    number, or a date in it), or of one of its halves."""
    if isinstance(value, dt.date):
        year = thai.FiscalYear.of(value)
    elif isinstance(value, thai.FiscalYear):
        year = value
    elif str(value).isdigit():
        year = thai.FiscalYear(int(value))
    else:
        return ""
    period = getattr(year, FISCAL_YEAR_PARTS[part])
    return f"{thai.display_date(period.start)} – {thai.display_date(period.last_day)}"


@register.filter
def thai_words(text):
    """Thai text with a line-break opportunity (<wbr>) between its words, for
    narrow columns where a renderer without a Thai dictionary would break
    mid-word or not at all."""
    if not text:
        return ""
    return mark_safe(
        "<wbr>".join(conditional_escape(w) for w in thai_text.segment_words(text, keep_spaces=True))
    )


@register.filter
def shorten(text, limit):
    """`text` cut to at most `limit` characters after a whole word, with "…":
    Django's truncatechars cuts Thai mid-word ("…การศึกษาประถ…")."""
    if not text:
        return ""
    return thai_text.shorten_at_word(str(text), int(limit))
