"""Small factory functions with keyword overrides, and the named cast of users.

Each returns a saved object; pass only what the test is about. What every app
uses lives here (the agency, mission groups, staff, a photo, a moment); each
app's records live in the module named after it (`tests.factories.feedback`...).
"""

import datetime as dt
import io
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from measures.models import Agency, MissionGroup
from portal.lib import roles

# One counter for every module, so names and slugs never collide across apps.
sequence = itertools.count(1)

DEFAULT_PASSWORD = "correct horse battery staple"


def agency(**overrides):
    fields = {
        "name_th": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑",
        "name_en": "Test Primary Educational Service Area Office 1",
        "short_name": "สพป.ทดสอบ เขต ๑",
        "kind": Agency.Kind.PRIMARY_ESA,
        "phone": "042-111-222",
        "email": "office@example.org",
        "head_name": "นายทดสอบ ใจดี",
        "head_position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑",
    } | overrides
    obj = Agency(**fields)
    obj.save()
    return obj


def mission_group(**overrides):
    n = next(sequence)
    fields = {"name": f"กลุ่มงานทดสอบ {n}", "name_en": f"Test group {n}", "slug": f"group-{n}"}
    return MissionGroup.objects.create(**(fields | overrides))


def staff_user(*, role, username=None, **overrides):
    user = get_user_model().objects.create_user(
        username=username or f"staff{next(sequence)}",
        password=DEFAULT_PASSWORD,
        is_staff=True,
        **overrides,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


TZ = timezone.get_fixed_timezone(7 * 60)


def moment(day, hour=10):
    """An aware datetime in Thai time on `day`."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def jpeg_upload(name="photo.jpg", size=(64, 48)):
    """A small JPEG carrying EXIF with a GPS position, as phone photos do."""
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8825)[2] = (17.0, 10.0, 0.0)  # GPSLatitude
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


__all__ = [
    "Agency",
    "MissionGroup",
    "agency",
    "jpeg_upload",
    "mission_group",
    "moment",
    "roles",
    "staff_user",
]
