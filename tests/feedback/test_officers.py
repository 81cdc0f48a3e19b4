"""Who may be made responsible for a case, and who is reminded of unassigned ones."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Case
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def officer_options(response):
    """(value, label) of each choice in the change form's officer list."""
    assert response.status_code == 200
    page = response.content.decode()
    select = re.search(r'<select name="assigned_to"[^>]*>(.*?)</select>', page, re.S)
    assert select, "the officer is chosen from a plain list"
    options = re.findall(r'<option value="(\d*)"[^>]*>([^<]*)</option>', select.group(1))
    return [(value, html.unescape(label)) for value, label in options if value]


@pytest.fixture
def somsri(db):
    return factories.staff_user(
        role=factories.roles.TRIAGE_OFFICER,
        username="somsri",
        first_name="สมศรี",
        last_name="มีสุข",
    )


@pytest.fixture
def wichai(db):
    return factories.staff_user(
        role=factories.roles.INTEGRITY_OFFICER,
        username="wichai",
        first_name="วิชัย",
        last_name="ซื่อตรง",
        email="wichai@example.org",
    )


def test_triage_picks_the_officer_by_full_name_from_those_who_work_cases(
    client, triage_officer, somsri, wichai, editor, agency
):
    get_user_model().objects.create_user("citizen_account", first_name="ประชาชน")
    factories.staff_user(role=factories.roles.TRIAGE_OFFICER, username="retired", is_active=False)
    case = fb.case()
    login_staff(client, triage_officer)
    options = officer_options(client.get(reverse("admin:feedback_case_change", args=[case.pk])))
    labels = [label for _value, label in options]
    # By name, the username where no name is given; readers and non-staff are not offered.
    assert labels == ["triage", "วิชัย ซื่อตรง", "สมศรี มีสุข"]


def test_triage_assigns_the_officer_it_found_in_the_list(
    client, triage_officer, somsri, agency, mission_group
):
    case = fb.case()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ACCEPTED)
    login_staff(client, triage_officer)
    url = reverse("admin:feedback_case_change", args=[case.pk])
    response = client.get(url)
    somsri_id = next(value for value, label in officer_options(response) if label == "สมศรี มีสุข")
    data = fb.admin_change_data(response) | {
        "next_step": "assigned",
        "assigned_group": mission_group.pk,
        "assigned_to": somsri_id,
    }
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.assigned_to == somsri and case.status == Case.Status.ASSIGNED
    changelist = client.get(reverse("admin:feedback_case_changelist")).content.decode()
    assert "สมศรี มีสุข" in changelist


def test_a_corruption_report_goes_only_to_those_who_work_its_queue(
    client, integrity_officer, somsri, wichai, administrator, agency
):
    report = fb.corruption_case()
    login_staff(client, integrity_officer)
    url = reverse("admin:feedback_corruptionreport_change", args=[report.pk])
    labels = [label for _value, label in officer_options(client.get(url))]
    assert labels == ["integrity", "วิชัย ซื่อตรง"]


def test_an_officer_who_left_the_role_stays_named_on_their_case(
    client, triage_officer, somsri, agency, mission_group
):
    case = fb.case()
    Case.objects.filter(pk=case.pk).update(
        status=Case.Status.ASSIGNED, assigned_to=somsri, assigned_group=mission_group
    )
    somsri.groups.clear()
    login_staff(client, triage_officer)
    url = reverse("admin:feedback_case_change", args=[case.pk])
    response = client.get(url)
    assert (str(somsri.pk), "สมศรี มีสุข") in officer_options(response)
    # The form still saves with the officer it names.
    data = fb.admin_change_data(response) | {"next_step": "in_progress"}
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS and case.assigned_to == somsri


def test_unassigned_corruption_reports_are_reminded_to_the_integrity_role_only(
    agency, wichai, django_capture_on_commit_callbacks
):
    somsri = factories.staff_user(
        role=factories.roles.TRIAGE_OFFICER, username="somsri", email="somsri@example.org"
    )
    factories.staff_user(
        role=factories.roles.ADMINISTRATOR, username="admin2", email="admin@example.org"
    )
    report = fb.corruption_case(subject="เรียกรับเงินค่าตรวจรับงาน")
    complaint = fb.case(subject="ถนนหน้าโรงเรียนเป็นหลุม")
    Case.objects.filter(pk__in=[report.pk, complaint.pk]).update(
        report_back_due_on=report.received_at.date()
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "เรียกรับเงินค่าตรวจรับงาน" in bodies["wichai@example.org"]
    assert "เรียกรับเงินค่าตรวจรับงาน" not in bodies[somsri.email]
    assert "เรียกรับเงินค่าตรวจรับงาน" not in bodies["admin@example.org"]
    # General cases still go to everyone who may change cases.
    assert all("ถนนหน้าโรงเรียนเป็นหลุม" in body for body in bodies.values())
