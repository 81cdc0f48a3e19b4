"""Erasure (PDPA s.33) removes the person from every table, history included,
and leaves the case counted; correction goes through the case's own page."""

import pytest
from django.urls import reverse

from feedback.data_requests import data_request_answer, data_request_file
from feedback.follow_up import case_information_add, case_rate, case_resolution_answer
from feedback.models import Attachment, Case, CitizenMessage, DataRequest
from feedback.uploads import upload_clean
from portal.lib import thai
from tests import factories
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "นางสาวลบได้ ขอลบ", "0861112222", "erase-me@example.org"
WORDS = "ห้องน้ำชำรุด-คำเฉพาะ-ลบ-Q7"


@pytest.fixture
def erased_case(agency, triage_officer, mission_group):
    """A general complaint with a file, completed, rated, with a follow-up message."""
    case = fb.case(
        subject=f"ขอให้ซ่อม {WORDS}",
        details=f"รายละเอียด {WORDS} โดย {NAME}",
        reporter={"name": NAME, "phone": PHONE, "email": EMAIL, "address": "๑๒ ถนนทดสอบ"},
        uploads=[upload_clean(factories.jpeg_upload("บัตรประชาชน.jpg"))],
    )
    case_information_add(
        case=case, body=f"ข้อมูลเพิ่ม {WORDS}", uploads=[upload_clean(factories.jpeg_upload())]
    )
    fb.case_complete(case, officer=triage_officer, group=mission_group)
    case_resolution_answer(case=case, resolved=True)
    case_rate(case=case, score=4, comment=f"ขอบคุณ {NAME}")
    return case


def _statistics(client):
    year = thai.FiscalYear.current().be_year
    response = client.get(reverse("feedback:statistics_year", args=[year]))
    assert response.status_code == 200
    return response.context["stats"]


def _erase(client, officer, case, **changes):
    request = data_request_file(kind="erase", case=case, channel="tracking")
    login_staff(client, officer)
    url = reverse("admin:feedback_datarequest_change", args=[request.pk])
    return request, admin_post(client, url, outcome="done", **changes)


def test_erasure_needs_a_confirmation_and_changes_nothing_without_it(
    client, erased_case, triage_officer
):
    request, response = _erase(client, triage_officer, erased_case, answer="ลบแล้ว")
    assert "โปรดยืนยันก่อนลบข้อมูล" in response.content.decode()
    erased_case.refresh_from_db()
    assert erased_case.reporter.name == NAME and erased_case.attachments.count() == 2
    request.refresh_from_db()
    assert request.is_open


def test_erasure_removes_the_person_everywhere_and_keeps_the_statistics(
    client, erased_case, triage_officer, django_capture_on_commit_callbacks
):
    fb.case()  # a second general complaint, left alone
    fb.corruption_case()
    # Counted here by hand: 2 general complaints (1 completed), 1 corruption
    # report, 1 confirmation and 1 rating of 4.
    before = _statistics(client)
    assert before["totals"]["general"]["received"] == 2
    assert before["totals"]["general"]["completed"] == 1
    assert before["totals"]["corruption"]["received"] == 1
    follow = {row["key"]: row for row in before["follow_up"]["streams"]}["general"]
    assert follow["confirmed"] == 1 and follow["rating"].n == 1
    files = list(Attachment.objects.filter(case=erased_case).values_list("file", flat=True))
    storage = Attachment.file.field.storage
    assert len(files) == 2 and all(storage.exists(name) for name in files)

    # An earlier correction whose answer repeated the person's name and phone.
    correction = data_request_file(
        kind="correct", case=erased_case, channel="tracking", details=f"ชื่อคือ {NAME}"
    )
    data_request_answer(
        request=correction, by=triage_officer, status="done", answer=f"แก้เป็น {NAME} {PHONE}"
    )

    with django_capture_on_commit_callbacks(execute=True):
        request, response = _erase(
            client, triage_officer, erased_case, answer="ลบข้อมูลแล้ว", erasure_confirmed="on"
        )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == DataRequest.Status.DONE and request.answered_by == triage_officer

    case = Case.objects.get(pk=erased_case.pk)
    reporter = case.reporter
    assert (reporter.name, reporter.phone, reporter.email, reporter.address) == ("", "", "", "")
    assert not Attachment.objects.filter(case=case).exists()
    assert not any(storage.exists(name) for name in files)
    assert case.personal_data_purged_at is not None
    assert case.status == Case.Status.COMPLETED and case.stream == Case.Stream.GENERAL
    # No table keeps the words: the case, every version of its history, the
    # citizen's messages and the rating's comment.
    rows = [case, *case.history.all(), *CitizenMessage.objects.filter(case=case)]
    rows.append(case.handling_rating)
    rows += [*DataRequest.objects.filter(cases=case), *DataRequest.history.all()]
    for row in rows:
        text = " ".join(str(value) for value in row.__dict__.values())
        for secret in (WORDS, NAME, PHONE, EMAIL):
            assert secret not in text, (row, secret)
    assert case.handling_rating.score == 4
    assert case.history.first().history_change_reason.startswith("ลบข้อมูลส่วนบุคคลและไฟล์แนบ 2")

    client.logout()
    assert _statistics(client) == before


