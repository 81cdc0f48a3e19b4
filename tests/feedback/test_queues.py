"""Corruption reports have their own admin queue; the general queue holds the rest."""

import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from feedback.models import Case
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

GENERAL = "admin:feedback_case_changelist"
CORRUPTION = "admin:feedback_corruptionreport_changelist"


@pytest.fixture
def both(agency):
    return fb.case(subject="ขอให้ซ่อมถนนหน้าโรงเรียน"), fb.corruption_case()


def test_each_queue_lists_only_its_own_cases(client, integrity_officer, both):
    general, corruption = both
    login_staff(client, integrity_officer)
    general_html = client.get(reverse(GENERAL)).content.decode()
    corruption_html = client.get(reverse(CORRUPTION)).content.decode()
    assert general.subject in general_html and corruption.subject not in general_html
    assert corruption.subject in corruption_html and general.subject not in corruption_html


def test_an_old_general_queue_link_to_a_corruption_report_moves_to_its_queue(
    client, integrity_officer, both
):
    general, corruption = both
    login_staff(client, integrity_officer)
    response = client.get(reverse("admin:feedback_case_change", args=[corruption.pk]))
    target = reverse("admin:feedback_corruptionreport_change", args=[corruption.pk])
    assert response.status_code == 302 and response["Location"] == target
    back = client.get(reverse("admin:feedback_corruptionreport_change", args=[general.pk]))
    assert back["Location"] == reverse("admin:feedback_case_change", args=[general.pk])


def test_to_other_roles_a_corruption_report_is_as_absent_as_a_missing_one(
    client, triage_officer, both
):
    _, corruption = both
    login_staff(client, triage_officer)
    sealed = client.get(reverse("admin:feedback_case_change", args=[corruption.pk]))
    missing = client.get(reverse("admin:feedback_case_change", args=[corruption.pk + 1000]))
    assert sealed.status_code == missing.status_code == 302
    assert sealed["Location"] == missing["Location"] == reverse("admin:index")


def test_a_corruption_report_cannot_be_changed_through_the_general_queue(
    client, integrity_officer, both
):
    _, corruption = both
    login_staff(client, integrity_officer)
    url = reverse("admin:feedback_case_change", args=[corruption.pk])
    response = client.post(url, {"next_step": "accepted"})
    assert response.status_code == 302 and "/admin/" in response["Location"]
    corruption.refresh_from_db()
    assert corruption.status == Case.Status.RECEIVED
    assert client.get(reverse("admin:feedback_case_change", args=["x"])).status_code == 302


def test_the_integrity_officer_works_the_corruption_queue_with_history(
    client, integrity_officer, both
):
    _, corruption = both
    login_staff(client, integrity_officer)
    url = reverse("admin:feedback_corruptionreport_change", args=[corruption.pk])
    data = fb.admin_change_data(client.get(url)) | {"next_step": "accepted"}
    data["replies-0-body"] = "ศูนย์ฯ รับเรื่องไว้ตรวจสอบแล้ว"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse(CORRUPTION)
    corruption.refresh_from_db()
    assert corruption.status == Case.Status.ACCEPTED
    assert corruption.entries.replies().get().body == "ศูนย์ฯ รับเรื่องไว้ตรวจสอบแล้ว"
    latest = corruption.history.first()
    assert latest.status == Case.Status.ACCEPTED
    assert latest.history_user == integrity_officer
    history = client.get(reverse("admin:feedback_corruptionreport_history", args=[corruption.pk]))
    assert "เปลี่ยนสถานะเป็น รับไว้พิจารณา" in history.content.decode()


@pytest.mark.parametrize("role", ["triage_officer", "director"])
def test_other_roles_cannot_reach_the_corruption_queue(client, request, both, role):
    _, corruption = both
    login_staff(client, request.getfixturevalue(role))
    url = reverse("admin:feedback_corruptionreport_change", args=[corruption.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"next_step": "accepted"}).status_code == 403
    assert client.get(reverse("admin:feedback_corruptionreport_add")).status_code == 403
    corruption.refresh_from_db()
    assert corruption.status == Case.Status.RECEIVED


def test_the_integrity_officer_records_a_corruption_report_that_came_by_letter(
    client, integrity_officer, agency
):
    login_staff(client, integrity_officer)
    response = client.post(
        reverse("admin:feedback_corruptionreport_add"),
        {
            "stream": Case.Stream.CORRUPTION,
            "channel": Case.Channel.LETTER,
            "received_at_0": "2026-11-20",
            "received_at_1": "09:00:00",
            "submission_token": str(uuid.uuid4()),  # the add page's one-time token
            "subject": "จดหมายร้องเรียนการจัดซื้อโต๊ะเรียน",
            "details": "ราคาโต๊ะเรียนสูงกว่าท้องตลาดมาก",
            "is_anonymous": "on",
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.stream == Case.Stream.CORRUPTION and case.history.count() == 1


def test_the_general_add_form_does_not_offer_the_corruption_stream(client, triage_officer, agency):
    login_staff(client, triage_officer)
    html = client.get(reverse("admin:feedback_case_add")).content.decode()
    assert 'value="general"' in html
    assert 'value="corruption"' not in html
    response = client.post(
        reverse("admin:feedback_case_add"),
        {
            "stream": Case.Stream.CORRUPTION,
            "channel": Case.Channel.PHONE,
            "received_at_0": "2026-11-20",
            "received_at_1": "09:00:00",
            "submission_token": str(uuid.uuid4()),  # the add page's one-time token
            "subject": "โทรแจ้งเรื่องทุจริต",
            "details": "ผู้โทรแจ้งว่ามีการเรียกรับเงิน",
        },
    )
    assert response.status_code == 200
    assert not Case.objects.exists()


def test_reminders_link_each_case_to_its_own_queue(
    integrity_officer, agency, django_capture_on_commit_callbacks
):
    integrity_officer.email = "integrity@example.org"
    integrity_officer.save()
    case = fb.corruption_case()
    Case.objects.filter(pk=case.pk).update(
        report_back_due_on=case.received_at.date(), resolve_due_on=case.received_at.date()
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")
    body = next(m.body for m in mail.outbox if m.to == ["integrity@example.org"])
    assert reverse("admin:feedback_corruptionreport_change", args=[case.pk]) in body


def test_the_corruption_changelist_query_count_does_not_grow_with_rows(
    client, integrity_officer, agency
):
    fb.corruption_case()
    login_staff(client, integrity_officer)

    def more_reports():
        for _ in range(10):
            fb.corruption_case()

    response = assert_constant_queries(client, reverse(CORRUPTION), grow=more_reports)
    assert response.context["cl"].result_count == 11


def test_the_general_queue_filters_by_its_own_streams_only(client, triage_officer, agency):
    question = fb.case(stream=Case.Stream.QUESTION, subject="สอบถามการรับสมัครนักเรียน")
    complaint = fb.case()
    login_staff(client, triage_officer)
    html = client.get(reverse(GENERAL), {"stream": "question"}).content.decode()
    assert question.subject in html and complaint.subject not in html
    assert "?stream=corruption" not in html and "?stream=question" in html


def test_a_read_only_case_shows_no_empty_next_step(client, director, both):
    login_staff(client, director)
    html = client.get(reverse("admin:feedback_case_change", args=[both[0].pk])).content.decode()
    assert "field-status" in html  # the workflow itself is still shown
    assert "field-next_step" not in html and "None" not in html
