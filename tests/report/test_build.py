import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.models import Activity, EvidenceFile
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from tests import factories
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.report.conftest import MONTHS


def test_every_figure_matches_an_independent_count(generated_year):
    expect = generated_year
    data = annual_report_build(fiscal_year=2569)

    assert [row["title"] for row in data.measures["rows"]] == expect["measures"]

    assert data.summary["activities_total"] == expect["activities_total"]
    by_level = {row["key"]: row["count"] for row in data.summary["activities_by_level"]}
    assert by_level == {level: expect["levels"][level] for level in Activity.Level.values}
    by_group = {row["label"]: row["count"] for row in data.summary["participants_by_group"]}
    assert by_group == dict(expect["participants"])
    assert data.summary["participants_total"] == sum(expect["participants"].values())
    listed = sum(
        len(level["activities"]) for g in data.activities["groups"] for level in g["levels"]
    )
    assert listed == expect["activities_total"]

    assert data.summary["feedback_received"] == expect["received"]
    assert data.summary["feedback_closed"] == expect["closed"]
    # Cases not accepted are closed but were not completed (the recount of FY 2569).
    assert data.summary["feedback_completed"] == expect["completed"]
    assert expect["completed"] < expect["closed"]
    for stream in data.feedback["streams"]:
        months = expect["monthly"][stream["key"]]
        assert [m["month"] for m in stream["months"]] == MONTHS
        for row in stream["months"]:
            counted = months[row["month"]]
            assert row["received"] == counted["received"]
            assert row["completed"] == counted["completed"]
            assert row["not_accepted"] == counted["not_accepted"]
            assert row["in_progress"] == counted["in_progress"]
        assert stream["totals"]["median_days_to_close"] == expect["median_days"][stream["key"]]
    assert data.feedback["reported_back_share"] == expect["reported_back_share"]
    # Seed 003 §4: what each mission group heard (corruption reports left out).
    table = data.feedback["by_mission_group"]
    assert [str(label) for label in table["streams"]] == [
        "ร้องเรียนทั่วไป/การให้บริการ",
        "ข้อเสนอแนะ",
        "ชมเชย",
        "สอบถาม",
    ]
    for row in table["rows"]:
        counted = expect["by_mission_group"][None if row["name"] == "ไม่ระบุกลุ่มงาน" else row["name"]]
        assert row["received"] == counted["received"]
        assert row["streams"] == [
            counted[k] for k in ("general", "suggestion", "compliment", "question")
        ]
        assert (row["completed"], row["in_progress"], row["not_accepted"]) == (
            counted["completed"],
            counted["in_progress"],
            counted["not_accepted"],
        )
    heard = {row["name"] for row in table["rows"] if row["received"]}
    assert heard == {"กลุ่มนโยบาย", "กลุ่มนิเทศ", "ไม่ระบุกลุ่มงาน"}
    assert table["total"]["received"] == sum(
        c["received"] for c in expect["by_mission_group"].values()
    )

    surveys = {row["title"]: row for row in data.surveys["rows"]}
    assert set(surveys) == set(expect["surveys"])
    for title, counted in expect["surveys"].items():
        row = surveys[title]
        assert row["n"] == counted["n"]
        assert row["overall"]["mean"] == pytest.approx(counted["mean"], abs=0.005)
        assert row["overall"]["sd"] == pytest.approx(counted["sd"], abs=0.005)
        assert row["overall"]["top2_share"] == pytest.approx(counted["top2"], abs=0.05)
        assert row["dimensions"][0]["mean"] == pytest.approx(
            counted["first_dimension_mean"], abs=0.005
        )

    (group,) = data.working_groups["rows"]
    assert group["members_total"] == 3
    assert group["meetings"] == expect["working_group"]["meetings"]
    assert group["quorum_met"] == expect["working_group"]["quorum_met"]
    assert group["attendance_rate"] == expect["working_group"]["attendance_rate"]

    assert data.summary["improvements_total"] == expect["improvements"]["total"]
    assert data.summary["improvements_done"] == expect["improvements"]["done"]


def build_queries():
    with CaptureQueriesContext(connection) as queries:
        annual_report_build(fiscal_year=2569)
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_records(agency):
    group = mf.stakeholder_group()
    mf.activity(participants=[(group, 3)])
    fb.case_received()
    sf.survey_answered(scores_by_response=[[5, 4]])
    sf.working_group_with_meetings(members=[group], meetings=[(dt.date(2025, 12, 1), [True])])
    mf.improvement()
    few = build_queries()
    for _ in range(5):
        mf.activity(participants=[(group, 3), (mf.stakeholder_group(), 2)])
        fb.case_received()
        sf.survey_answered(scores_by_response=[[5, 4], [3, 2]])
        sf.working_group_with_meetings(members=[group], meetings=[(dt.date(2025, 12, 1), [True])])
        mf.improvement()
    assert build_queries() == few


def test_a_year_without_records_still_gives_a_complete_report_that_says_so(agency):
    data = annual_report_build(fiscal_year=2569)
    html = annual_report_render_html(data)
    assert "ไม่มีเรื่องร้องเรียน" in html
    assert "ไม่มีกิจกรรมการมีส่วนร่วม" in html
    assert "ไม่มีการสำรวจความพึงพอใจ" in html
    assert "ไม่มีคณะทำงาน" in html
    assert "ไม่มีมาตรการ" in html
    assert html.count('class="report-section') == 9


