from base64 import b32encode

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator app"
BACKUP_CODES_NAME = "backup codes"


def code_normalise(code):
    """Codes are read off a phone or paper: spaces and dashes are not part of them."""
    return "".join(code.split()).replace("-", "").lower()


def authenticator_for(user, *, confirmed=True):
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).first()


def device_for_code(user, code):
    """The device a code must be checked against: six digits come from the
    authenticator app, anything else is a backup code."""
    if code.isdigit() and len(code) == 6:
        return authenticator_for(user)
    return StaticDevice.objects.devices_for_user(user, confirmed=True).first()


def authenticator_key_text(device):
    """The secret as authenticator apps ask for it when typed by hand: base32 in groups of four."""
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def backup_codes_issue(*, user):
    """A new set of single-use backup codes; the previous set stops working."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_CODES_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def authenticator_confirm(*, device):
    """The first right code from a new authenticator app confirms it; any older
    app of the same account stops working."""
    TOTPDevice.objects.filter(user=device.user_id).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return backup_codes_issue(user=device.user)
