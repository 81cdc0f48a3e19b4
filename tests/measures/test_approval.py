"""Approval is the director's signature: no one else gives it, no one borrows it.

Only a member of the director's group approves a measure or the annual report;
the superuser flag and a permission given to an account itself do not count.
The record, the measure's PDF and the report's signature block name the
person who approved, as they were at that moment.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from measures import services
from measures.models import Measure
from portal.report.models import AnnualReportVersion
from portal.report.services import annual_report_approve, annual_report_get_or_create
from tests.factories import measures as mf
from tests.login import login_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def self_granted(administrator):
    """An administrator who gave its own account both approval permissions."""
    administrator.user_permissions.add(
        Permission.objects.get(codename="approve_measure"),
        Permission.objects.get(codename="approve_annualreport"),
    )
    return get_user_model().objects.get(pk=administrator.pk)


@pytest.mark.parametrize("role", ["superuser", "self_granted", "editor", "triage_officer"])
def test_no_one_but_the_director_approves_a_measure(client, request, agency, role):
    user = request.getfixturevalue(role)
    measure = mf.measure()
    with pytest.raises(PermissionDenied):
        services.measure_approve(measure=measure, by=user)
    login_staff(client, user)
    changelist = reverse("admin:measures_measure_changelist")
    assert 'value="approve"' not in client.get(changelist).content.decode()
    client.post(changelist, {"action": "approve", "_selected_action": [measure.pk]})
    measure.refresh_from_db()
    assert measure.status == Measure.Status.DRAFT and measure.approved_by is None


@pytest.mark.parametrize("role", ["superuser", "self_granted", "editor"])
def test_no_one_but_the_director_approves_the_report(client, request, agency, role):
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        annual_report_approve(report=annual_report_get_or_create(fiscal_year=2569), by=user)
    login_staff(client, user)
    # Refused (403), or sent to sign in as someone who may (the view's own check).
    assert client.post("/reports/2569/approve/").status_code in (302, 403)
    assert not AnnualReportVersion.objects.exists()


@pytest.fixture
def acting_director(db):
    return mf.factories.staff_user(
        role=mf.factories.roles.DIRECTOR,
        username="acting",
        first_name="นางรักษา",
        last_name="ราชการแทน",
    )


def test_an_acting_director_signs_with_their_own_name_not_the_heads(agency, acting_director):
    measure = mf.measure()
    services.measure_approve(measure=measure, by=acting_director)
    measure.refresh_from_db()
    assert measure.approver_name == "นางรักษา ราชการแทน"
    assert measure.approver_position == "ผู้บริหาร"
    html = services.measure_print_html(measure=measure)
    assert "อนุมัติในระบบโดย นางรักษา ราชการแทน ตำแหน่ง ผู้บริหาร" in html

    version = annual_report_approve(
        report=annual_report_get_or_create(fiscal_year=2569), by=acting_director
    )
    assert (version.approver_name, version.approver_position) == (
        "นางรักษา ราชการแทน",
        "ผู้บริหาร",
    )
    assert agency.head_name not in (version.approver_name, measure.approver_name)


def test_the_record_keeps_the_name_the_approver_had_then(agency, acting_director):
    measure = mf.measure()
    services.measure_approve(measure=measure, by=acting_director)
    acting_director.last_name = "เปลี่ยนนามสกุล"
    acting_director.save()
    measure.refresh_from_db()
    assert "อนุมัติในระบบโดย นางรักษา ราชการแทน" in services.measure_print_html(measure=measure)


def test_the_head_named_in_the_agency_profile_signs_with_the_heads_position(agency, director):
    director.first_name, director.last_name = "นายทดสอบ", "ใจดี"
    director.save()
    measure = mf.measure()
    services.measure_approve(measure=measure, by=director)
    measure.refresh_from_db()
    assert (measure.approver_name, measure.approver_position) == (
        agency.head_name,
        agency.head_position,
    )
