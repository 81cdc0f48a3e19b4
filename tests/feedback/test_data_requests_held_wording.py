"""The data held about a person is shown to them in their own words ("ท่าน"),
and to the officers who handle their request in neutral words about the
requester (every staff role × the request page; the citizen's tracking page)."""

import re

import pytest
from django.urls import reverse

from feedback.data_requests import data_request_answer, data_request_file
from feedback.models import DataRequest
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

ROLES = ["triage_officer", "integrity_officer", "editor", "director", "administrator", "superuser"]
NAME = "นางสาวถ้อยคำ เป็นกลาง"
TO_STAFF = [
    "ข้อมูลส่วนบุคคลที่เก็บไว้ของผู้ยื่นคำขอ",
    "ข้อความที่ผู้ยื่นคำขอเขียน",
    "จำนวนข้อความที่ผู้ยื่นคำขอส่งเพิ่มเติมภายหลัง",
    "ฉบับของประกาศความเป็นส่วนตัวที่ผู้ยื่นคำขอรับทราบ",
]
TO_THE_PERSON = [
    "ข้อความที่ท่านเขียน",
    "จำนวนข้อความที่ท่านส่งเพิ่มเติมภายหลัง",
    "ฉบับของประกาศความเป็นส่วนตัวที่ท่านรับทราบ",
]


def _held_block(html):
    """The readonly field showing the data held, up to the next field."""
    found = re.search(r'<div class="form-row field-held">(.*?)<div class="form-row', html, re.S)
    return found.group(1) if found else ""


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("sealed", [False, True], ids=["general", "corruption"])
def test_staff_read_the_data_held_in_words_about_the_requester(
    client, agency, request, role, sealed
):
    make = fb.corruption_case if sealed else fb.case
    case = make(reporter={"name": NAME, "phone": "0812345678"})
    data_request = data_request_file(kind="see", case=case, channel="tracking")
    login_staff(client, request.getfixturevalue(role))
    response = client.get(reverse("admin:feedback_datarequest_change", args=[data_request.pk]))
    sees = role == "integrity_officer" or (role == "triage_officer" and not sealed)
    if not sees:
        assert response.status_code in (302, 403) and NAME not in response.content.decode()
        return
    block = _held_block(response.content.decode())
    assert NAME in block and "0812345678" in block
    html = response.content.decode()
    assert all(words in html for words in TO_STAFF)
    assert "ท่าน" not in block


def test_the_person_reads_the_data_held_in_their_own_words(client, agency, triage_officer):
    case = fb.case(reporter={"name": NAME})
    client.post(reverse("feedback:track"), {"code": case.tracking_code})
    client.post(reverse("feedback:track_data_request", args=[case.pk]), {"kind": "see"})
    data_request_answer(
        request=DataRequest.objects.get(), by=triage_officer, status=DataRequest.Status.DONE
    )
    page = client.get(reverse("feedback:track_case", args=[case.pk])).content.decode()
    assert NAME in page
    assert all(words in page for words in TO_THE_PERSON)
    assert "ผู้ยื่นคำขอ" not in page
