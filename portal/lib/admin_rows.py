"""Change-list rows drawn the way the admin draws them, at a fraction of the cost.

Django's `result_list` works out each cell of each row from scratch: it looks
the column up again, translates the empty-value mark again and formats every
cell through lazy strings. On the staff's case list (issue 16: a register of
20 000 cases and more, worked from a phone at a counter) that was most of the
page's time. QuickRows works each column out once per page and then draws
each row's cells with the same HTML, classes, links and values as
Django's own `items_for_result` (tests/feedback/test_case_list_rows.py
compares the two). Change lists with `list_editable`, popups and `to_field`
keep Django's drawing. The selection box is always Django's own markup: a
ModelAdmin's `action_checkbox` override is not called.
"""

import hashlib
from urllib.parse import urlencode

from django.contrib.admin.templatetags.admin_list import result_headers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    display_for_field,
    display_for_value,
    label_for_field,
    lookup_field,
    quote,
)
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from portal.lib.admin_actions import KeptActionForm
from portal.lib.page_cache import kept_until_change

ACTION_CHECKBOX = "action_checkbox"
PK_MARK = "__quick_rows_pk__"
FILTER_PANE = "admin/change_list_filters.html"  # Django's own "filters" block


class QuickRows:
    """ModelAdmin mixin: the change list's rows drawn by `quick_result_list`."""

    change_list_template = "admin/quick_rows_change_list.html"
    action_form = KeptActionForm

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        cl = context.get("cl")
        if cl is not None and not cl.formset:
            context["quick_rows"] = quick_result_list(cl)
            context["quick_rows"]["filters"] = self._kept_filters(request, cl, context)
        return response

    def kept_filters_key(self, request):
        """What this list's filter pane depends on besides the records and the
        list's query (say the queue, the viewer's role, the day, the language):
        the pane drawn is then kept until a record changes. None: drawn each time."""
        return None

    def _kept_filters(self, request, cl, context):
        key = self.kept_filters_key(request)
        if key is None or not cl.has_filters:
            return None
        # Every link of the pane carries the list's query (page number aside).
        query = hashlib.sha256(urlencode(sorted(cl.params.items())).encode()).hexdigest()
        html = kept_until_change(
            f"filter-pane:{key}:{query}",
            lambda: str(render_to_string(FILTER_PANE, context, request)),
        )
        return mark_safe(html)  # our own rendering, kept as it was


def quick_result_list(cl):
    """What Django's `result_list` tag gives its template, rows drawn per column."""
    headers = list(result_headers(cl))
    cells = _row_cells(cl)
    return {
        "headers": headers,
        "num_sorted_fields": sum(1 for h in headers if h["sortable"] and h["sorted"]),
        # Each row's cells joined here: one item per row for the template's loop.
        "rows": [[SafeString("".join([cell(obj) for cell in cells]))] for obj in cl.result_list],
    }


def _row_cells(cl):
    empty = conditional_escape(cl.model_admin.get_empty_value_display())
    link_url = _link_url(cl)
    cells, first = [], True
    for index, name in enumerate(cl.list_display):
        if name == ACTION_CHECKBOX:
            cells.append(_checkbox_cell())
            continue
        link = _is_link(cl, name, first) and link_url
        value_of, nowrap = _column_value(cl, name, empty, link=bool(link))
        css = _css_name(name, index)
        classes = SafeString(f' class="field-{css}{" nowrap" if nowrap else ""}"')
        if link:
            cells.append(_link_cell("th" if first else "td", classes, value_of, link_url))
            first = False
        else:
            cells.append(_plain_cell(classes, value_of))
    return cells


def _checkbox_cell():
    # The label is translated once per page, not once per row.
    label = gettext("Select this object for an action - {}")

    def cell(obj):
        value, name = conditional_escape(obj.pk), conditional_escape(label.format(obj))
        return SafeString(
            '<td class="action-checkbox"><input type="checkbox" name="_selected_action" '
            f'value="{value}" class="action-select" aria-label="{name}"></td>'
        )

    return cell


def _plain_cell(classes, value_of):
    def cell(obj):
        return SafeString(f"<td{classes}>{value_of(obj)}</td>")

    return cell


def _link_cell(tag, classes, value_of, link_url):
    def cell(obj):
        href = conditional_escape(link_url.replace(PK_MARK, str(quote(obj.pk))))
        return SafeString(f'<{tag}{classes}><a href="{href}">{value_of(obj)}</a></{tag}>')

    return cell


def _link_url(cl):
    """The change page's address with the list's filters kept, the primary key
    left to fill in (one reverse() per page instead of one per row)."""
    if cl.is_popup or cl.to_field:
        return None  # popups carry a data-popup-opener value: Django's drawing
    opts = cl.opts
    try:
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change",
            args=(PK_MARK,),
            current_app=cl.model_admin.admin_site.name,
        )
    except NoReverseMatch:
        return None
    return add_preserved_filters({"preserved_filters": cl.preserved_filters, "opts": opts}, url)


def _is_link(cl, name, first):
    if cl.list_display_links is None:
        return False
    if first and not cl.list_display_links:
        return True
    return name in cl.list_display_links


def _css_name(name, index):
    if callable(name):
        return f"lambda{index}" if name.__name__ == "<lambda>" else name.__name__
    return name


def _column_value(cl, name, empty, *, link):
    """(obj → escaped HTML of the cell's value, whether the column keeps on one line)."""
    field = _model_field(cl.model, name)
    if field is not None and field.flatchoices:
        labels = {key: conditional_escape(label) for key, label in field.flatchoices}
        return (lambda obj: labels.get(getattr(obj, field.attname), empty)), False
    nowrap = isinstance(field, (models.DateField, models.TimeField, models.ForeignKey))
    if field is not None:
        return (lambda obj: _field_html(obj, field, empty, link)), nowrap
    _label, attr = label_for_field(name, cl.model, cl.model_admin, return_attr=True)
    blank = conditional_escape(getattr(attr, "empty_value_display", None) or empty)
    boolean = getattr(attr, "boolean", False)
    get = _getter(cl, name)

    def value_of(obj):
        value = get(obj)
        if isinstance(value, Promise) and not boolean:
            # Translated once here, not again at each of display_for_value's
            # comparisons; like it, a lazy text is not stripped.
            value = str(value)
            return conditional_escape(value) if value else blank
        if isinstance(value, str) and not boolean:  # display_for_value's rule, sooner
            value = value if isinstance(value, SafeString) else value.strip()
            return conditional_escape(value) if value else blank
        return conditional_escape(display_for_value(value, blank, boolean))

    return value_of, nowrap


def _getter(cl, name):
    """obj → the column's value, as lookup_field finds it for a column that is
    no model field: a callable, or a method of the ModelAdmin, called directly."""
    if callable(name):
        return name
    if name != "__str__" and not _is_model_field(cl.model, name) and hasattr(cl.model_admin, name):
        return getattr(cl.model_admin, name)
    return lambda obj: lookup_field(name, obj, cl.model_admin)[2]


def _is_model_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _field_html(obj, field, empty, link):
    value = getattr(obj, field.name)
    if isinstance(field.remote_field, models.ManyToOneRel):
        return empty if value is None else conditional_escape(value)
    return conditional_escape(display_for_field(value, field, empty, avoid_link=link))


def _model_field(model, name):
    if not isinstance(name, str) or "__" in name:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return None if field.auto_created or field.many_to_many else field
