"""The report's clause-by-clause section and seed 004's projects, checked
against counts written separately here."""

import datetime as dt
import random
from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.html import escape

from measures.models import Activity, StakeholderGroup
from portal.lib import thai
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from tests import factories
from tests.factories import measures as mf
from tests.factories import surveys as sf

FY = thai.FiscalYear(2569)


def test_a_generated_year_accounts_for_every_clause(agency, director):
    rng = random.Random(14)
    measure = mf.published_seed(1, director)
    clauses = list(measure.clauses.filter(kind="clause").order_by("position"))
    # Some announcements word a clause at length (over 300 characters).
    clauses[0].text = f"{clauses[0].text} {clauses[0].text}"
    clauses[0].save(update_fields=["text"])
    group = factories.mission_group()
    parents = StakeholderGroup.objects.get(slug="parents")
    government = StakeholderGroup.objects.get(slug="government")
    expected = defaultdict(Counter)
    projects = {}
    for n in range(30):
        clause = rng.choice([None, *clauses[:4]])
        in_year = rng.random() > 0.25
        published = rng.random() > 0.2
        day = FY.period.start + dt.timedelta(days=rng.randrange(365))
        budget = rng.choice([None, Decimal("10000000"), Decimal("12400000")])
        major = rng.random() < 0.1
        citizens = rng.random() < 0.5
        mf.activity(
            title=f"กิจกรรมทดสอบ {n}",
            clause=clause,
            mission_group=group,
            held_on=day if in_year else day - dt.timedelta(days=400),
            is_published=published,
            budget=budget,
            is_major_policy=major,
            participants=[(parents if citizens else government, 6)],
        )
        if in_year and published:
            if clause:
                expected[clause.pk]["กิจกรรมการมีส่วนร่วม"] += 1
            if major or (budget is not None and budget > Decimal("10000000")):
                projects[f"กิจกรรมทดสอบ {n}"] = (budget, not citizens)
    for n, clause in enumerate(clauses[1:3]):
        sf.survey(title=f"สำรวจ {n}", clause=clause, fiscal_year=2569, status="closed")
        sf.survey(title=f"สำรวจร่าง {n}", clause=clause, fiscal_year=2569, status="draft")
        expected[clause.pk]["การสำรวจความพึงพอใจ"] += 1

    data = annual_report_build(fiscal_year=2569)

    (row,) = [m for m in data.measures["rows"] if m["pk"] == measure.pk]
    assert len(row["clauses"]) == len(clauses)
    for clause, printed in zip(clauses, row["clauses"], strict=True):
        assert printed["text"] == clause.text
        assert {c["label"]: c["count"] for c in printed["counts"]} == dict(expected[clause.pk])
        assert len(printed["records"]) == sum(expected[clause.pk].values())
        assert printed["is_done"] is bool(expected[clause.pk])
    listed = {
        p["title"]: (p["budget"], p["lacks_participation"])
        for p in data.activities["projects"]["rows"]
    }
    assert listed == projects
    html = annual_report_render_html(data)
    assert html.count("ไม่มีการดำเนินการตามข้อนี้ในปีนี้") == sum(
        1 for clause in clauses if not expected[clause.pk]
    )
    # A director signs what each clause says: printed whole, the long ones too.
    assert len(clauses[0].text) > 300
    for clause in clauses:
        assert escape(clause.text) in html


def test_the_report_prints_each_activitys_stage(agency):
    parents = StakeholderGroup.objects.get(slug="parents")
    mf.activity(stage=Activity.Stage.MONITOR, participants=[(parents, 3)])
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))
    assert "ขั้นตอน: ร่วมติดตามและประเมินผล" in html


def test_a_project_without_citizens_is_named_in_the_report(agency):
    government = StakeholderGroup.objects.get(slug="government")
    mf.activity(
        title="โครงการก่อสร้างถนน", budget=Decimal("12400000"), participants=[(government, 12)]
    )
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))
    section = html.split('id="h-activities"')[1].split('id="s-working-groups"')[0]
    assert "โครงการที่เป็นนโยบายสำคัญหรือมีวงเงินเกินกว่า ๑๐,๐๐๐,๐๐๐ บาท" in section
    table = section.split('<table class="projects">')[1].split("</table>")[0]
    (row,) = [row for row in table.split("<tr") if "โครงการก่อสร้างถนน" in row]
    assert "๑๒,๔๐๐,๐๐๐.๐๐" in row
    assert "ไม่มีบันทึก" in row


