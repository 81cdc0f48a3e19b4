import pytest
from django.contrib.auth.models import Group

from portal.lib import roles
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def test_a_group_exists_for_every_staff_role():
    names = set(Group.objects.values_list("name", flat=True))
    assert {
        "เจ้าหน้าที่รับเรื่องร้องเรียน",
        "เจ้าหน้าที่ศูนย์ปฏิบัติการต่อต้านการทุจริต",
        "เจ้าหน้าที่กลุ่มงาน",
        "ผู้บริหาร",
        "ผู้ดูแลระบบ",
    } <= names


def test_each_role_has_the_rights_of_its_job(triage_officer, editor, director, administrator):
    assert triage_officer.has_perm("measures.view_missiongroup")
    assert not triage_officer.has_perm("measures.change_agency")
    assert editor.has_perm("measures.change_missiongroup")
    assert not editor.has_perm("measures.delete_missiongroup")
    assert director.has_perm("measures.view_agency")
    assert not director.has_perm("measures.change_agency")
    assert administrator.has_perm("measures.change_agency")
    assert administrator.has_perm("auth.change_user")


def test_mission_group_staff_cannot_rewrite_the_agency_or_its_policies(editor):
    assert editor.has_perm("measures.change_activity")
    assert editor.has_perm("measures.view_agency")
    for model in ("agency", "policy"):
        for action in ("add", "change", "delete"):
            assert not editor.has_perm(f"measures.{action}_{model}")


def test_the_administrator_configures_but_holds_no_other_persons_duty(administrator):
    assert administrator.has_perm("surveys.delete_survey")
    for duty in roles.OTHER_PEOPLES_DUTIES:
        assert not administrator.has_perm(duty), duty


def test_syncing_again_changes_nothing():
    before = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    from django.contrib.auth.models import Permission

    roles.roles_sync(group_model=Group, permission_model=Permission)
    after = {g.name: set(g.permissions.values_list("pk", flat=True)) for g in Group.objects.all()}
    assert before == after


def test_custom_permissions_are_granted_only_by_name(
    triage_officer, integrity_officer, editor, director
):
    # "view_reporter_identity" starts with "view_" but is no view permission:
    # only the integrity officer may see who reported corruption.
    assert integrity_officer.has_perm("feedback.view_reporter_identity")
    for user in (triage_officer, editor, director):
        assert not user.has_perm("feedback.view_reporter_identity")
    assert director.has_perm("measures.approve_measure")
    assert not editor.has_perm("measures.approve_measure")


def test_mission_group_staff_write_the_report_analysis_but_only_the_director_approves(
    editor, director
):
    assert editor.has_perm("portal.change_annualreport")
    assert not editor.has_perm("portal.approve_annualreport")
    assert director.has_perm("portal.approve_annualreport")


def test_the_role_form_names_permissions_in_thai(client, administrator):
    from django.urls import reverse

    group = Group.objects.get(name=roles.INTEGRITY_OFFICER)
    login_staff(client, administrator)

    html = client.get(reverse("admin:auth_group_change", args=[group.pk])).content.decode()

    assert "เรื่องร้องเรียนและข้อเสนอแนะ | ดูเรื่องร้องเรียน" in html
    assert "ดูตัวตนผู้ร้องเรียนการทุจริตได้" in html  # a custom permission, translated
    assert "Can add" not in html and "Can view" not in html
