"""Admin inputs that a screen reader can name.

Django draws a file input inside a fieldset whose legend names the group, not
the input, and the inputs of a list-editable change list with no label at
all; axe-core reports both as critical (WCAG 4.1.2, name and role). Admins that
mix in NamedInputs give those inputs an aria-label from their field's label;
tabular inlines that mix in NamedCells name every input of their rows.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NamedInputs:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        unnamed = isinstance(db_field, models.FileField) or db_field.name in getattr(
            self, "list_editable", ()
        )
        if field is not None and unnamed:
            field.widget.attrs.setdefault("aria-label", field.label)
        return field


class NamedCells:
    """For a tabular inline: each row's inputs sit under a column header and
    have no label of their own, so each gets its field's label as its name,
    and the row's delete box is named too."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None:
            field.widget.attrs.setdefault("aria-label", field.label)
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class NamedRows(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                if "DELETE" in form.fields:
                    form.fields["DELETE"].widget.attrs["aria-label"] = _("Delete")

        return NamedRows
