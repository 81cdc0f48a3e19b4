"""A citizen on a phone asks to see their personal data from the tracking page,
gets a receipt, and, once an officer has answered in the admin, finds the data
on the tracking page; the request form and the privacy notice pass axe."""

import re

import pytest
from playwright.sync_api import expect

from feedback.models import DataRequest
from tests import factories
from tests.browser.helpers import no_horizontal_scroll
from tests.factories import feedback as fb
from tests.feedback.test_browser import _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_citizen_asks_to_see_their_data_and_finds_the_answer_on_the_tracking_page(
    page_at, axe_check, agency
):
    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    case = fb.case(
        reporter={"name": "นางสาวมาลี ใจงาม", "email": "malee@example.org", "phone": "0812345678"}
    )
    page = page_at("/feedback/track/")
    page.get_by_label("รหัสติดตามเรื่อง").fill(case.tracking_code)
    page.get_by_role("button", name="ค้นหา").click()
    page.wait_for_url("**/feedback/track/*/")
    page.get_by_label("ขอดูข้อมูลส่วนบุคคลของข้าพเจ้า").check()
    page.get_by_role("button", name="ส่งคำขอ").click()
    page.wait_for_url("**/feedback/personal-data/*/")
    request = DataRequest.objects.get()
    expect(page.locator("#data-request-receipt")).to_contain_text(request.reference)
    assert no_horizontal_scroll(page)
    axe_check(page)

    staff_page = page_at("/admin/login/")
    _login(staff_page, officer)
    staff_page.goto(f"/admin/feedback/datarequest/{request.pk}/change/")
    expect(staff_page.locator(".personal-data-held")).to_contain_text("0812345678")
    staff_page.locator("#id_outcome").select_option("done")
    staff_page.locator("#id_answer").fill("ข้อมูลของท่านแสดงในหน้านี้")
    staff_page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(staff_page.locator(".messagelist")).to_be_visible()

    page.get_by_role("link", name="กลับไปที่เรื่องของท่าน").click()
    page.wait_for_url(f"**/feedback/track/{case.pk}/")
    expect(page.locator("#data-requests")).to_contain_text("ดำเนินการแล้ว")
    expect(page.locator("#personal-data dl")).to_contain_text("0812345678")
    assert no_horizontal_scroll(page)
    axe_check(page)


def test_the_request_form_and_the_privacy_notice_pass_axe_on_a_phone(page_at, axe_check, agency):
    page = page_at("/feedback/personal-data/")
    expect(page.get_by_role("heading", level=1)).to_have_text("คำขอเกี่ยวกับข้อมูลส่วนบุคคลของท่าน")
    page.get_by_label("รหัสติดตามเรื่อง").fill("2569-00001-NOSUCH")
    page.get_by_label("ขอแก้ไขข้อมูลส่วนบุคคลของข้าพเจ้า").check()
    page.get_by_role("button", name="ส่งคำขอ").click()
    # Refused (nothing said to correct), the error shown in Thai, the code kept.
    expect(page.locator("#id_details")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("main")).to_contain_text("โปรดระบุว่าข้อมูลใดไม่ถูกต้อง")
    expect(page.locator("#id_code")).to_have_value("2569-00001-NOSUCH")
    assert no_horizontal_scroll(page)
    axe_check(page)
    page.goto("/policies/privacy/")
    expect(page.locator("#personal-data-rights")).to_be_visible()
    axe_check(page)
