"""A triage officer on a phone pages the case list past the count's cap by
"next" (portal.lib.admin_count, issue 16): each page holds the cases the
list's order puts there, the last has no "next", "previous" goes back, and the
pagination bar fits the screen and passes axe (WCAG 2.2 target size too)."""

import pytest
from playwright.sync_api import expect

from feedback.admin.case import CaseAdmin
from feedback.models import Case
from portal.lib.admin_count import CountUpTo
from tests import factories
from tests.browser.helpers import WCAG_22_AA_AND_BEST_PRACTICE, no_horizontal_scroll
from tests.browser.plugin import PHONE
from tests.factories import feedback as fb
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LIST = "/admin/feedback/case/"


def test_an_officer_on_a_phone_pages_past_the_cap_by_next(
    page_at, axe_check, agency, triage_officer, monkeypatch
):
    # 1 000 counted, 25 a page, in small: counted up to 4, 3 a page.
    monkeypatch.setattr(CountUpTo, "cap", 4)
    monkeypatch.setattr(CaseAdmin, "list_per_page", 3)
    monkeypatch.setattr(CaseAdmin, "list_max_show_all", 3)
    cases = [fb.case(subject=f"ขอให้ซ่อมไฟทาง ซอย {n:02d}") for n in range(11)]
    fb.corruption_case(subject="เรียกรับเงินค่าตรวจรับงาน")
    newest_first = [
        c.subject
        for c in sorted(
            Case.objects.filter(pk__in=[c.pk for c in cases]),
            key=lambda c: (c.received_at, c.pk),
            reverse=True,
        )
    ]
    page = page_at("/admin/login/", PHONE)
    login_staff_in_browser(page, triage_officer, factories.DEFAULT_PASSWORD)
    page.goto(LIST)
    subjects = page.locator("#result_list td.field-subject")
    expect(subjects).to_have_text(newest_first[0:3])

    for number in (2, 3, 4):  # pages 3 and 4 lie past the count
        page.get_by_role("link", name="หน้าถัดไป").click()
        page.wait_for_url(f"**{LIST}?p={number}")
        expect(subjects).to_have_text(newest_first[(number - 1) * 3 : number * 3])

    expect(page.get_by_role("link", name="หน้าถัดไป")).to_have_count(0)
    expect(page.locator(".paginator")).to_contain_text("มากกว่า 4 เรื่องร้องเรียน")
    assert no_horizontal_scroll(page)
    axe_check(page, tags=WCAG_22_AA_AND_BEST_PRACTICE)
    page.get_by_role("link", name="หน้าก่อนหน้า").click()
    page.wait_for_url(f"**{LIST}?p=3")
    expect(subjects).to_have_text(newest_first[6:9])
    expect(page.get_by_role("link", name="หน้าถัดไป")).to_be_visible()
    axe_check(page, tags=WCAG_22_AA_AND_BEST_PRACTICE)
