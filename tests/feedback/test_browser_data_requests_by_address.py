"""A citizen on a phone, without a tracking code, asks to see their personal
data by the e-mail address they gave, opens the link mailed there, confirms,
and gets a receipt covering both their cases; each page passes axe."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from feedback.models import DataRequest
from tests.browser.helpers import no_horizontal_scroll
from tests.factories import feedback as fb

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_citizen_asks_by_address_confirms_the_mailed_link_and_gets_a_receipt(
    page_at, axe_check, agency
):
    cases = [
        fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "email": "malee@example.org"}),
        fb.case(reporter={"name": "มาลี", "email": "Malee@example.org"}),
    ]
    mail.outbox.clear()
    page = page_at("/feedback/personal-data/")
    axe_check(page)
    page.get_by_role("link", name="ยื่นคำขอด้วยที่อยู่อีเมล").click()
    page.wait_for_url("**/feedback/personal-data/by-address/")
    expect(page.get_by_role("heading", level=1)).to_have_text("ยื่นคำขอด้วยที่อยู่อีเมล")
    assert no_horizontal_scroll(page)
    axe_check(page)

    # An address the browser lets through but that cannot be one (no dot in the
    # domain) is refused in Thai, and what was chosen stays.
    page.get_by_label("ที่อยู่อีเมลที่ท่านให้ไว้ในเรื่องร้องเรียน").fill("malee@example")
    page.get_by_label("ขอดูข้อมูลส่วนบุคคลของข้าพเจ้า").check()
    page.get_by_role("button", name="ขอรับลิงก์ทางอีเมล").click()
    expect(page.locator("#id_email")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("main")).to_contain_text("ป้อนที่อยู่อีเมลที่ถูกต้อง")
    expect(page.get_by_label("ขอดูข้อมูลส่วนบุคคลของข้าพเจ้า")).to_be_checked()
    axe_check(page)

    page.get_by_label("ที่อยู่อีเมลที่ท่านให้ไว้ในเรื่องร้องเรียน").fill("malee@example.org")
    page.get_by_role("button", name="ขอรับลิงก์ทางอีเมล").click()
    page.wait_for_url("**/feedback/personal-data/by-address/sent/")
    expect(page.locator("#link-sent")).to_contain_text("เราได้ส่งลิงก์ไปให้แล้ว")
    assert no_horizontal_scroll(page)
    axe_check(page)

    (message,) = mail.outbox
    assert message.to == ["malee@example.org"]
    (link,) = re.findall(r"/feedback/personal-data/confirm/\S+/", message.body)
    page.goto(link)
    expect(page.locator("#data-request-confirm")).to_contain_text("2 เรื่องที่ใช้อีเมลของท่าน")
    assert not DataRequest.objects.exists()
    assert no_horizontal_scroll(page)
    axe_check(page)
    page.get_by_role("button", name="ยืนยันคำขอ").click()
    page.wait_for_url("**/feedback/personal-data/*/")
    request = DataRequest.objects.get()
    receipt = page.locator("#data-request-receipt")
    expect(receipt).to_contain_text(request.reference)
    for case in cases:
        expect(receipt).to_contain_text(case.tracking_number)
    assert no_horizontal_scroll(page)
    axe_check(page)

    # The link is spent: opened in another browser, it says so and offers a new one.
    other = page_at(link)
    expect(other.locator("#link-refused")).to_contain_text("ลิงก์นี้ถูกใช้ไปแล้ว")
    axe_check(other)
