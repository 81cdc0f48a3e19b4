"""A mail server that is down delays a message and loses none."""

import logging

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback import tasks
from feedback.models import Case
from tests.factories import feedback as fb

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def durable_queue(settings):
    settings.TASKS = {"default": settings.TASKS["default"] | {"BACKEND": DATABASE_BACKEND}}


@pytest.fixture
def mail_server_down(monkeypatch):
    """The mail server refuses the next `state["failures"]` sends, then works."""
    state = {"failures": 1}
    deliver = EmailBackend.send_messages

    def send_messages(self, messages):
        if state["failures"]:
            state["failures"] -= 1
            raise ConnectionRefusedError(111, "Connection refused")
        return deliver(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", send_messages)
    return state


def _worker_runs(*, later=False):
    """One pass of the worker; `later` lets the waiting retries fall due first."""
    from django_tasks_db.models import DBTaskResult

    if later:
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_a_receipt_refused_by_the_mail_server_is_sent_once_it_is_back(
    client, agency, durable_queue, mail_server_down
):
    from django_tasks_db.models import DBTaskResult

    client.post(reverse("feedback:submit"), fb.form_data())
    case = Case.objects.get()

    _worker_runs()
    assert mail.outbox == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["kwargs"] == {"case_id": case.pk, "event": "receipt", "attempt": 2}
    assert retry.run_after > timezone.now()

    _worker_runs()  # not yet due: the server is left alone
    assert mail.outbox == []

    _worker_runs(later=True)
    assert len(mail.outbox) == 1 and case.tracking_code in mail.outbox[0].body
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_mail_server_that_stays_down_is_given_up_on_with_an_error_in_the_log(
    agency, durable_queue, mail_server_down, caplog
):
    from django_tasks_db.models import DBTaskResult

    mail_server_down["failures"] = 1000
    case = fb.case()
    _worker_runs()
    for _attempt in tasks.RETRY_DELAYS:
        _worker_runs(later=True)

    assert mail.outbox == []
    assert not DBTaskResult.objects.filter(status="READY").exists()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert DBTaskResult.objects.count() == len(tasks.RETRY_DELAYS) + 1
    given_up = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert given_up and str(case.pk) in given_up[0].getMessage()
