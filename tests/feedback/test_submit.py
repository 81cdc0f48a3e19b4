import re
import uuid

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from feedback.models import Attachment, Case
from feedback.services import CaseAlreadyRegistered
from tests import factories
from tests.factories import feedback as fb

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
pytestmark = pytest.mark.django_db


def private_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_the_form_opens_with_the_acceptance_screen(client, agency):
    html = client.get(reverse("feedback:submit")).content.decode()
    assert "สิ่งที่รับไว้พิจารณาไม่ได้" in html
    assert "อยู่ระหว่างการพิจารณาของศาลหรือศาลตัดสินแล้ว" in html
    assert "15 วัน" in html
    assert "ฉบับที่ 1" in html  # the privacy notice with its version
    assert 'href="?accepted=1"' in html


def test_citizen_files_a_thai_complaint_with_a_photo_and_gets_a_code(
    client, agency, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback:submit"),
            fb.form_data(attachments=[factories.jpeg_upload()]),
            follow=True,
        )
    html = response.content.decode()
    case = Case.objects.get()
    assert case.tracking_code in html
    assert "เราได้รับเรื่องของท่านแล้ว" in html
    assert case.subject == "ห้องน้ำโรงเรียนชำรุด"
    assert case.channel == Case.Channel.WEBSITE
    assert case.privacy_notice_version == "1"
    assert case.reporter.name == "นางสาวมาลี ใจงาม"
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg"
    stored = private_files(settings)
    assert len(stored) == 1 and str(stored[0]).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not (settings.MEDIA_ROOT.exists() and any(settings.MEDIA_ROOT.rglob("*.jpg")))
    assert len(mail.outbox) == 1
    assert case.tracking_code in mail.outbox[0].body
    assert mail.outbox[0].to == ["malee@example.org"]


def test_the_receipt_promises_the_mail_only_as_queued_and_prints_who_and_where(
    client, agency, settings
):
    settings.SITE_URL = "https://www.esa-test.go.th"
    response = client.post(reverse("feedback:submit"), fb.form_data(), follow=True)
    html = response.content.decode()
    # Queued, not yet delivered (the mail server may be down): no "has been sent".
    assert "หน่วยงานจะส่งรหัสนี้ไปยังอีเมล malee@example.org ด้วย" in html
    assert "โฟลเดอร์จดหมายขยะ" in html
    assert "ส่งรหัสไปยังอีเมลของท่านแล้ว" not in html
    # The site's header and footer are not printed; this line is, and only on paper.
    line = html[html.index('class="d-none d-print-block') :]
    line = line[: line.index("</p>")]
    assert agency.name_th in line
    assert "ติดตามเรื่องของท่านได้ที่ https://www.esa-test.go.th/feedback/track/" in line


def test_the_tracking_code_is_a_register_number_and_an_unguessable_pin(agency):
    first, second = fb.case(), fb.case()
    assert second.number == first.number + 1
    assert first.tracking_code.startswith(f"{first.fiscal_year}-")
    assert first.pin != second.pin and len(first.pin) == 6


def test_anonymous_corruption_report_keeps_no_identity(
    client, agency, django_capture_on_commit_callbacks
):
    data = fb.form_data(is_anonymous="on")
    del data["stream"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("feedback:corruption_submit"), data, follow=True)
    case = Case.objects.get()
    assert case.stream == Case.Stream.CORRUPTION and case.is_anonymous
    assert case.reporter.name == "" and case.reporter.email == ""
    assert case.tracking_code in response.content.decode()
    assert mail.outbox == []


def test_corruption_form_shows_the_anonymous_guidance(client, agency):
    html = client.get(reverse("feedback:corruption_submit") + "?accepted=1").content.decode()
    assert "เรื่องร้องเรียนที่ไม่ประสงค์ออกนามจะตรวจสอบได้" in html
    assert 'name="stream"' not in html
    assert "feedback-form.js" in html


@pytest.mark.parametrize("url_name", ["feedback:submit", "feedback:corruption_submit"])
def test_the_anonymous_guidance_sits_beside_the_box_it_explains(client, agency, url_name):
    html = client.get(reverse(url_name) + "?accepted=1").content.decode()
    box = html.index('id="id_is_anonymous"')
    guidance = html.index('id="anonymous-guidance"')
    assert box < guidance < html.index('id="id_name"')
    checkbox = html[html.rindex("<input", 0, box) : html.index(">", box)]
    assert 'aria-describedby="anonymous-guidance"' in checkbox


