"""Admin inputs that a screen reader can name.

Django draws a file input inside a fieldset whose legend names the group, not
the input, and the inputs of a list-editable change list with no label at
all; axe-core reports both as critical (WCAG 4.1.2, name and role). Admins that
mix in NamedInputs give those inputs an aria-label from their field's label.
"""

from django.db import models


class NamedInputs:
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        unnamed = isinstance(db_field, models.FileField) or db_field.name in getattr(
            self, "list_editable", ()
        )
        if field is not None and unnamed:
            field.widget.attrs.setdefault("aria-label", field.label)
        return field
