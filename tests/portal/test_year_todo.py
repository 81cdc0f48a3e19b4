"""The year's to-do list: what is still missing, each line linking to its fix."""

import datetime as dt
import random
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from measures.models import Activity, MissionGroup, StakeholderGroup, YearSummary
from portal.lib import thai
from tests import factories
from tests.admin_form import admin_form_data
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff
from tests.queries import assert_constant_queries

FY = thai.FiscalYear(2569)
TEN_MILLION = Decimal("10000000")


def section_counts(page):
    """{section id: the number in its heading}."""
    found = re.findall(r'<h2 id="todo-(\w+)">[^<]*\((\d+)\)</h2>', page)
    return {key: int(n) for key, n in found}


def section_links(page, key):
    block = page.split(f'id="todo-{key}"')[1].split("</section>")[0]
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', block)


def test_a_generated_year_lists_exactly_what_is_missing(client, agency, director, editor):
    rng = random.Random(2569)
    groups = [factories.mission_group() for _ in range(6)]
    measure = mf.published_seed(1, director)
    clauses = [c for c in measure.clauses.order_by("position") if c.kind == "clause"]
    parents = StakeholderGroup.objects.get(slug="parents")
    government = StakeholderGroup.objects.get(slug="government")
    expected = dict.fromkeys(["ita_elements", "participation", "meetings", "improvements"], 0)
    cited = set()

    for n in range(24):
        held_on = FY.period.start + dt.timedelta(days=rng.randrange(365))
        in_year = rng.random() > 0.2
        if not in_year:
            held_on = held_on - dt.timedelta(days=366)  # the year before
        participants = rng.choice(
            [[], [(government, 12)], [(parents, 5)], [(parents, 3), (government, 4)]]
        )
        results = rng.choice(["", "ได้ข้อเสนอ ๓ เรื่อง"])
        use = rng.choice(["", "ปรับแผนปฏิบัติการ"])
        budget = rng.choice([None, TEN_MILLION, TEN_MILLION + Decimal("0.01"), Decimal("12400000")])
        major = rng.random() < 0.15
        clause = rng.choice([None, None, *clauses[:3]])
        mf.activity(
            title=f"กิจกรรมที่ {n}",
            mission_group=rng.choice(groups),
            held_on=held_on,
            participants=participants,
            results=results,
            use_of_results=use,
            budget=budget,
            is_major_policy=major,
            clause=clause,
            is_published=rng.random() > 0.3,
        )
        if not in_year:
            continue
        if clause:
            cited.add(clause.pk)
        if not participants or not results or not use:
            expected["ita_elements"] += 1
        citizens = any(group is parents for group, _count in participants)
        if (major or (budget is not None and budget > TEN_MILLION)) and not citizens:
            expected["participation"] += 1

    # Satisfaction rounds: groups 0-2 ran one in the year, group 3 only the year before.
    for i, group in enumerate(groups[:4]):
        sf.survey(
            title=f"สำรวจ {group.name}",
            mission_group=group,
            fiscal_year=2569 if i < 3 else 2568,
            status="closed",
            dimensions=(),
            acknowledged_by="นายผู้บริหาร ทดสอบ" if i == 0 else "",
            acknowledged_on=dt.date(2026, 9, 1) if i == 0 else None,
        )
    # Working groups: met this year, met only last year, term ended last year.
    for i in range(5):
        group = sf.working_group(mission_group=groups[i], term_start=dt.date(2024, 10, 1))
        if i in (0, 1):
            sf.meeting(working_group=group, held_on=dt.date(2026, 2, 1))
        elif i == 2:
            sf.meeting(working_group=group, held_on=dt.date(2025, 2, 1))
            expected["meetings"] += 1
        else:
            expected["meetings"] += 1
    sf.working_group(
        mission_group=groups[5], term_start=dt.date(2023, 10, 1), term_end=dt.date(2025, 9, 30)
    )
    # Improvements: due in the year and still open, done, or due the next year.
    for status, due, late in [
        ("planned", dt.date(2026, 3, 1), True),
        ("in_progress", dt.date(2026, 9, 29), True),
        ("done", dt.date(2026, 3, 1), False),
        ("dropped", dt.date(2026, 3, 1), False),
        ("planned", dt.date(2026, 10, 2), False),
    ]:
        mf.improvement(
            title=f"ปรับปรุง {status} {due}",
            status=status,
            due_on=due,
            completed_on=due if status == "done" else None,
            mission_group=groups[0],
        )
        expected["improvements"] += late
    expected["clauses"] = len(clauses) - len(cited)
    expected["satisfaction"] = len(groups) - 3
    expected["acknowledgement"] = 2
    # Year summaries: one acknowledged, one waiting, one of the year before; four groups wrote none.
    acknowledged = {"acknowledged_by": "ผู้อำนวยการ", "acknowledged_on": dt.date(2026, 10, 9)}
    YearSummary.objects.create(
        mission_group=groups[0], fiscal_year=2569, results="ผล", **acknowledged
    )
    YearSummary.objects.create(mission_group=groups[1], fiscal_year=2569, results="ผล")
    YearSummary.objects.create(
        mission_group=groups[2], fiscal_year=2568, results="ผล", **acknowledged
    )
    expected["year_summaries"] = len(groups) - 1
    expected["plan"] = 0  # no summary of 2568 was acknowledged through the portal
    expected["evidence"] = 0  # no evidence index: see test_year_todo_evidence.py
    assert MissionGroup.objects.count() == len(groups)

    login_staff(client, editor)
    page = client.get(reverse("staff_todo", args=[2569])).content.decode()

    assert section_counts(page) == expected
    missing_clause_links = section_links(page, "clauses")
    add_activity = reverse("admin:measures_activity_add") + "?clause="
    assert {
        href.removeprefix(add_activity)
        for href, _text in missing_clause_links
        if href.startswith(add_activity)
    } == {str(c.pk) for c in clauses if c.pk not in cited}
    assert f"ยังขาดอยู่ {sum(expected.values())} รายการ" in page


