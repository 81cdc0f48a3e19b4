"""The staff to-do page lists the personal data requests overdue or due soon,
each only to those who may know of it (every staff role), linked to the
request's admin page."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.data_requests import data_request_answer, data_request_file
from feedback.models import DataRequest, FeedbackSettings
from portal.lib import thai
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

ROLES = ["triage_officer", "integrity_officer", "editor", "director", "administrator", "superuser"]
SECTION = re.compile(r'<section[^>]*id="data_requests">(.*?)</section>', re.S)
LINK = re.compile(r'href="/admin/feedback/datarequest/(\d+)/change/"')


@pytest.fixture
def cast(request):
    return {role: request.getfixturevalue(role) for role in ROLES}


def _file(case, *, days_ago, kind=DataRequest.Kind.SEE):
    return data_request_file(
        kind=kind, case=case, channel="tracking", now=timezone.now() - dt.timedelta(days=days_ago)
    )


@pytest.fixture
def requests(agency, triage_officer):
    config = FeedbackSettings.objects.current()
    config.due_soon_days = 3
    config.save()
    late = _file(fb.case(), days_ago=40)  # due ten days ago
    soon = _file(fb.case(), days_ago=28, kind=DataRequest.Kind.ERASE)  # due in two days
    sealed = _file(fb.corruption_case(), days_ago=31)  # due yesterday
    _file(fb.case(), days_ago=20)  # ten days left: not yet
    answered = _file(fb.case(), days_ago=40)
    data_request_answer(request=answered, by=triage_officer, status=DataRequest.Status.DONE)
    return {"late": late, "soon": soon, "sealed": sealed}


def _section(client, year):
    response = client.get(reverse("staff_todo", args=[year]))
    assert response.status_code == 200
    found = SECTION.search(response.content.decode())
    return found and found.group(1)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_sees_only_the_urgent_requests_it_may_know_of(client, cast, requests, role):
    login_staff(client, cast[role])
    section = _section(client, thai.FiscalYear.current().be_year)
    # Written out here, not asked of the code: triage sees the two general
    # requests near or past their date, integrity those and the sealed one.
    expected = {
        "triage_officer": ["late", "soon"],
        "integrity_officer": ["late", "sealed", "soon"],
    }.get(role)
    if expected is None:
        assert section is None
        return
    shown = [int(pk) for pk in LINK.findall(section)]
    assert shown == [requests[name].pk for name in expected]  # oldest deadline first
    assert f"({len(expected)})" in section
    late = requests["late"]
    assert f"{late.reference} ขอดูข้อมูลส่วนบุคคลของข้าพเจ้า — เลยกำหนด" in section
    assert f"ต้องตอบภายใน {thai.display_date(late.due_on)}" in section
    assert "ใกล้ครบกำหนด" in section
    assert "คำขอเกี่ยวกับข้อมูลส่วนบุคคลที่เลยหรือใกล้ครบกำหนดตอบ" in section


def test_the_requests_are_on_the_running_year_page_only(client, requests, integrity_officer):
    login_staff(client, integrity_officer)
    assert _section(client, thai.FiscalYear.current().previous().be_year) is None


def test_the_weekly_digest_carries_no_request(requests):
    from portal.todo import year_todo_sections

    sections = year_todo_sections(fiscal_year=thai.FiscalYear.current())
    assert "data_requests" not in {section.key for section in sections}


def test_the_requests_cost_the_to_do_page_the_same_queries_however_many(
    client, requests, integrity_officer
):
    from tests.queries import assert_constant_queries

    login_staff(client, integrity_officer)
    url = reverse("staff_todo", args=[thai.FiscalYear.current().be_year])
    client.get(url)  # the session's first page loads what later pages find ready
    response = assert_constant_queries(
        client,
        url,
        grow=lambda: [_file(fb.corruption_case(), days_ago=35) for _ in range(5)],
    )
    assert len(LINK.findall(SECTION.search(response.content.decode()).group(1))) == 8
