import datetime as dt
import uuid

import pytest
from django.core import mail
from django.urls import reverse

from feedback.models import Case, CaseEntry
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db


def change_url(case):
    return reverse("admin:feedback_case_change", args=[case.pk])


def admin_step(client, case, **changes):
    response = client.get(change_url(case))
    assert response.status_code == 200
    data = fb.admin_change_data(response) | changes
    return client.post(change_url(case), data)


def test_triage_records_a_phone_call_so_every_channel_counts(client, triage_officer, agency):
    login_staff(client, triage_officer)
    response = client.post(
        reverse("admin:feedback_case_add"),
        {
            "stream": Case.Stream.GENERAL,
            "channel": Case.Channel.PHONE,
            "received_at_0": "2026-11-20",
            "received_at_1": "10:30:00",
            "submission_token": str(uuid.uuid4()),  # the add page's one-time token
            "subject": "ผู้ปกครองโทรแจ้งรถรับส่งนักเรียนมาสาย",
            "details": "รถรับส่งนักเรียนโรงเรียนบ้านนาแกมาสายทุกวันจันทร์",
            "name": "นายประเสริฐ ทองดี",
            "phone": "0899999999",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    case = Case.objects.get()
    assert case.channel == Case.Channel.PHONE
    assert case.recorded_by == triage_officer
    assert case.reporter.name == "นายประเสริฐ ทองดี"
    assert case.number == 1 and case.fiscal_year == 2570
    assert case.report_back_due_on == dt.date(2026, 12, 5)


def test_a_referral_from_the_damrongtham_centre_needs_its_reference(client, triage_officer, agency):
    login_staff(client, triage_officer)
    data = {
        "stream": Case.Stream.GENERAL,
        "channel": Case.Channel.DAMRONGTHAM,
        "received_at_0": "2026-11-20",
        "received_at_1": "10:30:00",
        "submission_token": str(uuid.uuid4()),  # the add page's one-time token
        "subject": "เรื่องส่งต่อจากศูนย์ดำรงธรรม",
        "details": "ศูนย์ดำรงธรรมจังหวัดส่งเรื่องร้องเรียนการให้บริการ",
    }
    response = client.post(reverse("admin:feedback_case_add"), data)
    assert "เรื่องที่ส่งต่อมาต้องระบุเลขที่อ้างอิง" in response.content.decode()
    assert Case.objects.count() == 0
    data["incoming_reference"] = "นพ 0017.2/123"
    assert client.post(reverse("admin:feedback_case_add"), data).status_code == 302
    assert Case.objects.get().incoming_reference == "นพ 0017.2/123"


def test_every_stage_through_the_admin_and_the_citizen_sees_the_reply(
    client, triage_officer, agency, mission_group, django_capture_on_commit_callbacks
):
    case = fb.case()
    login_staff(client, triage_officer)
    with django_capture_on_commit_callbacks(execute=True):
        assert admin_step(client, case, next_step="accepted").status_code == 302
        response = admin_step(
            client,
            case,
            next_step="assigned",
            assigned_group=mission_group.pk,
            assigned_to=triage_officer.pk,
        )
        assert response.status_code == 302
        assert admin_step(client, case, next_step="in_progress").status_code == 302
        response = admin_step(
            client,
            case,
            **{
                "replies-0-body": "ดำเนินการซ่อมห้องน้ำเรียบร้อยแล้ว ขอบคุณที่แจ้ง",
                "notes-0-body": "ผู้รับเหมาเข้าซ่อมวันที่ ๑๘",
            },
        )
        assert response.status_code == 302
        response = admin_step(client, case, next_step="completed", outcome="ซ่อมห้องน้ำแล้วเสร็จ")
        assert response.status_code == 302
        assert admin_step(client, case, next_step="closed").status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.CLOSED
    assert case.screened_at and case.completed_at and case.closed_at
    assert case.assigned_to == triage_officer
    reply = CaseEntry.objects.replies().get()
    assert reply.author == triage_officer and reply.written_at
    assert CaseEntry.objects.notes().get().author == triage_officer
    assert case.first_replied_on is not None
    assert any("ดำเนินการซ่อมห้องน้ำเรียบร้อยแล้ว" in m.body for m in mail.outbox)
    history = list(case.history.order_by("history_date"))
    assert {h.status for h in history} >= {"received", "accepted", "assigned", "closed"}
    assert all(h.history_user == triage_officer for h in history[1:])

    tracking = client.post(reverse("feedback:track"), {"code": case.tracking_code}, follow=True)
    html = tracking.content.decode()
    assert "ดำเนินการซ่อมห้องน้ำเรียบร้อยแล้ว" in html
    assert "ผู้รับเหมาเข้าซ่อม" not in html
    assert "ยุติเรื่อง" in html


def test_completing_needs_an_outcome(client, triage_officer, agency, mission_group):
    case = fb.case()
    case.status = Case.Status.IN_PROGRESS
    case.save()
    login_staff(client, triage_officer)
    response = admin_step(client, case, next_step="completed")
    assert "ขั้นตอนนี้ต้องระบุ: ผลการดำเนินการ" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS


@pytest.mark.parametrize(
    ("ground", "thai"),
    [
        ("before_court", "อยู่ระหว่างการพิจารณาของศาลหรือศาลตัดสินแล้ว"),
        ("monarchy", "เกี่ยวกับสถาบันพระมหากษัตริย์"),
        ("other_agency", "หน่วยงานอื่นได้วินิจฉัยแล้ว"),
        ("too_vague", "ไม่มีรายละเอียดเพียงพอต่อการตรวจสอบ"),
    ],
)
def test_not_accepted_with_each_recorded_ground(client, triage_officer, agency, ground, thai):
    case = fb.case()
    login_staff(client, triage_officer)
    response = admin_step(client, case, next_step="not_accepted")
    assert "ขั้นตอนนี้ต้องระบุ: เหตุที่ไม่รับไว้พิจารณา" in response.content.decode()
    response = admin_step(client, case, next_step="not_accepted", not_accepted_ground=ground)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.NOT_ACCEPTED and case.not_accepted_ground == ground
    html = client.post(
        reverse("feedback:track"), {"code": case.tracking_code}, follow=True
    ).content.decode()
    assert thai in html


def test_referral_out_needs_the_agency_and_date(client, triage_officer, agency):
    case = fb.case()
    login_staff(client, triage_officer)
    response = admin_step(client, case, next_step="referred", referred_to="อบต.นาแก")
    assert "วันที่ส่งต่อ" in response.content.decode()
    response = admin_step(
        client,
        case,
        next_step="referred",
        referred_to="องค์การบริหารส่วนตำบลนาแก",
        referred_on="2026-11-20",
        referral_reference="ศธ 04139/1234",
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.REFERRED
    assert case.referral_reference == "ศธ 04139/1234"
    html = client.post(
        reverse("feedback:track"), {"code": case.tracking_code}, follow=True
    ).content.decode()
    assert "องค์การบริหารส่วนตำบลนาแก" in html


def test_a_case_links_to_the_improvement_it_led_to(client, triage_officer, agency):
    from measures.models import Improvement

    improvement = Improvement.objects.create(title="ติดตั้งป้ายบอกทางในสำนักงาน")
    case = fb.case()
    login_staff(client, triage_officer)
    assert admin_step(client, case, improvements=[improvement.pk]).status_code == 302
    assert list(improvement.feedback_cases.all()) == [case]


def test_cases_are_never_deleted(client, administrator, agency):
    case = fb.case()
    login_staff(client, administrator)
    response = client.get(reverse("admin:feedback_case_delete", args=[case.pk]))
    assert response.status_code == 403


def test_workflow_fields_change_only_with_a_step(client, triage_officer, agency):
    case = fb.case()
    login_staff(client, triage_officer)
    response = admin_step(client, case, not_accepted_ground="monarchy")
    assert "กรุณาเลือกขั้นตอนถัดไปเพื่อบันทึกข้อมูลนี้" in response.content.decode()
    case.refresh_from_db()
    assert case.not_accepted_ground == ""


def test_staff_find_a_case_by_its_register_number(client, triage_officer, agency):
    wanted, other = fb.case(), fb.case()
    login_staff(client, triage_officer)
    response = client.get(reverse("admin:feedback_case_changelist"), {"q": wanted.tracking_number})
    html = response.content.decode()
    assert wanted.subject in html and other.subject not in html


def test_the_service_refuses_a_skipped_stage_with_a_thai_reason(triage_officer, agency):
    from feedback.services import TransitionError, case_transition

    case = fb.case()
    with pytest.raises(TransitionError, match=r"รับเรื่อง.*ดำเนินการแล้วเสร็จ.*ไม่ได้"):
        case_transition(case=case, to="completed", by=triage_officer, outcome="จบ")
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED


def test_a_ground_for_not_accepting_is_refused_on_an_accepted_case(client, triage_officer, agency):
    case = fb.case()
    login_staff(client, triage_officer)
    response = admin_step(client, case, next_step="accepted", not_accepted_ground="too_vague")
    html = response.content.decode()
    assert response.status_code == 200
    assert "ขั้นตอน “รับไว้พิจารณา” ไม่ได้บันทึกเหตุที่ไม่รับไว้พิจารณา" in html
    form = response.context["adminform"].form
    assert form.data["not_accepted_ground"] == "too_vague"  # what was typed is kept
    assert "not_accepted_ground" in form.errors
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED and case.not_accepted_ground == ""


def test_a_step_keeps_what_earlier_steps_recorded(client, triage_officer, agency, mission_group):
    case = fb.case()
    login_staff(client, triage_officer)
    assert admin_step(client, case, next_step="accepted").status_code == 302
    response = admin_step(
        client,
        case,
        next_step="assigned",
        assigned_group=mission_group.pk,
        assigned_to=triage_officer.pk,
    )
    assert response.status_code == 302
    assert admin_step(client, case, next_step="in_progress").status_code == 302
    response = admin_step(client, case, next_step="completed", outcome="ซ่อมแล้ว")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.COMPLETED and case.assigned_to == triage_officer


def test_a_step_no_longer_allowed_is_refused_with_the_thai_statuses(client, triage_officer, agency):
    case = fb.case()
    login_staff(client, triage_officer)
    response = admin_step(client, case, next_step="completed", outcome="เสร็จแล้ว")
    html = response.content.decode()
    assert "เรื่องที่อยู่ในสถานะ “รับเรื่อง” เปลี่ยนเป็น “ดำเนินการแล้วเสร็จ” ไม่ได้" in html
    assert "completed" not in response.context["adminform"].form.errors.as_text()
    assert response.context["adminform"].form.data["outcome"] == "เสร็จแล้ว"
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED
