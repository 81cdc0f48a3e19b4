"""Admin of clauses: the inline inside a measure; the registration for autocomplete, history."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from measures.models import Clause, Measure
from portal.lib.admin_history import HistoryAdmin
from portal.lib.admin_inlines import RecordAdmin
from portal.lib.admin_inputs import NamedCells


class ClauseForm(forms.ModelForm):
    class Meta:
        model = Clause
        fields = ["position", "kind", "label", "text", "mission_group"]
        # Narrow enough for the clause table to fit a 1280-pixel screen
        # beside the admin's navigation.
        widgets = {
            "position": forms.NumberInput(attrs={"class": "vIntegerField", "size": 3}),
            "label": forms.TextInput(attrs={"size": 3}),
            "text": forms.Textarea(attrs={"rows": 4, "cols": 36}),
        }


class ClauseInline(NamedCells, admin.TabularInline):
    model = Clause
    form = ClauseForm
    extra = 0
    fields = ["position", "kind", "label", "text", "mission_group", "history"]
    readonly_fields = ["history"]
    autocomplete_fields = ["mission_group"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "mission_group":
            field.widget.attrs["data-width"] = "9em"
        return field

    @admin.display(description=_("history"))
    def history(self, clause):
        if clause.pk is None:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:measures_clause_history", args=[clause.pk]),
            _("history"),
        )

    # Published text is ITA evidence: it changes only by a new measure superseding it.
    def has_add_permission(self, request, obj=None):
        return not (obj and obj.is_public) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not (obj and obj.is_public) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not (obj and obj.is_public) and super().has_delete_permission(request, obj)


@admin.register(Clause)
class ClauseAdmin(RecordAdmin, HistoryAdmin):
    # Registered for the activity form's autocomplete and for each clause's
    # history; clauses are edited inside their measure, never here.
    search_fields = ["text", "measure__title", "measure__slug"]
    list_select_related = ["measure"]

    def get_queryset(self, request):
        # Each clause is named with its measure's number (autocomplete too).
        return super().get_queryset(request).select_related("measure")

    def get_search_results(self, request, queryset, search_term):
        # A record cites what it carries out: a clause, lettered duty or
        # standing paragraph of a measure in force (never a heading). Records
        # citing a clause of an earlier measure keep their citation.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.path.endswith("/autocomplete/"):
            queryset = queryset.filter(measure__status=Measure.Status.PUBLISHED).exclude(
                kind=Clause.Kind.HEADING
            )
        return queryset, may_have_duplicates

    def has_module_permission(self, request):
        return False
