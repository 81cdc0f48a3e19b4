"""No personal data leaves through the side doors: error mails, logs, task results.

A server error on each public form, with ADMINS set, mails a report that holds
none of what the citizen typed, attached or came from; the 503 a form answers
on purpose when the database is away is not mailed at all; a mail server that
refuses a reporter's address leaves that address in no log line, no stored
task result and no error mail.
"""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import Case
from feedback.models.case_queries import CaseQuerySet
from tests import factories
from tests.factories import feedback as fb
from tests.factories import surveys as surveys

pytestmark = pytest.mark.django_db

CLIENT_ADDRESS = "203.0.113.77"
PERSONAL = {
    "name": "นางสาวลับเฉพาะ ไม่ควรเห็น",
    "email": "secret.reporter@example.org",
    "phone": "0899998877",
    "address": "๑๒๓ หมู่ ๔ ตำบลลับแล",
    "subject": "ผู้อำนวยการกองคลังเรียกรับเงิน",
    "details": "นายสมปอง กองคลัง เรียกรับเงินห้าหมื่นบาทจากผู้รับเหมา",
}


@pytest.fixture
def admins(settings):
    settings.ADMINS = ["ops@example.org"]
    settings.PORTAL_TRUSTED_PROXY_COUNT = 1


@pytest.fixture
def citizen():
    return Client(
        raise_request_exception=False,
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=CLIENT_ADDRESS,
    )


def _broken(*args, **kwargs):
    raise RuntimeError("the code has a fault")


def _error_mails():
    return [m for m in mail.outbox if m.to == ["ops@example.org"]]


def _mail_text(message):
    parts = [message.subject, message.body]
    parts += [content for content, _type in getattr(message, "alternatives", [])]
    return "\n".join(str(part) for part in parts)


def _assert_nothing_personal(text, values):
    for value in values:
        assert value not in text, value


@pytest.mark.parametrize("url_name", ["feedback:submit", "feedback:corruption_submit"])
def test_a_server_error_on_a_complaint_form_mails_no_personal_value(
    citizen, agency, admins, monkeypatch, url_name
):
    monkeypatch.setattr("feedback.views.case_register", _broken)
    data = fb.form_data(
        **PERSONAL, attachments=[factories.jpeg_upload("นายสมปอง-หลักฐาน.jpg")], is_anonymous=""
    )
    if url_name == "feedback:corruption_submit":
        del data["stream"]
    response = citizen.post(reverse(url_name), data)
    assert response.status_code == 500
    (report,) = _error_mails()
    text = _mail_text(report)
    assert "RuntimeError" in text and "details" in text  # the fault and the field's name
    _assert_nothing_personal(text, [*PERSONAL.values(), "นายสมปอง-หลักฐาน", CLIENT_ADDRESS])


def test_a_server_error_on_the_tracking_form_mails_no_code(citizen, agency, admins, monkeypatch):
    monkeypatch.setattr(CaseQuerySet, "by_tracking_code", _broken)
    code = "2569-00042-ACDEFG"
    response = citizen.post(reverse("feedback:track"), {"code": code})
    assert response.status_code == 500
    (report,) = _error_mails()
    _assert_nothing_personal(_mail_text(report), [code, CLIENT_ADDRESS])


def test_a_server_error_on_a_survey_mails_no_answer(citizen, agency, admins, monkeypatch):
    import re

    survey = surveys.survey()
    question = survey.open_questions.get()
    page = citizen.get(reverse("surveys:survey_answer", kwargs={"slug": survey.slug}))
    token = re.search(r'name="token" value="([^"]+)"', page.content.decode()).group(1)
    data = {"token": token, f"open_{question.pk}": PERSONAL["details"]}
    data |= {f"item_{item.pk}": "5" for item in surveys.items_of(survey)}
    monkeypatch.setattr("surveys.services.response_submit", _broken)
    response = citizen.post(reverse("surveys:survey_answer", kwargs={"slug": survey.slug}), data)
    assert response.status_code == 500
    (report,) = _error_mails()
    _assert_nothing_personal(_mail_text(report), [PERSONAL["details"], token, CLIENT_ADDRESS])


def test_the_503_a_form_answers_when_the_database_is_away_is_not_mailed(
    citizen, agency, admins, monkeypatch
):
    def database_away(**kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr("feedback.views.case_register", database_away)
    response = citizen.post(reverse("feedback:corruption_submit"), fb.form_data(**PERSONAL))
    assert response.status_code == 503
    assert _error_mails() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_refused_recipient_leaves_no_address_in_logs_or_task_results(
    agency, admins, settings, monkeypatch, caplog
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sealed"]}
    }
    address = PERSONAL["email"]

    def refuse(self, messages):
        if any(address in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({address: (550, b"5.1.1 " + address.encode())})
        return len(messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    case = fb.corruption_case(reporter={"name": PERSONAL["name"], "email": address})
    caplog.set_level(logging.INFO)
    for _attempt in range(8):
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())
        call_command("db_worker", queue_name="*", batch=True, no_startup_delay=True, verbosity=0)
    failed = DBTaskResult.objects.get(status="FAILED")
    assert Case.objects.get().pk == case.pk
    stored = " ".join(
        f"{task.args_kwargs} {task.return_value} {task.traceback} {task.exception_class_path}"
        for task in DBTaskResult.objects.all()
    )
    logged = "\n".join(
        record.getMessage()
        + (logging.Formatter().formatException(record.exc_info) if record.exc_info else "")
        for record in caplog.records
    )
    assert "SMTPRecipientsRefused" in failed.traceback and str(case.pk) in failed.traceback
    assert "SMTPRecipientsRefused" in logged
    mailed = "\n".join(_mail_text(message) for message in _error_mails())
    for text in (stored, logged, mailed):
        _assert_nothing_personal(text, [address, "secret.reporter", PERSONAL["name"]])
