import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.models import Case
from feedback.services import case_reply, case_transition, feedback_statistics
from portal.lib import thai
from tests.factories import feedback as fb
from tests.queries import assert_constant_queries, page_queries

pytestmark = pytest.mark.django_db

TZ = timezone.get_fixed_timezone(7 * 60)


def at(y, m, d, hour=10):
    return dt.datetime(y, m, d, hour, tzinfo=TZ)


@pytest.fixture
def fy2569(agency, triage_officer):
    """An independent tally, written by hand below, of FY 2569 complaints."""
    officer = triage_officer
    # General: 2 in October (1 completed after 4 days, 1 not accepted), 1 in March in progress.
    done = fb.case(received_at=at(2025, 10, 3))
    case_transition(case=done, to="accepted", by=officer)
    case_reply(case=done, by=officer, body="รับเรื่องแล้ว")
    Case.objects.filter(pk=done.pk).update(
        status="completed",
        completed_at=at(2025, 10, 7),
        outcome="แก้ไขแล้ว",
        first_replied_on=dt.date(2025, 10, 5),
    )
    refused = fb.case(received_at=at(2025, 10, 20))
    case_transition(case=refused, to="not_accepted", by=officer, not_accepted_ground="too_vague")
    fb.case(received_at=at(2026, 3, 31, 23))  # still the first half, late at night in Bangkok
    # A suggestion is feedback but not a complaint.
    fb.case(stream=Case.Stream.SUGGESTION, received_at=at(2025, 11, 5))
    # The year before and after do not count.
    fb.case(received_at=at(2025, 9, 30, 23))
    fb.case(received_at=at(2026, 10, 1, 1))
    return thai.FiscalYear(2569)


def test_statistics_match_an_independent_count(fy2569):
    stats = feedback_statistics(period=fy2569.period, today=dt.date(2026, 11, 21))
    general = stats["totals"]["general"]
    assert general["received"] == 3
    assert general["completed"] == 1
    assert general["not_accepted"] == 1
    assert general["in_progress"] == 1
    assert general["median_days_to_close"] == 4.0
    assert general["reported_back_on_time"] == 1 and general["report_back_due"] == 3
    assert stats["totals"]["corruption"]["received"] == 0
    october = stats["months"][0]
    assert october["month"] == dt.date(2025, 10, 1)
    assert october["general"] == {
        "received": 2,
        "completed": 1,
        "in_progress": 0,
        "not_accepted": 1,
    }
    assert stats["months"][5]["general"]["received"] == 1  # March
    assert len(stats["months"]) == 12
    website = next(row for row in stats["by_channel"] if row["key"] == "website")
    assert website["count"] == 4 and website["general"] == 3
    suggestion = next(row for row in stats["by_stream"] if row["key"] == "suggestion")
    assert suggestion["count"] == 1


def test_the_public_page_says_when_a_stream_had_no_complaints(client, fy2569):
    response, _ = page_queries(client, reverse("feedback:statistics_year", args=[2569]))
    html = response.content.decode()
    assert "สถิติเรื่องร้องเรียน ประจำปีงบประมาณ พ.ศ. 2569" in html
    assert html.count("<strong>ไม่มีเรื่องร้องเรียน</strong>") == 1  # corruption only
    assert "เรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in html
    assert "รอบ 6 เดือนแรก (ตุลาคม–มีนาคม)" in html
    assert "ตุลาคม 2568" in html
    assert "ข้อมูล ณ วันที่" in html and "ปรับปรุงล่าสุดเมื่อ" in html


def test_the_page_costs_the_same_queries_with_many_cases(client, fy2569):
    def more_cases():
        for day in range(1, 20):
            fb.corruption_case(received_at=at(2026, 5, day))
            fb.case(received_at=at(2026, 6, day))

    response = assert_constant_queries(
        client, reverse("feedback:statistics_year", args=[2569]), grow=more_cases, at_most=20
    )
    assert "<strong>ไม่มีเรื่องร้องเรียน</strong>" not in response.content.decode()


def test_statistics_redirects_to_the_current_year_and_refuses_the_future(client, agency):
    response = client.get(reverse("feedback:statistics"))
    assert response.status_code == 302
    assert response["Location"].endswith(f"/feedback/statistics/{thai.FiscalYear.current()}/")
    assert client.get(reverse("feedback:statistics_year", args=[2999])).status_code == 404


def test_the_complaint_handling_manual_is_published_with_its_version(client, agency):
    html = client.get(reverse("feedback:manual")).content.decode()
    assert "คู่มือการจัดการเรื่องร้องเรียน" in html
    assert "ฉบับที่ 1" in html
    assert "แจ้งผลแก่ผู้ร้องภายใน 15 วัน" in html
    assert "ศูนย์ดำรงธรรม" in html


def test_a_ground_left_on_a_completed_case_does_not_make_it_not_accepted(
    client, agency, triage_officer
):
    # A ground saved with "accepted" before the workflow refused it.
    case = fb.case(received_at=at(2025, 11, 3))
    Case.objects.filter(pk=case.pk).update(
        status="completed", completed_at=at(2025, 11, 10), not_accepted_ground="too_vague"
    )
    refused = fb.case(received_at=at(2025, 11, 4))
    case_transition(
        case=refused, to="not_accepted", by=triage_officer, not_accepted_ground="too_vague"
    )
    case_transition(case=refused, to="closed", by=triage_officer)

    general = feedback_statistics(period=thai.FiscalYear(2569).period)["totals"]["general"]
    assert (general["completed"], general["not_accepted"], general["in_progress"]) == (1, 1, 0)
    html = client.post(
        reverse("feedback:track"), {"code": case.tracking_code}, follow=True
    ).content.decode()
    assert "ไม่รับไว้พิจารณาเนื่องจาก" not in html
    html = client.post(
        reverse("feedback:track"), {"code": refused.tracking_code}, follow=True
    ).content.decode()
    assert "ไม่รับไว้พิจารณาเนื่องจาก" in html


def test_the_statistics_page_dates_its_figures_truthfully(client, agency):
    case = fb.case()
    year = thai.FiscalYear.of(timezone.localdate())
    html = client.get(reverse("feedback:statistics_year", args=[year.be_year])).content.decode()
    today = thai.display_date(timezone.now(), style="medium")
    assert f"ข้อมูล ณ วันที่ {today}" in html
    changed = thai.display_date(case.updated_at, style="datetime")
    assert f"เรื่องร้องเรียนมีการปรับปรุงล่าสุดเมื่อ: {changed}" in html
    assert "เผยแพร่เมื่อ" not in html  # no longer 1 October dressed up as a publication date


def test_the_printed_statistics_name_the_agency(client, agency):
    html = client.get(reverse("feedback:statistics"), follow=True).content.decode()
    # The site's header, which names the agency on screen, is not printed.
    line = html[html.index('class="d-none d-print-block') :]
    assert line[: line.index("</p>")].endswith(agency.name_th)
