"""Share links and the footer's LINE code on a phone, with axe-core."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from feedback.models import FAQ
from measures.models import Measure
from tests import factories
from tests.browser.helpers import no_horizontal_scroll
from tests.browser.plugin import PHONE
from tests.factories import measures as mf

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_measure_page_shares_and_shows_the_line_code_accessibly(page_at, axe_check, settings):
    settings.SITE_URL = "https://portal.example.go.th"
    factories.agency(line_id="@abc1234")
    measure = mf.measure(status=Measure.Status.PUBLISHED)
    page = page_at(measure.get_absolute_url(), PHONE)
    share = page.get_by_role("region", name="แชร์หน้านี้")
    address = quote(settings.SITE_URL + measure.get_absolute_url(), safe="")
    expect(share.get_by_role("link", name="LINE")).to_have_attribute(
        "href", f"https://social-plugins.line.me/lineit/share?url={address}"
    )
    expect(page.locator("footer").get_by_role("link", name="@abc1234")).to_be_visible()
    expect(
        page.locator("footer").get_by_role("img", name="คิวอาร์โค้ดเพิ่มเพื่อนบัญชี LINE ของหน่วยงาน")
    ).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)


def test_the_faq_opens_each_answer_on_a_phone(page_at, axe_check, agency):
    group = factories.mission_group(name="กลุ่มบริหารงานบุคคล")
    FAQ.objects.create(
        question="ครูขอย้ายต้องยื่นเอกสารอะไรบ้าง",
        answer="ยื่นคำร้องพร้อมสำเนาทะเบียนประวัติ",
        mission_group=group,
        is_published=True,
    )
    page = page_at("/faq/", PHONE)
    expect(page.get_by_role("heading", name="กลุ่มบริหารงานบุคคล")).to_be_visible()
    page.get_by_text("ครูขอย้ายต้องยื่นเอกสารอะไรบ้าง").click()
    expect(page.get_by_text("ยื่นคำร้องพร้อมสำเนาทะเบียนประวัติ")).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)
