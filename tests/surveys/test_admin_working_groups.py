"""Staff keep working groups in the admin: rosters, meetings, attendance, addresses."""

import datetime as dt

import pytest
from django.urls import reverse

from surveys.models import Meeting, Membership
from tests.factories import surveys as f
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db


def _meeting_form(group, held_on):
    return {
        "working_group": group.pk,
        "number": "1/2569",
        "held_on": held_on.isoformat(),
        "place": "ห้องประชุม",
        "agenda": "วาระที่ 1",
        "note_taker": "",
        "attendances-TOTAL_FORMS": "0",
        "attendances-INITIAL_FORMS": "0",
        "attendances-MIN_NUM_FORMS": "0",
        "attendances-MAX_NUM_FORMS": "1000",
    }


def test_a_meeting_before_the_appointment_is_refused_and_nothing_is_saved(client, editor):
    group = f.working_group(order_date=dt.date(2025, 10, 15))
    login_staff(client, editor)
    response = client.post(
        reverse("admin:surveys_meeting_add"), _meeting_form(group, dt.date(2025, 10, 1))
    )
    assert response.status_code == 200
    assert "วันประชุมต้องไม่ก่อนวันที่แต่งตั้งคณะทำงาน" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_new_meeting_lists_every_member_in_office_as_absent(client, editor):
    group = f.working_group()
    chair = f.membership(working_group=group, role=Membership.Role.CHAIR)
    f.membership(working_group=group, ended_on=group.term_start)  # left on day one
    login_staff(client, editor)
    response = client.post(
        reverse("admin:surveys_meeting_add"), _meeting_form(group, dt.date(2025, 12, 1))
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert list(meeting.attendances.values_list("membership", "present")) == [(chair.pk, False)]


def test_a_member_with_an_end_before_the_start_is_refused(client, editor):
    group = f.working_group()
    login_staff(client, editor)
    response = client.post(
        reverse("admin:surveys_membership_add"),
        {
            "working_group": group.pk,
            "name": "นายทดสอบ วันที่ผิด",
            "role": "member",
            "stakeholder_group": f.stakeholder_group("parents").pk,
            "started_on": "2026-01-10",
            "ended_on": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "วันที่พ้นจากตำแหน่งต้องไม่ก่อนวันที่ได้รับแต่งตั้ง" in response.content.decode()
    assert not Membership.objects.exists()


def test_a_public_working_groups_address_cannot_be_renamed(client, editor):
    group = f.working_group(slug="planning-group")
    url = reverse("admin:surveys_workinggroup_change", args=[group.pk])
    login_staff(client, editor)
    assert 'name="slug"' not in client.get(url).content.decode()
    response = client.post(url, _working_group_form(group, slug="renamed"))
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.slug == "planning-group"


def test_an_unpublished_working_groups_address_can_still_be_changed(client, editor):
    group = f.working_group(is_published=False)
    url = reverse("admin:surveys_workinggroup_change", args=[group.pk])
    login_staff(client, editor)
    assert client.post(url, _working_group_form(group, slug="renamed")).status_code == 302
    group.refresh_from_db()
    assert group.slug == "renamed"


def _working_group_form(group, **changes):
    data = {
        "mission_group": group.mission_group_id,
        "name": group.name,
        "kind": group.kind,
        "slug": group.slug,
        "purpose": group.purpose,
        "order_number": group.order_number,
        "order_date": group.order_date.isoformat() if group.order_date else "",
        "term_start": group.term_start.isoformat(),
        "term_end": group.term_end.isoformat() if group.term_end else "",
        "quorum_percent": group.quorum_percent,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    if group.is_published:
        data["is_published"] = "on"
    return data | changes


def test_the_appointment_cannot_move_past_a_recorded_meeting(client, editor):
    group = f.working_group(order_date=dt.date(2025, 10, 15), term_start=dt.date(2025, 10, 15))
    f.meeting(working_group=group, held_on=dt.date(2025, 12, 1))
    f.meeting(working_group=group, held_on=dt.date(2025, 11, 10))
    url = reverse("admin:surveys_workinggroup_change", args=[group.pk])
    login_staff(client, editor)
    response = client.post(url, _working_group_form(group, order_date="2025-11-20"))
    assert response.status_code == 200
    assert "10 พฤศจิกายน 2568" in response.content.decode()
    assert "หลังการประชุมครั้งแรก" in response.content.decode()
    group.refresh_from_db()
    assert group.order_date == dt.date(2025, 10, 15)
    response = client.post(url, _working_group_form(group, order_date="2025-11-10"))
    assert response.status_code == 302  # appointed the day of the first meeting is fine


def test_attendance_of_a_member_out_of_office_is_refused_in_the_admin(client, editor):
    group = f.working_group()
    chair = f.membership(working_group=group, role=Membership.Role.CHAIR)
    former = f.membership(working_group=group, name="นายพ้นวาระ แล้ว", ended_on=dt.date(2025, 11, 30))
    login_staff(client, editor)
    data = _meeting_form(group, dt.date(2025, 12, 1)) | {
        "attendances-TOTAL_FORMS": "2",
        "attendances-0-membership": chair.pk,
        "attendances-0-present": "on",
        "attendances-1-membership": former.pk,
        "attendances-1-present": "on",
    }
    response = client.post(reverse("admin:surveys_meeting_add"), data)
    assert response.status_code == 200
    assert "นายพ้นวาระ แล้ว ไม่ได้อยู่ในวาระการดำรงตำแหน่ง ณ วันประชุม" in (response.content.decode())
    assert not Meeting.objects.exists()


def test_file_fields_tell_staff_to_upload_a_copy_naming_only_consenting_members(client, editor):
    group = f.working_group()
    meeting = f.meeting(working_group=group)
    login_staff(client, editor)
    for url in (
        reverse("admin:surveys_workinggroup_change", args=[group.pk]),
        reverse("admin:surveys_meeting_change", args=[meeting.pk]),
    ):
        html = client.get(url).content.decode()
        assert "เฉพาะกรรมการที่ยินยอมให้เผยแพร่ชื่อ" in html, url


def test_a_group_once_published_keeps_its_address_after_being_unpublished(client, editor):
    group = f.working_group(slug="planning-group")
    url = reverse("admin:surveys_workinggroup_change", args=[group.pk])
    login_staff(client, editor)
    unpublished = _working_group_form(group)
    del unpublished["is_published"]
    assert client.post(url, unpublished).status_code == 302
    group.refresh_from_db()
    assert not group.is_published
    assert 'name="slug"' not in client.get(url).content.decode()
    client.post(url, unpublished | {"slug": "renamed"})
    group.refresh_from_db()
    assert group.slug == "planning-group"


def test_deleting_a_member_who_attended_is_refused_in_thai_and_attendance_stays(client, editor):
    group = f.working_group()
    chair = f.membership(working_group=group, role=Membership.Role.CHAIR)
    member = f.membership(working_group=group, name="นายเคยประชุม แล้ว")
    meeting = f.meeting(working_group=group, present=[chair, member])
    login_staff(client, editor)
    page = client.post(
        reverse("admin:surveys_membership_delete", args=[member.pk]), {"post": "yes"}, follow=True
    )
    assert "นายเคยประชุม แล้ว มีชื่ออยู่ในการบันทึกการเข้าประชุมแล้ว" in page.content.decode()
    assert Membership.objects.filter(pk=member.pk).exists()

    data = _working_group_form(group) | _membership_rows(group) | {"memberships-1-DELETE": "on"}
    page = client.post(reverse("admin:surveys_workinggroup_change", args=[group.pk]), data)
    assert page.status_code == 200
    assert "กรุณาบันทึกวันที่พ้นจากตำแหน่งแทน" in page.content.decode()
    assert meeting.attendances.count() == 2


def _membership_rows(group):
    rows = list(group.memberships.order_by("role_rank", "started_on", "pk"))
    data = {"memberships-TOTAL_FORMS": len(rows), "memberships-INITIAL_FORMS": len(rows)}
    for n, member in enumerate(rows):
        data |= {
            f"memberships-{n}-id": member.pk,
            f"memberships-{n}-working_group": group.pk,
            f"memberships-{n}-name": member.name,
            f"memberships-{n}-role": member.role,
            f"memberships-{n}-stakeholder_group": member.stakeholder_group_id,
            f"memberships-{n}-started_on": member.started_on.isoformat(),
        }
    return data


def test_a_groups_change_page_costs_the_same_queries_however_many_members(client, editor):
    group = f.working_group()
    for role in ("chair", "member", "member_secretary"):
        f.membership(working_group=group, role=role)
    url = reverse("admin:surveys_workinggroup_change", args=[group.pk])
    login_staff(client, editor)
    client.get(url)  # warm caches (permissions, content types)

    def more_members():
        for _ in range(40):
            f.membership(working_group=group, stakeholder_group=f.stakeholder_group("staff"))

    assert_constant_queries(client, url, grow=more_members)
    assert group.memberships.count() == 43
