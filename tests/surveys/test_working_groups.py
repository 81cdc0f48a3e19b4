"""Working-group rosters: public pages honour consent; staff see problems."""

import datetime as dt
import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from measures.models import MissionGroup
from portal.lib import thai
from surveys.models import Attendance, Meeting, Membership, WorkingGroup
from surveys.services import meeting_attendance_prefill, working_group_summaries
from tests.factories import surveys as f
from tests.queries import assert_constant_queries, call_queries

pytestmark = pytest.mark.django_db

Role = Membership.Role


def _full_group(**overrides):
    group = f.working_group(**overrides)
    chair = f.membership(
        working_group=group,
        name="นายประธาน เปิดเผย",
        role=Role.CHAIR,
        stakeholder_group=f.stakeholder_group("experts"),
        publish_name=True,
    )
    hidden = f.membership(
        working_group=group,
        name="นางสาวไม่ประสงค์ ออกนาม",
        stakeholder_group=f.stakeholder_group("parents"),
        publish_name=False,
    )
    secretary = f.membership(
        working_group=group,
        name="นางเลขา ในหน่วยงาน",
        role=Role.MEMBER_SECRETARY,
        stakeholder_group=f.stakeholder_group("staff"),
        publish_name=True,
    )
    return group, chair, hidden, secretary


def _detail(group):
    return reverse("surveys:workinggroup_detail", kwargs={"slug": group.slug})


def test_the_public_page_names_only_members_who_consented(client):
    group, *_ = _full_group()
    html = client.get(_detail(group)).content.decode()
    assert "นายประธาน เปิดเผย" in html
    assert "นางเลขา ในหน่วยงาน" in html
    assert "นางสาวไม่ประสงค์ ออกนาม" not in html
    assert "(ไม่เปิดเผยชื่อ)" in html


def test_the_public_page_shows_every_role_without_the_names_withheld(client):
    group, *_ = _full_group()
    f.membership(
        working_group=group,
        name="นายรองประธาน ไม่เปิดเผย",
        affiliation="องค์การบริหารส่วนตำบลลับ",
        role=Role.VICE_CHAIR,
        publish_name=False,
    )
    html = client.get(_detail(group)).content.decode()
    assert "นายรองประธาน ไม่เปิดเผย" not in html
    assert "องค์การบริหารส่วนตำบลลับ" not in html
    roster = html[html.index("กรรมการตามตำแหน่ง") :]
    roles = re.findall(r'<span class="d-block small">([^<·]+)', roster)
    assert [role.strip() for role in roles] == [
        "ประธาน",
        "รองประธาน",
        "กรรมการ",
        "กรรมการและเลขานุการ",
    ]
    assert roster.count("(ไม่เปิดเผยชื่อ)") == 2


def test_the_public_page_shows_the_stakeholder_mix_and_the_order(client):
    group, *_ = _full_group(order_number="412/2568")
    html = client.get(_detail(group)).content.decode()
    assert "คำสั่งที่ 412/2568 ลงวันที่ 15 ตุลาคม 2568" in html
    assert "กรรมการที่อยู่ในวาระ 3 คน" in html
    assert "เป็นบุคคลภายนอก 2 คน" in html


def test_meetings_are_counted_per_fiscal_year_with_attendance_and_quorum(client):
    group, chair, hidden, secretary = _full_group()
    f.meeting(working_group=group, held_on=dt.date(2025, 11, 20), present=[chair, hidden])
    f.meeting(
        working_group=group,
        held_on=dt.date(2026, 2, 20),
        present=[chair],
        absent=[hidden, secretary],
    )
    f.meeting(working_group=group, held_on=dt.date(2026, 10, 20), present=[chair, secretary])
    html = client.get(_detail(group)).content.decode()
    assert "ปีงบประมาณ 2569: ประชุม 2 ครั้ง" in html
    assert "ปีงบประมาณ 2570: ประชุม 1 ครั้ง" in html
    assert "2 จาก 3 คน" in html
    assert "1 จาก 3 คน" in html
    assert html.count("ครบองค์ประชุม") - html.count("ไม่ครบองค์ประชุม") == 2
    assert html.count("ไม่ครบองค์ประชุม") == 1


