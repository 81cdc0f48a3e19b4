"""A citizen follows a complaint to the end on a phone: the officer completes it,
the citizen says it was not fixed, the officer sees it reopened in the admin and
completes it again, the citizen confirms it fixed and rates the handling, and the
rating appears in the statistics."""

import pytest
from playwright.sync_api import expect

from feedback.models import Case
from feedback.services import case_transition
from portal.lib import thai
from tests import factories
from tests.browser.helpers import no_horizontal_scroll
from tests.factories import feedback as fb
from tests.feedback.test_browser import _login

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CERTIFY = "ข้าพเจ้าขอรับรองว่าข้อเท็จจริงที่แจ้งเป็นความจริงทุกประการ"
REASON = "ไฟยังดับอยู่ทุกคืน ช่างมาเปลี่ยนหลอดแล้วแต่สายไฟขาด"


def _file_a_complaint(page):
    page.goto("/feedback/?accepted=1")
    page.locator("#id_subject").fill("ไฟส่องสว่างหน้าโรงเรียนดับ")
    page.locator("#id_details").fill("ไฟถนนหน้าโรงเรียนบ้านนาแกดับมาหนึ่งเดือน เด็กเดินกลับบ้านมืด")
    page.get_by_label(CERTIFY).check()
    page.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัว", exact=False).check()
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.wait_for_url("**/feedback/receipt/**")
    return page.locator("#tracking-code").inner_text().strip()


def _look_up(page, code):
    page.goto("/feedback/track/")
    page.get_by_label("รหัสติดตามเรื่อง").fill(code)
    page.get_by_role("button", name="ค้นหา").click()
    page.wait_for_url("**/feedback/track/*/")


def test_a_citizen_says_not_fixed_then_fixed_and_rates_the_handling(
    page_at,
    axe_check,
    agency,
    mission_group,
):
    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    page = page_at("/")
    code = _file_a_complaint(page)
    expect(page.locator(".receipt-qr svg")).to_be_visible()  # the receipt's QR code
    assert no_horizontal_scroll(page)
    axe_check(page)
    case = Case.objects.get()
    fb.case_complete(case, officer=officer, group=mission_group, outcome="เปลี่ยนหลอดไฟใหม่แล้ว")

    _look_up(page, code)
    expect(page.locator("#case-stage")).to_have_text("ดำเนินการแล้วเสร็จ")
    expect(page.get_by_text("เปลี่ยนหลอดไฟใหม่แล้ว")).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)
    page.get_by_label("ยังไม่ได้รับการแก้ไข", exact=True).check()
    page.get_by_label("หากยังไม่ได้รับการแก้ไข ยังมีปัญหาอะไรอยู่").fill(REASON)
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.locator(".messages")).to_contain_text("เปิดเรื่องของท่านอีกครั้ง")
    expect(page.locator("#case-stage")).to_have_text("กำลังดำเนินการ")
    expect(page.locator(".case-timeline")).to_contain_text(REASON)
    axe_check(page)

    staff_page = page_at("/admin/login/")
    _login(staff_page, officer)
    staff_page.goto("/admin/feedback/case/?reopened=yes")
    staff_page.get_by_role("link", name=case.subject).click()
    expect(staff_page.get_by_text(REASON)).to_be_visible()
    expect(staff_page.locator(".fieldBox.field-status .readonly")).to_have_text("กำลังดำเนินการ")

    case.refresh_from_db()
    case_transition(case=case, to=Case.Status.COMPLETED, by=officer, outcome="เดินสายไฟใหม่แล้ว")

    page.reload()
    expect(page.get_by_text("เดินสายไฟใหม่แล้ว")).to_be_visible()
    page.get_by_label("ได้รับการแก้ไขแล้ว", exact=True).check()
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.locator(".messages")).to_contain_text("ขอบคุณที่ยืนยัน")
    page.get_by_role("group", name="ท่านพึงพอใจต่อการดำเนินการเรื่องของท่านในระดับใด").get_by_label(
        "มากที่สุด", exact=True
    ).check()
    page.get_by_label("ความคิดเห็นเพิ่มเติม (ไม่บังคับ)").fill("รวดเร็วดี")
    page.get_by_role("button", name="ส่งผลการประเมิน").click()
    expect(page.locator("#rating-given")).to_contain_text("มากที่สุด (5 จาก 5)")
    assert no_horizontal_scroll(page)
    axe_check(page)

    page.goto(f"/feedback/statistics/{thai.FiscalYear.current().be_year}/")
    general = page.locator("#follow-up-table tbody tr").filter(has_text="ร้องเรียนทั่วไป")
    cells = general.locator("td").all_inner_texts()
    # Reopened cases, reopenings, confirmed, ratings, mean.
    assert cells[:5] == ["1", "1", "1", "1", "5.00"]
    assert no_horizontal_scroll(page)
    axe_check(page)


def test_the_link_in_a_mail_fills_the_code_in_and_leaves_no_code_in_the_address_bar(
    page_at, agency, settings
):
    case = fb.case()
    page = page_at(case.tracking_link.removeprefix(settings.SITE_URL))
    expect(page.get_by_label("รหัสติดตามเรื่อง")).to_have_value(case.tracking_code)
    assert "#" not in page.url and case.pin not in page.url
    page.get_by_role("button", name="ค้นหา").click()
    page.wait_for_url(f"**/feedback/track/{case.pk}/")
    expect(page.locator("#case-stage")).to_be_visible()
