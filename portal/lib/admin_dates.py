"""Dates in the admin as Thai officers read them.

Django formats a date with the locale's DATE_FORMAT, which knows only the
Gregorian year ("19 พฤศจิกายน 2026"). Admins that mix in BuddhistEraDates
show the date and date-time fields of their change lists and the read-only
ones of their change forms in the Buddhist Era ("19 พ.ย. 2569",
"19 พ.ย. 2569 11:00 น."); columns still sort by the stored value, and under
the English interface dates stay Gregorian. The date drill-down's years are
converted by the template templates/admin/date_hierarchy.html.

Officers also type dates as they write them, with the Buddhist-Era year
("15/10/2568"): the date inputs of these admins, and of the inlines that mix
it in, read a year of 2400 or later as Buddhist Era (no date this portal
records lies that far ahead), show their value in the Buddhist Era, and
static/js/admin-buddhist-era.js makes the admin's calendar and its "Today"
link write the Buddhist-Era year too.
"""

import datetime as dt
import re
from functools import cache

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import format_html

from portal.lib import thai
from portal.lib.be_dates import be_date_format

EMPTY = "-"  # the admin's own empty_value_display


@cache
def date_display(model, name):
    """A Buddhist-Era display of `model`'s field `name` (usable as a list
    column and as a read-only field), or `name` itself if it is no date field."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if not isinstance(field, models.DateField):
        return name
    style = "datetime" if isinstance(field, models.DateTimeField) else "medium"

    @admin.display(description=field.verbose_name, ordering=name)
    def display(obj):
        value = getattr(obj, name)
        if not value:
            return EMPTY
        # One line: "19 พ.ย. 2569 11:00 น." split before its "น." reads badly.
        return format_html('<span class="nowrap">{}</span>', thai.display_date(value, style=style))

    display.__name__ = name  # keeps its CSS class: column-<name>, field-<name>
    return display


def _replaced(fields, displays):
    """A fieldset's field lines with the names in `displays` replaced."""
    return [
        tuple(displays.get(name, name) for name in line)
        if isinstance(line, (list, tuple))
        else displays.get(line, line)
        for line in fields
    ]


# A four-digit year from 2400 (1857 CE) on: Buddhist Era, never Gregorian here.
_BE_YEAR = re.compile(r"(?<!\d)(2[4-9]\d\d)(?!\d)")


def gregorian_years(text):
    """ "15/10/2568" → "15/10/2025"; other text as it is."""
    return _BE_YEAR.sub(lambda m: str(thai.to_ce(int(m.group(1)))), text)


class DateAcceptingBuddhistEra(forms.DateField):
    def to_python(self, value):
        # Converted before parsing: 29/02/2567 is valid only as 29/02/2024.
        return super().to_python(gregorian_years(value) if isinstance(value, str) else value)


class SplitDateTimeAcceptingBuddhistEra(forms.SplitDateTimeField):
    def clean(self, value):
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], str):
            value = [gregorian_years(value[0]), *value[1:]]
        return super().clean(value)


class BuddhistEraDateWidget(widgets.AdminDateWidget):
    """The admin's date box and calendar, showing and writing the Buddhist Era."""

    class Media:
        # Listed with the scripts it changes, so that Django's media merge
        # puts it after them on every page.
        extend = False
        js = [
            "admin/js/core.js",
            "admin/js/calendar.js",
            "admin/js/admin/DateTimeShortcuts.js",
            "js/admin-buddhist-era.js",
        ]

    def format_value(self, value):
        if isinstance(value, dt.date) and not thai.english_interface():
            return be_date_format(value)  # "20/11/2569", as DateAcceptingBuddhistEra reads it
        return super().format_value(value)


class BuddhistEraSplitDateTime(widgets.AdminSplitDateTime):
    def __init__(self, attrs=None):
        forms.MultiWidget.__init__(self, [BuddhistEraDateWidget, widgets.AdminTimeWidget], attrs)


class BuddhistEraDates:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.DateTimeField):
            kwargs.setdefault("form_class", SplitDateTimeAcceptingBuddhistEra)
            kwargs.setdefault("widget", BuddhistEraSplitDateTime)
        elif isinstance(db_field, models.DateField):
            kwargs.setdefault("form_class", DateAcceptingBuddhistEra)
            kwargs.setdefault("widget", BuddhistEraDateWidget)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_display(self, request):
        return [
            date_display(self.model, name) if isinstance(name, str) else name
            for name in super().get_list_display(request)
        ]

    def render_change_form(self, request, context, *args, **kwargs):
        # The forms are built by now; only what the page shows for read-only
        # fields changes, after every get_fieldsets/get_readonly_fields override.
        if "adminform" in context:
            _show_dates_in_buddhist_era(context["adminform"], self.model)
        for inline in context.get("inline_admin_formsets", []):
            _show_dates_in_buddhist_era(inline, inline.formset.model)
        return super().render_change_form(request, context, *args, **kwargs)


def _show_dates_in_buddhist_era(shown, model):
    """Swap the read-only date fields of an AdminForm or InlineAdminFormSet
    for their Buddhist-Era displays, in its fieldsets and read-only list alike."""
    displays = {
        name: date_display(model, name)
        for name in shown.readonly_fields
        if isinstance(name, str) and date_display(model, name) != name
    }
    if not displays:
        return
    shown.readonly_fields = [
        displays.get(name, name) if isinstance(name, str) else name
        for name in shown.readonly_fields
    ]
    shown.fieldsets = [
        (title, {**options, "fields": _replaced(options["fields"], displays)})
        for title, options in shown.fieldsets
    ]
