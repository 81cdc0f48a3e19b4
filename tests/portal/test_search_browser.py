"""Searching from the header on a phone, in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from measures.models import Clause, Measure
from tests.browser.helpers import no_horizontal_scroll
from tests.browser.plugin import PHONE
from tests.factories import measures as mf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WORD = "ฟ้าครามรุ่งอรุณ"


@pytest.fixture
def measure_with_clause(agency):
    measure = mf.measure(status=Measure.Status.PUBLISHED, title="มาตรการส่งเสริมการมีส่วนร่วม")
    clause = Clause.objects.create(
        measure=measure, position=2, text=f"จัดเวทีรับฟัง{WORD}ของผู้ปกครองทุกภาคเรียน"
    )
    return measure, clause


def test_a_word_only_inside_a_clause_is_found_from_the_header(
    page_at, axe_check, measure_with_clause
):
    measure, clause = measure_with_clause
    page = page_at("/", PHONE)
    page.get_by_role("button", name="เมนู").click()
    page.get_by_role("searchbox", name="ค้นหาในเว็บไซต์นี้").fill(WORD)
    page.get_by_role("searchbox", name="ค้นหาในเว็บไซต์นี้").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("พบ 1 รายการ")
    expect(page.locator(".search-result mark")).to_have_text(WORD)
    assert no_horizontal_scroll(page)
    axe_check(page)
    page.get_by_role("link", name=measure.title).click()
    expect(page).to_have_url(re.compile(rf"{measure.get_absolute_url()}#clause-{clause.pk}$"))
    expect(page.locator(f"#clause-{clause.pk}")).to_contain_text(WORD)


def test_nothing_found_points_to_the_inbox(page_at, axe_check, agency):
    page = page_at(f"/search/?q={WORD}", PHONE)
    expect(page.get_by_role("status")).to_contain_text("พบ 0 รายการ")
    expect(page.get_by_role("link", name="แสดงความคิดเห็น / ร้องเรียน").first).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)
