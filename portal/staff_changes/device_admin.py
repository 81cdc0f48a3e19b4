"""django-otp's device pages, guarded like the roles they protect.

Adding or changing a device of a director or an integrity officer is refused:
whoever sets up a device knows its secret, so no confirmation could make that
safe; the member enrols their own app at the second sign-in step. Removing one
(a lost phone) is held for a director's confirmation.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.admin import StaticDeviceAdmin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.admin import TOTPDeviceAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.lib.admin_dates import BuddhistEraDates
from portal.staff_changes.models import Kind
from portal.staff_changes.services import (
    attempt_refused_record,
    guarded_account,
    role_change_propose,
)


class GuardedDevices:
    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        def clean_user(form_self):
            user = form_self.cleaned_data["user"]
            if user is not None and guarded_account(user):
                attempt_refused_record(
                    request=request,
                    kind=Kind.DEVICE_ADD,
                    subject=user,
                    detail=str(form_self.instance.name or ""),
                )
                raise ValidationError(
                    _(
                        "A director or an integrity officer sets up their own second factor "
                        "when signing in; nobody can add one for them."
                    )
                )
            return user

        return type(form.__name__, (form,), {"clean_user": clean_user})

    def get_fieldsets(self, request, obj=None):
        # django-otp titles its sections in plain English ("Identity", "Throttling").
        return [
            (_(title) if title else title, options)
            for title, options in super().get_fieldsets(request, obj)
        ]

    def has_change_permission(self, request, obj=None):
        if obj is not None and guarded_account(obj.user):
            return False
        return super().has_change_permission(request, obj)

    def get_actions(self, request, action_location=admin.ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)  # one device at a time, through delete_view
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        device = self.get_object(request, unquote(object_id))
        held = device is not None and guarded_account(device.user)
        if not (held and request.method == "POST"):
            return super().delete_view(request, object_id, extra_context)
        if not self.has_delete_permission(request, device):
            return super().delete_view(request, object_id, extra_context)  # answers 403
        role_change_propose(
            request=request, kind=Kind.DEVICE_REMOVE, user=device.user, device=device
        )
        self.message_user(
            request,
            _("The removal waits for a director's confirmation."),
            messages.WARNING,
        )
        opts = self.model._meta
        return HttpResponseRedirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))


class GuardedTOTPDeviceAdmin(GuardedDevices, BuddhistEraDates, TOTPDeviceAdmin):
    pass


class GuardedStaticDeviceAdmin(GuardedDevices, BuddhistEraDates, StaticDeviceAdmin):
    pass


for model, model_admin in [
    (TOTPDevice, GuardedTOTPDeviceAdmin),
    (StaticDevice, GuardedStaticDeviceAdmin),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)
