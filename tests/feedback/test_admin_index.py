"""The admin start page shows overdue and due-soon cases per queue, linked to the lists."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from feedback.deadlines import case_deadlines
from feedback.models import Case
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import assert_constant_queries, page_queries

pytestmark = pytest.mark.django_db


def _age(case, days):
    received = case.received_at - dt.timedelta(days=days)
    report_back, resolve = case_deadlines(stream=case.stream, received_on=received.date())
    Case.objects.filter(pk=case.pk).update(
        received_at=received, report_back_due_on=report_back, resolve_due_on=resolve
    )


@pytest.fixture
def urgent(agency):
    overdue_general, soon_general, fresh = fb.case(), fb.case(), fb.case()
    overdue_corruption = fb.corruption_case()
    _age(overdue_general, 20)
    _age(soon_general, 13)
    _age(overdue_corruption, 20)
    return fresh


def _panel(html):
    start = html.index('class="module feedback-deadlines"')
    return html[start : html.index("</section>", start)]


def test_the_admin_index_counts_overdue_and_due_soon_cases_per_queue(
    client, integrity_officer, urgent
):
    login_staff(client, integrity_officer)
    response, _ = page_queries(client, reverse("admin:index"))
    panel = _panel(response.content.decode())
    assert "เรื่องที่ใกล้หรือเลยกำหนดเวลา" in panel
    general = reverse("admin:feedback_case_changelist")
    corruption = reverse("admin:feedback_corruptionreport_changelist")
    assert f'href="{general}?deadline=overdue" class="deadline-overdue">1 เรื่อง' in panel
    assert f'href="{general}?deadline=due_soon" class="deadline-due-soon">1 เรื่อง' in panel
    assert f'href="{corruption}?deadline=overdue" class="deadline-overdue">1 เรื่อง' in panel
    assert f'href="{corruption}?deadline=due_soon" class="feedback-deadlines-none">0 เรื่อง' in panel
    assert "style=" not in panel


def test_the_deadline_panel_costs_the_same_queries_with_many_urgent_cases(
    client, integrity_officer, urgent
):
    def more_urgent_cases():
        for days in (20, 21, 13, 14):
            _age(fb.case(), days)
            _age(fb.corruption_case(), days)

    login_staff(client, integrity_officer)
    response = assert_constant_queries(
        client,
        reverse("admin:index"),
        grow=more_urgent_cases,
        at_most=14,  # 12, whether the user is in the integrity role, and the PDPA requests
    )
    panel = _panel(response.content.decode())
    assert panel.count('?deadline=overdue" class="deadline-overdue">3 เรื่อง') == 2


@pytest.mark.parametrize("role", ["triage_officer", "director"])
def test_other_roles_see_no_corruption_deadlines(client, request, urgent, role):
    login_staff(client, request.getfixturevalue(role))
    panel = _panel(client.get(reverse("admin:index")).content.decode())
    general = reverse("admin:feedback_case_changelist")
    assert f'href="{general}?deadline=overdue" class="deadline-overdue">1 เรื่อง' in panel
    assert "corruptionreport" not in panel and "เรื่องร้องเรียนการทุจริต" not in panel


def test_the_linked_list_shows_exactly_the_counted_cases(client, triage_officer, urgent):
    login_staff(client, triage_officer)
    html = client.get(reverse("admin:feedback_case_changelist"), {"deadline": "due_soon"})
    html = html.content.decode()
    assert html.count('class="deadline-due-soon"') == 1
    assert urgent.subject not in html


def test_staff_without_case_permissions_see_no_panel(client, agency):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("clerk", is_staff=True)
    login_staff(client, user)
    html = client.get(reverse("admin:index")).content.decode()
    assert "feedback-deadlines" not in html.split("</head>", 1)[1]


def _overdue(client, queue):
    url = reverse(f"admin:feedback_{queue}_changelist")
    panel = _panel(client.get(reverse("admin:index")).content.decode())
    found = re.search(rf'href="{url}\?deadline=overdue" class="[\w-]+">(\d+) เรื่อง', panel)
    return int(found[1]) if found else None


def test_a_new_overdue_case_shows_at_once(client, triage_officer, urgent):
    login_staff(client, triage_officer)
    assert _overdue(client, "case") == 1
    _age(fb.case(), 20)
    assert _overdue(client, "case") == 2


def test_each_role_counts_its_own_queues_whoever_looked_first(
    client, triage_officer, integrity_officer, urgent
):
    # The counts are kept per view of the queues: the integrity role's, with the
    # sealed reports, is never shown to a triage officer, nor the other way round.
    for user, general, corruption in [
        (triage_officer, 1, None),
        (integrity_officer, 1, 1),
        (triage_officer, 1, None),
    ]:
        client.logout()
        login_staff(client, user)
        assert (_overdue(client, "case"), _overdue(client, "corruptionreport")) == (
            general,
            corruption,
        )
    _age(fb.corruption_case(), 30)
    assert _overdue(client, "corruptionreport") is None
    client.logout()
    login_staff(client, integrity_officer)
    assert (_overdue(client, "case"), _overdue(client, "corruptionreport")) == (1, 2)


def test_a_new_overdue_personal_data_request_shows_at_once(client, triage_officer, agency):
    from feedback.data_requests import data_request_file
    from feedback.models import DataRequest

    case = fb.case()
    login_staff(client, triage_officer)
    assert _overdue(client, "datarequest") == 0
    data_request_file(
        kind=DataRequest.Kind.SEE,
        case=case,
        channel=DataRequest.Channel.TRACKING,
        now=dt.datetime(2025, 1, 6, 3, tzinfo=dt.UTC),
    )
    assert _overdue(client, "datarequest") == 1
