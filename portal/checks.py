"""Deployment checks of our own, run by `manage.py check --deploy`."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@checks.register(checks.Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """PORTAL_SITE_URL goes into e-mails, printed QR codes and the PDF report,
    which outlive any fix: a local or plain-HTTP address there is a mistake."""
    address = urlsplit(settings.SITE_URL)
    if address.scheme == "https" and address.hostname not in LOCAL_HOSTS:
        return []
    return [
        checks.Warning(
            f"PORTAL_SITE_URL is {settings.SITE_URL!r}.",
            hint="Set it to the portal's public https:// address before printing QR codes "
            "or publishing a report.",
            id="portal.W001",
        )
    ]


@checks.register(checks.Tags.database, checks.Tags.security)
def no_account_holds_a_role_duty_itself(app_configs, databases=None, **kwargs):
    """Sealed rights and the director's approval come only through the role's
    group, where colleagues see them; a grant on an account itself, which no
    one looks at, is refused in the admin and reported here if it got in by
    another way (a shell, a data import). Run by `migrate` and
    `manage.py check --database default`."""
    if not databases:
        return []
    from django.contrib.auth import get_user_model
    from django.db import DatabaseError

    from portal.lib import roles

    errors = []
    for name in roles.OTHER_PEOPLES_DUTIES:
        app_label, codename = name.split(".")
        try:
            holders = list(
                get_user_model()
                .objects.filter(
                    user_permissions__content_type__app_label=app_label,
                    user_permissions__codename=codename,
                )
                .values_list("username", flat=True)
            )
        except DatabaseError:  # not migrated yet
            return []
        errors += [
            checks.Error(
                f"The account {username!r} holds {name!r} itself, not through its role.",
                hint="Remove the permission from the account; give the role's group instead.",
                id="portal.E001",
            )
            for username in holders
        ]
    return errors
