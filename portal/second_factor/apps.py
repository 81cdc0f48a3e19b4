"""django-otp's device apps, named in Thai in the admin.

django-otp 1.7 writes its model and field labels as plain English strings and
ships no Thai catalogue, so the device pages spoke English. These app configs
(used in INSTALLED_APPS instead of the plugins' own) give each app a Thai name
and, once the models are loaded, wrap every plain-string label in gettext_lazy
of the same text: our catalogue translates it, and migrations, which are
compared in English, see no change. A label that a later django-otp already
translates (not a plain str) is left alone, so an upgrade cannot be undone here.
"""

from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig


def labels_through_catalogue(model):
    opts = model._meta
    if isinstance(opts.verbose_name, str):
        plural = str(opts.verbose_name_plural)  # Django's default: the name + "s"
        opts.verbose_name = _(opts.verbose_name)
        opts.verbose_name_plural = _(plural)
    for field in opts.fields:
        if isinstance(field.verbose_name, str):
            field.verbose_name = _(field.verbose_name)
        if isinstance(field.help_text, str) and field.help_text:
            field.help_text = _(field.help_text)


class AuthenticatorAppsConfig(TOTPConfig):
    verbose_name = _("Second sign-in step: authenticator apps")

    def ready(self):
        super().ready()
        labels_through_catalogue(self.get_model("TOTPDevice"))


class BackupCodesConfig(StaticConfig):
    verbose_name = _("Second sign-in step: backup codes")

    def ready(self):
        super().ready()
        labels_through_catalogue(self.get_model("StaticDevice"))
        labels_through_catalogue(self.get_model("StaticToken"))
