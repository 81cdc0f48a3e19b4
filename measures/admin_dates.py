"""Dates in admin change lists as Thai officers read them.

Django formats a date column with the locale's DATE_FORMAT, which knows only
the Gregorian year ("19 พฤศจิกายน 2026"). Admins that mix this in show their
date and date-time columns in the Buddhist Era ("19 พ.ย. 2569",
"19 พ.ย. 2569 11:00 น."), still sorted by the stored value; under the English
interface they stay Gregorian. The date drill-down's years are converted by
the template templates/admin/date_hierarchy.html.
"""

from functools import cache

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.html import format_html

from portal import thai


@cache
def date_column(model, name):
    """The list_display entry for `name`: a Buddhist-Era column if it names a
    date field of `model`, else `name` itself."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    if not isinstance(field, models.DateField):
        return name
    style = "datetime" if isinstance(field, models.DateTimeField) else "medium"

    @admin.display(description=field.verbose_name, ordering=name)
    def column(obj):
        value = getattr(obj, name)
        if not value:
            return None
        # One line: "19 พ.ย. 2569 11:00 น." split before its "น." reads badly.
        return format_html('<span class="nowrap">{}</span>', thai.display_date(value, style=style))

    column.__name__ = name  # the column keeps its CSS class, column-<name>
    return column


class BuddhistEraDates:
    def get_list_display(self, request):
        return [
            date_column(self.model, name) if isinstance(name, str) else name
            for name in super().get_list_display(request)
        ]
