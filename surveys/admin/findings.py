"""A monitoring committee's findings on the improvements it follows up,
entered on the committee's admin page (seed 003, การกำกับและติดตาม)."""

from django.contrib import admin

from portal.lib.admin_dates import BuddhistEraDates
from portal.lib.admin_inputs import NamedCells
from surveys.models import Finding


class FindingInline(NamedCells, BuddhistEraDates, admin.TabularInline):
    model = Finding
    fields = ["improvement", "found_on", "status", "text", "reported_by"]
    autocomplete_fields = ["improvement"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("improvement")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "text":
            field.widget.attrs.update(rows=3, cols=36)
        return field
