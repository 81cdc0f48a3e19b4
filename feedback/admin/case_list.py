"""What a case queue's list shows beside its rows, read once and kept.

The message above the list (how many cases are overdue or due soon), the
fiscal years and the groups and categories its filters offer, and the
agency's "due soon" setting the rows are marked by are the same for everyone
who sees the same queue (the sealed role or not) on the same day in the same
language. They are read together into one value kept until any record of the
portal changes (portal.lib.page_cache.kept_until_change), instead of by five
queries on every page of a list officers page through all day (issue 16).
"""

from django.contrib import admin
from django.contrib.admin.exceptions import NotRegistered
from django.db.models import Min
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from feedback.models import FeedbackSettings
from portal.lib import roles, thai
from portal.lib.page_cache import kept_until_change


def due_soon_days(request):
    """The agency's "due soon" setting, read once per request (the list asks
    for its queue several times: rows, filters, counts)."""
    if not hasattr(request, "feedback_due_soon_days"):
        request.feedback_due_soon_days = FeedbackSettings.objects.current().due_soon_days
    return request.feedback_due_soon_days


def queue_key(model_admin, request):
    """What a queue's kept values depend on besides the records: the queue,
    whether the viewer holds the sealed role, the day and the language."""
    sealed = roles.in_sealed_role(request.user)
    return f"{model_admin.opts.model_name}:{sealed}:{timezone.localdate()}:{get_language()}"


def queue_facts(model_admin, request):
    """{"soon_days", "counts", "first_year", "choices"} of the queue
    `model_admin` shows to `request.user` (see the module's note)."""
    kept = request.__dict__.setdefault("feedback_queue_facts", {})
    name = model_admin.opts.model_name
    if name not in kept:
        today = timezone.localdate()
        kept[name] = kept_until_change(
            f"queue-facts:{queue_key(model_admin, request)}",
            lambda: _queue_facts_read(model_admin, request, today),
        )
    # The rows are marked under the same setting as the counts were counted.
    request.feedback_due_soon_days = kept[name]["soon_days"]
    return kept[name]


def _queue_facts_read(model_admin, request, today):
    soon_days = due_soon_days(request)
    cases = model_admin.get_queryset(request)
    return {
        "soon_days": soon_days,
        "counts": cases.deadline_counts(today=today, soon_days=soon_days),
        "first_year": cases.aggregate(first=Min("fiscal_year"))["first"],
        "choices": {
            path: _related_choices(model_admin, request, path)
            for path, filter_class in _field_filters(model_admin)
            if issubclass(filter_class, KeptChoicesFilter)
        },
    }


def _field_filters(model_admin):
    return [f for f in model_admin.list_filter if isinstance(f, (list, tuple))]


def _related_choices(model_admin, request, path):
    """Django's own choices for a filter by a related record
    (RelatedFieldListFilter.field_choices): its records in their admin's order."""
    field = model_admin.model._meta.get_field(path)
    try:
        related_admin = model_admin.admin_site.get_model_admin(field.remote_field.model)
    except NotRegistered:
        ordering = ()
    else:
        ordering = related_admin.get_ordering(request)
    return field.get_choices(include_blank=False, ordering=ordering)


class KeptChoicesFilter(admin.RelatedFieldListFilter):
    """Django's filter by a related record (a group, a category), its choices
    from the queue's kept facts. Use it as ("field", KeptChoicesFilter)."""

    def field_choices(self, field, request, model_admin):
        return queue_facts(model_admin, request)["choices"][self.field_path]


class FiscalYearFilter(admin.SimpleListFilter):
    """The fiscal year of the register number, newest first: how officers
    look for a year's cases, back to the queue's first year (a date
    hierarchy read every case of the queue to list its years)."""

    title = _("fiscal year")
    parameter_name = "fiscal_year"

    def lookups(self, request, model_admin):
        first = queue_facts(model_admin, request)["first_year"]
        current = thai.FiscalYear.current().be_year
        return [(str(year), str(year)) for year in range(current, (first or current) - 1, -1)]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(fiscal_year=int(value)) if value and value.isdigit() else queryset
