"""Benchmarks (`make bench`): timings printed as ratios against a baseline
measured in the same process, so they compare across machines. Not a test:
it asserts nothing, it reports.

The annual report (issue 6): a fiscal year with 20 000 feedback cases, 300
activities with photos, 40 working groups and 10 000 survey answers; then
the same year with ten times the cases. Targets: build < 10 s, peak memory
< 500 MB, 10× the cases < 1.5× the time. The feedback figures are read from
the monthly tallies that saving a case keeps (feedback/tallies.py); the bench
loads its cases in bulk, so it counts the tallies once after loading, and
also prints what counting the year from the cases alone would cost.

    tests/with_postgres.sh .venv/bin/python -m tests.bench
    tests/with_postgres.sh .venv/bin/python -m tests.bench --pages-only

Then the pages section (tests/bench_pages.py): each public page served by
gunicorn against a bare view; `--pages-only` skips the report and measures
the pages on the demo data alone.
"""

import datetime as dt
import io
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
# Never the project's own SQLite file: without PostgreSQL, a throwaway one.
os.environ.setdefault("DATABASE_URL", f"sqlite:////tmp/portal-bench-{os.getpid()}.sqlite3")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402
from pypdf import PdfReader  # noqa: E402

from portal.lib.uploads import PREVIEW_QUALITY, PREVIEW_SIDE  # noqa: E402

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


def timed_build(repeat=3):
    """Best of `repeat` timings, then one more run traced for memory (tracemalloc
    slows Python down, so it never runs during a timing)."""
    from portal.report.build import annual_report_build

    best = None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            data = annual_report_build(fiscal_year=2569)
            elapsed = time.perf_counter() - started
        if best is None or elapsed < best[0]:
            best = (elapsed, list(queries.captured_queries), data)
    tracemalloc.start()
    annual_report_build(fiscal_year=2569)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    elapsed, queries, data = best
    if "--queries" in sys.argv:
        for query in sorted(queries, key=lambda q: -float(q["time"]))[:6]:
            print(f"    {float(query['time']):.3f} s  {query['sql'][:110]}")
    return elapsed, peak, len(queries), data


def settle():
    """After the bulk load: the monthly tallies that saving each case would have
    kept (bulk_create passes by those receivers), and what autovacuum does to a
    production table (visibility map, planner statistics), so every run
    measures the same state."""
    from feedback import tallies
    from portal.lib import thai

    tallies.recount_period(thai.FiscalYear(2569).period)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE feedback_case")


def timed_recount():
    """Counting the whole year from its cases, as without tallies (best of 3)."""
    from feedback.models import MonthTally
    from feedback.statistics import count_months
    from portal.lib import thai

    months = thai.FiscalYear(2569).period.months()
    today = timezone.localdate()
    assert MonthTally.objects.count() == len(months)
    return best_time(lambda: count_months(months, today=today))


def best_time(call, repeat=3):
    """The shortest of `repeat` runs of `call`, in seconds."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        timings.append(time.perf_counter() - started)
    return min(timings)


def timed_feedback():
    """The feedback app's year alone, read from the tallies (best of 3)."""
    from feedback.models import Case
    from feedback.services import feedback_statistics
    from portal.lib import thai

    year = thai.FiscalYear(2569)
    today = timezone.localdate()
    assert Case.objects.exists()
    return best_time(lambda: feedback_statistics(period=year, today=today))


