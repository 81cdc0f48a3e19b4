"""Demo surveys and working groups for the demo agency (seed 003).

Deterministic (a fixed random seed). Run again, it writes nothing: rounds and
groups are found by slug and created only when missing, never updated (staff
may have changed them), and answers are generated only for a round that has none.
"""

import datetime as dt
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from measures.models import Improvement, MissionGroup, StakeholderGroup
from portal.lib import thai
from surveys import services
from surveys.models import (
    Answer,
    Attendance,
    Item,
    Meeting,
    Membership,
    OpenAnswer,
    Response,
    Survey,
    WorkingGroup,
)

TEMPLATE_SLUG = "template-service-satisfaction"
SEED = 2569

SUGGESTIONS = [
    "อยากให้มีที่จอดรถสำหรับผู้มาติดต่อเพิ่มขึ้น",
    "เจ้าหน้าที่บริการดีมาก ยิ้มแย้มแจ่มใส",
    "ควรมีป้ายบอกทางไปยังกลุ่มงานต่าง ๆ ให้ชัดเจน",
    "อยากให้ตอบกลับทางเฟซบุ๊กและไลน์ให้เร็วขึ้น",
    "ขั้นตอนการขอเอกสารรวดเร็วขึ้นกว่าเดิมมาก",
    "ห้องน้ำควรทำความสะอาดบ่อยขึ้น",
    "ควรเพิ่มที่นั่งรอรับบริการในช่วงเช้า",
    "เว็บไซต์ค้นหาแบบฟอร์มได้ยาก อยากให้จัดหมวดหมู่ใหม่",
    "ประทับใจการให้คำแนะนำเรื่องการย้ายโรงเรียนของบุตร",
    "อยากให้มีบริการยื่นเอกสารออนไลน์",
]

FIRST_NAMES = [
    "สมศักดิ์",
    "สุนทร",
    "ประภาพร",
    "วิไลวรรณ",
    "บุญมี",
    "อำนาจ",
    "จันทร์เพ็ญ",
    "ธีระ",
    "กาญจนา",
    "ณรงค์",
    "พรทิพย์",
    "สมบัติ",
    "อรุณี",
    "ไพโรจน์",
    "รัตนา",
    "วีระพงษ์",
]
LAST_NAMES = [
    "ศรีสุข",
    "ใจดี",
    "พรหมมา",
    "แก้วมณี",
    "สุวรรณศรี",
    "บุญยืน",
    "ทองดี",
    "วงศ์ไชย",
    "พลเยี่ยม",
    "ศรีนคร",
    "คำภู",
    "จันทร์หอม",
]

# (mission group slug, group name, purpose, meetings in the last fiscal year)
WORKING_GROUPS = [
    (
        "policy-planning",
        "คณะทำงานจัดทำแผนพัฒนาการศึกษาแบบมีส่วนร่วม",
        "ร่วมวิเคราะห์สภาพปัญหาและจัดทำแผนพัฒนาการศึกษาของสำนักงานเขตพื้นที่",
        3,
    ),
    (
        "education-promotion",
        "คณะทำงานระดมทรัพยากรเพื่อการศึกษา",
        "ประสานภาคเอกชนและชุมชนในการระดมทรัพยากรสนับสนุนโรงเรียนขนาดเล็ก",
        3,
    ),
    (
        "finance-assets",
        "คณะทำงานติดตามการจัดซื้อจัดจ้างอย่างโปร่งใส",
        "ร่วมสังเกตการณ์และติดตามการจัดซื้อจัดจ้างของสำนักงานเขตพื้นที่",
        3,
    ),
    (
        "supervision",
        "คณะทำงานนิเทศและประกันคุณภาพการศึกษา",
        "ร่วมกำหนดจุดเน้นการนิเทศและติดตามผลการประกันคุณภาพภายในสถานศึกษา",
        1,
    ),
    (
        "teacher-development",
        "คณะทำงานพัฒนาครูร่วมกับชุมชน",
        "ร่วมออกแบบหลักสูตรพัฒนาครูที่ตอบสนองความต้องการของท้องถิ่น",
        1,
    ),
    (
        "personnel",
        "คณะทำงานรับฟังความคิดเห็นด้านการบริหารงานบุคคล",
        "รับฟังความคิดเห็นเกี่ยวกับหลักเกณฑ์การย้ายและการพัฒนาบุคลากร",
        1,
    ),
    (
        "legal",
        "คณะทำงานเฝ้าระวังและป้องกันการทุจริต",
        "ร่วมเฝ้าระวัง ให้ข้อเสนอแนะ และติดตามมาตรการป้องกันการทุจริต",
        2,
    ),
]

