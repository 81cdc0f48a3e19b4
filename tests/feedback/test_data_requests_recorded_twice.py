"""A request typed in by staff is recorded once: the same form sent twice (a
double click, or sent again after a slow answer) leaves one request, and the
officer lands on it with a message saying so. Every staff role × the add page;
a corruption report's request by the integrity role alone."""

import datetime as dt

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import reverse
from django.utils import timezone

from feedback.data_requests import data_request_answer
from feedback.models import DataRequest
from portal.lib.be_dates import be_date_format
from tests.admin_form import admin_form_data
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

ROLES = ["triage_officer", "integrity_officer", "editor", "director", "administrator", "superuser"]
ADD = "admin:feedback_datarequest_add"
NAME = "นางสาวกดซ้ำ สองที"
ALREADY = "คำขอของบุคคลนี้ในเรื่องเดียวกันบันทึกไว้แล้วและยังดำเนินการอยู่"


def _form(client, case, **changes):
    fields = {
        "received_on": be_date_format(timezone.localdate() - dt.timedelta(days=2)),
        "channel": "counter",
        "kind": "see",
        "requester_name": NAME,
        "identity_check": "ตรวจบัตรประจำตัวประชาชนที่เคาน์เตอร์",
        "details": "ขอดูข้อมูลที่เก็บไว้",
        "cases": [str(case.pk)],
    }
    return admin_form_data(client, reverse(ADD), **(fields | changes))


def _send(client, form):
    return client.post(reverse(ADD), form, follow=True)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("sealed", [False, True], ids=["general", "corruption"])
def test_the_same_form_sent_twice_records_one_request_and_lands_on_it(
    client, agency, request, role, sealed
):
    user = request.getfixturevalue(role)
    case = fb.corruption_case() if sealed else fb.case()
    login_staff(client, user)
    if client.get(reverse(ADD)).status_code != 200:
        assert role not in ("triage_officer", "integrity_officer")
        assert client.post(reverse(ADD), {"cases": [case.pk]}).status_code == 403
        assert not DataRequest.objects.exists()
        return
    may_tie = role == "integrity_officer" or not sealed
    form = _form(client, case)
    first, second = _send(client, form), _send(client, form)
    if not may_tie:  # the case is not among this officer's choices
        assert not DataRequest.objects.exists()
        return
    (recorded,) = DataRequest.objects.all()
    assert list(recorded.cases.all()) == [case]
    change = reverse("admin:feedback_datarequest_change", args=[recorded.pk])
    assert first.redirect_chain[-1][0] != change and ALREADY not in first.content.decode()
    assert second.redirect_chain[-1][0] == change
    html = second.content.decode()
    assert f"{recorded.reference}: {ALREADY}" in html
    assert "ไม่ได้บันทึกซ้ำ" in html
    # The log says it was added once, by the first sending.
    assert LogEntry.objects.filter(action_flag=ADDITION, object_id=str(recorded.pk)).count() == 1
    assert recorded.history.count() == 1


def test_the_second_sending_lands_on_the_request_and_adds_what_it_says(
    client, agency, triage_officer
):
    case = fb.case()
    login_staff(client, triage_officer)
    _send(client, _form(client, case))
    # Sent again later, with a word more: the same request, its words joined.
    response = _send(
        client, _form(client, case, details="และขอสำเนาด้วย", requester_name=f" {NAME} ")
    )
    (recorded,) = DataRequest.objects.all()
    assert recorded.details == "ขอดูข้อมูลที่เก็บไว้\n\nและขอสำเนาด้วย"
    assert ALREADY in response.content.decode()


def test_other_requests_on_the_same_case_are_each_recorded(client, agency, triage_officer):
    case, other_case = fb.case(), fb.case()
    login_staff(client, triage_officer)
    _send(client, _form(client, case))
    _send(client, _form(client, case, requester_name="นายคนอื่น ขอเอง"))  # someone else
    _send(client, _form(client, case, kind="correct"))  # another right
    _send(client, _form(client, case, cases=[str(case.pk), str(other_case.pk)]))  # more cases
    assert DataRequest.objects.count() == 4
    # Once the first is answered, the same person asking again is a new request.
    first = DataRequest.objects.order_by("pk").first()
    data_request_answer(request=first, by=triage_officer, status=DataRequest.Status.DONE)
    response = _send(client, _form(client, case))
    assert DataRequest.objects.count() == 5
    assert ALREADY not in response.content.decode()
