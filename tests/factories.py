"""Small factory functions with keyword overrides, and the named cast of users.

Each returns a saved object; pass only what the test is about.
"""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from measures.models import Agency, MissionGroup
from portal.lib import roles

_sequence = itertools.count(1)

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
    n = next(_sequence)
    fields = {"name": f"กลุ่มงานทดสอบ {n}", "name_en": f"Test group {n}", "slug": f"group-{n}"}
    return MissionGroup.objects.create(**(fields | overrides))


def staff_user(*, role, username=None, **overrides):
    user = get_user_model().objects.create_user(
        username=username or f"staff{next(_sequence)}",
        password=DEFAULT_PASSWORD,
        is_staff=True,
        **overrides,
    )
    user.groups.add(Group.objects.get(name=role))
    return user


__all__ = ["Agency", "MissionGroup", "agency", "mission_group", "roles", "staff_user"]
