import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from measures.models import Agency, MissionGroup
from portal import demo

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_agency_of_seed_003_and_a_login_per_role():
    call_command("seed_demo", stdout=io.StringIO())
    agency = Agency.objects.current()
    assert agency.name_th == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒"
    assert MissionGroup.objects.count() == 7
    users = get_user_model().objects.filter(is_staff=True)
    for account in demo.DEMO_ACCOUNTS:
        user = users.get(username=account.username)
        assert user.check_password(account.password)
        assert user.groups.filter(name=account.role).exists()


def test_seed_demo_can_run_twice_without_duplicating_anything():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (
        Agency.objects.count(),
        MissionGroup.objects.count(),
        get_user_model().objects.count(),
    )
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        Agency.objects.count(),
        MissionGroup.objects.count(),
        get_user_model().objects.count(),
    )