# role, stakeholder group slug, affiliation
ROSTER = [
    (Membership.Role.CHAIR, "experts", "ผู้ทรงคุณวุฒิด้านการศึกษา"),
    (Membership.Role.VICE_CHAIR, "local-government", "องค์การบริหารส่วนตำบลนาแก"),
    (Membership.Role.MEMBER, "parents", "ผู้แทนผู้ปกครองนักเรียน"),
    (Membership.Role.MEMBER, "community", "ผู้นำชุมชนบ้านนาแก"),
    (Membership.Role.MEMBER, "private-sector", "หอการค้าจังหวัดนครพนม"),
    (Membership.Role.MEMBER, "school-boards", "คณะกรรมการสถานศึกษาขั้นพื้นฐาน"),
    (Membership.Role.MEMBER, "teachers", "ผู้บริหารสถานศึกษา"),
    (Membership.Role.MEMBER_SECRETARY, "staff", "สำนักงานเขตพื้นที่การศึกษา"),
]

WEIGHTS = {"first": [2, 5, 18, 38, 37], "second": [1, 3, 14, 37, 45], "now": [1, 3, 12, 36, 48]}


def seed_demo(*, today):
    current = thai.FiscalYear.of(today)
    last = current.previous()
    rng = random.Random(SEED)
    first, first_created = _round(last, Survey.Round.FIRST_HALF, status=Survey.Status.CLOSED)
    second, _ = _round(
        last, Survey.Round.SECOND_HALF, status=Survey.Status.CLOSED, band_scheme="0.8"
    )
    now, _ = _round(current, Survey.Round.FIRST_HALF, status=Survey.Status.OPEN)
    _answers(first, rng, count=180, weights=WEIGHTS["first"], until=today)
    _answers(second, rng, count=160, weights=WEIGHTS["second"], until=today)
    _answers(now, rng, count=35, weights=WEIGHTS["now"], until=today)
    _paper_sheets(first, weights=WEIGHTS["first"])
    if first_created:
        _improvement(first, last)
    _working_groups(rng, today=today, last=last)


# round: slug suffix, title words, the fiscal year's half it covers
HALVES = {
    Survey.Round.FIRST_HALF: ("h1", "ครึ่งปีแรก", "first_half"),
    Survey.Round.SECOND_HALF: ("h2", "ครึ่งปีหลัง", "second_half"),
}


def _round(year, half, **fields):
    """The satisfaction round of this half of a fiscal year, and whether it was created now."""
    suffix, words, period_name = HALVES[half]
    slug = f"service-satisfaction-{year.be_year}-{suffix}"
    title = f"แบบสำรวจความพึงพอใจต่อการให้บริการ {words} ปีงบประมาณ {year.be_year}"
    period = getattr(year, period_name)
    fields |= {"round": half, "fiscal_year": year.be_year}
    survey = Survey.objects.filter(slug=slug).first()
    if survey is not None:
        return survey, False
    template = Survey.objects.templates().get(slug=TEMPLATE_SLUG)
    survey = services.survey_copy(survey=template, slug=slug)
    for name, value in (
        {
            "title": title,
            "mission_group": MissionGroup.objects.filter(slug="personnel").first(),
            "service": "การให้บริการ ณ จุดบริการเบ็ดเสร็จ (One Stop Service)",
            "opens_on": period.start,
            "closes_on": period.last_day,
        }
        | fields
    ).items():
        setattr(survey, name, value)
    survey.save()
    return survey, True


@transaction.atomic
def _answers(survey, rng, *, count, weights, until):
    if survey.responses.exists():
        return
    items = list(Item.objects.filter(dimension__survey=survey))
    question = survey.open_questions.first()
    groups = [*StakeholderGroup.objects.filter(is_external=True), None]
    last_day = min(survey.closes_on, until)
    days = (last_day - survey.opens_on).days + 1
    responses = []
    for n in range(count):
        day = survey.opens_on + dt.timedelta(days=rng.randrange(max(days, 1)))
        moment = dt.datetime.combine(day, dt.time(8 + rng.randrange(8), rng.randrange(60)))
        responses.append(
            Response(
                survey=survey,
                submitted_at=timezone.make_aware(moment),
                sex=rng.choice(["female", "male", "female", ""]),
                age_band=rng.choice(["20-29", "30-39", "40-49", "40-49", "50-59", "60+"]),
                occupation=rng.choice(["teacher", "government", "farmer", "business", "other"]),
                stakeholder_group=rng.choice(groups),
                form_token=f"demo-{survey.slug}-{n}",
            )
        )
    Response.objects.bulk_create(responses)
    responses = list(survey.responses.order_by("form_token"))
    answers, texts = [], []
    for response in responses:
        lean = rng.choice([-1, 0, 0, 0, 1])
        for item in items:
            if rng.random() < 0.04:
                continue  # some leave a statement blank
            score = rng.choices([1, 2, 3, 4, 5], weights=weights)[0]
            answers.append(Answer(response=response, item=item, score=max(1, min(5, score + lean))))
        if question and rng.random() < 0.25:
            text = rng.choice(SUGGESTIONS)
            # Staff have published most; every fifth waits in the admin for review.
            reviewed = len(texts) % 5 != 0
            texts.append(
                OpenAnswer(
                    response=response,
                    question=question,
                    text=text,
                    moderation=OpenAnswer.Moderation.PUBLISHED
                    if reviewed
                    else OpenAnswer.Moderation.PENDING,
                    published_text=text if reviewed else "",
                )
            )
    Answer.objects.bulk_create(answers)
    OpenAnswer.objects.bulk_create(texts)


