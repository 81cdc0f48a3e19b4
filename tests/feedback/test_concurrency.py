"""A rush of citizens: every case gets its own register number, a form sent
twice at once is stored once, and both sendings show the same receipt."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from feedback.models import Case, Counter, HandlingManual
from tests.factories import feedback as fb
from tests.faults import at_once, concurrent_connections

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    concurrent_connections,
]

SUBMITTERS = 30


def test_simultaneous_cases_each_get_their_own_register_number(agency):
    results, errors = at_once(SUBMITTERS, lambda i: fb.case().number)
    assert errors == []
    assert sorted(results) == list(range(1, SUBMITTERS + 1))
    assert Case.objects.count() == SUBMITTERS


def test_numbering_continues_after_cases_registered_before_the_counter(agency):
    fb.case()
    Case.objects.update(number=41)  # a register kept before running numbers existed
    Counter.objects.all().delete()
    results, errors = at_once(5, lambda i: fb.case().number)
    assert errors == [] and sorted(results) == [42, 43, 44, 45, 46]


def test_a_form_sent_many_times_at_once_is_stored_once_and_every_sending_gets_its_receipt(
    agency,
):
    data = fb.form_data()

    def send(i):
        client = Client()
        response = client.post(reverse("feedback:submit"), data, follow=True)
        return response.status_code, response.content.decode()

    results, errors = at_once(4, send)  # a quadruple tap
    assert errors == []
    case = Case.objects.get()
    for status, html in results:
        assert status == 200
        assert case.tracking_code in html


def test_simultaneous_manual_versions_are_numbered_apart(agency):
    before = list(HandlingManual.objects.values_list("version", flat=True))  # from migrations

    def write(i):
        return HandlingManual.objects.create(
            title=f"คู่มือการจัดการเรื่องร้องเรียน {i}",
            responsible_unit="กลุ่มอำนวยการ",
            effective_on="2026-10-01",
            body="ขั้นตอน",
        ).version

    results, errors = at_once(6, write)
    assert errors == []
    last = max(before, default=0)
    assert sorted(results) == list(range(last + 1, last + 7))


def test_different_forms_at_once_are_all_stored(agency):
    def send(i):
        data = fb.form_data(
            details=f"ท่อน้ำหน้าโรงเรียนแตก จุดที่ {i} น้ำไหลออกมาทั้งวัน",
            submission_token=str(uuid.uuid4()),
        )
        client = Client(REMOTE_ADDR=f"203.0.113.{i + 1}")
        return client.post(reverse("feedback:submit"), data).status_code

    results, errors = at_once(SUBMITTERS, send)
    assert errors == [] and results == [302] * SUBMITTERS
    assert Case.objects.count() == SUBMITTERS
