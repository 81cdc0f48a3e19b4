"""Measures, stakeholder groups, activities, improvements and ITA indicators."""

import datetime as dt
from pathlib import Path

from django.utils import timezone

from measures import services
from measures.models import (
    Activity,
    Clause,
    Improvement,
    Indicator,
    Measure,
    MeasurePrint,
    Publication,
    StakeholderGroup,
)
from tests import factories

SEEDS = Path(__file__).resolve().parent.parent / "measures" / "seeds"


def seed_text(number):
    return next(SEEDS.glob(f"{number:03d}_*.txt")).read_text(encoding="utf-8")


def measure(*, status=Measure.Status.DRAFT, approver=None, **overrides):
    """A measure with one clause; approved and published now unless its status
    is a draft or the dates are given."""
    n = next(factories.sequence)
    fields = {
        "slug": f"2569-{n}",
        "agency_name": "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑",
        "title": f"มาตรการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม ฉบับที่ {n}",
        "preamble": "ตามที่รัฐธรรมนูญแห่งราชอาณาจักรไทย พ.ศ. ๒๕๖๐ ได้มุ่งเน้นการมีส่วนร่วม",
        "announced_on": dt.date(2025, 10, 15),
        "signatory_name": "นายทดสอบ ใจดี",
        "signatory_position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑",
        "fiscal_year_from": 2569,
        "status": status,
    } | overrides
    if status != Measure.Status.DRAFT:
        fields.setdefault(
            "approved_by", approver or factories.staff_user(role=factories.roles.DIRECTOR)
        )
        fields.setdefault("approved_at", timezone.now())
    if status in Measure.PUBLIC_STATUSES:
        fields.setdefault("published_at", timezone.now())
    obj = Measure.objects.create(**fields)
    Clause.objects.create(
        measure=obj, position=1, kind=Clause.Kind.CLAUSE, label="1", text="เผยแพร่ข้อมูลข่าวสาร"
    )
    return obj


def imported_measure(number=3):
    measure_obj, _parsed = services.measure_import(text=seed_text(number))
    return measure_obj


def published_seed(number, director):
    """A seed announcement imported, approved and published, as staff do it."""
    measure_obj = imported_measure(number)
    # Seed 004 carries neither a date nor a signature line: staff complete them.
    measure_obj.announced_on = measure_obj.announced_on or dt.date(2024, 5, 1)
    measure_obj.signatory_name = measure_obj.signatory_name or "นายทดสอบ ใจดี"
    measure_obj.save()
    services.measure_approve(measure=measure_obj, by=director)
    return services.measure_publish(measure=measure_obj)


def stakeholder_group(**overrides):
    n = next(factories.sequence)
    fields = {"name": f"ผู้ปกครองนักเรียน {n}", "slug": f"parents-{n}", "is_external": True}
    fields |= overrides
    # Parents are citizens; a group marked internal never is.
    fields.setdefault("is_citizen_or_private_sector", fields["is_external"])
    return StakeholderGroup.objects.create(**fields)


def activity(*, participants=(), **overrides):
    """`participants`: (stakeholder group, count) pairs."""
    fields = {
        "title": "ประชุมรับฟังความคิดเห็นผู้ปกครองต่อแผนพัฒนาการศึกษา",
        "subject": "ร่างแผนพัฒนาการศึกษาขั้นพื้นฐาน ปี ๒๕๗๐",
        "level": Activity.Level.CONSULT,
        "held_on": dt.date(2026, 3, 12),
        "place": "ห้องประชุมสำนักงาน",
        "results": "ผู้ปกครองเสนอให้เพิ่มรถรับส่งนักเรียน",
        "use_of_results": "บรรจุโครงการรถรับส่งนักเรียนในแผนปี ๒๕๗๐",
    } | overrides
    if "mission_group" not in fields:
        fields["mission_group"] = factories.mission_group()
    obj = Activity.objects.create(**fields)
    for group, count in participants:
        obj.participations.create(group=group, count=count)
    return obj


def improvement(**overrides):
    """A "you said, we did" row; `created_at` may be given (the field is automatic)."""
    fields = {"title": "เพิ่มรถรับส่งนักเรียน", "you_said": "อยากให้มีรถรับส่ง"} | overrides
    obj = Improvement.objects.create(**fields)
    if "created_at" in overrides:
        Improvement.objects.filter(pk=obj.pk).update(created_at=overrides["created_at"])
        obj.refresh_from_db()
    return obj


def indicator(**overrides):
    fields = {
        "assessment_year": 2569,
        "code": "O16",
        "title": "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
        "url": "/activities/",
        "where_to_look": "ตารางกิจกรรมปีงบประมาณ ๒๕๖๙",
    } | overrides
    return Indicator.objects.create(**fields)


def publication(**overrides):
    fields = {
        "title": "จดหมายข่าวผลการดำเนินงาน ฉบับที่ ๑",
        "medium": Publication.Medium.WEBSITE,
        "url": "https://www.example.go.th/news/1",
        "published_on": dt.date(2026, 1, 15),
    } | overrides
    return Publication.objects.create(**fields)


def typeset_waiting_prints():
    """What the task worker does: typeset every measure PDF asked for."""
    for printout in MeasurePrint.objects.filter(pdf=""):
        services.measure_print_store(print_id=printout.pk)


def pdf_response(client, url):
    """A measure's PDF as the reader gets it: the first visit asks the worker
    for it (202, a progress page), the worker typesets it, the next visit
    serves the stored file."""
    response = client.get(url)
    if response.status_code == 202:
        typeset_waiting_prints()
        response = client.get(url)
    return response


def pdf_bytes(client, url):
    response = pdf_response(client, url)
    assert response["Content-Type"] == "application/pdf", response.status_code
    return response.getvalue()
