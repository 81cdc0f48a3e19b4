import datetime as dt

from demo import agency as demo_agency
from demo import report as demo_report
from portal.report.models import AnnualReport, AnnualReportVersion


def test_the_demo_director_approves_fiscal_year_2569_once(db):
    demo_agency.agency_seed()
    demo_agency.staff_seed()
    today = dt.date(2026, 11, 21)
    demo_report.seed_demo(today=today)
    demo_report.seed_demo(today=today)

    report = AnnualReport.objects.get()
    assert report.fiscal_year == 2569
    assert "๗ กลุ่มงาน" in report.analysis
    version = AnnualReportVersion.objects.get()
    assert version.approved_by.username == "director"
    assert version.requested_by.username == "editor"
    assert version.approver_name == "นายประสงค์ สุภา"
    assert version.approved_at.date() == dt.date(2026, 10, 23)
    assert "เพิ่มกิจกรรมการมีส่วนร่วมในระดับการร่วมมือ" in version.html
