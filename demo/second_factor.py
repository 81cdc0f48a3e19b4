"""Known second factors for the demo accounts, so `make run` can be tried without a phone.

Development only: a published key is no factor at all, so nothing here runs
with DEBUG off.
"""

from base64 import b32decode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.second_factor import devices

# Base32 "DEMO DEMO …": the key to type into an authenticator app for every demo account.
DEMO_KEY_TEXT = "DEMODEMODEMODEMODEMODEMODEMODEMO"
DEMO_KEY_HEX = b32decode(DEMO_KEY_TEXT).hex()


@transaction.atomic
def second_factor_seed(usernames):
    """Give each demo account the known authenticator key and one unused backup
    code; returns {username: backup code}. Devices staff made are left alone."""
    if not settings.DEBUG:
        return {}
    backup_codes = {}
    for user in get_user_model().objects.filter(username__in=usernames):
        if devices.authenticator_for(user) is None:
            TOTPDevice.objects.create(
                user=user, name=devices.AUTHENTICATOR_NAME, key=DEMO_KEY_HEX, confirmed=True
            )
        device, _ = StaticDevice.objects.get_or_create(
            user=user, name=devices.BACKUP_CODES_NAME, defaults={"confirmed": True}
        )
        token = device.token_set.first() or device.token_set.create(
            token=StaticToken.random_token()
        )
        backup_codes[user.username] = token.token
    return backup_codes
