"""The annual report's benchmark year (issue 6), loaded in bulk: 300
activities with photos, 40 working groups, 10 000 survey answers, and as many
feedback cases as asked for."""

import datetime as dt
import uuid
from pathlib import Path

from django.utils import timezone

from portal.lib.uploads import PREVIEW_QUALITY, PREVIEW_SIDE

CASES = 20_000
ACTIVITIES = 300
PHOTOS_PER_ACTIVITY = 3
WORKING_GROUPS = 40
MEMBERS_PER_GROUP = 12
MEETINGS_PER_GROUP = 4
SURVEY_ANSWERS = 10_000
ITEMS_PER_SURVEY = 5
SURVEYS = 4
FY_START = dt.date(2025, 10, 1)
TZ = timezone.get_fixed_timezone(7 * 60)


def day_in_year(rng):
    return FY_START + dt.timedelta(days=rng.randrange(365))


def write_photos(activities):
    """Photo-like JPEGs (grain over a colour wash, as compressible as a real
    photo) at the size the portal stores as each photo's preview, which is
    what the report embeds."""
    from django.conf import settings
    from PIL import Image

    folder = Path(settings.MEDIA_ROOT) / "evidence" / "bench"
    folder.mkdir(parents=True, exist_ok=True)
    size = (PREVIEW_SIDE, PREVIEW_SIDE * 3 // 4)
    for a in activities:
        for n in range(PHOTOS_PER_ACTIVITY):
            colour = ((a.pk * 37) % 255, (n * 80) % 255, 140)
            wash = Image.new("RGB", size, colour)
            grain = Image.effect_noise(size, 24).convert("RGB")
            photo = Image.blend(wash, grain, 0.35)
            photo.save(folder / f"{a.pk}-{n}.jpg", quality=PREVIEW_QUALITY)


def seed_base(rng):
    from django.contrib.auth import get_user_model

    from demo import agency as demo_agency
    from measures.models import Activity, EvidenceFile, MissionGroup, Participation
    from measures.models import StakeholderGroup as SG
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

    demo_agency.agency_seed()
    groups = list(MissionGroup.objects.all())
    stakeholders = list(SG.objects.all()) or [SG.objects.create(name="ผู้ปกครอง", slug="parents")]
    activities = Activity.objects.bulk_create(
        Activity(
            title=f"กิจกรรมรับฟังความคิดเห็น ครั้งที่ {i}",
            mission_group=rng.choice(groups),
            subject="แผนพัฒนาการศึกษา " * 3,
            level=rng.choice(Activity.Level.values),
            held_on=day_in_year(rng),
            place="ห้องประชุมสำนักงาน",
            results="ผู้เข้าร่วมเสนอให้ปรับปรุงขั้นตอนการให้บริการ " * 4,
            use_of_results="นำไปปรับแผนปฏิบัติการประจำปี " * 4,
        )
        for i in range(ACTIVITIES)
    )
    Participation.objects.bulk_create(
        Participation(activity=a, group=g, count=rng.randrange(1, 80))
        for a in activities
        for g in rng.sample(stakeholders, min(3, len(stakeholders)))
    )
    write_photos(activities)
    EvidenceFile.objects.bulk_create(
        EvidenceFile(
            activity=a,
            kind=EvidenceFile.Kind.PHOTO,
            file=f"evidence/bench/{a.pk}-{n}.jpg",
            preview=f"evidence/bench/{a.pk}-{n}.jpg",
            caption=f"ภาพกิจกรรม {n}",
            position=n,
        )
        for a in activities
        for n in range(PHOTOS_PER_ACTIVITY)
    )
    wgs = WorkingGroup.objects.bulk_create(
        WorkingGroup(
            mission_group=rng.choice(groups),
            name=f"คณะทำงาน {i}",
            slug=f"bench-wg-{i}",
            term_start=FY_START,
        )
        for i in range(WORKING_GROUPS)
    )
    members = Membership.objects.bulk_create(
        Membership(
            working_group=wg,
            name=f"สมาชิก {n}",
            stakeholder_group=rng.choice(stakeholders),
            started_on=FY_START,
        )
        for wg in wgs
        for n in range(MEMBERS_PER_GROUP)
    )
    meetings = Meeting.objects.bulk_create(
        Meeting(working_group=wg, held_on=day_in_year(rng))
        for wg in wgs
        for _ in range(MEETINGS_PER_GROUP)
    )
    by_group = {}
    for m in members:
        by_group.setdefault(m.working_group_id, []).append(m)
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, membership=m, present=rng.random() < 0.7)
        for meeting in meetings
        for m in by_group[meeting.working_group_id]
    )
    sheets_per_survey = SURVEY_ANSWERS // (SURVEYS * ITEMS_PER_SURVEY)
    for s in range(SURVEYS):
        survey = Survey.objects.create(
            title=f"ความพึงพอใจ รอบ {s}",
            slug=f"bench-survey-{s}",
            mission_group=rng.choice(groups),
            fiscal_year=2569,
            opens_on=FY_START,
            closes_on=dt.date(2026, 9, 30),
            status=Survey.Status.CLOSED,
        )
        items = []
        for d in range(ITEMS_PER_SURVEY):
            dimension = Dimension.objects.create(survey=survey, title=f"ด้าน {d}", position=d)
            items.append(Item.objects.create(dimension=dimension, text=f"ข้อ {d}"))
        responses = Response.objects.bulk_create(
            Response(survey=survey, form_token=uuid.uuid4().hex) for _ in range(sheets_per_survey)
        )
        Answer.objects.bulk_create(
            Answer(response=r, item=i, score=rng.choice([3, 4, 4, 5, 5, 2]))
            for r in responses
            for i in items
        )
    get_user_model().objects.get_or_create(username="bench")


def add_cases(rng, count, start_number):
    from feedback.models import Case

    streams = Case.Stream.values
    channels = Case.Channel.values
    batch = []
    for n in range(count):
        day = day_in_year(rng)
        received = dt.datetime.combine(day, dt.time(rng.randrange(24)), tzinfo=TZ)
        outcome = rng.random()
        fields = {}
        if outcome < 0.6:
            fields = {
                "status": Case.Status.COMPLETED,
                "completed_at": received + dt.timedelta(days=rng.randrange(1, 60)),
            }
        elif outcome < 0.7:
            fields = {"status": Case.Status.NOT_ACCEPTED, "not_accepted_ground": "too_vague"}
        batch.append(
            Case(
                fiscal_year=2569,
                number=start_number + n,
                pin="ABCD2345",
                stream=rng.choice(streams),
                channel=rng.choice(channels),
                subject="เรื่องร้องเรียน",
                details="รายละเอียด",
                received_at=received,
                report_back_due_on=day + dt.timedelta(days=15),
                resolve_due_on=day + dt.timedelta(days=60),
                # One case in ten never answered, as in a real register.
                first_replied_on=(
                    day + dt.timedelta(days=rng.randrange(1, 25)) if rng.random() < 0.9 else None
                ),
                **fields,
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)
