"""How tests sign a staff member in: the password step and the second factor.

Every staff page needs a session verified with a second factor
(portal/second_factor), so tests use `login_staff(client, user)` where they
would have used `client.force_login(user)`.
"""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def login_staff(client, user):
    """Sign `user` in on the test `client` as if they had entered their password
    and a code from their authenticator app; returns the app's device."""
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator app", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def login_staff_in_browser(page, user, password):
    """The same through the sign-in pages of a Playwright `page` (on the live
    server): the password, then a code from the user's authenticator app."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="authenticator app", defaults={"confirmed": True}
    )
    page.goto("/admin/login/")
    page.locator("#id_username").fill(user.get_username())
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    page.locator("#id_code").fill(f"{totp(device.bin_key):06d}")
    with page.expect_navigation():
        page.locator("#id_code").press("Enter")
    return device
