import datetime as dt
import random
import statistics
from collections import Counter, defaultdict

import pytest

from feedback.models import Case
from measures.models import Activity, Measure
from portal.lib import thai
from tests import factories
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf

FY_START = dt.date(2025, 10, 1)
# Measures announced and published before the year began.
PUBLISHED_IN_JUNE_2025 = {"status": Measure.Status.PUBLISHED, "announced_on": dt.date(2025, 6, 15)}
MONTHS = [dt.date(2025 + (9 + i) // 12, (9 + i) % 12 + 1, 1) for i in range(12)]


@pytest.fixture
def generated_year(agency):
    """A fiscal year (2569) of generated records, and the figures expected of
    it counted independently, in Python, from what was generated."""
    rng = random.Random(2569)
    expect = {}
    groups = [
        mf.stakeholder_group(name=name)
        for name in ("ผู้ปกครอง (ทดสอบ)", "ครู (ทดสอบ)", "ชุมชน (ทดสอบ)")
    ]
    missions = [factories.mission_group(name=name) for name in ("กลุ่มนโยบาย", "กลุ่มนิเทศ")]

    # Measures: one in force, a draft, one that ended, one that starts later.
    in_force = mf.measure(
        **PUBLISHED_IN_JUNE_2025, fiscal_year_from=2568, title="มาตรการเปิดโอกาสให้มีส่วนร่วม"
    )
    mf.measure()
    mf.measure(**PUBLISHED_IN_JUNE_2025, fiscal_year_from=2566, fiscal_year_to=2568)
    mf.measure(**PUBLISHED_IN_JUNE_2025, fiscal_year_from=2570)
    expect["measures"] = [in_force.title]

    # Activities in the year, plus some that must not count.
    levels = Counter()
    participants = Counter()
    for _ in range(23):
        level = rng.choice(Activity.Level.values)
        day = FY_START + dt.timedelta(days=rng.randrange(365))
        counts = [(g, rng.randrange(1, 40)) for g in rng.sample(groups, rng.randrange(1, 4))]
        mf.activity(
            level=level, held_on=day, mission_group=rng.choice(missions), participants=counts
        )
        levels[level] += 1
        for g, n in counts:
            participants[g.name] += n
    mf.activity(held_on=dt.date(2025, 9, 30), participants=[(groups[0], 99)])
    mf.activity(held_on=dt.date(2026, 10, 1), participants=[(groups[0], 99)])
    mf.activity(is_published=False, participants=[(groups[0], 99)])
    expect["activities_total"] = sum(levels.values())
    expect["levels"] = levels
    expect["participants"] = participants

    # Feedback: every stream, status and month by chance; and cases either side of the year.
    monthly = {s: defaultdict(Counter) for s in ("corruption", "general")}
    received = completed = closed = due = on_time = 0
    # Mission groups drawn apart, so the other figures keep their draws.
    group_rng = random.Random(3)
    by_mission_group = defaultdict(Counter)
    durations = {"corruption": [], "general": []}
    for _ in range(70):
        stream = rng.choice(["general", "general", "corruption", "suggestion", "compliment"])
        day = FY_START + dt.timedelta(days=rng.randrange(365))
        outcome = rng.choice(["completed", "not_accepted", "in_progress"])
        fields = {
            "stream": stream,
            "channel": rng.choice(Case.Channel.values),
            "received_at": factories.moment(day, hour=rng.randrange(0, 24)),
        }
        if outcome == "completed":
            fields |= {
                "status": Case.Status.COMPLETED,
                "completed_at": factories.moment(day + dt.timedelta(days=rng.randrange(1, 40))),
            }
        elif outcome == "not_accepted":
            fields |= {"status": Case.Status.NOT_ACCEPTED, "not_accepted_ground": "too_vague"}
        else:
            fields |= {"status": Case.Status.IN_PROGRESS}
        named, assigned = (group_rng.choice([None, *missions]) for _ in range(2))
        fields |= {"mission_group": named, "assigned_group": assigned}
        if stream != "corruption":  # sealed reports are counted in total only
            owner = (assigned or named).name if assigned or named else None
            by_mission_group[owner].update([stream, "received", outcome])
        replied = rng.choice([None, 5, 20])
        if replied is not None:
            fields["first_replied_on"] = day + dt.timedelta(days=replied)
        fb.case_received(**fields)
        if stream in durations and outcome == "completed":
            # Whole calendar days in Bangkok, as the 15-day promise is counted.
            received_on, completed_on = (
                thai.local_date(fields[name]) for name in ("received_at", "completed_at")
            )
            durations[stream].append((completed_on - received_on).days)
        received += 1
        closed += outcome != "in_progress"
        completed += outcome == "completed"
        if stream in monthly:
            month = day.replace(day=1)
            monthly[stream][month]["received"] += 1
            monthly[stream][month][outcome] += 1
            due += 1  # every generated case is past its 15-day deadline or answered
            on_time += replied == 5
    fb.case_received(received_at=factories.moment(dt.date(2025, 9, 30), hour=23))
    fb.case_received(received_at=factories.moment(dt.date(2026, 10, 1), hour=0))
    expect |= {"received": received, "completed": completed, "closed": closed, "monthly": monthly}
    expect["by_mission_group"] = by_mission_group
    expect["reported_back_share"] = round(100 * on_time / due, 1)
    expect["median_days"] = {k: round(statistics.median(v), 1) for k, v in durations.items()}

    # Surveys: two rounds with random answer sheets, some items left blank.
    expect["surveys"] = {}
    for title in ("ความพึงพอใจต่อการให้บริการ รอบ ๖ เดือนแรก", "ความพึงพอใจต่อการให้บริการ รอบ ๖ เดือนหลัง"):
        sheets = [
            [rng.choice([1, 2, 3, 4, 5, 5, 4, None]) for _ in range(2)]
            for _ in range(rng.randrange(8, 20))
        ]
        sf.survey_answered(title=title, scores_by_response=sheets)
        pooled = [s for sheet in sheets for s in sheet if s is not None]
        first = [sheet[0] for sheet in sheets if sheet[0] is not None]
        expect["surveys"][title] = {
            "n": len(sheets),
            "mean": round(statistics.mean(pooled), 2),
            "sd": round(statistics.stdev(pooled), 2),
            "top2": round(100 * sum(s >= 4 for s in pooled) / len(pooled), 1),
            "first_dimension_mean": round(statistics.mean(first), 2),
        }
    sf.survey_answered(
        title="รอบปีก่อน",
        fiscal_year=2568,
        opens_on=dt.date(2024, 10, 1),
        closes_on=dt.date(2025, 3, 31),
    )

    # Working groups: three members, meetings in and outside the year.
    sf.working_group_with_meetings(
        name="คณะทำงานติดตามมาตรการ",
        members=groups,
        meetings=[
            (dt.date(2025, 11, 1), [True, True, False]),
            (dt.date(2026, 2, 1), [True, False, False]),
            (dt.date(2026, 10, 2), [True, True, True]),
        ],
    )
    expect["working_group"] = {"meetings": 2, "quorum_met": 1, "attendance_rate": 50.0}

    # Improvements: completed in the year, or recorded in it and still open; one
    # from last year, and one recorded in the year but completed in the next.
    mf.improvement(title="เพิ่มช่องทาง LINE", status="done", completed_on=dt.date(2026, 1, 5))
    mf.improvement(
        title="ปรับปรุงจุดบริการ",
        status="in_progress",
        created_at=factories.moment(dt.date(2026, 2, 3)),
    )
    mf.improvement(
        title="เรื่องของปีก่อน", created_at=factories.moment(dt.date(2025, 5, 1)), status="planned"
    )
    mf.improvement(
        title="เสร็จในปีถัดไป",
        created_at=factories.moment(dt.date(2026, 8, 1)),
        status="done",
        completed_on=dt.date(2026, 10, 15),
    )
    expect["improvements"] = {"total": 2, "done": 1}
    return expect
