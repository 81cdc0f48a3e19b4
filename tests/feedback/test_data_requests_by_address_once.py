"""The by-address request form sent twice (a double click, a browser sending
again on a slow line) mails one link and uses one of the address's links of
the day; the page still answers the same whether or not the address is on
file. Different sendings each count, as before."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from feedback.models import DataRequestLink
from tests.factories import feedback as fb
from tests.faults import at_once, concurrent_connections

ASK = reverse("feedback:data_request_by_address")
KNOWN, UNKNOWN = "malee@example.org", "nobody@example.org"


@pytest.fixture
def limits(settings):
    settings.FEEDBACK_DATA_REQUEST_ADDRESS_LIMIT = (3, 24 * 60 * 60)
    settings.FEEDBACK_DATA_REQUEST_LIMIT = (100, 60 * 60)  # not the connection's limit


def form_page(client, email, kind="see"):
    """What the citizen's browser sends from one opening of the form."""
    html = client.get(ASK).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', html)[1]
    return {"email": email, "kind": kind, "details": "", "submission_token": token}


def main_of(response):
    return re.search(r"<main.*?</main>", response.content.decode(), re.S)[0]


@pytest.mark.django_db
def test_the_same_form_sent_twice_mails_one_link_and_uses_one_of_the_day(
    client, agency, limits, django_capture_on_commit_callbacks
):
    fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "email": KNOWN})
    form = form_page(client, KNOWN)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(ASK, form, follow=True)
        again = client.post(ASK, form, follow=True)
    assert [message.to for message in mail.outbox] == [[KNOWN]]
    assert DataRequestLink.objects.count() == 1
    assert main_of(first) == main_of(again)
    # Two of the three links of the day are left: the resend used none.
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(ASK, form_page(client, KNOWN, kind="erase"))
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_an_unknown_address_sent_twice_uses_one_of_the_day_like_a_known_one(
    client, agency, limits, django_capture_on_commit_callbacks
):
    form = form_page(client, UNKNOWN)
    unknown = [client.post(ASK, form, follow=True) for _ in range(2)]
    known_form = form_page(client, KNOWN)
    fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "email": KNOWN})
    known = [client.post(ASK, known_form, follow=True) for _ in range(2)]
    assert {main_of(response) for response in unknown + known} == {main_of(known[0])}
    assert not DataRequestLink.objects.filter(email=UNKNOWN).exists()
    # The address comes on file: two links of its day are left, not one.
    fb.case(reporter={"name": "นายไม่มีใคร", "email": UNKNOWN})
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(ASK, form_page(client, UNKNOWN))
    assert [message.to for message in mail.outbox] == [[UNKNOWN], [UNKNOWN]]


@pytest.mark.django_db
def test_different_sendings_each_count(client, agency, limits, django_capture_on_commit_callbacks):
    fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "email": KNOWN})
    with django_capture_on_commit_callbacks(execute=True):
        for kind in ("see", "see", "erase", "correct"):
            form = form_page(client, KNOWN, kind=kind) | {"details": "นามสกุลสะกดผิด"}
            assert client.post(ASK, form).status_code == 302
    assert len(mail.outbox) == 3
    assert DataRequestLink.objects.count() == 3


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@concurrent_connections
def test_the_same_form_sent_twice_at_the_same_moment_mails_one_link(agency, limits):
    fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "email": KNOWN})
    mail.outbox.clear()  # the case's receipt
    browser = Client()
    form = form_page(browser, KNOWN)
    cookies = browser.cookies

    def send(i):
        connection = Client()
        connection.cookies = cookies
        return connection.post(ASK, form).status_code

    results, errors = at_once(2, send)
    assert errors == [] and results == [302, 302]
    assert DataRequestLink.objects.count() == 1
    assert [message.to for message in mail.outbox] == [[KNOWN]]


@pytest.mark.django_db
def test_a_form_without_its_token_sends_nothing_and_keeps_what_was_typed(
    client, agency, limits, django_capture_on_commit_callbacks
):
    fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "email": KNOWN})
    form = form_page(client, KNOWN, kind="correct") | {"details": "นามสกุลสะกดผิด"}
    del form["submission_token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK, form)
    html = response.content.decode()
    assert response.status_code == 200
    assert "ยังไม่ได้ส่งข้อมูล: หน้านี้เปิดไว้ก่อนแบบฟอร์มฉบับปัจจุบัน" in html
    assert "นามสกุลสะกดผิด" in html and KNOWN in html
    assert not mail.outbox
