"""The personal-data request list says once how many requests are overdue or
due soon: an action sent without a choice, or a CSV export, used to add the
warning on the POST too, so the list drawn next said it twice."""

import datetime as dt

from django.utils import timezone

from feedback.data_requests import data_request_file
from feedback.models import DataRequest
from tests.factories import feedback as fb
from tests.login import login_staff

LIST = "/admin/feedback/datarequest/"
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