def test_a_member_who_left_does_not_count_towards_the_quorum_after_leaving(client):
    group, chair, hidden, _secretary = _full_group()
    hidden.ended_on = dt.date(2026, 1, 1)
    hidden.save()
    meeting = f.meeting(working_group=group, held_on=dt.date(2026, 2, 1), present=[chair])
    annotated = Meeting.objects.with_attendance().get(pk=meeting.pk)
    assert (annotated.present, annotated.members_in_office) == (1, 2)
    assert annotated.quorum_met  # 1 of 2 = 50 %


def test_unpublished_groups_are_not_public(client):
    group, *_ = _full_group(is_published=False)
    assert client.get(_detail(group)).status_code == 404
    assert group.name not in client.get(reverse("surveys:workinggroup_list")).content.decode()


def test_roster_pages_use_a_constant_number_of_queries(client):
    group, chair, *_ = _full_group()
    f.meeting(working_group=group, present=[chair])

    def more_members_and_meetings():
        for n in range(15):
            member = f.membership(working_group=group, publish_name=n % 2 == 0)
            f.meeting(working_group=group, present=[member])

    detail = assert_constant_queries(
        client, _detail(group), grow=more_members_and_meetings, at_most=8
    )
    assert "ประชุม 16 ครั้ง" in detail.content.decode()

    def more_groups():
        for _ in range(15):
            _full_group()

    listing = assert_constant_queries(
        client, reverse("surveys:workinggroup_list"), grow=more_groups, at_most=4
    )
    assert listing.content.decode().count("card-title") == 16


def test_the_list_groups_working_groups_by_mission_group(client):
    mission = MissionGroup.objects.create(name="กลุ่มนโยบายและแผน", slug="policy")
    _full_group(mission_group=mission, name="คณะทำงานจัดทำแผน")
    html = client.get(reverse("surveys:workinggroup_list")).content.decode()
    assert "กลุ่มนโยบายและแผน" in html and "คณะทำงานจัดทำแผน" in html


def test_staff_are_told_of_a_group_without_chair_secretary_or_outsiders():
    weak = f.working_group()
    f.membership(
        working_group=weak, stakeholder_group=f.stakeholder_group("staff"), role=Role.MEMBER
    )
    f.membership(
        working_group=weak,
        stakeholder_group=f.stakeholder_group("parents"),
        ended_on=timezone.localdate() - dt.timedelta(days=1),
        started_on=weak.term_start,
    )
    strong, *_ = _full_group()
    flags = {g.pk: g.roster_warnings() for g in WorkingGroup.objects.with_roster()}
    assert [str(w) for w in flags[weak.pk]] == [
        "มีกรรมการพ้นจากตำแหน่งโดยยังไม่มีการแต่งตั้งแทน",
        "ไม่มีประธาน",
        "ไม่มีเลขานุการ",
        "ไม่มีผู้มีส่วนได้ส่วนเสียภายนอก",
    ]
    assert flags[strong.pk] == []


def test_staff_are_told_when_the_group_itself_is_out_of_term():
    expired, *_ = _full_group(
        term_start=dt.date(2023, 10, 1), term_end=timezone.localdate() - dt.timedelta(days=1)
    )
    [group] = WorkingGroup.objects.with_roster().filter(pk=expired.pk)
    assert [str(w) for w in group.roster_warnings()] == ["คณะทำงานหมดวาระแล้ว"]


def test_a_member_cannot_leave_before_being_appointed():
    group = f.working_group()
    with pytest.raises(IntegrityError), transaction.atomic():
        f.membership(
            working_group=group, started_on=dt.date(2026, 1, 10), ended_on=dt.date(2026, 1, 9)
        )


def test_prefilling_attendance_adds_members_in_office_as_absent():
    group, chair, hidden, secretary = _full_group()
    meeting = f.meeting(working_group=group, present=[chair])
    assert meeting_attendance_prefill(meeting=meeting) == 2
    assert meeting_attendance_prefill(meeting=meeting) == 0
    assert set(
        Attendance.objects.filter(meeting=meeting, present=False).values_list(
            "membership", flat=True
        )
    ) == {hidden.pk, secretary.pk}


