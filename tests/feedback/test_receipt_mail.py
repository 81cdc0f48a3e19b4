"""The receipt as an e-mail copy: sent to the address the citizen gave (once
on filing, again on request, a few times at most), through the worker, with
no address or text of the case in the queue or the logs."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from feedback.models import Case
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def durable_queue(settings):
    backend = {"BACKEND": "django_tasks_db.DatabaseBackend"}
    settings.TASKS = {"default": settings.TASKS["default"] | backend}


def _file(client, **overrides):
    client.post(reverse("feedback:submit"), fb.form_data(**overrides))
    return Case.objects.get()


def _worker_run():
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


def test_the_receipt_mail_is_a_copy_of_the_receipt_with_a_link_that_fills_in_the_code(
    client, agency, durable_queue
):
    case = _file(client)
    _worker_run()

    [message] = mail.outbox
    assert message.to == ["malee@example.org"]
    assert case.tracking_code in message.body
    # The subject shows on a phone's locked screen: the number, never the PIN.
    assert case.tracking_number in message.subject and case.pin not in message.subject
    assert "ห้องน้ำโรงเรียนชำรุด" in message.body and "ประเภท: ร้องเรียนทั่วไป" in message.body
    assert f"/feedback/track/#code={case.tracking_code}" in message.body
    assert "?code=" not in message.body


def test_the_citizen_asks_for_another_copy_and_gets_it_at_the_address_they_gave(
    client, agency, durable_queue, caplog
):
    case = _file(client)
    with caplog.at_level("DEBUG"):
        response = client.post(reverse("feedback:receipt_mail", args=[case.pk]), follow=True)
        _worker_run()

    assert "กำลังส่งสำเนาใบรับเรื่องไปยังอีเมลของท่าน" in response.content.decode()
    assert [m.to for m in mail.outbox] == [["malee@example.org"], ["malee@example.org"]]
    queued = [str(result.args_kwargs) for result in DBTaskResult.objects.all()]
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    for personal in ("malee@example.org", "มาลี", "ห้องน้ำโรงเรียนชำรุด"):
        assert personal not in logged and not any(personal in q for q in queued)


def test_copies_are_capped_so_the_form_cannot_flood_a_mailbox(client, agency, durable_queue):
    case = _file(client)
    url = reverse("feedback:receipt_mail", args=[case.pk])
    for _ in range(4):
        response = client.post(url, follow=True)

    assert "ได้ส่งใบรับเรื่องซ้ำให้แล้ว" in response.content.decode()
    assert DBTaskResult.objects.count() == 1 + 2  # on filing, then two copies


def test_only_the_browser_that_filed_may_ask_and_only_when_an_address_was_given(
    client, agency, durable_queue
):
    case = _file(client)
    stranger = client.__class__()
    assert stranger.post(reverse("feedback:receipt_mail", args=[case.pk])).status_code == 404

    Case.objects.all().delete()
    without = _file(client, email="")
    receipt = client.get(reverse("feedback:receipt", args=[without.pk])).content.decode()
    assert "ส่งสำเนาใบรับเรื่องนี้ทางอีเมล" not in receipt
    assert client.post(reverse("feedback:receipt_mail", args=[without.pk])).status_code == 404
    assert client.get(reverse("feedback:receipt_mail", args=[without.pk])).status_code == 405
