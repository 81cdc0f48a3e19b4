"""Change history in the admin as a Thai officer reads it.

django-simple-history shows a change as the stored values: status codes
("received → accepted"), "None", UTC time stamps and Gregorian years.
HistoryAdmin shows each value as the change form would: the choice's label,
a Buddhist-Era date in Bangkok time, "—" for nothing, and the related
object's name. It also answers a malformed object address with a 404,
as the rest of the admin does, instead of a server error.

Old versions can be viewed, never saved back: simple-history's revert form
saves the model directly, past every workflow rule of its admin (a published
measure would fall back to draft and its permanent address would vanish; an
approved one would keep its approval over words the director never read).
SIMPLE_HISTORY_REVERT_DISABLED hides the button; HistoryAdmin refuses the POST.
"""

import datetime as dt

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.models import DeletedObject
from simple_history.template_utils import HistoricalRecordContextHelper

from portal.lib import thai

NOTHING = "—"


def readable_value(field, value):
    """`value` of model field `field` in the words the change form uses."""
    if value is None or value == "" or (isinstance(value, DeletedObject) and value.pk is None):
        return NOTHING
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(field, models.BooleanField):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return thai.display_date(value, style="datetime")
    if isinstance(value, dt.date):
        return thai.display_date(value, style="medium")
    if isinstance(value, AbstractBaseUser):
        return value.get_full_name() or value.get_username()
    return value


class ReadableChanges(HistoricalRecordContextHelper):
    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        field = self.model._meta.get_field(change.field)
        if isinstance(value, list):  # many-to-many: the related objects
            return [readable_value(field, item) for item in value] or NOTHING
        return readable_value(field, value)


class HistoryAdmin(SimpleHistoryAdmin):
    object_history_list_template = "admin/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableChanges(self.model, historical_record)

    def history_view(self, request, object_id, extra_context=None):
        self._refuse_hidden_object(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        self._refuse_hidden_object(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _refuse_hidden_object(self, request, object_id):
        """A 404 for an object this admin's list does not show the user.

        simple-history falls back to the history table for an object missing
        from get_queryset() (the history list) or never asks it (one old
        version): a row kept from this user, such as a sealed corruption
        report, would be read there. A deleted object's history stays readable.
        """
        try:
            pk = self.model._meta.pk.to_python(object_id)
        except ValidationError:
            raise Http404 from None
        exists = self.model._default_manager.filter(pk=pk).exists()
        if exists and not self.get_queryset(request).filter(pk=pk).exists():
            raise Http404
