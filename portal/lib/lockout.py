"""Staff sign-in lockout (django-axes): its app label and its Thai lockout page.

Settings put `StaffSignInConfig` in INSTALLED_APPS (instead of plain "axes") so
the admin shows the app under a Thai name, and `lockout_response` as
AXES_LOCKOUT_CALLABLE: it says when the lock ends and whom to call, and never
whether the username exists. What counts towards a lock:
`portal.lib.lockout_handler` (AXES_HANDLER).
"""

from axes.apps import AppConfig as AxesAppConfig
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# django-axes ships no Thai catalogue; these are its admin labels, listed here so
# that makemessages puts them in ours (gettext finds them by msgid).
AXES_ADMIN_LABELS = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("User Agent"),
    gettext_noop("IP Address"),
    gettext_noop("Path"),
    gettext_noop("Attempt Time"),
    gettext_noop("Logout Time"),
    gettext_noop("Failed Logins"),
    gettext_noop("Access lock out"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Locked Out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Not set"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
]


class StaffSignInConfig(AxesAppConfig):
    verbose_name = _("Staff sign-in security")


def lockout_response(request, original_response=None, credentials=None):
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    # Another failure during the lock restarts it, and this response follows a
    # failure, so the lock ends one cool-off from now.
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "address_limit": settings.PORTAL_ADDRESS_FAILURE_LIMIT,
        "by_address": getattr(request, "axes_locked_by_address", False),
        "cool_off_minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        "retry_at": timezone.localtime() + cool_off if cool_off else None,
    }
    return render(request, "axes/lockout.html", context, status=429)