def test_the_half_year_report_counts_october_to_march_only(agency):
    mf.activity(held_on=dt.date(2026, 3, 31))
    mf.activity(held_on=dt.date(2026, 4, 1))
    fb.case_received(received_at=factories.moment(dt.date(2026, 3, 31), hour=23))
    fb.case_received(received_at=factories.moment(dt.date(2026, 4, 1), hour=0))
    half = annual_report_build(fiscal_year=2569, half=True)
    whole = annual_report_build(fiscal_year=2569)
    assert (half.summary["activities_total"], whole.summary["activities_total"]) == (1, 2)
    assert (half.summary["feedback_received"], whole.summary["feedback_received"]) == (1, 2)
    assert len(half.feedback["streams"][0]["months"]) == 6
    assert half.period_end == dt.date(2026, 3, 31)
    assert "รอบ ๖ เดือน" in half.title


def test_thai_digits_are_an_option_of_the_report(agency):
    from portal.report.models import AnnualReport

    mf.activity()
    AnnualReport.objects.create(fiscal_year=2569, thai_digits=False)
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))
    assert "1 ตุลาคม พ.ศ. 2568" in html
    AnnualReport.objects.filter(fiscal_year=2569).update(thai_digits=True)
    html = annual_report_render_html(annual_report_build(fiscal_year=2569))
    assert "๑ ตุลาคม พ.ศ. ๒๕๖๘" in html


def test_each_survey_item_has_its_own_figures_under_its_dimension(agency):
    from surveys.models import Answer, Item

    survey = sf.survey_answered(scores_by_response=[[5, 4], [3, 2], [4, None]])
    dimension = survey.dimensions.order_by("position").first()
    extra = Item.objects.create(dimension=dimension, text="ข้อ ความรวดเร็ว", position=2)
    for response, score in zip(survey.responses.order_by("pk"), [1, 2, 5], strict=True):
        Answer.objects.create(response=response, item=extra, score=score)

    data = annual_report_build(fiscal_year=2569)
    (row,) = data.surveys["rows"]
    first, second = row["dimensions"]
    assert [i["label"] for i in first["items"]] == ["ด้านกระบวนการ ข้อ 1", "ข้อ ความรวดเร็ว"]
    fast = first["items"][1]
    assert (fast["n"], fast["mean"], fast["sd"]) == (3, 2.67, 2.08)
    assert (fast["band"], fast["percent"], fast["top2_share"]) == ("ปานกลาง", 53.33, 33.33)
    assert (first["items"][0]["mean"], first["items"][0]["top2_share"]) == (4.0, 66.67)
    assert first["mean"] == 3.33  # the dimension pools its items' answers
    assert [i["mean"] for i in second["items"]] == [3.0]
    html = annual_report_render_html(data)
    assert "ข้อ ความรวดเร็ว" in html


@pytest.mark.parametrize(
    ("half", "lines"),
    [
        (
            False,
            [
                "รายงานผลการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสีย",
                "มีส่วนร่วมในการดำเนินงาน",
                "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
            ],
        ),
        (
            True,
            [
                "รายงานผลการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสีย",
                "มีส่วนร่วมในการดำเนินงาน",
                "รอบ ๖ เดือน (๑ ตุลาคม – ๓๑ มีนาคม)",
                "ประจำปีงบประมาณ พ.ศ. ๒๕๖๙",
            ],
        ),
    ],
)
def test_the_cover_title_breaks_between_phrases_never_inside_a_compound(agency, half, lines):
    data = annual_report_build(fiscal_year=2569, half=half)
    assert data.title_lines == lines
    html = annual_report_render_html(data)
    assert "".join(f'<span class="title-line">{line}</span>' for line in lines) in html


def test_the_report_shows_the_small_preview_of_each_photo(agency, settings):
    activity = mf.activity()
    EvidenceFile.objects.create(
        activity=activity,
        file="evidence/2026/01/original.jpg",
        preview="evidence/2026/01/preview.jpg",
        caption="เวทีประชาคม",
    )
    EvidenceFile.objects.create(
        activity=activity, file="evidence/2026/01/older.jpg", caption="ก่อนมีภาพย่อ", position=1
    )
    data = annual_report_build(fiscal_year=2569)
    (shown,) = [
        a for g in data.activities["groups"] for lv in g["levels"] for a in lv["activities"]
    ]
    assert [p["src"] for p in shown["photos"]] == [
        f"{settings.MEDIA_URL}evidence/2026/01/preview.jpg",
        f"{settings.MEDIA_URL}evidence/2026/01/older.jpg",  # from before previews: the file
    ]


def test_each_photo_in_the_report_says_when_and_where_it_was_taken(agency):
    activity = mf.activity()
    EvidenceFile.objects.create(
        activity=activity,
        file="evidence/2026/01/original.jpg",
        caption="เวทีประชาคม",
        taken_at=dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        place="หอประชุมอำเภอ",
    )

    html = annual_report_render_html(annual_report_build(fiscal_year=2569))

    # The report prints Thai digits throughout.
    assert "เวทีประชาคม" in html and "๑๕ ม.ค. ๒๕๖๙ ๐๙:๓๐ น. · หอประชุมอำเภอ" in html