def test_the_annual_report_summary_counts_members_meetings_and_quorum():
    group, chair, hidden, _secretary = _full_group()
    f.meeting(working_group=group, held_on=dt.date(2025, 11, 20), present=[chair, hidden])
    f.meeting(working_group=group, held_on=dt.date(2026, 2, 20), present=[chair], absent=[hidden])
    f.meeting(working_group=group, held_on=dt.date(2026, 10, 20), present=[chair])
    _full_group(is_published=False)
    year = thai.FiscalYear(2569)
    [summary], few = call_queries(lambda: working_group_summaries(period=year))
    assert summary.working_group == group
    assert (summary.members, summary.external_members) == (3, 2)
    assert summary.meetings_held == 2
    assert summary.meetings_quorate == 1
    assert str(summary.attendance_percent) == "50.00"  # 3 present of 6 seats
    assert {g.slug: n for g, n in summary.members_by_stakeholder_group} == {
        "experts": 1,
        "parents": 1,
        "staff": 1,
    }
    # Three more groups with their meetings: not one query more.
    for _ in range(3):
        other, other_chair, *_others = _full_group()
        f.meeting(working_group=other, held_on=dt.date(2026, 1, 15), present=[other_chair])
    summaries, many = call_queries(lambda: working_group_summaries(period=year))
    assert len(summaries) == 4
    assert few == many <= 4


