"""Staff import an announcement through a review screen: files are read by
the task worker (OCR for scans) while the page shows progress; what was
recognised is shown beside the original, corrected, and saved only on confirm."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from measures.models import Clause, Measure, MeasureImport
from tests.factories.measures import seed_text
from tests.login import login_staff
from tests.measures import documents
from tests.measures import imports as flow

pytestmark = pytest.mark.django_db


def test_a_pasted_announcement_is_reviewed_corrected_and_saved_only_on_confirm(client, editor):
    login_staff(client, editor)

    started = flow.start(client, text=seed_text(1))

    staged = MeasureImport.objects.get()
    assert started.status_code == 302 and started.url == staged.review_url()
    review = client.get(staged.review_url())
    page = review.content.decode()
    assert review.status_code == 200 and not Measure.objects.exists()
    assert "ตรวจสอบประกาศก่อนบันทึก" in page and "ต้นฉบับ" in page
    assert "ศึกษาธิการจังหวัดลำปาง" in page  # the pasted text, beside the form
    blocks = flow.recognised_blocks(review)
    assert [label for kind, label, _ in blocks if kind == "clause"] == ["1", "2", "3", "4", "5"]

    corrected = [(k, lb, t.replace("เผยแพร่", "ประชาสัมพันธ์", 1)) for k, lb, t in blocks]
    saved = client.post(
        staged.review_url(),
        flow.review_data(review, title="มาตรการที่แก้ไขชื่อแล้ว", blocks=corrected),
    )

    measure = Measure.objects.get()
    assert saved.status_code == 302
    assert saved.url == reverse("admin:measures_measure_change", args=[measure.pk])
    assert measure.title == "มาตรการที่แก้ไขชื่อแล้ว" and measure.status == Measure.Status.DRAFT
    assert measure.signatory_name == "นางทัศนกาญจน์ อุดลธิรเขตต์"
    assert measure.clauses.filter(kind=Clause.Kind.CLAUSE).count() == 5
    assert measure.clauses.filter(text__contains="ประชาสัมพันธ์").exists()
    assert "ศึกษาธิการจังหวัดลำปาง" in measure.source_text
    staged.refresh_from_db()
    assert staged.status == MeasureImport.Status.SAVED and staged.measure == measure
    # Confirming twice (a double click, the back button) saves once.
    assert client.post(staged.review_url(), flow.review_data(review)).status_code == 302
    assert Measure.objects.count() == 1


def test_removed_and_empty_blocks_are_left_out_and_a_missed_one_added(client, editor):
    login_staff(client, editor)
    staged_url = flow.start(client, text=seed_text(1)).url
    review = client.get(staged_url)
    blocks = flow.recognised_blocks(review)
    data = flow.review_data(review, blocks=[*blocks, ("clause", "6", "ข้อที่ตกหล่นไป"), ("", "", "")])
    data["clauses-0-DELETE"] = "on"

    client.post(staged_url, data)

    measure = Measure.objects.get()
    assert measure.clauses.count() == len(blocks)  # one removed, one added, the empty left out
    assert measure.clauses.order_by("-position").first().text == "ข้อที่ตกหล่นไป"


def test_a_date_outside_any_fiscal_year_is_refused_on_confirm_and_nothing_is_saved(client, editor):
    text = seed_text(1).replace("๒๓ พฤษภาคม พ.ศ. ๒๕๖๗", "๒๓ พฤษภาคม พ.ศ. ๓๕๖๗")
    login_staff(client, editor)
    staged_url = flow.start(client, text=text).url
    review = client.get(staged_url)

    response = client.post(staged_url, flow.review_data(review))

    page = response.content.decode()
    assert response.status_code == 200
    assert "ไม่อยู่ในปีงบประมาณ" in page
    assert "ศึกษาธิการจังหวัดลำปาง" in page  # what was recognised is still in the form
    assert not Measure.objects.exists() and not Clause.objects.exists()


def test_markup_in_a_clause_is_refused_on_confirm_with_the_corrections_kept(client, editor):
    login_staff(client, editor)
    staged_url = flow.start(client, text=seed_text(1)).url
    review = client.get(staged_url)
    blocks = flow.recognised_blocks(review)
    blocks[-1] = (blocks[-1][0], blocks[-1][1], "<b>ตัวหนา</b>ข้อความ")

    response = client.post(staged_url, flow.review_data(review, title="ชื่อที่แก้แล้ว", blocks=blocks))

    page = response.content.decode()
    assert "โปรดลบแท็ก HTML" in page and "ชื่อที่แก้แล้ว" in page
    assert not Measure.objects.exists() and not Clause.objects.exists()


def test_a_pdf_is_read_by_the_worker_and_shown_page_by_page_beside_the_form(
    client, editor, django_capture_on_commit_callbacks
):
    login_staff(client, editor)
    upload = SimpleUploadedFile("ประกาศ.pdf", documents.seed_pdf(seed_text(1)), "application/pdf")

    with django_capture_on_commit_callbacks(execute=False) as worker:
        staged_url = flow.start(client, upload=upload).url
    waiting = client.get(staged_url)

    assert waiting.status_code == 202
    assert "กำลังอ่าน" in waiting.content.decode() and "ยังไม่มีการบันทึก" in waiting.content.decode()
    assert json.loads(client.get(staged_url + "?status=1").content)["state"] == "queued"
    assert MeasureImport.objects.get().source == {}  # not read in the request
    for enqueue in worker:
        enqueue()  # the immediate backend runs the task: the worker's part

    staged = MeasureImport.objects.get()
    assert staged.status == MeasureImport.Status.READY and staged.page_images
    review = client.get(staged_url)
    page = review.content.decode()
    image_url = reverse("admin:measures_measure_import_page", args=[staged.pk, 1])
    assert f'src="{image_url}"' in page and "หน้า 1 ของต้นฉบับ" in page
    image = client.get(image_url)
    assert image["Content-Type"] == "image/png" and image.getvalue().startswith(b"\x89PNG")
    client.post(staged_url, flow.review_data(review))
    measure = Measure.objects.get()
    assert measure.clauses.filter(kind=Clause.Kind.CLAUSE).count() == 5
    assert measure.signatory_name == "นางทัศนกาญจน์ อุดลธิรเขตต์"


def test_a_file_that_cannot_be_read_says_so_in_thai(client, editor):
    login_staff(client, editor)
    broken = SimpleUploadedFile("scan.pdf", b"%PDF-1.4 broken", "application/pdf")
    staged_url = flow.start(client, upload=broken).url

    flow.read_waiting_files()

    page = client.get(staged_url).content.decode()
    assert MeasureImport.objects.get().status == MeasureImport.Status.FAILED
    assert "อ่านไฟล์ไม่ได้" in page and not Measure.objects.exists()


def test_an_unknown_file_or_nothing_at_all_is_refused_on_the_form(client, editor):
    login_staff(client, editor)

    exe = flow.start(client, upload=SimpleUploadedFile("x.exe", b"MZ\x90\x00" + bytes(300)))
    empty = flow.start(client)

    assert "PDF, ไฟล์ Word (.docx)" in exe.content.decode()
    assert "วางข้อความประกาศหรือเลือกไฟล์" in empty.content.decode()
    assert not MeasureImport.objects.exists()


def test_who_may_import_and_see_the_staged_pages(client, editor, agency):
    login_staff(client, editor)
    staged_url = flow.start(client, text=seed_text(1)).url
    outsider = documents_outsider()
    client.logout()

    assert client.get(staged_url).status_code == 302  # to the login page
    login_staff(client, outsider)
    assert client.get(staged_url).status_code == 403
    assert client.get(reverse(flow.IMPORT_URL)).status_code == 403


def documents_outsider():
    from tests import factories

    user = factories.staff_user(role=factories.roles.ADMINISTRATOR, username="outsider")
    user.groups.clear()
    return user


def test_an_import_whose_reading_was_lost_is_queued_again(
    client, editor, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    login_staff(client, editor)
    upload = SimpleUploadedFile("ประกาศ.docx", documents.seed_docx(seed_text(1)))
    staged_url = flow.start(client, upload=upload).url  # its task never runs
    MeasureImport.objects.update(
        status=MeasureImport.Status.READING, requested_at=timezone.now() - dt.timedelta(minutes=11)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(staged_url).status_code == 202

    assert MeasureImport.objects.get().status == MeasureImport.Status.READY
    assert client.get(staged_url).status_code == 200
