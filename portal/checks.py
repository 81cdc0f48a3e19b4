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
