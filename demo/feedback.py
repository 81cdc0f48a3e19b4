"""A believable year of cases for the demo agency (สพป.นครพนม เขต ๒): all of
FY 2569 and FY 2570 to date, every channel, a few corruption reports, replies,
and some cases past their deadline. Each case has a fixed token: run again,
only the missing cases are written, and existing ones are left as staff left them."""

import datetime as dt
import random
import uuid

from django.contrib.auth import get_user_model
from django.db import transaction

from feedback import tallies
from feedback.models import Case, CaseEntry, Category, Holiday
from feedback.services import case_register
from measures.models import Improvement, MissionGroup
from portal.lib import thai

HOLIDAYS = [
    ("2025-10-13", "วันคล้ายวันสวรรคตพระบาทสมเด็จพระบรมชนกาธิเบศร"),
    ("2025-10-23", "วันปิยมหาราช"),
    ("2025-12-05", "วันพ่อแห่งชาติ"),
    ("2025-12-10", "วันรัฐธรรมนูญ"),
    ("2025-12-31", "วันสิ้นปี"),
    ("2026-01-01", "วันขึ้นปีใหม่"),
    ("2026-03-03", "วันมาฆบูชา"),
    ("2026-04-06", "วันจักรี"),
    ("2026-04-13", "วันสงกรานต์"),
    ("2026-04-14", "วันสงกรานต์"),
    ("2026-04-15", "วันสงกรานต์"),
    ("2026-05-01", "วันแรงงานแห่งชาติ"),
    ("2026-05-04", "วันฉัตรมงคล"),
    ("2026-05-31", "วันวิสาขบูชา"),
    ("2026-06-03", "วันเฉลิมพระชนมพรรษาสมเด็จพระราชินี"),
    ("2026-07-28", "วันเฉลิมพระชนมพรรษาพระบาทสมเด็จพระเจ้าอยู่หัว"),
    ("2026-07-29", "วันอาสาฬหบูชา"),
    ("2026-08-12", "วันแม่แห่งชาติ"),
    ("2026-10-13", "วันคล้ายวันสวรรคตพระบาทสมเด็จพระบรมชนกาธิเบศร"),
    ("2026-10-23", "วันปิยมหาราช"),
    ("2026-12-05", "วันพ่อแห่งชาติ"),
]