def _paper_sheets(survey, *, weights, count=24):
    """Sheets from the service counter's paper box, keyed in by the editor
    through the same service as the admin's form (seed 001 §3, 004 §4)."""
    if survey.responses.filter(channel=Response.Channel.PAPER).exists():
        return
    rng = random.Random(SEED + 1)  # apart, so the online answers keep their draws
    editor = get_user_model().objects.filter(username="editor").first()
    items = list(Item.objects.filter(dimension__survey=survey).select_related("dimension"))
    days = (survey.closes_on - survey.opens_on).days + 1
    for number in range(1, count + 1):
        services.response_key_in(
            survey=survey,
            by=editor,
            sheet_number=str(number),
            answered_on=survey.opens_on + dt.timedelta(days=rng.randrange(days)),
            scores={item: rng.choices([1, 2, 3, 4, 5], weights=weights)[0] for item in items},
            open_answers={},
            demographics={"sex": rng.choice(["female", "male", ""]), "age_band": "60+"},
        )


def _improvement(survey, year):
    improvement, _ = Improvement.objects.get_or_create(
        title="เพิ่มที่จอดรถและป้ายบอกทางสำหรับผู้มาติดต่อราชการ",
        defaults={
            "you_said": "ผลสำรวจความพึงพอใจครึ่งปีแรก: ด้านสิ่งอำนวยความสะดวกได้คะแนนต่ำสุด "
            "ผู้ตอบเสนอให้เพิ่มที่จอดรถและป้ายบอกทาง",
            "description": "จัดพื้นที่จอดรถสำหรับผู้มาติดต่อ 12 คัน และติดตั้งป้ายบอกทางทุกอาคาร",
            "mission_group": MissionGroup.objects.filter(slug="finance-assets").first(),
            "status": Improvement.Status.DONE,
            "due_on": year.second_half.start + dt.timedelta(days=60),
            "completed_on": year.second_half.start + dt.timedelta(days=45),
        },
    )
    survey.improvements.add(improvement)


def _person(rng):
    return (
        f"{rng.choice(['นาย', 'นาง', 'นางสาว'])}{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    )


@transaction.atomic
def _working_groups(rng, *, today, last):
    groups = {g.slug: g for g in StakeholderGroup.objects.all()}
    appointed = last.period.start + dt.timedelta(days=14)
    for number, (mission_slug, name, purpose, meetings) in enumerate(WORKING_GROUPS, start=1):
        mission_group = MissionGroup.objects.filter(slug=mission_slug).first()
        if mission_group is None:
            continue
        group, created = WorkingGroup.objects.get_or_create(
            slug=f"wg-{mission_slug}",
            defaults={
                "mission_group": mission_group,
                "name": name,
                "purpose": purpose,
                "order_number": f"{400 + number}/{last.be_year - 1}",
                "order_date": appointed,
                "term_start": appointed,
                "term_end": last.next().period.last_day,
                "quorum_percent": 50,
            },
        )
        if not created:
            continue
        roster = ROSTER if number != 6 else ROSTER[:-1]  # one group lacks a secretary
        members = []
        for position, (role, stakeholder, affiliation) in enumerate(roster):
            ended = number == 3 and position == 4  # one member left mid-term
            members.append(
                Membership.objects.create(
                    working_group=group,
                    name=_person(rng),
                    role=role,
                    stakeholder_group=groups[stakeholder],
                    affiliation=affiliation,
                    started_on=appointed,
                    ended_on=last.second_half.start + dt.timedelta(days=20) if ended else None,
                    publish_name=rng.random() < 0.6 or role == Membership.Role.CHAIR,
                    privacy_notice_version="1",
                )
            )
        for m in range(meetings):
            held_on = last.period.start + dt.timedelta(days=45 + m * 100)
            meeting = Meeting.objects.create(
                working_group=group,
                number=f"{m + 1}/{last.be_year}",
                held_on=held_on,
                starts_at=dt.time(9, 30),
                place="ห้องประชุมสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒",
                agenda="1. เรื่องแจ้งเพื่อทราบ\n2. รับรองรายงานการประชุมครั้งที่แล้ว\n"
                "3. เรื่องเพื่อพิจารณา\n4. เรื่องอื่น ๆ",
                note_taker="นางสาวกาญจนา ทองดี",
            )
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, membership=member, present=rng.random() < 0.8)
                for member in members
                if member.ended_on is None or member.ended_on >= held_on
            )
