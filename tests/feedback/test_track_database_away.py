"""The tracking page's forms with the database away or failing: the citizen gets
a Thai page holding what they wrote, to send again, and nothing is stored."""

import pytest
from django.db import connection
from django.urls import reverse

from feedback.models import Case, CitizenMessage, HandlingRating
from tests import factories
from tests.factories import feedback as fb
from tests.faults import database_away, failing_on

pytestmark = pytest.mark.django_db

KEPT = "ข้อความของท่านยังอยู่"

# the form's URL name, whether the case must be completed first, what the citizen sends
SENDINGS = {
    "information": ("feedback:track_add", False, {"body": "น้ำรั่วเพิ่มอีกจุดที่ห้อง ป.๔"}),
    "not resolved": (
        "feedback:track_answer",
        True,
        {"resolved": "no", "reason": "หลังคายังรั่วเหมือนเดิมเมื่อฝนตกเมื่อวาน"},
    ),
    "rating": ("feedback:track_rate", True, {"score": "2", "comment": "ช่างมาช้าไปสองสัปดาห์"}),
}


@pytest.fixture
def officer(db):
    return factories.staff_user(role=factories.roles.TRIAGE_OFFICER, username="officer_a")


def _tracked_case(client, *, completed, officer, group):
    case = fb.case()
    if completed:
        fb.case_complete(case, officer=officer, group=group)
    response = client.post(reverse("feedback:track"), {"code": case.tracking_code})
    assert response.status_code == 302
    return case


def _stored():
    return CitizenMessage.objects.count() + HandlingRating.objects.count()


@pytest.mark.parametrize("sending", SENDINGS)
def test_with_the_database_away_the_words_come_back_to_send_again(
    client, agency, officer, mission_group, sending
):
    name, completed, data = SENDINGS[sending]
    case = _tracked_case(client, completed=completed, officer=officer, group=mission_group)
    url = reverse(name, args=[case.pk])
    before = _stored()

    with connection.execute_wrapper(database_away):
        response = client.post(url, data)

    assert response.status_code == 503
    html = response.content.decode()
    assert KEPT in html and "ยังไม่ได้บันทึกสิ่งใด" in html
    typed = [value for value in data.values() if not value.isascii()]
    assert typed and all(value in html for value in typed)
    assert f'action="{url}"' in html
    assert _stored() == before

    # Sent again once the database is back: stored once, and the case page follows.
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("feedback:track_case", args=[case.pk])
    assert _stored() == before + 1


def test_a_database_failing_while_writing_the_addition_keeps_the_words_and_names_the_files(
    client, agency, officer, mission_group
):
    case = _tracked_case(client, completed=False, officer=officer, group=mission_group)
    data = {"body": "รูปหลังคาที่รั่ว", "attachments": [factories.jpeg_upload("roof.jpg")]}

    with connection.execute_wrapper(failing_on('INSERT INTO "feedback_citizenmessage"')):
        response = client.post(reverse("feedback:track_add", args=[case.pk]), data)

    assert response.status_code == 503
    html = response.content.decode()
    assert KEPT in html and "รูปหลังคาที่รั่ว" in html and "roof.jpg" in html
    assert not CitizenMessage.objects.exists()
    assert Case.objects.get().attachments.count() == 0
