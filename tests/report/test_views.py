import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from portal.report.models import AnnualReport, AnnualReportVersion
from portal.report.services import annual_report_approve
from tests.report import factories as rf

PREVIEW = "/reports/2569/preview/"


def approve(director, **kwargs):
    report, _ = AnnualReport.objects.get_or_create(fiscal_year=2569)
    return annual_report_approve(report=report, by=director, **kwargs)


def test_the_report_urls_are_the_permanent_ones_of_the_issue():
    assert reverse("portal:report_list") == "/reports/"
    assert reverse("portal:report_detail", args=[2569]) == "/reports/2569/"


def test_the_public_cannot_preview_a_draft(client, agency):
    response = client.get(PREVIEW)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_triage_officer_without_the_report_permission_cannot_preview(client, triage_officer):
    client.force_login(triage_officer)
    assert client.get(PREVIEW).status_code in (302, 403)


def test_the_director_previews_the_year_in_thai(client, agency, director):
    rf.activity(title="เวทีรับฟังความคิดเห็นแผนพัฒนาการศึกษา")
    client.force_login(director)
    response = client.get(PREVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert "รายงานผลการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการดำเนินงาน" in html
    assert "เวทีรับฟังความคิดเห็นแผนพัฒนาการศึกษา" in html
    assert "เห็นชอบและอนุญาตให้เผยแพร่ฉบับนี้" in html
    assert "<script" not in html and "style=" not in html


def test_the_director_downloads_the_draft_pdf(client, agency, director):
    client.force_login(director)
    response = client.get("/reports/2569/preview.pdf?half=1")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "report-2569-half-draft.pdf" in response["Content-Disposition"]


def test_the_director_approves_and_the_public_url_serves_the_stored_pdf(client, agency, director):
    client.force_login(director)
    response = client.post("/reports/2569/approve/")
    assert response.status_code == 302
    assert response["Location"] == "/reports/2569/"
    version = AnnualReportVersion.objects.get()
    assert (version.number, version.approved_by, version.half) == (1, director, False)
    assert version.approver_name == "นายทดสอบ ใจดี"

    client.logout()
    page = client.get("/reports/2569/").content.decode()
    assert "รายงานผลการมีส่วนร่วม ประจำปีงบประมาณ พ.ศ. 2569" in page
    assert "/reports/2569/v1.pdf" in page
    pdf = client.get("/reports/2569/v1.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    stored = b"".join(pdf.streaming_content)
    assert stored.startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(stored)).pages)
    assert "นายทดสอบ ใจดี" in text
    html = client.get("/reports/2569/v1/").content.decode()
    assert "(นายทดสอบ ใจดี)" in html
    assert "ปีงบประมาณ พ.ศ. 2569" in client.get("/reports/").content.decode()


def test_an_editor_cannot_approve(client, agency, editor):
    client.force_login(editor)
    response = client.post("/reports/2569/approve/")
    assert response.status_code in (302, 403)
    assert not AnnualReportVersion.objects.exists()


def test_published_evidence_does_not_change_when_records_change(client, agency, director):
    first = approve(director)
    first_pdf = first.pdf.read()
    rf.activity(title="กิจกรรมที่บันทึกภายหลัง")
    second = approve(director, now=first.approved_at + dt.timedelta(days=1))
    first.refresh_from_db()
    assert first.pdf.read() == first_pdf
    assert "กิจกรรมที่บันทึกภายหลัง" not in first.html
    assert "กิจกรรมที่บันทึกภายหลัง" in second.html
    assert second.number == 2
    page = client.get("/reports/2569/").content.decode()
    assert "/reports/2569/v1.pdf" in page and "/reports/2569/v2.pdf" in page


def test_a_request_for_approval_is_printed_in_the_publication_record(
    client, agency, administrator, director
):
    administrator.first_name, administrator.last_name = "วันดี", "กลุ่มงาน"
    administrator.save()
    client.force_login(administrator)
    assert client.post("/reports/2569/request/").status_code == 302
    version = approve(director)
    assert version.requested_by == administrator
    assert "วันดี กลุ่มงาน" in version.html


def test_the_director_approves_from_the_admin(client, agency, director):
    report = AnnualReport.objects.create(fiscal_year=2569)
    client.force_login(director)
    changelist = reverse("admin:portal_annualreport_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert "/reports/2569/preview/" in page.content.decode()
    response = client.post(
        changelist,
        {"action": "approve_and_publish", "_selected_action": [report.pk]},
        follow=True,
    )
    assert "เผยแพร่ฉบับที่ 1" in response.content.decode()
    assert report.versions.count() == 1


def test_published_versions_cannot_be_deleted_in_the_admin(client, agency, administrator):
    version = approve(administrator)
    client.force_login(administrator)
    url = reverse("admin:portal_annualreportversion_delete", args=[version.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert AnnualReportVersion.objects.filter(pk=version.pk).exists()


def test_unknown_years_and_versions_are_not_found(client, agency):
    assert client.get("/reports/2569/").status_code == 404
    assert client.get("/reports/2569/v1.pdf").status_code == 404


def test_the_report_list_uses_a_fixed_number_of_queries(
    client, agency, director, django_assert_max_num_queries
):
    for year in (2567, 2568, 2569):
        report = AnnualReport.objects.create(fiscal_year=year)
        annual_report_approve(report=report, by=director)
    with django_assert_max_num_queries(6):
        response = client.get("/reports/")
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get("/reports/2569/").status_code == 200


def test_the_command_writes_the_approved_pdf_byte_for_byte(tmp_path, agency, director):
    version = approve(director)
    output = tmp_path / "report.pdf"
    call_command("annual_report", "--fiscal-year", "2569", "--output", str(output))
    assert output.read_bytes() == version.pdf.read()


def test_the_command_writes_a_draft_for_a_year_not_yet_approved(tmp_path, agency):
    output = tmp_path / "report.pdf"
    call_command("annual_report", "--fiscal-year", "2569", "--half", "--output", str(output))
    assert output.read_bytes().startswith(b"%PDF")


def test_the_command_refuses_a_gregorian_year(tmp_path, agency):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("annual_report", "--fiscal-year", "2026", "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
