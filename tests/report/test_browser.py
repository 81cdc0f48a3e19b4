"""The public report pages in a real browser: Thai, accessible (axe, WCAG 2.1
AA), usable at 360 px and on a desktop, with and without a version still
being prepared."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from portal.report.models import AnnualReport, AnnualReportVersion
from tests.browser.helpers import no_horizontal_scroll
from tests.browser.plugin import DESKTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
APPROVED = dt.datetime(2026, 10, 23, 14, 0, tzinfo=dt.UTC)


def version(report, number, *, stored=True, by):
    row = AnnualReportVersion(
        report=report,
        number=number,
        approved_by=by,
        approved_at=APPROVED + dt.timedelta(days=number),
        approver_name="นายประสงค์ สุภา",
        approver_position="ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต ๒",
    )
    if stored:
        # The pages only link the stored file; its content is not under test here.
        row.pdf.save(f"2569/report-2569-v{number}.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        row.html = "<p>รายงาน</p>"
        row.sha256 = "0" * 64
        row.published_at = row.approved_at
    row.save()
    return row


@pytest.fixture
def published_year(agency, director):
    report = AnnualReport.objects.create(fiscal_year=2569)
    version(report, 1, by=director)
    version(report, 2, stored=False, by=director)
    return report


@pytest.mark.parametrize("width", WIDTHS)
def test_the_report_list_reads_well_and_links_only_stored_files(
    page_at, axe_check, published_year, width
):
    page = page_at("/reports/", width)
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_role("heading", level=1).inner_text() == "รายงานผลการมีส่วนร่วมประจำปี"
    assert page.get_by_role("link", name="PDF").get_attribute("href") == "/reports/2569/v1.pdf"
    assert page.get_by_text("ฉบับที่ได้รับความเห็นชอบล่าสุดกำลังจัดทำไฟล์").is_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_year_page_reads_well_and_says_a_version_is_being_prepared(
    page_at, axe_check, published_year, width
):
    page = page_at("/reports/2569/", width)
    assert "ปีงบประมาณ พ.ศ. 2569" in page.get_by_role("heading", level=1).inner_text()
    assert "ฉบับที่ 2 ได้รับความเห็นชอบแล้ว" in page.get_by_role("status").inner_text()
    download = page.get_by_role("link", name="ดาวน์โหลดรายงาน (PDF)")
    assert download.get_attribute("href") == "/reports/2569/v1.pdf"
    assert page.locator("a[href='/reports/2569/v2.pdf']").count() == 0
    assert no_horizontal_scroll(page)
    axe_check(page)
