"""Seed 003 §4: an opinion summary per mission group, on the public
statistics page (the report's table is checked in tests/report/test_build.py)."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from feedback.models import Case
from feedback.services import feedback_by_mission_group
from portal.lib import thai
from tests import factories
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(agency):
    return {
        key: factories.mission_group(name=name, position=n)
        for n, (key, name) in enumerate(
            [("finance", "กลุ่มบริหารงานการเงิน"), ("law", "กลุ่มกฎหมายและคดี"), ("quiet", "กลุ่มที่ไม่มีเรื่อง")]
        )
    }


@pytest.fixture
def year_of_cases(groups):
    """By hand: finance hears 2 suggestions (one named by the citizen, one assigned
    after the citizen named law) and 1 completed complaint; law 1 question; a
    corruption report about law is not counted per group; 1 case names no group."""
    finance, law = groups["finance"], groups["law"]
    day = factories.moment(dt.date(2025, 12, 1))
    fb.case_received(stream=Case.Stream.SUGGESTION, mission_group=finance, received_at=day)
    fb.case_received(
        stream=Case.Stream.SUGGESTION, mission_group=law, assigned_group=finance, received_at=day
    )
    fb.case_received(
        mission_group=finance,
        status=Case.Status.COMPLETED,
        completed_at=factories.moment(dt.date(2025, 12, 5)),
        received_at=day,
    )
    fb.case_received(stream=Case.Stream.QUESTION, assigned_group=law, received_at=day)
    fb.case_received(stream=Case.Stream.CORRUPTION, mission_group=law, received_at=day)
    fb.case_received(stream=Case.Stream.COMPLIMENT, received_at=day)
    # The year before does not count.
    fb.case_received(mission_group=law, received_at=factories.moment(dt.date(2025, 9, 30)))
    return thai.FiscalYear(2569)


def test_each_group_counts_what_it_was_assigned_or_named(groups, year_of_cases):
    table = feedback_by_mission_group(period=year_of_cases)
    rows = {row["name"]: row for row in table["rows"]}
    assert list(rows) == ["กลุ่มบริหารงานการเงิน", "กลุ่มกฎหมายและคดี", "กลุ่มที่ไม่มีเรื่อง"]
    finance = rows["กลุ่มบริหารงานการเงิน"]
    assert finance["received"] == 3
    assert finance["streams"] == {"general": 1, "suggestion": 2, "compliment": 0, "question": 0}
    assert (finance["completed"], finance["in_progress"]) == (1, 2)
    law = rows["กลุ่มกฎหมายและคดี"]
    assert law["received"] == 1 and law["streams"]["question"] == 1
    assert rows["กลุ่มที่ไม่มีเรื่อง"]["received"] == 0
    assert table["unassigned"]["received"] == 1
    assert table["unassigned"]["streams"]["compliment"] == 1
    assert table["total"]["received"] == 5  # 6 cases in the year, less the corruption report
    assert "corruption" not in table["total"]["streams"]


def test_the_public_page_shows_the_groups_and_says_when_one_heard_nothing(
    client, groups, year_of_cases
):
    response = client.get(reverse("feedback:statistics_year", args=[2569]))
    html = response.content.decode()
    assert response.status_code == 200
    section = html[html.index('id="by-mission-group"') : html.index('id="by-category"')]
    assert "จำแนกตามกลุ่มงาน" in section
    row = re.search(r"<tr><th scope=\"row\">กลุ่มบริหารงานการเงิน</th>(.*?)</tr>", section, re.S)
    cells = re.findall(r'<td class="text-end">(\d+)</td>', row.group(1))
    # all, general, suggestion, compliment, question, completed, in progress, not accepted
    assert cells == ["3", "1", "2", "0", "0", "1", "2", "0"]
    quiet = re.search(r"กลุ่มที่ไม่มีเรื่อง</th>(.*?)</tr>", section, re.S).group(1)
    assert "ไม่มีเรื่องที่ได้รับ" in quiet
    assert "ไม่ระบุกลุ่มงาน" in section
    total = re.search(r"<tfoot.*?</tfoot>", section, re.S).group(0)
    assert re.findall(r'<td class="text-end">(\d+)</td>', total)[0] == "5"


def test_the_groups_are_read_from_the_stored_tallies_whatever_the_number_of_cases(
    groups, year_of_cases
):
    from feedback import tallies
    from tests.queries import call_queries

    tallies.recount_period(year_of_cases.period)
    _table, few = call_queries(lambda: feedback_by_mission_group(period=year_of_cases))
    for _ in range(30):
        fb.case_received(
            mission_group=groups["law"], received_at=factories.moment(dt.date(2026, 2, 3))
        )
    tallies.recount_period(year_of_cases.period)

    table, many = call_queries(lambda: feedback_by_mission_group(period=year_of_cases))

    assert many == few <= 2  # the year's tallies, the groups
    rows = {row["name"]: row for row in table["rows"]}
    assert rows["กลุ่มกฎหมายและคดี"]["received"] == 1 + 30


def test_a_case_given_to_another_group_moves_in_the_stored_figures(groups, year_of_cases):
    from feedback import tallies

    tallies.recount_period(year_of_cases.period)
    question = Case.objects.get(stream=Case.Stream.QUESTION)
    question.assigned_group = groups["finance"]
    question.save(update_fields=["assigned_group"])

    rows = {row["name"]: row for row in feedback_by_mission_group(period=year_of_cases)["rows"]}

    assert rows["กลุ่มบริหารงานการเงิน"]["received"] == 4
    assert rows["กลุ่มกฎหมายและคดี"]["received"] == 0
