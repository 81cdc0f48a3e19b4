"""Inputs Django's admin leaves without a name get one (portal/lib/admin_inputs.py)."""

import re

import pytest
from django.urls import reverse

from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_the_agency_emblem_and_logo_inputs_are_named(client, administrator, agency):
    login_staff(client, administrator)

    html = client.get(reverse("admin:measures_agency_change", args=[agency.pk])).content.decode()

    file_inputs = re.findall(r'<input type="file"[^>]*>', html)
    assert len(file_inputs) == 2
    assert all("aria-label=" in tag for tag in file_inputs)
    assert 'aria-label="ตราสัญลักษณ์หน่วยงาน"' in html


def test_the_editable_positions_of_the_mission_group_list_are_named(client, administrator):
    from tests import factories

    factories.mission_group(name="กลุ่มอำนวยการ")
    login_staff(client, administrator)

    html = client.get(reverse("admin:measures_missiongroup_changelist")).content.decode()

    assert 'name="form-0-position"' in html
    assert 'aria-label="ลำดับ"' in html


def test_the_appointment_order_and_minutes_inputs_are_named(client, administrator):
    login_staff(client, administrator)

    for url in (reverse("admin:surveys_workinggroup_add"), reverse("admin:surveys_meeting_add")):
        html = client.get(url).content.decode()
        file_inputs = re.findall(r'<input type="file"[^>]*>', html)
        assert file_inputs and all("aria-label=" in tag for tag in file_inputs), url