def test_the_to_do_page_is_reached_from_the_admin_index_and_only_by_staff(client, editor):
    assert client.get(reverse("staff_todo", args=[2569])).status_code == 302
    login_staff(client, editor)
    index = client.get(reverse("admin:index")).content.decode()
    assert "สิ่งที่ต้องดำเนินการในปีงบประมาณนี้" in index
    current = client.get(reverse("staff_todo_current"), follow=True)
    assert current.request["PATH_INFO"] == reverse(
        "staff_todo", args=[thai.FiscalYear.current().be_year]
    )
    page = current.content.decode()
    # One heading naming the year, no bare year above it.
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert [h.strip() for h in headings] == [
        f"สิ่งที่ต้องดำเนินการ ปีงบประมาณ {thai.FiscalYear.current().be_year}"
    ]


@pytest.mark.parametrize(
    ("budget", "major", "flagged"),
    [
        (TEN_MILLION, False, False),  # "เกินกว่า" 10 M: exactly 10 M is not more
        (TEN_MILLION + Decimal("0.01"), False, True),
        (Decimal("500000"), True, True),
        (None, False, False),
    ],
)
def test_seed_004_asks_participation_of_projects_over_the_threshold_or_of_major_policy(
    db, budget, major, flagged
):
    government = StakeholderGroup.objects.get(slug="government")
    activity = mf.activity(budget=budget, is_major_policy=major, participants=[(government, 9)])
    assert (activity in Activity.objects.large_budget_without_participation()) is flagged


def test_the_threshold_is_a_setting(db, settings):
    settings.PORTAL_PARTICIPATION_BUDGET_BAHT = "5000000"
    activity = mf.activity(budget=Decimal("6000000"))
    assert activity in Activity.objects.large_budget_without_participation()


@pytest.mark.parametrize(
    ("blank", "missing"),
    [("results", "ผลที่ได้"), ("use_of_results", "การนำผลไปใช้ปรับปรุงการดำเนินงาน")],
)
def test_publishing_an_activity_without_the_four_elements_is_refused_in_thai(
    client, editor, blank, missing
):
    parents = StakeholderGroup.objects.get(slug="parents")
    activity = mf.activity(is_published=False, participants=[(parents, 4)], **{blank: ""})
    login_staff(client, editor)
    url = reverse("admin:measures_activity_change", args=[activity.pk])

    response = client.post(url, admin_form_data(client, url, is_published="on"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "องค์ประกอบครบทั้ง ๔ ตามเกณฑ์ ITA" in page
    assert missing in page
    activity.refresh_from_db()
    assert not activity.is_published


def test_publishing_an_activity_without_participants_is_refused(client, editor):
    activity = mf.activity(is_published=False)
    login_staff(client, editor)
    url = reverse("admin:measures_activity_change", args=[activity.pk])

    response = client.post(url, admin_form_data(client, url, is_published="on"))

    assert "ยังขาด: ผู้เข้าร่วม" in response.content.decode()
    activity.refresh_from_db()
    assert not activity.is_published


def test_the_to_do_page_reads_in_constant_queries(client, editor, director):
    mf.published_seed(3, director)
    activity = mf.activity(title="กิจกรรม 0", results="")
    sf.working_group()
    mf.indicator(code="I0", url="/you-said-we-did/")
    mf.indicator(code="J0", url=activity.get_absolute_url())

    def more_lines():
        for n in range(1, 10):
            activity = mf.activity(title=f"กิจกรรม {n}", results="")
            sf.working_group()
            mf.indicator(code=f"I{n}", url="/you-said-we-did/")
            mf.indicator(code=f"J{n}", url=activity.get_absolute_url())

    login_staff(client, editor)
    # One query per section of lines (next year's plan is the 21st) and one per kind of
    # record citing clauses (listening channels and publications: 23), whatever their
    # number; the evidence index: its items, then one per kind of page they point at (26).
    response = assert_constant_queries(
        client, reverse("staff_todo", args=[2569]), grow=more_lines, at_most=26
    )
    assert response.content.decode().count("กิจกรรม 9") == 1
