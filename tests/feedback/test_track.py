import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from feedback.models import Case
from feedback.services import case_note, case_reply, case_transition
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    return get_user_model().objects.create_user("officer_a", first_name="ณัฐพล", is_staff=True)


def test_the_citizen_sees_stage_dates_and_replies_but_no_notes_or_names(client, agency, officer):
    case = fb.case()
    case_transition(case=case, to=Case.Status.ACCEPTED, by=officer)
    case_reply(case=case, by=officer, body="ได้ส่งช่างไปตรวจหลังคาแล้ว จะซ่อมภายในสัปดาห์หน้า")
    case_note(case=case, by=officer, body="บันทึกภายใน: ผู้ร้องเคยร้องเรื่องนี้มาก่อน")
    response = client.post(reverse("feedback:track"), {"code": case.tracking_code}, follow=True)
    html = response.content.decode()
    assert "รับไว้พิจารณา" in html
    assert "ได้ส่งช่างไปตรวจหลังคาแล้ว" in html
    assert "บันทึกภายใน" not in html
    assert "นางสาวมาลี" not in html and "ณัฐพล" not in html and "officer_a" not in html


def test_the_code_is_accepted_with_spaces_and_lower_case(client, agency):
    case = fb.case()
    code = f"  {case.tracking_code.lower()} "
    response = client.post(reverse("feedback:track"), {"code": code}, follow=True)
    assert case.subject in response.content.decode()


@pytest.mark.parametrize("mangle", ["wrong_pin", "unknown_number", "garbage"])
def test_wrong_and_unknown_codes_get_the_same_answer(client, agency, mangle):
    case = fb.case()
    code = {
        "wrong_pin": f"{case.tracking_number}-AAAAAA",
        "unknown_number": f"{case.fiscal_year}-99999-{case.pin}",
        "garbage": "'; DROP TABLE feedback_case; --",
    }[mangle]
    response = client.post(reverse("feedback:track"), {"code": code}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    assert "ไม่พบเรื่องที่ตรงกับรหัสนี้" in html
    assert case.subject not in html


def test_repeated_guessing_is_slowed_down(client, agency):
    case = fb.case()
    for n in range(10):
        client.post(reverse("feedback:track"), {"code": f"{case.tracking_number}-GUESS{n}"})
    response = client.post(reverse("feedback:track"), {"code": case.tracking_code}, follow=True)
    assert response.status_code == 429
    html = response.content.decode()
    assert "ลองหลายครั้งเกินไป" in html
    assert case.subject not in html


def test_the_citizen_is_mailed_each_status_change_but_not_the_assignment(
    agency, officer, mission_group, django_capture_on_commit_callbacks
):
    case = fb.case()
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(case=case, to=Case.Status.ACCEPTED, by=officer)
        case_transition(
            case=case,
            to=Case.Status.ASSIGNED,
            by=officer,
            assigned_group=mission_group,
            assigned_to=officer,
        )
    from django.core import mail

    subjects = [m.subject for m in mail.outbox]
    assert subjects == [f"เรื่อง {case.tracking_number}: รับไว้พิจารณา"]
    assert "ณัฐพล" not in mail.outbox[0].body