# (stream, group slug, category, subject, details)
TOPICS = [
    (
        "general",
        "finance-assets",
        "ความล่าช้าในการดำเนินงาน",
        "เงินอุดหนุนค่าอาหารกลางวันโอนล่าช้า",
        "โรงเรียนบ้านโพนสวางยังไม่ได้รับเงินอุดหนุนค่าอาหารกลางวันงวดที่ ๒ ทำให้ต้องสำรองจ่ายไปก่อน",
    ),
    (
        "general",
        "personnel",
        "การให้บริการของเจ้าหน้าที่",
        "ขอคัดสำเนา ก.พ.๗ รอนาน",
        "ยื่นคำขอคัดสำเนาทะเบียนประวัติไว้สองสัปดาห์แล้ว ยังไม่ได้รับ โทรติดต่อก็ไม่มีผู้รับสาย",
    ),
    (
        "general",
        "education-promotion",
        "การจัดการเรียนการสอนและสถานศึกษา",
        "รถรับส่งนักเรียนไม่ปลอดภัย",
        "รถรับส่งนักเรียนของโรงเรียนบรรทุกนักเรียนเกินจำนวนที่นั่ง และคนขับขับเร็ว ขอให้ตรวจสอบ",
    ),
    (
        "general",
        "admin",
        "อาคารสถานที่และสิ่งแวดล้อม",
        "ที่จอดรถหน้าสำนักงานไม่เพียงพอ",
        "ผู้มาติดต่อราชการต้องจอดรถริมถนนซึ่งอันตราย ขอให้จัดที่จอดรถสำหรับประชาชนเพิ่ม",
    ),
    (
        "general",
        "supervision",
        "การจัดการเรียนการสอนและสถานศึกษา",
        "ครูสอนไม่ครบชั่วโมง",
        "ครูประจำชั้น ป.๔ ไม่เข้าสอนบ่อยครั้ง นักเรียนต้องนั่งทำงานเองเกือบทั้งวัน",
    ),
    (
        "general",
        "finance-assets",
        "การเงินและงบประมาณ",
        "เรียกเก็บเงินบำรุงการศึกษาเกินประกาศ",
        "โรงเรียนเรียกเก็บเงินค่าชุดพละและค่ากิจกรรมโดยไม่มีประกาศให้ผู้ปกครองทราบล่วงหน้า",
    ),
    (
        "general",
        "personnel",
        "การบริหารงานบุคคล",
        "การย้ายครูไม่แจ้งผลตามกำหนด",
        "ยื่นคำร้องขอย้ายกรณีพิเศษตั้งแต่เดือนมกราคม ยังไม่ทราบผลการพิจารณา",
    ),
    (
        "general",
        "policy-planning",
        "ความล่าช้าในการดำเนินงาน",
        "งบซ่อมแซมอาคารเรียนไม่ได้รับจัดสรร",
        "อาคารเรียนหลังเก่าของโรงเรียนชำรุดหนัก เสนอขอรับงบประมาณมาสองปีแล้วยังไม่ได้รับ",
    ),
    (
        "suggestion",
        "admin",
        "การให้บริการของเจ้าหน้าที่",
        "ขอให้มีระบบจองคิวออนไลน์",
        "เสนอให้สำนักงานมีระบบจองคิวติดต่องานทะเบียนออนไลน์ จะได้ไม่ต้องรอนาน",
    ),
    (
        "suggestion",
        "education-promotion",
        "การจัดการเรียนการสอนและสถานศึกษา",
        "เสนอจัดค่ายภาษาอังกฤษช่วงปิดภาคเรียน",
        "อยากให้เขตพื้นที่จัดค่ายภาษาอังกฤษให้นักเรียนโรงเรียนขนาดเล็กช่วงปิดภาคเรียน",
    ),
    (
        "suggestion",
        "teacher-development",
        "การบริหารงานบุคคล",
        "อบรมครูแบบออนไลน์เพิ่มขึ้น",
        "ครูโรงเรียนห่างไกลเดินทางไกลมาอบรม เสนอให้จัดอบรมออนไลน์ควบคู่กันไป",
    ),
    (
        "compliment",
        "personnel",
        "การให้บริการของเจ้าหน้าที่",
        "ชมเชยเจ้าหน้าที่กลุ่มบริหารงานบุคคล",
        "เจ้าหน้าที่ให้คำแนะนำเรื่องบำเหน็จบำนาญอย่างละเอียดและสุภาพ ขอชื่นชม",
    ),
    (
        "compliment",
        "education-promotion",
        "การจัดการเรียนการสอนและสถานศึกษา",
        "ขอบคุณที่ช่วยเหลือนักเรียนยากจน",
        "ขอบคุณเขตพื้นที่ที่ประสานทุนการศึกษาให้ลูกของดิฉันได้เรียนต่อ",
    ),
    (
        "question",
        "education-promotion",
        "การจัดการเรียนการสอนและสถานศึกษา",
        "สอบถามกำหนดการรับนักเรียน ป.๑",
        "อยากทราบกำหนดการรับสมัครนักเรียนชั้น ป.๑ ปีการศึกษาหน้า และเอกสารที่ต้องใช้",
    ),
    (
        "question",
        "finance-assets",
        "การเงินและงบประมาณ",
        "สอบถามการเบิกค่าเล่าเรียนบุตร",
        "ข้าราชการบำนาญเบิกค่าเล่าเรียนบุตรที่เรียนเอกชนได้เท่าใด ต้องใช้เอกสารอะไร",
    ),
    (
        "question",
        "personnel",
        "การบริหารงานบุคคล",
        "สอบถามผลการประเมินวิทยฐานะ",
        "ส่งผลงานขอมีวิทยฐานะชำนาญการพิเศษแล้ว จะทราบผลเมื่อใด",
    ),
]

