"""Rows that carry recorded answers or attendance are not deleted from the
admin. Staff get one sentence saying why and what to do instead, rather than
Django's list of the hundreds of answers that would have to go with them.

Each admin using these mixins defines `deletion_refused(obj)`: the message,
or None when the row may be deleted.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.forms.formsets import DELETION_FIELD_NAME
from django.shortcuts import redirect


class RefusesDeletion:
    """For a ModelAdmin: the delete page sends staff back with the reason."""

    # The bulk "delete selected" page still lists protected rows: a few suffice.
    delete_confirmation_max_display = 10

    def deletion_refused(self, obj):
        return None

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        refusal = self.deletion_refused(obj) if obj is not None else None
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            opts = self.opts
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)
        return super().delete_view(request, object_id, extra_context)


class InlineRefusesDeletion:
    """For an inline: a row ticked for deletion comes back with the reason."""

    delete_confirmation_max_display = 10

    def deletion_refused(self, obj):
        return None

    def get_formset(self, request, obj=None, **kwargs):
        refused = self.deletion_refused

        class RefusingForm(kwargs.get("form", self.form)):
            def clean(self):
                cleaned_data = super().clean()
                if cleaned_data.get(DELETION_FIELD_NAME) and self.instance.pk:
                    refusal = refused(self.instance)
                    if refusal:
                        # Kept, so the formset shows this row's error instead
                        # of silently skipping a row marked for deletion.
                        cleaned_data[DELETION_FIELD_NAME] = False
                        raise ValidationError(refusal)
                return cleaned_data

        kwargs["form"] = RefusingForm
        return super().get_formset(request, obj, **kwargs)
