"""The monitoring committee's findings on a phone (the public board) and in
the committee's admin page, with axe-core."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from surveys.models import Finding, WorkingGroup
from tests import factories
from tests.browser.helpers import no_horizontal_scroll
from tests.browser.plugin import DESKTOP
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _committee_with_a_finding():
    committee = sf.working_group(
        kind=WorkingGroup.Kind.MONITORING_COMMITTEE,
        name="คณะกรรมการติดตาม ตรวจสอบ และประเมินผลการดำเนินงานตามกลุ่มภารกิจ",
    )
    improvement = mf.improvement(title="เพิ่มรถรับส่งนักเรียนสายบ้านนาแก–เรณูนคร")
    Finding.objects.create(
        committee=committee,
        improvement=improvement,
        found_on=dt.date(2026, 3, 10),
        status=Finding.Status.LATE,
        reported_by="ประธานคณะกรรมการ",
        text="ยังไม่แล้วเสร็จตามกำหนด ให้กลุ่มงานรายงานความคืบหน้าในการประชุมครั้งถัดไป",
    )
    return committee


def test_the_board_with_findings_is_accessible_on_a_phone(page_at, axe_check, agency):
    _committee_with_a_finding()

    page = page_at("/you-said-we-did/")

    expect(page.get_by_text("ล่าช้ากว่าแผน")).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)


def test_the_committees_admin_page_with_its_findings_passes_axe(page_at, axe_check, agency, editor):
    committee = _committee_with_a_finding()
    page = page_at("/admin/login/", DESKTOP)
    login_staff_in_browser(page, editor, factories.DEFAULT_PASSWORD)

    page.goto(f"/admin/surveys/workinggroup/{committee.pk}/change/")

    expect(page.locator('textarea[name="findings-0-text"]')).to_be_visible()
    axe_check(page)