CORRUPTION = [
    (
        "finance-assets",
        "การจัดซื้อจัดจ้างและพัสดุ",
        "สงสัยการจัดซื้อครุภัณฑ์คอมพิวเตอร์ราคาสูงเกินจริง",
        "โรงเรียนแห่งหนึ่งจัดซื้อคอมพิวเตอร์ราคาเครื่องละเกือบสองเท่าของราคาท้องตลาด ผู้ขายเป็นญาติของเจ้าหน้าที่พัสดุ",
    ),
    (
        "personnel",
        "การบริหารงานบุคคล",
        "เรียกรับเงินเพื่อย้ายครู",
        "มีผู้อ้างว่าเป็นเจ้าหน้าที่เขตพื้นที่ เรียกรับเงินจากครูเพื่อให้ได้ย้ายกลับภูมิลำเนา",
    ),
    (
        "admin",
        "การเงินและงบประมาณ",
        "ใช้รถราชการไปธุระส่วนตัว",
        "พบรถตู้ราชการของสำนักงานจอดที่ตลาดนัดวันเสาร์เป็นประจำ มีผู้ใช้ขนของส่วนตัว",
    ),
    (
        "finance-assets",
        "การจัดซื้อจัดจ้างและพัสดุ",
        "แบ่งซื้อแบ่งจ้างงานปรับปรุงห้องน้ำ",
        "งานปรับปรุงห้องน้ำของโรงเรียนถูกแบ่งเป็นหลายสัญญาเพื่อให้ใช้วิธีเฉพาะเจาะจงได้",
    ),
]

NAMES = [
    "นางสาวพิมพ์ชนก ศรีสุข",
    "นายอนุชา พรมมา",
    "นางบุญเรือน แก้วมณี",
    "นายวีระ ทองคำ",
    "นางสาวกมลวรรณ สายบุญ",
    "นายสุริยา ไชยวงศ์",
    "นางจันทร์เพ็ญ บุญมา",
    "นายธนากร ศรีนคร",
]

REPLIES = [
    "หน่วยงานได้รับเรื่องแล้ว และส่งให้กลุ่มงานที่รับผิดชอบตรวจสอบข้อเท็จจริง จะแจ้งผลให้ทราบต่อไป",
    "ได้ประสานโรงเรียนและกลุ่มงานที่เกี่ยวข้องแล้ว ขณะนี้อยู่ระหว่างดำเนินการแก้ไข",
    "ดำเนินการแก้ไขเรียบร้อยแล้ว ขอบคุณที่แจ้งให้หน่วยงานทราบ",
]

CHANNELS = (
    ["website"] * 35
    + ["phone"] * 15
    + ["letter"] * 8
    + ["box"] * 8
    + ["walk_in"] * 8
    + ["email"] * 8
    + ["social"] * 8
    + ["activity"] * 5
    + ["centre_1111"] * 2
    + ["damrongtham"] * 2
)


def _token(key):
    return uuid.uuid5(uuid.NAMESPACE_URL, f"demo-feedback/{key}")


@transaction.atomic
def seed_demo(*, today):
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(date=dt.date.fromisoformat(day), defaults={"name": name})
    users = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=["triage", "integrity", "editor"])
    }
    triage = users.get("triage")
    integrity = users.get("integrity") or triage
    if triage is None:
        return
    groups = {g.slug: g for g in MissionGroup.objects.all()}
    categories = {c.name: c for c in Category.objects.all()}
    start = thai.FiscalYear.of(today).previous().period.start
    span = (today - start).days
    rng = random.Random(2569)
    plan = []
    for n in range(84):
        plan.append(("general", n, start + dt.timedelta(days=rng.randrange(span))))
    for n, offset in enumerate([40, 150, 290, span - 12]):
        plan.append(("corruption", n, start + dt.timedelta(days=offset)))
    improvements = list(Improvement.objects.order_by("pk")[:4])
    tokens = {_token(f"{kind}-{n}") for kind, n, _received_on in plan}
    existing = set(
        Case.objects.filter(submission_token__in=tokens).values_list("submission_token", flat=True)
    )
    created = []
    for kind, n, received_on in plan:
        token = _token(f"{kind}-{n}")
        if token in existing:
            continue
        created.append(
            _case_seed(
                rng, kind, n, received_on, token, today, triage, integrity, groups, categories
            )
        )
    if not created:
        return
    linked = Case.objects.filter(
        pk__in=[case.pk for case in created],
        submission_token__in=[_token(f"general-{n}") for n in range(4)],
    )
    for case, improvement in zip(linked.filter(status="closed"), improvements, strict=False):
        case.improvements.add(improvement)
    # The stages above are written with QuerySet.update, which passes by the
    # receivers that keep the monthly tallies: count those months again.
    tallies.recount(thai.Period(start, today + dt.timedelta(days=1)).months(), today=today)


