"""The citizen asks to see, correct or erase their personal data, from the
tracking page or the request form, and follows the answer there."""

import pytest
from django.urls import reverse

from feedback.data_requests import data_request_answer
from feedback.models import DataRequest
from measures.models import Policy
from portal.lib import thai
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(agency):
    return fb.case(
        reporter={"name": "นางสาวมาลี ใจงาม", "email": "malee@example.org", "phone": "0812345678"}
    )


def _open(client, case):
    response = client.post(reverse("feedback:track"), {"code": case.tracking_code}, follow=True)
    assert response.status_code == 200
    return response


def test_from_the_tracking_page_a_request_gets_a_thai_receipt_and_a_status(client, case):
    _open(client, case)
    response = client.post(
        reverse("feedback:track_data_request", args=[case.pk]), {"kind": "see"}, follow=True
    )
    request = DataRequest.objects.get()
    assert list(request.cases.all()) == [case]
    assert request.channel == DataRequest.Channel.TRACKING
    html = response.content.decode()
    assert "ได้รับคำขอแล้ว" in html and request.reference in html
    assert thai.display_date(request.due_on) in html
    assert "ขอดูข้อมูลส่วนบุคคลของข้าพเจ้า" in html
    page = client.get(reverse("feedback:track_case", args=[case.pk])).content.decode()
    assert request.reference in page and "อยู่ระหว่างดำเนินการ" in page
    # Nothing is shown of the data until an officer answers.
    assert "0812345678" not in page


def test_the_data_held_is_shown_behind_the_code_once_the_request_to_see_is_answered(
    client, case, triage_officer
):
    _open(client, case)
    client.post(reverse("feedback:track_data_request", args=[case.pk]), {"kind": "see"})
    data_request_answer(
        request=DataRequest.objects.get(),
        by=triage_officer,
        status=DataRequest.Status.DONE,
        answer="ข้อมูลของท่านแสดงด้านล่าง",
    )
    page = client.get(reverse("feedback:track_case", args=[case.pk])).content.decode()
    assert "ข้อมูลส่วนบุคคลของท่านที่เราเก็บไว้" in page
    for value in ("นางสาวมาลี ใจงาม", "0812345678", "malee@example.org"):
        assert value in page
    assert "ดำเนินการแล้ว" in page and "ข้อมูลของท่านแสดงด้านล่าง" in page
    # Another browser, without the code, sees none of it.
    client.logout()
    other = client.get(reverse("feedback:track_case", args=[case.pk]))
    assert other.status_code == 302 and "malee" not in other.content.decode()


def test_the_request_form_takes_the_tracking_code(client, case):
    response = client.post(
        reverse("feedback:data_request"),
        {"code": case.tracking_code, "kind": "erase", "details": "ไม่ประสงค์ให้เก็บชื่อ"},
        follow=True,
    )
    request = DataRequest.objects.get()
    assert request.kind == DataRequest.Kind.ERASE
    assert request.channel == DataRequest.Channel.FORM
    assert request.details == "ไม่ประสงค์ให้เก็บชื่อ"
    assert request.reference in response.content.decode()


def test_a_wrong_code_is_refused_in_thai_and_keeps_what_was_written(client, case):
    response = client.post(
        reverse("feedback:data_request"),
        {
            "code": f"{case.tracking_number}-WRONG1",
            "kind": "correct",
            "details": "เบอร์โทรที่ถูกต้องคือ 0899999999",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ไม่พบเรื่องที่ตรงกับรหัสนี้" in html
    assert "เบอร์โทรที่ถูกต้องคือ 0899999999" in html
    assert not DataRequest.objects.exists()


def test_a_correction_without_saying_what_is_wrong_is_refused_in_thai(client, case):
    _open(client, case)
    response = client.post(
        reverse("feedback:track_data_request", args=[case.pk]), {"kind": "correct"}
    )
    html = response.content.decode()
    assert "โปรดระบุว่าข้อมูลใดไม่ถูกต้อง" in html
    assert response.context["data_request_form"]["kind"].value() == "correct"
    assert not DataRequest.objects.exists()


def test_a_double_sending_makes_one_request(client, case):
    _open(client, case)
    url = reverse("feedback:track_data_request", args=[case.pk])
    client.post(url, {"kind": "erase"})
    client.post(url, {"kind": "erase"})
    assert DataRequest.objects.count() == 1


def test_a_second_correction_adds_its_words_to_the_open_request(client, case):
    _open(client, case)
    url = reverse("feedback:track_data_request", args=[case.pk])
    client.post(url, {"kind": "correct", "details": "ชื่อสะกดผิด"})
    client.post(url, {"kind": "correct", "details": "ที่อยู่ก็ผิดด้วย"})
    (request,) = DataRequest.objects.all()
    assert "ชื่อสะกดผิด" in request.details and "ที่อยู่ก็ผิดด้วย" in request.details


def test_requests_are_rate_limited_like_the_other_public_forms(client, case, settings):
    settings.FEEDBACK_DATA_REQUEST_LIMIT = (2, 60 * 60)
    for kind in ("see", "erase"):
        client.post(reverse("feedback:data_request"), {"code": case.tracking_code, "kind": kind})
    response = client.post(
        reverse("feedback:data_request"),
        {"code": case.tracking_code, "kind": "correct", "details": "ชื่อสะกดผิด ที่ถูกคือ มาลี"},
    )
    html = response.content.decode()
    assert response.status_code == 429
    assert "มีการส่งคำขอจากการเชื่อมต่อนี้มากเกินไป" in html
    assert "ชื่อสะกดผิด ที่ถูกคือ มาลี" in html
    assert DataRequest.objects.count() == 2


def test_the_receipt_opens_only_in_the_browser_that_gave_the_code(client, case):
    client.post(reverse("feedback:data_request"), {"code": case.tracking_code, "kind": "see"})
    url = reverse("feedback:data_request_receipt", args=[DataRequest.objects.get().pk])
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url)["Location"] == reverse("feedback:track")
    # A number that does not exist answers the same: guessing counts nothing.
    missing = reverse("feedback:data_request_receipt", args=[DataRequest.objects.get().pk + 1])
    assert client.get(missing)["Location"] == reverse("feedback:track")


def test_the_privacy_notice_says_how_to_make_a_request(client, agency):
    assert Policy.objects.privacy_notice() is not None
    html = client.get(reverse("portal:policy", args=["privacy"])).content.decode()
    assert "วิธีขอดู ขอแก้ไข หรือขอลบข้อมูลส่วนบุคคลของท่าน" in html
    assert reverse("feedback:data_request") in html
