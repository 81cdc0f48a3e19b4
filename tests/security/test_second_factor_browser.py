"""A new staff member sets up the second factor on a phone; the pages pass axe."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests import factories
from tests.browser.helpers import no_horizontal_scroll

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_enrolment_and_the_second_step_work_on_a_phone_and_pass_axe(
    page_at,
    axe_check,
    agency,
):
    factories.staff_user(role=factories.roles.TRIAGE_OFFICER, username="triage")
    page = page_at("/admin/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("triage")
    page.get_by_label("รหัสผ่าน").fill(factories.DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.get_by_label("รหัสผ่าน").press("Enter")
    assert page.get_by_role("heading", name="ตั้งค่าการยืนยันตัวตนขั้นที่สอง").is_visible()
    assert page.get_by_role("img", name="คิวอาร์โค้ดสำหรับแอปยืนยันตัวตน").is_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)

    device = TOTPDevice.objects.get(user__username="triage")
    page.get_by_label("รหัส").fill(f"{totp(device.bin_key):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="เชื่อมต่อแอป").click()
    codes = page.locator(".second-factor-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert no_horizontal_scroll(page)
    axe_check(page)

    with page.expect_navigation():
        page.get_by_role("button", name="ออกจากระบบ").click()
    page.goto("/admin/login/")
    page.get_by_label("ชื่อผู้ใช้").fill("triage")
    page.get_by_label("รหัสผ่าน").fill(factories.DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.get_by_label("รหัสผ่าน").press("Enter")
    assert page.get_by_role("heading", name="ยืนยันตัวตนขั้นที่สอง").is_visible()
    page.get_by_label("รหัส").fill("000000")
    with page.expect_navigation():
        page.get_by_role("button", name="ยืนยัน").click()
    assert page.get_by_role("alert").inner_text().startswith("รหัสไม่ถูกต้อง")
    axe_check(page)
    page.get_by_label("รหัส").fill(codes[0])
    with page.expect_navigation():
        page.get_by_role("button", name="ยืนยัน").click()
    assert page.url.endswith("/admin/")