def _case_seed(rng, kind, n, received_on, token, today, triage, integrity, groups, categories):
    if kind == "corruption":
        slug, category, subject, details = CORRUPTION[n]
        stream, channel = "corruption", ["website", "letter", "website", "nacc"][n]
    else:
        stream, slug, category, subject, details = TOPICS[n % len(TOPICS)]
        channel = rng.choice(CHANNELS)
    anonymous = (kind == "corruption" and n % 2 == 0) or rng.random() < 0.15
    name = rng.choice(NAMES)
    reporter = {} if anonymous else {"name": name, "phone": f"08{rng.randrange(10**8):08d}"}
    received_at = dt.datetime.combine(
        received_on,
        dt.time(rng.randrange(8, 16), rng.randrange(60)),
        tzinfo=dt.timezone(dt.timedelta(hours=7)),
    )
    case = case_register(
        case_fields={
            "stream": stream,
            "channel": channel,
            "incoming_reference": f"ศดธ.นพ {rng.randrange(100, 999)}/2569"
            if channel in Case.REFERRAL_CHANNELS or channel == "nacc"
            else "",
            "subject": subject,
            "details": details,
            "mission_group": groups.get(slug),
            "is_anonymous": anonymous,
            "certified_true": True,
            "privacy_notice_version": "1",
            "received_at": received_at,
            "submission_token": token,
        },
        reporter_fields=reporter,
        recorded_by=None if channel == "website" else triage,
    )
    officer = integrity if stream == "corruption" else triage
    age = (today - received_on).days
    _progress(rng, case, age, officer, groups.get(slug), categories.get(category))
    return case


def _progress(rng, case, age, officer, group, category):
    """Move a demo case along as far as its age makes believable."""
    received = case.received_at
    fields = {"category": category}
    if age >= 2:
        fields |= {"status": "accepted", "screened_at": received + dt.timedelta(days=1)}
    if age >= 4:
        fields |= {"status": "assigned", "assigned_group": group, "assigned_to": officer}
    if age >= 7:
        fields["status"] = "in_progress"
    roll = rng.random()
    if age >= 8 and roll < 0.07 and case.stream != "corruption":
        fields = {
            "category": category,
            "status": "closed",
            "not_accepted_ground": "too_vague",
            "screened_at": received + dt.timedelta(days=2),
            "closed_at": received + dt.timedelta(days=3),
        }
    elif age >= 20 and roll < 0.12 and case.stream != "corruption":
        fields |= {
            "status": "closed",
            "referred_to": "องค์การบริหารส่วนตำบลนาแก",
            "referred_on": (received + dt.timedelta(days=5)).date(),
            "referral_reference": f"ศธ 04139/{rng.randrange(1000, 9999)}",
            "completed_at": received + dt.timedelta(days=5),
            "closed_at": received + dt.timedelta(days=6),
        }
    elif age >= 25 and (roll < 0.9 or (case.stream == "corruption" and age > 60)):
        done = received + dt.timedelta(
            days=rng.randrange(5, 24 if case.stream != "corruption" else 55)
        )
        fields |= {
            "status": "completed",
            "completed_at": done,
            "outcome": "ตรวจสอบข้อเท็จจริงและดำเนินการแก้ไขตามอำนาจหน้าที่แล้ว",
        }
        if age >= 40:
            fields |= {"status": "closed", "closed_at": done + dt.timedelta(days=3)}
    Case.objects.filter(pk=case.pk).update(**fields)
    # Replies: most within 15 days; a few late, and some recent cases none yet (overdue).
    if age >= 5 and (age > 30 or rng.random() < 0.6):
        late = rng.random() < 0.1
        offset = min(rng.randrange(16, 22) if late else rng.randrange(1, 12), age - 1)
        first = received + dt.timedelta(days=offset)
        bodies = REPLIES[:1] if fields.get("status") not in ("completed", "closed") else REPLIES
        for step, body in enumerate(bodies):
            sent = first + dt.timedelta(days=min(step * 4, max(age - offset - 1, 0)))
            CaseEntry.objects.get_or_create(
                case=case,
                kind=CaseEntry.Kind.REPLY,
                body=body,
                defaults={"author": officer, "written_at": sent},
            )
        Case.objects.filter(pk=case.pk).update(first_replied_on=thai.local_date(first))
