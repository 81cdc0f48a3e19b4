"""Personal-data requests near or past their 30 days are in the daily reminder
mail of those who may know of them: triage and integrity officers, a request
about a corruption report the integrity officers only."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from feedback.data_requests import data_request_answer, data_request_file
from feedback.models import DataRequest, FeedbackSettings
from tests.factories import feedback as fb


def _file(case, *, days_ago, kind=DataRequest.Kind.SEE):
    return data_request_file(
        kind=kind,
        case=case,
        channel=DataRequest.Channel.TRACKING,
        now=timezone.now() - dt.timedelta(days=days_ago),
    )


@pytest.fixture
def officers(triage_officer, integrity_officer, editor):
    for user in (triage_officer, integrity_officer, editor):
        user.email = f"{user.username}@example.org"
        user.save()
    return triage_officer, integrity_officer, editor


def _mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_each_officer_is_reminded_only_of_the_requests_they_may_see(
    agency, officers, django_capture_on_commit_callbacks
):
    triage = officers[0]
    config = FeedbackSettings.objects.current()
    config.due_soon_days = 3
    config.save()
    late = _file(fb.case(), days_ago=40)  # due ten days ago
    soon = _file(fb.case(), days_ago=29, kind=DataRequest.Kind.ERASE)  # due tomorrow
    sealed_late = _file(fb.corruption_case(), days_ago=35)
    fresh = _file(fb.case(), days_ago=1)  # 29 days left: not near
    answered = _file(fb.case(), days_ago=40)
    data_request_answer(request=answered, by=triage, status=DataRequest.Status.DONE)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")

    every = {late, soon, sealed_late, fresh, answered}

    def mentioned(message):
        return {r for r in every if r.reference in message.body + message.subject}

    [to_triage] = _mails_to("triage@example.org")
    [to_integrity] = _mails_to("integrity@example.org")
    assert mentioned(to_triage) == {late, soon}
    assert mentioned(to_integrity) == {late, soon, sealed_late}
    assert _mails_to("editor@example.org") == []
    # Thai, with the one deadline rule's flags and the answer-by dates.
    assert to_triage.subject == ("มีเรื่องหรือคำขอเกี่ยวกับข้อมูลส่วนบุคคล 2 รายการใกล้หรือเลยกำหนดเวลา")
    assert "คำขอเกี่ยวกับข้อมูลส่วนบุคคล (PDPA):" in to_triage.body
    late_line, soon_line = (
        to_triage.body.split(late.reference)[1].splitlines()[1],
        to_triage.body.split(soon.reference)[1].splitlines()[1],
    )
    assert "เลยกำหนด" in late_line and "ใกล้ครบกำหนด" in soon_line
    assert "ตอบภายใน" in late_line
    assert f"/admin/feedback/datarequest/{late.pk}/change/" in to_triage.body
    assert to_integrity.subject.startswith("มีเรื่องหรือคำขอ") and " 3 " in to_integrity.subject


def test_without_urgent_requests_the_case_reminder_is_unchanged(
    agency, officers, django_capture_on_commit_callbacks
):
    triage, _integrity, _editor = officers
    case = fb.case()
    type(case).objects.filter(pk=case.pk).update(
        assigned_to=triage, report_back_due_on=case.received_at.date() - dt.timedelta(days=1)
    )
    _file(fb.case(), days_ago=1)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")

    [to_triage] = _mails_to("triage@example.org")
    assert to_triage.subject == "มี 1 เรื่องใกล้หรือเลยกำหนดเวลา"
    assert "PDPA" not in to_triage.body
    assert _mails_to("integrity@example.org") == []


DURABLE = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sealed"]}


@pytest.mark.parametrize("sealed_too", [True, False])
def test_a_reminder_naming_a_corruption_report_request_goes_on_the_sealed_queue_only(
    agency, officers, settings, django_capture_on_commit_callbacks, sealed_too
):
    """The sealed queue is the one only the integrity role sees in the admin: a
    mail that names a request about a corruption report must wait there, and
    only there; a mail naming plain requests only waits on the ordinary one."""
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": DURABLE}
    triage, integrity, _editor = officers
    plain = _file(fb.case(), days_ago=40)
    sealed = _file(fb.corruption_case(), days_ago=40) if sealed_too else None

    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")

    queued = {
        row.args_kwargs["kwargs"]["user_id"]: (
            row.queue_name,
            set(row.args_kwargs["kwargs"]["request_ids"]),
        )
        for row in DBTaskResult.objects.filter(task_path="feedback.tasks.reminder_send")
    }
    assert DBTaskResult.objects.filter(task_path="feedback.tasks.reminder_send").count() == 2
    assert queued[triage.pk] == ("default", {plain.pk})
    if sealed_too:
        assert queued[integrity.pk] == ("sealed", {plain.pk, sealed.pk})
    else:
        assert queued[integrity.pk] == ("default", {plain.pk})
    assert mail.outbox == []  # waiting for the worker, not sent in the request