def test_an_executable_renamed_jpg_is_refused_and_the_text_is_kept(client, agency, settings):
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\x00" * 200, "image/jpeg")
    response = client.post(reverse("feedback:submit"), fb.form_data(attachments=[fake]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "ตรวจสอบจากเนื้อไฟล์" in html
    assert "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว" in html
    assert Case.objects.count() == 0 and private_files(settings) == []


def test_a_30_mb_file_is_refused(client, agency, settings):
    content = b"%PDF-1.4\n" + b"0" * (30 * 1024 * 1024)
    big = SimpleUploadedFile("scan.pdf", content, "application/pdf")
    response = client.post(reverse("feedback:submit"), fb.form_data(attachments=[big]))
    assert "ใหญ่เกิน 10 MB" in response.content.decode()
    assert Case.objects.count() == 0 and private_files(settings) == []


def test_100000_characters_of_details_are_refused_and_kept_in_the_form(client, agency):
    long_text = "ก" * 100_000
    response = client.post(reverse("feedback:submit"), fb.form_data(details=long_text))
    html = response.content.decode()
    assert "10000" in html  # the limit is named in the error
    assert long_text in html
    assert Case.objects.count() == 0


def test_html_and_script_are_stored_as_text_and_shown_escaped(client, agency):
    attack = '<script>alert("x")</script><b>ตัวหนา</b>'
    data = fb.form_data(subject=attack, details=attack * 2, remedy_sought=attack, name=attack)
    response = client.post(reverse("feedback:submit"), data, follow=True)
    html = response.content.decode()
    case = Case.objects.get()
    assert case.subject == attack
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_zero_width_characters_are_removed_and_an_invisible_subject_is_refused(client, agency):
    response = client.post(reverse("feedback:submit"), fb.form_data(subject="\u200b\u200b\ufeff"))
    assert "กรุณาระบุเรื่อง" in response.content.decode()
    client.post(reverse("feedback:submit"), fb.form_data(subject="ถนน\u200bชำรุด Road"))
    assert Case.objects.get().subject == "ถนนชำรุด Road"


def test_a_double_submitted_form_is_recorded_once(client, agency):
    data = fb.form_data()
    first = client.post(reverse("feedback:submit"), data)
    second = client.post(reverse("feedback:submit"), data, follow=True)
    assert first.status_code == 302
    assert Case.objects.count() == 1
    assert "ส่งแบบฟอร์มนี้แล้ว" in second.content.decode()


def test_the_honeypot_stops_bots(client, agency):
    response = client.post(reverse("feedback:submit"), fb.form_data(website="http://spam"))
    assert response.status_code == 400
    assert Case.objects.count() == 0


def test_a_flood_of_identical_text_is_refused(client, agency):
    for _ in range(3):
        fb.case(details="ข้อความเดียวกันซ้ำ ๆ จากผู้ส่งจำนวนมาก")
    response = client.post(
        reverse("feedback:submit"), fb.form_data(details="ข้อความเดียวกันซ้ำ ๆ จากผู้ส่งจำนวนมาก")
    )
    assert "ข้อความเดียวกันนี้ถูกส่งมาหลายครั้งแล้ววันนี้" in response.content.decode()
    assert Case.objects.count() == 3


def test_each_client_is_rate_limited(client, agency):
    for n in range(5):
        client.post(reverse("feedback:submit"), fb.form_data(details=f"เรื่องที่ {n} ทดสอบเรื่อง"))
    response = client.post(reverse("feedback:submit"), fb.form_data())
    assert response.status_code == 429
    assert "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว" in response.content.decode()
    assert Case.objects.count() == 5


def test_forms_sent_back_for_correction_do_not_count_against_the_limit(client, agency):
    for _ in range(5):
        response = client.post(reverse("feedback:submit"), fb.form_data(incident_on="2999-01-01"))
        assert "วันที่เกิดเหตุต้องไม่เป็นวันในอนาคต" in response.content.decode()
    response = client.post(reverse("feedback:submit"), fb.form_data())
    assert response.status_code == 302
    assert Case.objects.count() == 1


def test_endless_failed_attempts_are_limited_too(client, agency):
    for _ in range(30):
        client.post(reverse("feedback:submit"), fb.form_data(incident_on="2999-01-01"))
    response = client.post(reverse("feedback:submit"), fb.form_data())
    assert response.status_code == 429
    assert "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_storage_failure_stores_nothing_and_leaves_no_file(client, agency, settings, monkeypatch):
    original = Attachment.save

    def failing_save(self, *args, **kwargs):
        if Attachment.objects.exists():
            raise OSError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Attachment, "save", failing_save)
    data = fb.form_data(
        attachments=[factories.jpeg_upload("a.jpg"), factories.jpeg_upload("b.jpg")]
    )
    response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "ยังไม่ได้บันทึกเรื่องของท่าน" in html
    assert "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว" in html
    assert "ไฟล์ที่ท่านแนบไว้ยังไม่ได้รับการบันทึก: a.jpg, b.jpg" in html
    assert Case.objects.count() == 0 and Attachment.objects.count() == 0
    assert private_files(settings) == []


def test_the_receipt_is_shown_only_to_the_browser_that_filed(client, agency):
    case = fb.case()
    assert client.get(reverse("feedback:receipt", args=[case.pk])).status_code == 404


def test_a_future_incident_date_is_refused(client, agency):
    response = client.post(reverse("feedback:submit"), fb.form_data(incident_on="2999-01-01"))
    assert "วันที่เกิดเหตุต้องไม่เป็นวันในอนาคต" in response.content.decode()


def test_certification_is_required(client, agency):
    data = fb.form_data()
    del data["certified_true"]
    response = client.post(reverse("feedback:submit"), data)
    # The browser stops this form first; the server refuses it in Thai all the same.
    assert "กรุณาแก้ไขรายการที่ระบุด้านล่าง" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_refused_form_names_the_files_to_attach_again(client, agency, settings):
    data = fb.form_data(
        attachments=[factories.jpeg_upload("หลังคารั่ว.jpg"), factories.jpeg_upload("b2.jpg")]
    )
    del data["certified_true"]
    response = client.post(reverse("feedback:submit"), data)
    html = response.content.decode()
    assert response.status_code == 200
    top = html.index('class="messages')
    summary = html[top : html.index('class="case-form"', top)]
    assert "ไฟล์ที่ท่านแนบไว้ยังไม่ได้รับการบันทึก: หลังคารั่ว.jpg, b2.jpg" in summary
    beside = html[html.index('id="id_attachments"') : html.index('id="id_is_anonymous"')]
    assert 'id="attach-again"' in beside and "<li>หลังคารั่ว.jpg</li>" in beside
    file_input = html[html.rindex("<input", 0, html.index('id="id_attachments"')) :]
    assert 'aria-describedby="attach-again id_attachments_helptext"' in file_input[:400]
    assert Case.objects.count() == 0 and private_files(settings) == []


def test_a_refused_form_without_files_says_nothing_about_files(client, agency):
    data = fb.form_data()
    del data["certified_true"]
    html = client.post(reverse("feedback:submit"), data).content.decode()
    assert "แนบไฟล์อีกครั้ง" not in html and 'id="attach-again"' not in html


def test_a_form_page_older_than_its_token_is_sent_back_whole_with_a_fresh_one(client, agency):
    data = fb.form_data()
    del data["submission_token"]
    html = client.post(reverse("feedback:submit"), data).content.decode()
    assert "ยังไม่ได้ส่งข้อมูล: หน้านี้เปิดไว้ก่อนแบบฟอร์มฉบับปัจจุบัน" in html
    assert "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว" in html
    token = re.search(r'name="submission_token" value="([^"]+)"', html)[1]
    again = data | {"submission_token": token}
    sendings = [client.post(reverse("feedback:submit"), again) for _ in range(2)]
    assert [response.status_code for response in sendings] == [302, 302]
    assert Case.objects.count() == 1


def test_a_submission_token_stores_one_case(agency):
    token = uuid.uuid4()
    first = fb.case(submission_token=token)
    with pytest.raises(CaseAlreadyRegistered) as resent:
        fb.case(submission_token=token)
    assert resent.value.case == first
    assert Case.objects.get() == first
    other = fb.case()
    with pytest.raises(IntegrityError):  # the database keeps the rule too
        Case.objects.filter(pk=other.pk).update(submission_token=token)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_receipt_mail_waits_in_the_durable_queue_until_the_worker_sends_it(
    client, agency, settings
):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": settings.TASKS["default"] | {"BACKEND": DATABASE_BACKEND}}
    client.post(reverse("feedback:submit"), fb.form_data())
    case = Case.objects.get()
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["kwargs"] == {"case_id": case.pk, "event": "receipt"}
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert len(mail.outbox) == 1 and case.tracking_code in mail.outbox[0].body


def test_a_failed_store_logs_the_kind_of_error_never_what_the_citizen_typed(
    client, agency, monkeypatch, caplog
):
    # PostgreSQL's refusal quotes the failing row: the citizen's own words.
    def refused(self, *args, **kwargs):
        raise IntegrityError(
            'null value in column "x" violates not-null constraint\n'
            "DETAIL:  Failing row contains (นางสาวมาลี ใจงาม, 0812345678, ห้องน้ำโรงเรียนชำรุด)."
        )

    monkeypatch.setattr(Attachment, "save", refused)
    data = fb.form_data(attachments=[factories.jpeg_upload("a.jpg")])
    with caplog.at_level("DEBUG"):
        response = client.post(reverse("feedback:submit"), data)

    assert response.status_code == 503
    logged = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    assert "case could not be stored: IntegrityError" in logged
    for value in ("มาลี", "0812345678", "ห้องน้ำโรงเรียนชำรุด", "malee@example.org"):
        assert value not in logged
