"""The queues' add form, where staff type in a case that came by phone,
letter, box or walk-in.

Its page carries the one-time token of every case form (feedback.forms.
CaseFields): an officer who double-clicks "save", or whose browser sends the
form again on a slow line, lands on the case recorded first; no second case,
no second register number, no second "added" entry in the admin's log.
"""

from django.contrib.admin.utils import flatten_fieldsets
from django.utils.translation import gettext as _

from feedback.services import CaseAlreadyRegistered, case_register
from portal.lib.admin_added_once import AddedOnce


class CaseAddedOnce(AddedOnce):
    def get_form(self, request, obj=None, change=False, **kwargs):
        # The page shows the token (get_fieldsets), but it is the form's own
        # field (CaseFields), not one of the model's for staff to edit.
        fields = kwargs.get("fields") or flatten_fieldsets(self.get_fieldsets(request, obj))
        kwargs["fields"] = [name for name in fields if name != "submission_token"]
        return super().get_form(request, obj, change=change, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        try:
            case_register(
                case_fields=form.case_fields(),
                reporter_fields=form.reporter_fields(),
                recorded_by=request.user,
                instance=obj,
            )
        except CaseAlreadyRegistered as resent:
            obj.pk = resent.case.pk
            obj.refresh_from_db()
            obj.recorded_before = True
        return None

    def save_related(self, request, form, formsets, change):
        if not getattr(form.instance, "recorded_before", False):
            super().save_related(request, form, formsets, change)

    def recorded_before_message(self, obj):
        return _(
            "This form was already saved: case %(number)s was recorded once, "
            "and here it is. Nothing was recorded twice."
        ) % {"number": obj.tracking_number}
