"""An officer typing in a phone call double-clicks "save" while the server is
slow: one case, one register number, and the page shows that case."""

import datetime as dt
import re

import pytest
from django.db import transaction
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import Case, Counter
from tests import factories
from tests.browser.helpers import double_click_sending
from tests.browser.plugin import DESKTOP
from tests.factories import feedback as fb
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_double_click_on_save_records_the_phone_call_once(page_at, agency):
    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    # A case of the same fiscal year, so that its running number's row exists
    # for the test to hold below.
    fb.case(received_at=timezone.make_aware(dt.datetime(2026, 11, 19, 9, 0)))
    page = page_at("/admin/login/", DESKTOP)
    login_staff_in_browser(page, officer, factories.DEFAULT_PASSWORD)

    page.goto("/admin/feedback/case/add/")
    page.locator("#id_stream").select_option(Case.Stream.GENERAL)
    page.locator("#id_channel").select_option(Case.Channel.PHONE)
    page.locator("#id_received_at_0").fill("20/11/2569")
    page.locator("#id_received_at_1").fill("10:30:00")
    page.locator("#id_subject").fill("ผู้ปกครองโทรแจ้งรถรับส่งนักเรียนมาสาย")
    page.locator("#id_details").fill("รถรับส่งนักเรียนโรงเรียนบ้านนาแกมาสายทุกวันจันทร์")
    page.locator("#id_name").fill("นายประเสริฐ ทองดี")
    # The server is slow: the running numbers are held by the test, so the
    # first sending is still on its way when the second click sends the form
    # again, and both reach the server, as on a busy day.
    with transaction.atomic():
        list(Counter.objects.select_for_update())
        double_click_sending(page, page.get_by_role("button", name="บันทึก", exact=True))
    # Whichever sending the browser shows: the one added, or its twin told
    # that the form was recorded once.
    expect(page.locator(".messagelist")).to_contain_text(re.compile("เพิ่ม|บันทึกไปแล้ว"))
    (case,) = Case.objects.filter(channel=Case.Channel.PHONE)
    expect(page.locator("#content")).to_contain_text(case.tracking_number)
    assert case.reporter.name == "นายประเสริฐ ทองดี" and case.recorded_by == officer
