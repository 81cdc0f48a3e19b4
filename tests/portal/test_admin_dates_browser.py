"""The admin's calendar and its "Today" shortcut write Buddhist-Era dates, and
a date typed in the Buddhist Era opens the calendar on its own month."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Holiday
from portal.lib import thai
from tests import factories
from tests.browser.plugin import DESKTOP
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _be(day):
    return f"{day.day:02d}/{day.month:02d}/{thai.to_be(day.year)}"


def test_the_calendar_and_the_today_shortcut_write_the_buddhist_era(page_at, administrator):
    page = page_at("/admin/", DESKTOP)
    login_staff_in_browser(page, administrator, factories.DEFAULT_PASSWORD)
    page.goto("/admin/feedback/holiday/add/")
    box = page.locator("#id_date")

    # The day in Bangkok before and after the click: the test may straddle midnight.
    before = timezone.localdate()
    page.get_by_role("button", name="วันนี้").click()
    after = timezone.localdate()
    expect(box).to_have_value(_be(before) if before == after else _be(after))

    box.fill("29/02/2567")
    page.locator(".date-icon").first.click()
    calendar = page.locator(".calendarbox").first
    expect(calendar.locator("caption")).to_have_text("กุมภาพันธ์ 2567")
    expect(calendar.locator("td.selected")).to_have_text("29")
    # Its days are named in the Buddhist Era for screen readers too.
    calendar.get_by_role("button", name="15 กุมภาพันธ์ 2567", exact=True).click()
    expect(box).to_have_value("15/02/2567")

    page.locator("#id_name").fill("วันหยุดทดสอบปฏิทิน")
    with page.expect_navigation():
        page.locator("input[name=_save]").click()
    assert Holiday.objects.get(name="วันหยุดทดสอบปฏิทิน").date == dt.date(2024, 2, 15)
