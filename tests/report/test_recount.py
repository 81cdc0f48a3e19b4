"""The errors an independent recount of the FY 2569 report found, each held
by a test that fails on the old behaviour."""

import datetime as dt

from feedback.models import FeedbackSettings
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from tests.factories import measures as mf
from tests.factories import surveys as sf


def report_html():
    return annual_report_render_html(annual_report_build(fiscal_year=2569))


def test_a_percentage_is_rounded_once_for_print(agency):
    # 1 of 22 seats taken: 4.5454…% prints 4.55 %, never 4.6 % (4.545 rounded again).
    group = mf.stakeholder_group()
    sf.working_group_with_meetings(
        name="คณะทำงานที่ประชุมน้อย",
        members=[group] * 22,
        meetings=[(dt.date(2025, 12, 1), [True] + [False] * 21)],
    )
    # 1 of 22 answer sheets gives 4 or 5: the share answering 4–5 is 4.5454…%.
    sf.survey_answered(title="สำรวจหนึ่งในยี่สิบสอง", scores_by_response=[[5, 5]] + [[1, 1]] * 21)
    html = report_html()

    assert "๔.๕๕%" in html
    assert "๔.๖%" not in html


def test_only_rounds_whose_results_are_public_are_printed(agency):
    sf.survey_answered(title="สำรวจที่เปิดเผยผล", scores_by_response=[[5, 4]])
    sf.survey_answered(
        title="สำรวจภายในไม่เปิดเผยผล", results_public=False, scores_by_response=[[2, 2]]
    )
    data = annual_report_build(fiscal_year=2569)

    assert [row["title"] for row in data.surveys["rows"]] == ["สำรวจที่เปิดเผยผล"]
    assert data.summary["satisfaction_n"] == 1
    assert "สำรวจภายในไม่เปิดเผยผล" not in annual_report_render_html(data)


def test_the_report_back_label_follows_the_configured_days(agency):
    config = FeedbackSettings.objects.current()
    config.report_back_days = 7
    config.day_count = FeedbackSettings.DayCount.WORKING
    config.save()

    html = report_html()

    assert "แจ้งผลแก่ผู้ร้องภายใน ๗ วันทำการ" in html
    assert "ภายใน ๑๕ วัน" not in html
