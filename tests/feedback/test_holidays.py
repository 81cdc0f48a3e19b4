"""A holiday added, moved or removed in the admin moves the deadlines of the open
cases it falls inside, when days are counted as working days."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.deadlines import holiday_deadlines_move
from feedback.follow_up import case_resolution_answer
from feedback.models import Case, FeedbackSettings, Holiday
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

FRIDAY = dt.datetime(2026, 4, 10, 10, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))


@pytest.fixture
def working_days(agency):
    FeedbackSettings.objects.filter(pk=1).delete()
    FeedbackSettings.objects.create(
        day_count=FeedbackSettings.DayCount.WORKING, report_back_days=5, resolve_days_general=10
    )


def _deadlines(case):
    case.refresh_from_db()
    return case.report_back_due_on, case.resolve_due_on


def test_a_holiday_added_inside_the_span_moves_the_deadlines_and_removing_it_moves_them_back(
    client, working_days, administrator
):
    case = fb.case(received_at=FRIDAY)
    # Five working days from Friday 10 April: 13–17 April; ten: to Friday 24 April.
    assert _deadlines(case) == (dt.date(2026, 4, 17), dt.date(2026, 4, 24))
    login_staff(client, administrator)
    response = admin_post(
        client, reverse("admin:feedback_holiday_add"), date="15/04/2569", name="วันสงกรานต์"
    )
    assert "กำหนดเวลาของเรื่องที่ยังไม่เสร็จ 1 เรื่องเลื่อนแล้ว" in response.content.decode()
    assert _deadlines(case) == (dt.date(2026, 4, 20), dt.date(2026, 4, 27))
    # The officer can see why in the case's history.
    assert case.history.first().history_change_reason == "เลื่อนกำหนดเวลาตามวันหยุดที่เปลี่ยน"

    holiday = Holiday.objects.get()
    client.post(reverse("admin:feedback_holiday_delete", args=[holiday.pk]), {"post": "yes"})
    assert _deadlines(case) == (dt.date(2026, 4, 17), dt.date(2026, 4, 24))


def test_only_open_cases_whose_span_holds_the_day_move(working_days, officer_and_group):
    officer, group = officer_and_group
    inside, finished, later = (fb.case(received_at=FRIDAY) for _ in range(3))
    fb.case_complete(finished, officer=officer, group=group)
    Case.objects.filter(pk=later.pk).update(received_at=FRIDAY + dt.timedelta(days=7))
    before = {c.pk: _deadlines(c) for c in (finished, later)}
    Holiday.objects.create(date=dt.date(2026, 4, 15), name="วันหยุดพิเศษ")
    assert holiday_deadlines_move(day=dt.date(2026, 4, 15)) == 1
    assert _deadlines(inside) == (dt.date(2026, 4, 20), dt.date(2026, 4, 27))
    assert {c.pk: _deadlines(c) for c in (finished, later)} == before


def test_calendar_days_are_not_moved_by_holidays(agency):
    case = fb.case(received_at=FRIDAY)
    before = _deadlines(case)
    Holiday.objects.create(date=dt.date(2026, 4, 15), name="วันสงกรานต์")
    assert holiday_deadlines_move(day=dt.date(2026, 4, 15)) == 0
    assert _deadlines(case) == before


def test_a_reopened_case_keeps_counting_its_resolution_from_the_reopening(
    working_days, officer_and_group
):
    officer, group = officer_and_group
    case = fb.case(received_at=timezone.now() - dt.timedelta(days=3))
    fb.case_complete(case, officer=officer, group=group)
    case_resolution_answer(case=case, resolved=False, reason="ยังไม่ได้ซ่อม")
    _report_back, resolve = _deadlines(case)
    day = timezone.localdate() + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    Holiday.objects.create(date=day, name="วันหยุดพิเศษ")
    holiday_deadlines_move(day=day)
    assert _deadlines(case)[1] > resolve
    assert _deadlines(case)[1] - resolve <= dt.timedelta(days=3)


@pytest.fixture
def officer_and_group(db):
    from tests import factories

    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER, username="officer_h")
    return officer, factories.mission_group(name="กลุ่มอำนวยการ")


def test_a_fiscal_years_official_holidays_load_in_one_step_keeping_what_staff_wrote(
    client, working_days, administrator
):
    Holiday.objects.create(date=dt.date(2026, 4, 13), name="สงกรานต์ (ตามประกาศจังหวัด)")
    case = fb.case(received_at=FRIDAY)
    login_staff(client, administrator)
    page = client.get(reverse("admin:feedback_holiday_changelist"))
    assert reverse("admin:feedback_holiday_load") in page.content.decode()
    response = admin_post(client, reverse("admin:feedback_holiday_load"), fiscal_year="2569")
    html = response.content.decode()
    added = Holiday.objects.count() - 1
    assert f"เพิ่มวันหยุดของปีงบประมาณ 2569 แล้ว {added} วัน" in html
    names = dict(Holiday.objects.values_list("date", "name"))
    # Substitute and bridge days of FY 2569 (1 Oct 2025 – 30 Sep 2026) come with it.
    assert names[dt.date(2026, 6, 1)] == "ชดเชยวันวิสาขบูชา"
    assert names[dt.date(2026, 1, 2)] == "วันหยุดพิเศษ (เพิ่มเติม)"
    assert names[dt.date(2026, 4, 13)] == "สงกรานต์ (ตามประกาศจังหวัด)"
    assert min(names) >= dt.date(2025, 10, 1) and max(names) <= dt.date(2026, 9, 30)
    # 13 April (staff's) was counted already; 14 and 15 April now are too:
    # working days 16, 17, 20, 21, 22 … 29 April.
    assert _deadlines(case) == (dt.date(2026, 4, 22), dt.date(2026, 4, 29))
    again = admin_post(client, reverse("admin:feedback_holiday_load"), fiscal_year="2569")
    assert "เพิ่มวันหยุดของปีงบประมาณ 2569 แล้ว 0 วัน" in again.content.decode()


def test_only_those_who_may_add_holidays_load_them(client, agency, director):
    login_staff(client, director)
    assert (
        client.post(reverse("admin:feedback_holiday_load"), {"fiscal_year": "2569"}).status_code
        == 403
    )
    assert not Holiday.objects.exists()