def peak_rss_mb():
    try:
        with open("/proc/self/status") as status:
            line = next(line for line in status if line.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _report_in_child(database, media_root, results):
    from django.conf import settings
    from django.db import connection

    from portal.report.build import annual_report_build
    from portal.report.render import annual_report_render_pdf

    connection.settings_dict["NAME"] = database
    settings.MEDIA_ROOT = media_root
    started = time.perf_counter()
    pdf = annual_report_render_pdf(annual_report_build(fiscal_year=2569))
    elapsed = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    results.put({"seconds": elapsed, "rss": peak_rss_mb(), "pages": pages, "bytes": len(pdf)})


def report_in_fresh_process(runs=2):
    """The whole report (data → HTML → PDF) built in a new process, as the task
    worker does: the best time of `runs` such processes (this machine's speed
    wanders by a fifth from run to run; the best is the code's, not the
    neighbours'), every time, the highest peak RSS (not the bulk load's), the
    pages and size. With `--data-only` (profiling on a busy machine), nothing."""
    import multiprocessing

    from django.conf import settings

    if "--data-only" in sys.argv:
        return {"seconds": 0.0, "times": [], "rss": 0.0, "pages": 0, "bytes": 0}
    connection.close()  # the child opens its own
    context = multiprocessing.get_context("spawn")
    outcomes = []
    for _ in range(runs):
        results = context.Queue()
        child = context.Process(
            target=_report_in_child,
            args=(connection.settings_dict["NAME"], settings.MEDIA_ROOT, results),
        )
        child.start()
        outcomes.append(results.get())
        child.join()
    times = [outcome["seconds"] for outcome in outcomes]
    return outcomes[0] | {
        "seconds": min(times),
        "times": times,
        "rss": max(outcome["rss"] for outcome in outcomes),
    }


def spread(outcome):
    return " / ".join(f"{seconds:.1f}" for seconds in outcome["times"])


def bench_report():
    rng = random.Random(2569)
    print("== Annual report (issue 6) ==")
    print(f"database: {connection.vendor}")
    seed_base(rng)
    empty_time, _peak, empty_queries, _ = timed_build()
    add_cases(rng, CASES, 1)
    settle()
    base_feedback = timed_feedback()
    base_recount = timed_recount()
    base_time, base_peak, base_queries, data = timed_build()
    assert data.summary["feedback_received"] == CASES
    base = report_in_fresh_process()
    print(
        f"data: {CASES:,} cases, {ACTIVITIES} activities with {PHOTOS_PER_ACTIVITY} photos each "
        f"({PREVIEW_SIDE}×{PREVIEW_SIDE * 3 // 4} photo-like JPEG previews), "
        f"{WORKING_GROUPS} working groups of {MEMBERS_PER_GROUP} with {MEETINGS_PER_GROUP} "
        f"meetings, {SURVEY_ANSWERS:,} survey answers"
    )
    print(f"baseline: data of a year without cases {empty_time:.3f} s, {empty_queries} queries")
    print(
        f"{CASES:,} cases: data {base_time:.3f} s ({base_time / empty_time:.2f}× baseline), "
        f"{base_queries} queries, traced peak {base_peak / 2**20:.1f} MB; whole report "
        f"{base['seconds']:.1f} s (runs: {spread(base)} s), {base['bytes'] / 2**20:.1f} MB PDF, "
        f"{base['pages']} pages, peak RSS {base['rss']:.0f} MB"
    )
    add_cases(rng, CASES * 9, CASES + 1)
    settle()
    big_feedback = timed_feedback()
    big_recount = timed_recount()
    big_time, big_peak, big_queries, data = timed_build()
    big = report_in_fresh_process()
    print(
        f"{CASES * 10:,} cases: data {big_time:.3f} s ({big_time / empty_time:.2f}× baseline), "
        f"{big_queries} queries, traced peak {big_peak / 2**20:.1f} MB; whole report "
        f"{big['seconds']:.1f} s (runs: {spread(big)} s), peak RSS {big['rss']:.0f} MB"
    )
    print(
        "(whole report: data → HTML → PDF in a fresh process, as the task worker renders it, "
        "best of two processes; peak RSS is the higher of theirs)"
    )
    print(
        f"feedback section alone (from the monthly tallies): {base_feedback:.3f} s → "
        f"{big_feedback:.3f} s ({big_feedback / base_feedback:.2f}×)"
    )
    print(
        f"counting the year from its cases instead (no tallies): {base_recount:.3f} s → "
        f"{big_recount:.3f} s ({big_recount / base_recount:.2f}×; it reads every case, so it grows)"
    )
    data_ratio = big_time / base_time
    print(f"ratio 10× cases / 1× cases: data alone {data_ratio:.2f} (target < 1.5)")
    checks = {
        "data build (annual_report_build) < 10 s": big_time < 10,
        "data alone 10× ratio < 1.5": data_ratio < 1.5,
    }
    if "--data-only" in sys.argv:
        print("(--data-only: the whole report was not rendered)")
    else:
        full_ratio = big["seconds"] / base["seconds"]
        print(f"ratio 10× cases / 1× cases: whole report {full_ratio:.2f} (target < 1.5)")
        checks |= {
            "whole report with PDF < 10 s (rendered in the task worker)": big["seconds"] < 10,
            "whole report 10× ratio < 1.5": full_ratio < 1.5,
            "peak RSS of the rendering process < 500 MB": max(base["rss"], big["rss"]) < 500,
        }
    for name, ok in checks.items():
        print(f"  {'met   ' if ok else 'MISSED'} {name}")
    print("targets met" if all(checks.values()) else "TARGETS MISSED")


def main():
    # A database of its own (created, migrated and dropped like a test database).
    from django.conf import settings
    from django.core.management import call_command

    from tests.bench_pages import bench_pages

    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with tempfile.TemporaryDirectory() as media:
            settings.MEDIA_ROOT = media
            if "--pages-only" not in sys.argv:
                bench_report()
            # The demo agency on top: the pages show its records (and, after
            # the report bench, the large year's cases in the statistics).
            call_command("createcachetable", verbosity=0)
            call_command("seed_demo", verbosity=0, stdout=io.StringIO())
            bench_pages(settings.DATABASES["default"]["NAME"])
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
