"""Seed 003, การกำกับและติดตาม: the demo's monitoring committee and what it
found when it followed up two improvements (one done, one behind schedule)."""

import datetime as dt

from django.db import transaction

from demo.coverage import MONITORING, _sections
from demo.measures import MEASURE_SLUG
from measures.models import Improvement, Measure, MissionGroup, StakeholderGroup
from portal.lib import thai
from surveys.models import Finding, Membership, WorkingGroup

SLUG = "monitoring-committee"
NAME = "คณะกรรมการติดตาม ตรวจสอบ และประเมินผลการดำเนินงานตามกลุ่มภารกิจ"
MEMBERS = [
    ("นายสมศักดิ์ ใจดี", Membership.Role.CHAIR, "community", "ผู้แทนชุมชน"),
    ("นางสาวพรทิพย์ ศรีสุข", Membership.Role.MEMBER, "parents", "ผู้แทนผู้ปกครอง"),
    ("นายวิชัย มั่นคง", Membership.Role.MEMBER_SECRETARY, "staff", "รองผู้อำนวยการ"),
]
FINDINGS = {
    Improvement.Status.DONE: (
        Finding.Status.DONE,
        "ตรวจสอบแล้ว ดำเนินการครบถ้วนตามที่แจ้งผู้มีส่วนได้ส่วนเสีย และเผยแพร่ผลบนเว็บไซต์แล้ว",
    ),
    Improvement.Status.IN_PROGRESS: (
        Finding.Status.LATE,
        "ยังไม่แล้วเสร็จตามกำหนด ให้กลุ่มงานรายงานความคืบหน้าในการประชุมครั้งถัดไป",
    ),
}


@transaction.atomic
def seed_demo(*, today):
    group = MissionGroup.objects.filter(slug="policy-planning").first()
    if group is None or WorkingGroup.objects.filter(slug=SLUG).exists():
        return
    last = thai.FiscalYear.of(today).previous()
    appointed = last.period.start + dt.timedelta(days=14)
    committee = WorkingGroup.objects.create(
        slug=SLUG,
        kind=WorkingGroup.Kind.MONITORING_COMMITTEE,
        mission_group=group,
        name=NAME,
        purpose="ติดตามผลการดำเนินงาน วิเคราะห์ผล และนำข้อมูลมาพัฒนาปรับปรุงการดำเนินงาน",
        order_number=f"420/{last.be_year - 1}",
        order_date=appointed,
        term_start=appointed,
        term_end=last.next().period.last_day,
    )
    stakeholders = {g.slug: g for g in StakeholderGroup.objects.all()}
    for name, role, stakeholder, affiliation in MEMBERS:
        if stakeholder in stakeholders:
            committee.memberships.create(
                name=name,
                role=role,
                stakeholder_group=stakeholders[stakeholder],
                affiliation=affiliation,
                started_on=appointed,
                publish_name=True,
                privacy_notice_version="1",
            )
    measure = Measure.objects.filter(slug=MEASURE_SLUG).first()
    clause = _sections(measure).get(MONITORING, {}).get("") if measure else None
    if clause is not None:
        committee.clauses.add(clause)
    for status, (found, text) in FINDINGS.items():
        improvement = (
            Improvement.objects.public()
            .filter(status=status, activity__held_on__gte=last.period.start)
            .filter(activity__held_on__lt=last.period.end)
            .order_by("activity__held_on", "pk")
            .first()
        )
        if improvement is None:
            continue
        found_on = min(today, improvement.completed_on or improvement.due_on or today)
        Finding.objects.create(
            committee=committee,
            improvement=improvement,
            found_on=max(found_on, appointed),
            reported_by="ประธานคณะกรรมการ",
            text=text,
            status=found,
        )
