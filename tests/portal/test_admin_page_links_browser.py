"""Every page link of an admin list is a target of at least 24 × 24 px
(WCAG 2.2, 2.5.8), on a phone and on a desk: Django's own pagination, under
the count's cap, draws a one-digit page number 20 px wide."""

import pytest
from playwright.sync_api import expect

from feedback.admin.case import CaseAdmin
from tests import factories
from tests.browser.plugin import DESKTOP, PHONE
from tests.factories import feedback as fb
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_page_numbers_of_a_counted_list_are_24_px_targets(
    page_at, agency, triage_officer, monkeypatch, width
):
    monkeypatch.setattr(CaseAdmin, "list_per_page", 3)
    monkeypatch.setattr(CaseAdmin, "list_max_show_all", 3)
    for n in range(7):
        fb.case(subject=f"ขอให้ซ่อมไฟทาง ซอย {n}")
    page = page_at("/admin/login/", width)
    login_staff_in_browser(page, triage_officer, factories.DEFAULT_PASSWORD)
    page.goto("/admin/feedback/case/")
    links = page.locator(".paginator a")
    # Pages 1, 2 and 3 of Django's own bar (seven cases, three a page).
    expect(links).to_have_text(["1", "2", "3"])
    expect(page.locator(".paginator")).to_contain_text("7 เรื่องร้องเรียน")
    for link in links.all():
        box = link.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24, (link.inner_text(), box)
