"""A triage officer, on a phone and at a desk, records a request to see personal
data that came at the counter: types the day in the Buddhist Era, finds the
case by the caller's name in the autocomplete, saves; the page passes axe."""

import re

import pytest
from django.db import transaction
from playwright.sync_api import expect

from feedback.models import Case, DataRequest
from tests import factories
from tests.browser.helpers import WCAG_22_AA_AND_BEST_PRACTICE as STRICT
from tests.browser.helpers import double_click_sending
from tests.browser.plugin import DESKTOP, PHONE
from tests.factories import feedback as fb
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    "width", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
)
def test_an_officer_records_a_counter_request_finding_the_case_by_name(
    page_at, axe_check, agency, width
):
    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    case = fb.case(reporter={"name": "นางสาวบุษบา ทองคำ", "phone": "0812345678"})
    fb.case(reporter={"name": "นายอื่น ไม่เกี่ยว"})
    page = page_at("/admin/login/", width)
    login_staff_in_browser(page, officer, factories.DEFAULT_PASSWORD)

    page.goto("/admin/feedback/datarequest/add/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("คำขอเกี่ยวกับข้อมูลส่วนบุคคล")
    axe_check(page, tags=STRICT)
    page.locator("#id_received_on").fill("01/12/2569")
    page.locator("#id_channel").select_option("counter")
    page.locator("#id_kind").select_option("see")
    page.locator("#id_requester_name").fill("นางสาวบุษบา ทองคำ")
    page.locator("#id_identity_check").fill("แสดงบัตรประจำตัวประชาชนที่จุดบริการ")
    page.locator(".field-cases .select2-selection").click()
    page.locator(".field-cases .select2-search__field").fill("บุษบา")
    option = page.locator(".select2-results__option", has_text=case.tracking_number)
    expect(option).to_have_count(1)
    expect(page.locator(".select2-results__option")).to_have_count(1)
    option.click()
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("เพิ่ม")

    request = DataRequest.objects.get()
    assert list(request.cases.all()) == [case]
    assert request.channel == "counter" and request.recorded_by == officer
    assert str(request.due_on) == "2026-12-31"


def test_a_double_click_on_save_records_the_request_once(page_at, agency):
    """The server is slow (the case row is held by the test), so the first
    click's sending is still on its way when the second click sends the form
    again: both reach the server, as on a busy day."""
    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    case = fb.case(reporter={"name": "นายกดสอง ครั้งเดียว"})
    page = page_at("/admin/login/", DESKTOP)
    login_staff_in_browser(page, officer, factories.DEFAULT_PASSWORD)

    page.goto(f"/admin/feedback/datarequest/add/?cases={case.pk}")
    page.locator("#id_channel").select_option("paper")
    page.locator("#id_kind").select_option("erase")
    page.locator("#id_requester_name").fill("นายกดสอง ครั้งเดียว")
    page.locator("#id_identity_check").fill("สำเนาบัตรลงลายมือชื่อแนบมากับแบบฟอร์ม")
    expect(page.locator(".field-cases select option:checked")).to_have_count(1)
    with transaction.atomic():
        Case.objects.select_for_update().get(pk=case.pk)
        double_click_sending(page, page.get_by_role("button", name="บันทึก", exact=True))
    # Whichever sending the browser shows: the one added, or its twin told
    # that it was recorded once.
    expect(page.locator(".messagelist")).to_contain_text(re.compile("เพิ่ม|ไม่ได้บันทึกซ้ำ"))
    (request,) = DataRequest.objects.all()
    expect(page.locator("#content")).to_contain_text(request.reference)
    assert list(request.cases.all()) == [case] and request.kind == "erase"
