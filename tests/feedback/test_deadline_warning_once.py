"""The staff lists with deadlines (personal-data requests, cases) say once how
many are overdue or due soon: an action sent without a choice, a CSV export or
an impossible page used to add the warning on the way too, so the list drawn
next said it twice (feedback.admin.deadline_warning)."""

import datetime as dt

from django.contrib import admin
from django.utils import timezone

from feedback.data_requests import data_request_file
from feedback.models import Case, DataRequest
from feedback.services import case_deadlines
from tests.factories import feedback as fb
from tests.login import login_staff

LIST = "/admin/feedback/datarequest/"
CASES = "/admin/feedback/case/"
WARNING = "เลยกำหนด 1 เรื่อง และใกล้ครบกำหนด 0 เรื่อง"


def _late_request():
    filed = data_request_file(
        kind=DataRequest.Kind.SEE,
        case=fb.case(),
        channel="tracking",
        now=timezone.now() - dt.timedelta(days=40),
    )
    return filed[0] if isinstance(filed, tuple) else filed


def test_the_deadline_warning_is_said_once_after_an_action_without_a_choice(
    client, agency, triage_officer
):
    _late_request()
    login_staff(client, triage_officer)

    response = client.post(LIST, {"action": "export_csv", "index": 0}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain and response.status_code == 200
    assert "รายการจะต้องถูกเลือกก่อน" in html  # Django's "Items must be selected..."
    assert html.count(WARNING) == 1


def test_a_csv_export_leaves_no_warning_for_the_next_page(client, agency, triage_officer):
    late = _late_request()
    login_staff(client, triage_officer)

    export = client.post(LIST, {"action": "export_csv", "index": 0, "_selected_action": [late.pk]})
    assert export["Content-Type"].startswith("text/csv")

    assert client.get(LIST).content.decode().count(WARNING) == 1


def _late_case():
    case = fb.case()
    received = case.received_at - dt.timedelta(days=20)
    report_back, resolve = case_deadlines(stream=case.stream, received_on=received.date())
    Case.objects.filter(pk=case.pk).update(
        received_at=received, report_back_due_on=report_back, resolve_due_on=resolve
    )
    return case


def test_the_case_list_says_its_warning_once_after_an_action_without_a_choice(
    client, agency, triage_officer
):
    _late_case()
    login_staff(client, triage_officer)

    response = client.post(CASES, {"action": "export_csv", "index": 0}, follow=True)

    html = response.content.decode()
    assert response.redirect_chain and "รายการจะต้องถูกเลือกก่อน" in html
    assert html.count(WARNING) == 1


def test_the_case_list_says_its_warning_once_after_a_csv_export_or_an_impossible_page(
    client, agency, triage_officer, monkeypatch
):
    late = _late_case()
    fb.case()
    monkeypatch.setattr(admin.site.get_model_admin(Case), "list_per_page", 1)  # two pages
    login_staff(client, triage_officer)

    export = client.post(CASES, {"action": "export_csv", "index": 0, "_selected_action": [late.pk]})
    assert export["Content-Type"].startswith("text/csv")
    assert client.get(CASES).content.decode().count(WARNING) == 1

    response = client.get(CASES, {"p": "99"}, follow=True)
    assert response.redirect_chain[-1][0].endswith("?e=1")
    assert response.content.decode().count(WARNING) == 1