def test_an_appointment_order_must_really_be_a_pdf():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    group = f.working_group()
    group.order_file = SimpleUploadedFile("order.pdf", b"<html><script>alert(1)</script>")
    with pytest.raises(ValidationError) as error:
        group.full_clean()
    assert "รับเฉพาะไฟล์ PDF เท่านั้น" in str(error.value)
    group.order_file = SimpleUploadedFile("order.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    group.full_clean()


def test_a_mission_group_gets_one_heading_however_its_groups_were_added(client):
    planning = MissionGroup.objects.create(name="กลุ่มนโยบายและแผน", slug="plan", position=1)
    finance = MissionGroup.objects.create(name="กลุ่มบริหารงานการเงิน", slug="finance", position=2)
    _full_group(mission_group=planning, name="คณะทำงานจัดทำแผน")
    _full_group(mission_group=finance, name="คณะทำงานงบประมาณ")
    _full_group(mission_group=planning, name="คณะทำงานติดตามแผน")  # added last, pk highest
    html = client.get(reverse("surveys:workinggroup_list")).content.decode()
    assert html.count('id="mission-plan"') == 1
    assert html.count('id="mission-finance"') == 1
    names = ("คณะทำงานจัดทำแผน", "คณะทำงานติดตามแผน", "คณะทำงานงบประมาณ")
    positions = [html.index(name) for name in names]
    assert positions == sorted(positions)
    assert html.index('id="mission-finance"') > html.index("คณะทำงานติดตามแผน")
    summaries = working_group_summaries(period=thai.FiscalYear(2569))
    assert [s.working_group.name for s in summaries] == [
        "คณะทำงานจัดทำแผน",
        "คณะทำงานติดตามแผน",
        "คณะทำงานงบประมาณ",
    ]


def test_a_member_out_of_office_is_not_counted_present(client):
    group, chair, hidden, secretary = _full_group()
    hidden.ended_on = dt.date(2026, 1, 1)
    hidden.save()
    # A row recorded before the rule existed: present after leaving office.
    f.meeting(
        working_group=group,
        held_on=dt.date(2026, 2, 1),
        present=[chair, hidden, secretary],
    )
    html = client.get(_detail(group)).content.decode()
    assert "2 จาก 2 คน" in html
    assert "3 จาก 2 คน" not in html
    [summary] = working_group_summaries(period=thai.FiscalYear(2569))
    assert str(summary.attendance_percent) == "100.00"


def test_marking_a_member_present_outside_their_term_is_refused():
    from django.core.exceptions import ValidationError

    group, chair, hidden, _secretary = _full_group()
    hidden.ended_on = dt.date(2026, 1, 1)
    hidden.save()
    meeting = f.meeting(working_group=group, held_on=dt.date(2026, 2, 1))
    with pytest.raises(ValidationError) as error:
        Attendance(meeting=meeting, membership=hidden, present=True).full_clean()
    assert "ไม่ได้อยู่ในวาระการดำรงตำแหน่ง ณ วันประชุม 1 กุมภาพันธ์ 2569" in str(error.value)
    Attendance(meeting=meeting, membership=chair, present=True).full_clean()


def _flags(group):
    return [str(w) for w in WorkingGroup.objects.with_roster().get(pk=group.pk).roster_warnings()]


def test_a_member_who_left_flags_the_group_until_someone_is_appointed_in_the_role():
    group, chair, hidden, _secretary = _full_group()
    f.meeting(working_group=group, held_on=dt.date(2025, 12, 1), present=[chair, hidden])
    hidden.ended_on = dt.date(2026, 1, 31)
    hidden.save()
    unfilled = "มีกรรมการพ้นจากตำแหน่งโดยยังไม่มีการแต่งตั้งแทน"
    assert _flags(group) == [unfilled]
    # An appointment in another role fills nothing.
    f.membership(working_group=group, role=Role.VICE_CHAIR, started_on=dt.date(2026, 2, 1))
    assert _flags(group) == [unfilled]
    f.membership(working_group=group, role=Role.MEMBER, started_on=dt.date(2026, 2, 1))
    assert _flags(group) == []
    # The one who left keeps their place in the meeting they attended.
    meeting = Meeting.objects.with_attendance().get()
    assert (meeting.present, meeting.members_in_office) == (2, 3)


def test_a_chair_replaced_the_day_they_left_is_not_flagged():
    group, chair, *_ = _full_group()
    chair.ended_on = dt.date(2026, 3, 1)
    chair.save()
    f.membership(working_group=group, role=Role.CHAIR, started_on=dt.date(2026, 3, 1))
    assert _flags(group) == []


def test_deleting_a_member_who_attended_is_refused_by_the_database():
    from django.db.models import RestrictedError

    group, chair, hidden, _secretary = _full_group()
    f.meeting(working_group=group, present=[chair, hidden])
    with pytest.raises(RestrictedError):
        hidden.delete()
    group.delete()  # the whole group, meetings and all, can still go
    assert not Attendance.objects.exists()


def test_a_meeting_dated_ahead_is_listed_as_scheduled_not_held(client):
    group, chair, hidden, _secretary = _full_group()
    today = timezone.localdate()
    f.meeting(working_group=group, held_on=today, present=[chair, hidden])
    f.meeting(working_group=group, held_on=today + dt.timedelta(days=20), number="9/2570")
    html = client.get(_detail(group)).content.decode()
    scheduled = html[html.index("การประชุมที่กำหนดไว้ (ยังไม่ได้ประชุม)") : html.index("ปีงบประมาณ")]
    assert "ครั้งที่ 9/2570" in scheduled
    assert "องค์ประชุม" not in scheduled and "จาก 3 คน" not in scheduled
    assert "ประชุม 1 ครั้ง" in html
    assert html.count("ไม่ครบองค์ประชุม") == 0
    [summary] = working_group_summaries(period=thai.FiscalYear.current())
    assert summary.meetings_held == 1


def test_the_list_counts_the_meetings_held_in_the_current_fiscal_year(client):
    group, chair, *_ = _full_group(term_start=dt.date(2024, 10, 1))
    this_year = thai.FiscalYear.current()
    today = timezone.localdate()
    f.meeting(working_group=group, held_on=this_year.period.start - dt.timedelta(days=10))
    f.meeting(working_group=group, held_on=this_year.period.start, present=[chair])
    f.meeting(working_group=group, held_on=today, present=[chair])
    f.meeting(working_group=group, held_on=today + dt.timedelta(days=1))
    html = client.get(reverse("surveys:workinggroup_list")).content.decode()
    assert f"ประชุมแล้ว 2 ครั้งในปีงบประมาณ {this_year.be_year}" in html