def test_the_tracking_page_still_opens_an_erased_case_without_the_person(
    client, erased_case, triage_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _erase(client, triage_officer, erased_case, erasure_confirmed="on")
    client.logout()
    response = client.post(
        reverse("feedback:track"), {"code": erased_case.tracking_code}, follow=True
    )
    html = response.content.decode()
    assert "(ลบแล้วตามคำขอของเจ้าของข้อมูล)" in html and "ดำเนินการแล้ว" in html
    assert WORDS not in html and NAME not in html


def test_a_correction_is_made_in_the_case_and_its_history_names_the_request(
    client, agency, triage_officer
):
    case = fb.case(reporter={"name": "นายสมศักดิ์ สกดผิด", "phone": "0811111111"})
    url = reverse("admin:feedback_case_change", args=[case.pk])
    login_staff(client, triage_officer)
    # Without a request to correct them, the reporter's details are read-only.
    admin_post(client, url, **{"reporter-0-name": "ชื่ออื่น"})
    case.reporter.refresh_from_db()
    assert case.reporter.name == "นายสมศักดิ์ สกดผิด"

    request = data_request_file(
        kind="correct", case=case, channel="tracking", details="ชื่อที่ถูกคือ สมศักดิ์ สะกดถูก"
    )
    admin_post(client, url, **{"reporter-0-name": "นายสมศักดิ์ สะกดถูก"})
    case.reporter.refresh_from_db()
    assert case.reporter.name == "นายสมศักดิ์ สะกดถูก"
    reason = case.history.first().history_change_reason
    assert reason == f"แก้ไขชื่อของผู้ร้องตามคำขอ {request.reference}"


def test_a_corrected_telephone_is_checked_and_a_bad_one_loses_nothing(
    client, agency, triage_officer
):
    case = fb.case(reporter={"name": "นายสมศักดิ์ ใจดี", "phone": "0811111111"})
    data_request_file(kind="correct", case=case, channel="tracking", details="เบอร์ใหม่")
    login_staff(client, triage_officer)
    url = reverse("admin:feedback_case_change", args=[case.pk])
    response = admin_post(
        client, url, **{"reporter-0-phone": "โทรมาได้", "reporter-0-name": "นายสมศักดิ์ ใจงาม"}
    )
    html = response.content.decode()
    assert "โปรดกรอกหมายเลขโทรศัพท์ 9 หรือ 10 หลัก" in html
    assert "นายสมศักดิ์ ใจงาม" in html  # what was typed is still in the form
    case.reporter.refresh_from_db()
    assert (case.reporter.name, case.reporter.phone) == ("นายสมศักดิ์ ใจดี", "0811111111")


def test_a_case_the_citizen_reopened_is_erased_too(client, agency, triage_officer, mission_group):
    # A reopening keeps its reason by a database check: erasure replaces the
    # words rather than emptying them, and the officer's save goes through.
    case = fb.case(reporter={"name": NAME, "phone": PHONE})
    fb.case_complete(case, officer=triage_officer, group=mission_group)
    case_resolution_answer(case=case, resolved=False, reason=f"ยังไม่ได้ซ่อม {NAME}")

    request, response = _erase(client, triage_officer, case, erasure_confirmed="on")

    assert response.status_code == 200
    request.refresh_from_db()
    assert not request.is_open
    (message,) = CitizenMessage.objects.filter(case=case)
    assert NAME not in message.body and message.body
