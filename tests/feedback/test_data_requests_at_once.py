"""The same personal data request sent several times at once (a double click
whose two sendings reach two server workers together) is recorded once: by
the citizen with their tracking code, and by an officer in the admin."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from feedback.models import DataRequest
from portal.lib.be_dates import be_date_format
from tests.admin_form import admin_form_data
from tests.factories import feedback as fb
from tests.faults import at_once, concurrent_connections
from tests.login import login_staff

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    concurrent_connections,
]

SENDINGS = 4


def test_a_citizens_request_sent_many_times_at_once_is_recorded_once(agency, settings):
    settings.FEEDBACK_DATA_REQUEST_LIMIT = (SENDINGS * 2, 60 * 60)
    case = fb.case()
    data = {"code": case.tracking_code, "kind": "erase"}

    def send(i):
        return Client().post(reverse("feedback:data_request"), data).status_code

    results, errors = at_once(SENDINGS, send)
    assert errors == [] and results == [302] * SENDINGS
    assert DataRequest.objects.filter(cases=case).count() == 1


def test_an_officers_form_sent_many_times_at_once_is_recorded_once(agency, triage_officer):
    case = fb.case()
    officer = Client()
    login_staff(officer, triage_officer)
    form = admin_form_data(
        officer,
        reverse("admin:feedback_datarequest_add"),
        received_on=be_date_format(timezone.localdate() - dt.timedelta(days=1)),
        channel="letter",
        kind="correct",
        requester_name="นายส่งพร้อม กันสี่ที",
        identity_check="หนังสือลงลายมือชื่อตรงกับเรื่อง",
        details="ชื่อสกุลสะกดผิด",
        cases=[str(case.pk)],
    )
    cookies = officer.cookies

    def send(i):
        client = Client()
        client.cookies = cookies
        return client.post(reverse("admin:feedback_datarequest_add"), form).status_code

    results, errors = at_once(SENDINGS, send)
    assert errors == [] and results == [302] * SENDINGS
    (recorded,) = DataRequest.objects.filter(cases=case)
    assert recorded.details == "ชื่อสกุลสะกดผิด"