def test_the_report_says_which_mission_groups_carried_out_each_clause(agency, director):
    """Seed 001 §3 asks every group to evaluate satisfaction: the group that
    ran no round is named against clause ๓ (counted by hand below)."""
    measure = mf.published_seed(1, director)
    one, three, four = (measure.clauses.get(kind="clause", label=label) for label in "134")
    finance = factories.mission_group(name="กลุ่มการเงิน", position=1)
    policy = factories.mission_group(name="กลุ่มนโยบาย", position=2)
    factories.mission_group(name="กลุ่มที่ยังไม่ทำ", position=3)
    factories.mission_group(name="กลุ่มที่เลิกแล้ว", position=4, is_active=False)
    parents = StakeholderGroup.objects.get(slug="parents")
    day = dt.date(2026, 1, 10)
    mf.activity(clause=one, mission_group=finance, held_on=day, participants=[(parents, 4)])
    sf.survey(clause=three, mission_group=finance, fiscal_year=2569, status="closed")
    sf.survey(clause=three, mission_group=policy, fiscal_year=2569, status="closed")
    mf.activity(clause=four, mission_group=policy, held_on=day, participants=[(parents, 4)])
    # Not in the public report: a round never opened and an activity of last year.
    sf.survey(clause=four, mission_group=finance, fiscal_year=2569, status="draft")
    mf.activity(
        clause=four, mission_group=finance, held_on=dt.date(2025, 9, 1), participants=[(parents, 4)]
    )

    data = annual_report_build(fiscal_year=2569)

    (row,) = [m for m in data.measures["rows"] if m["pk"] == measure.pk]
    assert row["groups"] == [
        {"name": "กลุ่มการเงิน", "done": ["๑., ๓."], "not_done": ["๒., ๔., ๕."]},
        {"name": "กลุ่มนโยบาย", "done": ["๓., ๔."], "not_done": ["๑., ๒., ๕."]},
        {"name": "กลุ่มที่ยังไม่ทำ", "done": [], "not_done": ["๑., ๒., ๓., ๔., ๕."]},
    ]
    html = annual_report_render_html(data)
    assert "การดำเนินการตามข้อของมาตรการ จำแนกตามกลุ่มงาน" in html
    assert "กลุ่มที่เลิกแล้ว" not in html


def test_a_clause_naming_a_mission_group_is_that_groups_alone(agency, director):
    """Seed 003: each mission group's framework clause is asked of that group only."""
    measure = mf.published_seed(3, director)
    # Staff name the group of "๑. กลุ่มนโยบายและแผน เปิดโอกาสให้…" in the admin.
    framework = measure.clauses.get(kind="clause", text__startswith="กลุ่มนโยบายและแผน")
    owner = factories.mission_group(name="กลุ่มนโยบายและแผน", position=1)
    framework.mission_group = owner
    framework.save(update_fields=["mission_group"])
    other = factories.mission_group(name="กลุ่มอื่น", position=99)
    sf.working_group(mission_group=owner).clauses.set([framework])

    data = annual_report_build(fiscal_year=2569)

    (row,) = [m for m in data.measures["rows"] if m["pk"] == measure.pk]
    groups = {g["name"]: g for g in row["groups"]}
    part = measure.clauses.get(kind="heading", text__startswith="การกำหนดกรอบแนวทาง").text
    assert groups[owner.name]["done"] == [f"{part}: ๑."]
    # The other framework clauses (๒.–๗.) name no group yet: every group's.
    assert f"{part}: ๒., ๓., ๔., ๕., ๖., ๗." in groups[owner.name]["not_done"]
    assert f"{part}: ๒., ๓., ๔., ๕., ๖., ๗." in groups[other.name]["not_done"]
    # The monitoring paragraph stands alone under its heading and is named by it.
    assert "การกำกับและติดตาม" in groups[other.name]["not_done"]
