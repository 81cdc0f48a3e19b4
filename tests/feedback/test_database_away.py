"""The database away or failing while a citizen sends a case: the form comes
back with everything typed in it and a Thai message, and nothing is stored."""

from types import SimpleNamespace

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from feedback.models import Attachment, Case
from tests import factories
from tests.factories import feedback as fb
from tests.faults import database_away, failing_on

pytestmark = pytest.mark.django_db


def private_files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_with_the_database_away_the_form_comes_back_whole(client, agency, settings):
    data = fb.form_data(attachments=[factories.jpeg_upload("roof.jpg")])
    with connection.execute_wrapper(database_away):
        response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "ยังไม่ได้บันทึกเรื่องของท่าน" in html
    for typed in ("ห้องน้ำโรงเรียนชำรุด", "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว", "0812345678"):
        assert typed in html
    assert "roof.jpg" in html  # named, to be attached again
    assert data["submission_token"] in html  # the same form, so a resend is stored once
    assert Case.objects.count() == 0 and private_files(settings) == []


def test_a_failure_while_writing_the_attachment_rows_stores_nothing(client, agency, settings):
    data = fb.form_data(attachments=[factories.jpeg_upload("a.jpg")])
    with connection.execute_wrapper(failing_on('INSERT INTO "feedback_attachment"')):
        response = client.post(reverse("feedback:submit"), data)
    assert response.status_code == 503
    assert "ห้องน้ำนักเรียนหญิงชำรุดมาสองเดือนแล้ว" in response.content.decode()
    assert Case.objects.count() == 0 and Attachment.objects.count() == 0
    assert private_files(settings) == []


def test_the_form_sent_again_once_the_database_is_back_is_stored_once(client, agency):
    data = fb.form_data()
    with connection.execute_wrapper(database_away):
        client.post(reverse("feedback:submit"), data)
    response = client.post(reverse("feedback:submit"), data, follow=True)
    case = Case.objects.get()
    assert case.tracking_code in response.content.decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_database_lost_just_after_the_commit_still_shows_the_stored_case(
    client, agency, settings, monkeypatch
):
    from feedback import tasks

    def queue_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(tasks, "for_case", lambda mail, **kw: SimpleNamespace(enqueue=queue_gone))
    data = fb.form_data(attachments=[factories.jpeg_upload("roof.jpg")])
    response = client.post(reverse("feedback:submit"), data, follow=True)
    case = Case.objects.get()
    assert case.tracking_code in response.content.decode()
    assert len(private_files(settings)) == Attachment.objects.filter(case=case).count() == 1
