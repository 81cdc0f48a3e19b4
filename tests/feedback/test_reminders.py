"""The daily timer runs on every host; each officer still gets one reminder a day."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command

from feedback.models import Case
from tests.factories import feedback as fb
from tests.faults import at_once


@pytest.fixture
def overdue_case(triage_officer, agency):
    triage_officer.email = "triage@example.org"
    triage_officer.save()
    case = fb.case()
    Case.objects.filter(pk=case.pk).update(
        assigned_to=triage_officer,
        report_back_due_on=case.received_at.date() - dt.timedelta(days=1),
    )
    return case


def reminders_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_a_second_run_on_the_same_day_sends_nothing_more(
    overdue_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_remind_due")
        call_command("feedback_remind_due")  # the timer of a second host

    assert len(reminders_to("triage@example.org")) == 1
    assert overdue_case.subject in reminders_to("triage@example.org")[0].body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_hosts_running_the_timer_at_the_same_moment_send_one_reminder(overdue_case):
    _results, errors = at_once(2, lambda _host: call_command("feedback_remind_due"))

    assert errors == []

    assert len(reminders_to("triage@example.org")) == 1
