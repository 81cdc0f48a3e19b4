import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from portal.lib import thai
from portal.report.models import AnnualReport, AnnualReportVersion
from portal.report.services import annual_report_approve
from tests.factories import measures as mf
from tests.login import login_staff
from tests.queries import assert_constant_queries

PREVIEW = "/reports/2569/preview/"


@pytest.fixture
def run_tasks(django_capture_on_commit_callbacks):
    """Commit, so the enqueued render task runs (tests run tasks at once)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def approve(director, **kwargs):
    """Approve FY 2569 and let the worker store the PDF; the stored version."""
    from django.test import TestCase

    report, _ = AnnualReport.objects.get_or_create(fiscal_year=2569)
    with TestCase.captureOnCommitCallbacks(execute=True):
        version = annual_report_approve(report=report, by=director, **kwargs)
    version.refresh_from_db()
    return version


def test_the_report_urls_are_the_permanent_ones_of_the_issue():
    assert reverse("portal:report_list") == "/reports/"
    assert reverse("portal:report_detail", args=[2569]) == "/reports/2569/"


def test_the_public_cannot_preview_a_draft(client, agency):
    response = client.get(PREVIEW)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_triage_officer_without_the_report_permission_cannot_preview(client, triage_officer):
    login_staff(client, triage_officer)
    assert client.get(PREVIEW).status_code in (302, 403)


def test_the_director_previews_the_year_in_thai(client, agency, director):
    mf.activity(title="เวทีรับฟังความคิดเห็นแผนพัฒนาการศึกษา")
    login_staff(client, director)
    response = client.get(PREVIEW)
    html = response.content.decode()
    assert response.status_code == 200
    assert "รายงานผลการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการดำเนินงาน" in html
    assert "เวทีรับฟังความคิดเห็นแผนพัฒนาการศึกษา" in html
    assert "เห็นชอบและอนุญาตให้เผยแพร่ฉบับนี้" in html
    assert "<script" not in html and "style=" not in html


def test_the_draft_pdf_is_typeset_by_the_worker_while_the_director_sees_progress(
    client, agency, director, monkeypatch, django_capture_on_commit_callbacks
):
    from portal.lib import pdf

    typeset = []
    real = pdf.html_to_pdf
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *a, **k: typeset.append(1) or real(*a, **k))
    login_staff(client, director)
    url = "/reports/2569/preview.pdf?half=1"

    with django_capture_on_commit_callbacks(execute=False) as enqueue:
        waiting = client.get(url)

    assert waiting.status_code == 202 and typeset == []
    page = waiting.content.decode()
    assert "รอระบบจัดพิมพ์" in page
    assert re.search(
        r'data-status-url="/reports/2569/preview.pdf\?half=1&amp;rendering=\d+&amp;status=1"', page
    )
    assert client.get(url + "&status=1").json()["state"] == "queued"
    for run in enqueue:  # the worker
        run()
    assert typeset == [1]
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.getvalue().startswith(b"%PDF")
    assert "report-2569-half-draft.pdf" in response["Content-Disposition"]
    assert typeset == [1]
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_director_approves_and_the_public_url_serves_the_stored_pdf(
    client, agency, director, run_tasks
):
    # The director is the agency head named in the profile: the head's name signs.
    director.first_name, director.last_name = "นายทดสอบ", "ใจดี"
    director.save()
    login_staff(client, director)
    with run_tasks():
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
    login_staff(client, editor)
    response = client.post("/reports/2569/approve/")
    assert response.status_code in (302, 403)
    assert not AnnualReportVersion.objects.exists()


def test_published_evidence_does_not_change_when_records_change(client, agency, director):
    first = approve(director)
    first_pdf = first.pdf.read()
    mf.activity(title="กิจกรรมที่บันทึกภายหลัง")
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
    login_staff(client, administrator)
    assert client.post("/reports/2569/request/").status_code == 302
    version = approve(director)
    assert version.requested_by == administrator
    assert "วันดี กลุ่มงาน" in version.html


def test_the_director_approves_from_the_admin(client, agency, director, run_tasks):
    report = AnnualReport.objects.create(fiscal_year=2569)
    login_staff(client, director)
    changelist = reverse("admin:portal_annualreport_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert "/reports/2569/preview/" in page.content.decode()
    with run_tasks():
        response = client.post(
            changelist,
            {"action": "approve_and_publish", "_selected_action": [report.pk]},
            follow=True,
        )
    assert "ให้ความเห็นชอบฉบับที่ 1 แล้ว" in response.content.decode()
    version = report.versions.get()
    assert version.is_stored and version.pdf.read().startswith(b"%PDF")
    # Its publication time reads in the Buddhist Era, like every admin date.
    html = client.get(reverse("admin:portal_annualreportversion_changelist")).content.decode()
    listed = re.sub(r"<[^>]+>", "", html.split('id="result_list"')[1])
    assert thai.format_date(version.published_at, style="datetime") in listed
    assert str(thai.local_date(version.published_at).year) not in listed  # no Gregorian year


def test_approval_is_recorded_at_once_and_the_pdf_is_left_to_the_task_worker(
    client, agency, director
):
    login_staff(client, director)
    # No commit yet: the render task is only enqueued once the approval commits.
    response = client.post("/reports/2569/approve/", follow=True)
    version = AnnualReportVersion.objects.get()
    assert (version.number, version.approved_by, version.is_stored) == (1, director, False)
    assert not version.pdf and version.html == ""
    page = response.content.decode()
    assert "กำลังจัดทำไฟล์" in page
    assert "/reports/2569/v1.pdf" not in page

    client.logout()
    assert client.get("/reports/2569/v1.pdf").status_code == 404
    assert client.get("/reports/2569/v1/").status_code == 404
    listing = client.get("/reports/").content.decode()
    assert "ฉบับที่ได้รับความเห็นชอบล่าสุดกำลังจัดทำ" in listing
    assert "v1.pdf" not in listing


def test_the_approval_enqueues_the_render_task_with_the_version_key_after_commit(
    agency, director, django_capture_on_commit_callbacks, monkeypatch
):
    from portal.report import tasks

    enqueued = []

    class FakeTask:
        def enqueue(self, **kwargs):
            enqueued.append(kwargs)

    monkeypatch.setattr(tasks, "annual_report_version_render", FakeTask())
    report = AnnualReport.objects.create(fiscal_year=2569)
    with django_capture_on_commit_callbacks() as callbacks:
        version = annual_report_approve(report=report, by=director)
        assert enqueued == []
    for callback in callbacks:  # the render task's, and the page cache's renewal
        callback()
    assert enqueued == [{"version_id": version.pk}]


def test_storing_a_version_twice_publishes_it_once(agency, director):
    from portal.report.publish import annual_report_version_store

    version = approve(director)
    first = (version.sha256, version.published_at, version.pdf.name)
    again = annual_report_version_store(version_id=version.pk)
    assert (again.sha256, again.published_at, again.pdf.name) == first


def test_a_version_rendered_again_from_its_row_gives_the_same_bytes(agency, director):
    from portal.report.build import annual_report_build
    from portal.report.publish import approval_record
    from portal.report.render import annual_report_render_pdf

    version = approve(director)
    data = annual_report_build(fiscal_year=2569, approval=approval_record(version))
    assert annual_report_render_pdf(data) == version.pdf.read()


def test_published_versions_cannot_be_deleted_in_the_admin(client, agency, director, administrator):
    version = approve(director)
    login_staff(client, administrator)
    url = reverse("admin:portal_annualreportversion_delete", args=[version.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert AnnualReportVersion.objects.filter(pk=version.pk).exists()


def test_unknown_years_and_versions_are_not_found(client, agency):
    assert client.get("/reports/2569/").status_code == 404
    assert client.get("/reports/2569/v1.pdf").status_code == 404


def test_the_report_list_uses_a_fixed_number_of_queries(client, agency, director):
    report = AnnualReport.objects.create(fiscal_year=2569)
    annual_report_approve(report=report, by=director)

    def more_years():
        for year in (2566, 2567, 2568):
            annual_report_approve(report=AnnualReport.objects.create(fiscal_year=year), by=director)

    response = assert_constant_queries(client, "/reports/", grow=more_years, at_most=6)
    assert "/reports/2566/" in response.content.decode()


def test_a_year_page_uses_a_fixed_number_of_queries(client, agency, director):
    report = AnnualReport.objects.create(fiscal_year=2569)
    first = annual_report_approve(report=report, by=director)

    def more_versions():
        for days in (1, 2, 3):
            annual_report_approve(
                report=report, by=director, now=first.approved_at + dt.timedelta(days=days)
            )

    assert_constant_queries(client, "/reports/2569/", grow=more_versions, at_most=6)
    assert report.versions.count() == 4


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


def test_the_admin_shows_a_version_being_prepared(client, agency, director):
    report = AnnualReport.objects.create(fiscal_year=2569)
    annual_report_approve(report=report, by=director)  # not committed: the task has not run
    login_staff(client, director)
    page = client.get(reverse("admin:portal_annualreport_change", args=[report.pk]))
    assert page.status_code == 200
    assert "กำลังจัดทำไฟล์" in page.content.decode()
    versions = client.get(reverse("admin:portal_annualreportversion_changelist"))
    assert "กำลังจัดทำไฟล์" in versions.content.decode()


def test_a_version_left_pending_can_be_queued_again_from_the_admin(
    client, agency, director, run_tasks
):
    report = AnnualReport.objects.create(fiscal_year=2569)
    version = annual_report_approve(report=report, by=director)  # its task never ran
    login_staff(client, director)
    with run_tasks():
        response = client.post(
            reverse("admin:portal_annualreport_changelist"),
            {"action": "prepare_pending_again", "_selected_action": [report.pk]},
            follow=True,
        )
    assert "ส่งจัดทำไฟล์ใหม่แล้ว 1 ฉบับ" in response.content.decode()
    version.refresh_from_db()
    assert version.is_stored and version.pdf.read().startswith(b"%PDF")


def test_the_command_says_which_user_cannot_write_the_output_before_rendering(
    tmp_path, agency, monkeypatch
):
    from django.core.management.base import CommandError

    def rendering(*args, **kwargs):
        raise AssertionError("rendered before the output was found unwritable")

    monkeypatch.setattr("portal.management.commands.annual_report.annual_report_build", rendering)
    output = tmp_path / "no-such-folder" / "report.pdf"

    with pytest.raises(CommandError, match=f"cannot write {output}"):
        call_command("annual_report", "--fiscal-year", "2569", "--output", str(output))
