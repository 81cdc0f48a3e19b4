"""Template filters for Thai dates and digits; built into every template.

    {{ measure.announced_on|be_date }}          15 มิถุนายน 2562
    {{ measure.announced_on|be_date:"full" }}   15 มิถุนายน พ.ศ. 2562
    {{ case.received_at|be_date:"datetime" }}   15 มิ.ย. 2562 09:05 น.
    {{ value|thai_digits }}                     ๒๕๖๙
    {{ day|fiscal_year }}                       2569
    {{ "พฤศจิกายน 2026"|be_years }}             พฤศจิกายน 2569 (date-only labels)

Under the English interface dates stay Gregorian and in English.
"""

import datetime as dt

from django import template

from portal import thai

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
