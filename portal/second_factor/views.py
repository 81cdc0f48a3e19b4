import functools

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import admin
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.lib.lockout import lockout_response
from portal.second_factor import devices
from portal.second_factor.forms import CodeForm

NEW_CODES_SESSION_KEY = "second_factor_new_backup_codes"


def _next_url(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return reverse("admin:index")


def _with_next(url_name, next_url):
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _render(request, template, title, **context):
    context |= {
        "title": title,
        "site_header": admin.site.site_header,
        "site_title": admin.site.site_title,
        "next": _next_url(request),
    }
    return render(request, template, context)


def _throttled_until(device):
    allowed, details = device.verify_is_allowed()
    return None if allowed else (details or {}).get("locked_until")


def _code_step(view):
    """A page that takes a code after the password: never cached, the code kept
    out of error reports, and only for a user who has given the password."""

    @never_cache
    @sensitive_post_parameters("code")
    @require_http_methods(["GET", "POST"])
    @functools.wraps(view)
    def step(request):
        next_url = _next_url(request)
        if not request.user.is_authenticated:
            return redirect(_with_next("admin:login", next_url))
        return view(request, request.user, next_url)

    return step


@_code_step
def verify(request, user, next_url):
    """The second sign-in step: a code from the authenticator app or a backup code."""
    if user.is_verified():
        return redirect(next_url)
    if devices.authenticator_for(user) is None:
        return redirect(_with_next("second_factor:enrol", next_url))
    # Wrong codes count with wrong passwords in the same django-axes lock.
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return lockout_response(request, credentials=credentials)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        device = devices.device_for_code(user, code)
        throttled_until = device and _throttled_until(device)
        if throttled_until:
            form.add_error("code", _too_many_tries(throttled_until))
        elif device is not None and device.verify_token(code):
            otp_login(request, device)
            request.session.cycle_key()  # the session now carries more rights
            return redirect(next_url)
        else:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                # AxesMiddleware answers with the lockout page; the password is asked again.
                logout(request)
            form.add_error("code", _("This code is not right. Check it and try again."))
    return _render(request, "portal/second_factor_verify.html", _("Second sign-in step"), form=form)


def _too_many_tries(until):
    return _("Too many wrong codes. Try again after %(time)s.") % {
        "time": timezone.localtime(until).strftime("%H:%M:%S")
    }


@_code_step
def enrol(request, user, next_url):
    """Connect an authenticator app: scan the QR code (or type the key), then enter a code."""
    # An account with an app already proves itself with it; replacing the app is
    # the administrator's job (otherwise a stolen password could replace it).
    if devices.authenticator_for(user) is not None:
        return redirect(_with_next("second_factor:verify", next_url))
    device = devices.authenticator_for(user, confirmed=False) or TOTPDevice.objects.create(
        user=user, name=devices.AUTHENTICATOR_NAME, confirmed=False
    )
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        throttled_until = _throttled_until(device)
        if throttled_until:
            form.add_error("code", _too_many_tries(throttled_until))
        elif device.verify_token(form.cleaned_data["code"]):
            codes = devices.authenticator_confirm(device=device)
            otp_login(request, device)
            request.session.cycle_key()
            request.session[NEW_CODES_SESSION_KEY] = codes
            return redirect(_with_next("second_factor:backup_codes", next_url))
        else:
            form.add_error(
                "code",
                _("This code does not match. Check that the phone's clock is right and try again."),
            )
    qr = segno.make(device.config_url, error="m")
    return _render(
        request,
        "portal/second_factor_enrol.html",
        _("Set up the second sign-in step"),
        form=form,
        qr_svg=qr.svg_inline(scale=5, title=_("QR code for the authenticator app")),
        key_text=devices.authenticator_key_text(device),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def backup_codes(request):
    """Backup codes are shown once, right after they are made; a new set replaces the old."""
    if not (request.user.is_authenticated and request.user.is_verified()):
        return redirect(_with_next("second_factor:verify", request.get_full_path()))
    if request.method == "POST":
        request.session[NEW_CODES_SESSION_KEY] = devices.backup_codes_issue(user=request.user)
        return redirect(_with_next("second_factor:backup_codes", _next_url(request)))
    return _render(
        request,
        "portal/second_factor_backup_codes.html",
        _("Backup codes"),
        codes=request.session.pop(NEW_CODES_SESSION_KEY, None),
    )
