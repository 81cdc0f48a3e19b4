"""The staff's add form stores a case once, however often it is sent: an
officer typing in a phone call who double-clicks "save", or whose browser
sends the form again on a slow line, gets one case and one register number."""

import re

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.test import Client
from django.urls import reverse

from feedback.models import Case
from tests.admin_form import admin_form_data
from tests.faults import at_once, concurrent_connections
from tests.login import login_staff

ADD_URL = reverse("admin:feedback_case_add")

PHONE_CALL = {
    "stream": Case.Stream.GENERAL,
    "channel": Case.Channel.PHONE,
    "received_at_0": "2026-11-20",
    "received_at_1": "10:30:00",
    "subject": "ผู้ปกครองโทรแจ้งรถรับส่งนักเรียนมาสาย",
    "details": "รถรับส่งนักเรียนโรงเรียนบ้านนาแกมาสายทุกวันจันทร์",
    "name": "นายประเสริฐ ทองดี",
    "phone": "0899999999",
}


def phone_call_form(client):
    """The add page as the officer's browser holds it, filled in once."""
    return admin_form_data(client, ADD_URL, **PHONE_CALL)


def _token_in(html):
    return re.search(r'name="submission_token" value="([^"]+)"', html)[1]


@pytest.mark.django_db
def test_the_same_form_saved_twice_records_one_case(client, triage_officer, agency):
    login_staff(client, triage_officer)
    form = phone_call_form(client)
    first = client.post(ADD_URL, form)
    assert first.status_code == 302
    again = client.post(ADD_URL, form, follow=True)
    case = Case.objects.get()
    assert case.number == 1 and case.reporter.name == "นายประเสริฐ ทองดี"
    assert again.redirect_chain[-1][0] == reverse("admin:feedback_case_change", args=[case.pk])
    html = again.content.decode()
    assert f"แบบฟอร์มนี้บันทึกไปแล้ว: เรื่องเลขที่ {case.tracking_number}" in html
    assert LogEntry.objects.filter(action_flag=ADDITION).count() == 1
    # The next case takes the next number: the resend used none.
    second_call = admin_form_data(client, ADD_URL, **PHONE_CALL)
    assert client.post(ADD_URL, second_call).status_code == 302
    assert sorted(Case.objects.values_list("number", flat=True)) == [1, 2]


@pytest.mark.django_db
def test_two_calls_typed_alike_are_two_cases(client, triage_officer, agency):
    login_staff(client, triage_officer)
    first, second = phone_call_form(client), phone_call_form(client)
    assert client.post(ADD_URL, first).status_code == 302
    assert client.post(ADD_URL, second).status_code == 302
    assert Case.objects.count() == 2


@pytest.mark.django_db
def test_a_form_without_its_token_is_refused_and_keeps_what_was_typed(
    client, triage_officer, agency
):
    login_staff(client, triage_officer)
    form = phone_call_form(client)
    del form["submission_token"]
    response = client.post(ADD_URL, form)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ยังไม่ได้ส่งข้อมูล: หน้านี้เปิดไว้ก่อนแบบฟอร์มฉบับปัจจุบัน" in html
    assert "ผู้ปกครองโทรแจ้งรถรับส่งนักเรียนมาสาย" in html
    assert Case.objects.count() == 0
    # Sent again as shown, with its fresh token, it is stored (once).
    shown = admin_form_data(client, ADD_URL)  # (a new page: its own token)
    resent = {**form, "submission_token": _token_in(html)}
    assert client.post(ADD_URL, resent).status_code == 302
    assert client.post(ADD_URL, resent).status_code == 302
    assert Case.objects.count() == 1
    assert shown["submission_token"] != resent["submission_token"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@concurrent_connections
def test_the_same_form_sent_twice_at_the_same_moment_records_one_case(triage_officer, agency):
    browser = Client()
    login_staff(browser, triage_officer)
    form = phone_call_form(browser)
    session = browser.cookies

    def send(i):
        connection = Client()
        connection.cookies = session
        response = connection.post(ADD_URL, form, follow=True)
        return response.status_code, response.content.decode()

    results, errors = at_once(2, send)
    assert errors == []
    case = Case.objects.get()
    for status, html in results:
        assert status == 200 and case.tracking_number in html
    assert LogEntry.objects.filter(action_flag=ADDITION).count() == 1
