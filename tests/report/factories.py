"""Records of a fiscal year for the report's tests, built straight through the
apps' models (no HTTP, no services that send mail), with keyword overrides."""

import datetime as dt
import itertools
import uuid

from django.utils import timezone

from feedback.models import Case
from measures.models import Activity, Improvement, Measure, Participation, StakeholderGroup
from portal.lib import thai
from surveys.models import (
    Answer,
    Attendance,
    Dimension,
    Item,
    Meeting,
    Membership,
    Response,
    Survey,
    WorkingGroup,
)
from tests import factories

_sequence = itertools.count(1)
TZ = timezone.get_fixed_timezone(7 * 60)


def moment(day, hour=10):
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ)


def stakeholder_group(**overrides):
    n = next(_sequence)
    fields = {"name": f"กลุ่มผู้มีส่วนได้ส่วนเสีย {n}", "slug": f"stakeholder-{n}", "position": n}
    return StakeholderGroup.objects.create(**(fields | overrides))


def measure(**overrides):
    n = next(_sequence)
    fields = {
        "slug": f"measure-{n}",
        "agency_name": "สพป.ทดสอบ เขต ๑",
        "title": f"มาตรการส่งเสริมการมีส่วนร่วม ฉบับที่ {n}",
        "announced_on": dt.date(2025, 6, 15),
        "status": Measure.Status.PUBLISHED,
        "approved_by": factories.staff_user(role=factories.roles.DIRECTOR),
        "approved_at": moment(dt.date(2025, 6, 14)),
        "published_at": moment(dt.date(2025, 6, 15)),
    }
    return Measure.objects.create(**(fields | overrides))


def activity(*, participants=(), **overrides):
    n = next(_sequence)
    fields = {
        "title": f"ประชุมรับฟังความคิดเห็นผู้ปกครอง ครั้งที่ {n}",
        "subject": "แผนพัฒนาการศึกษา",
        "level": Activity.Level.CONSULT,
        "held_on": dt.date(2025, 11, 5),
        "place": "ห้องประชุมสำนักงาน",
        "results": "ผู้เข้าร่วมเสนอให้เพิ่มช่องทางติดต่อ",
        "use_of_results": "ปรับแผนปฏิบัติการประจำปี",
    } | overrides
    if "mission_group" not in fields:
        fields["mission_group"] = factories.mission_group()
    obj = Activity.objects.create(**fields)
    for group, count in participants:
        Participation.objects.create(activity=obj, group=group, count=count)
    return obj


def case(**overrides):
    received_at = overrides.pop("received_at", moment(dt.date(2025, 11, 3)))
    received_on = thai.local_date(received_at)
    fields = {
        "fiscal_year": thai.FiscalYear.of(received_on).be_year,
        "number": next(_sequence),
        "pin": "ABCD2345",
        "stream": Case.Stream.GENERAL,
        "channel": Case.Channel.WEBSITE,
        "subject": "ขอทราบผลการย้ายครู",
        "details": "รายละเอียดเรื่องร้องเรียน",
        "received_at": received_at,
        "report_back_due_on": received_on + dt.timedelta(days=15),
        "resolve_due_on": received_on + dt.timedelta(days=60),
    }
    return Case.objects.create(**(fields | overrides))


def survey(*, scores_by_response=(), dimensions=("ด้านกระบวนการ", "ด้านเจ้าหน้าที่"), **overrides):
    """A published round; each entry of `scores_by_response` is one answer sheet:
    a list of scores, one per item (one item per dimension)."""
    n = next(_sequence)
    fields = {
        "title": f"แบบสำรวจความพึงพอใจ รอบที่ {n}",
        "slug": f"survey-{n}",
        "fiscal_year": 2569,
        "round": Survey.Round.FIRST_HALF,
        "opens_on": dt.date(2025, 10, 1),
        "closes_on": dt.date(2026, 3, 31),
        "status": Survey.Status.CLOSED,
        "results_public": True,
    } | overrides
    if "mission_group" not in fields:
        fields["mission_group"] = factories.mission_group()
    obj = Survey.objects.create(**fields)
    items = []
    for position, title in enumerate(dimensions):
        dimension = Dimension.objects.create(survey=obj, title=title, position=position)
        items.append(Item.objects.create(dimension=dimension, text=f"ข้อ {title}", position=0))
    for scores in scores_by_response:
        response = Response.objects.create(
            survey=obj, submitted_at=moment(fields["opens_on"]), form_token=uuid.uuid4().hex
        )
        for item, score in zip(items, scores, strict=False):
            if score is not None:
                Answer.objects.create(response=response, item=item, score=score)
    return obj


def working_group(*, members=(), meetings=(), **overrides):
    """`members`: stakeholder groups (one member each); `meetings`: (date, [present flags])."""
    n = next(_sequence)
    fields = {
        "name": f"คณะทำงานส่งเสริมการมีส่วนร่วม {n}",
        "slug": f"working-group-{n}",
        "term_start": dt.date(2025, 10, 1),
    } | overrides
    if "mission_group" not in fields:
        fields["mission_group"] = factories.mission_group()
    obj = WorkingGroup.objects.create(**fields)
    memberships = [
        Membership.objects.create(
            working_group=obj,
            name=f"สมาชิก {i}",
            role=Membership.Role.CHAIR if i == 0 else Membership.Role.MEMBER,
            stakeholder_group=group,
            started_on=fields["term_start"],
        )
        for i, group in enumerate(members)
    ]
    for day, present in meetings:
        meeting = Meeting.objects.create(working_group=obj, held_on=day)
        for membership, flag in zip(memberships, present, strict=False):
            Attendance.objects.create(meeting=meeting, membership=membership, present=flag)
    return obj


def improvement(**overrides):
    fields = {"title": "เพิ่มช่องทางติดต่อทาง LINE", "you_said": "ติดต่อสำนักงานยาก"}
    obj = Improvement.objects.create(**(fields | overrides))
    if "created_at" in overrides:
        Improvement.objects.filter(pk=obj.pk).update(created_at=overrides["created_at"])
    return obj
