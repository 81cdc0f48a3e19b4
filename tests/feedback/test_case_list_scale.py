"""The staff's case list stays cheap with a large register (issue 16): a year
is found through the fiscal-year filter, not a date hierarchy over every
case; the overdue / due-soon counts read an index of the open cases only."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.models import Case
from portal.lib import thai
from portal.lib.admin_count import COUNT_CAP
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

LIST = reverse("admin:feedback_case_changelist")


def _received(day, **fields):
    return fb.case_received(received_at=factories.moment(day), **fields)


def test_the_fiscal_year_filter_lists_the_queues_years_and_keeps_to_one(
    client, triage_officer, agency
):
    current = thai.FiscalYear.current().be_year
    old = _received(dt.date(2023, 3, 1), subject="เรื่องปีงบประมาณ 2566")
    recent = fb.case(subject="เรื่องปีนี้")
    login_staff(client, triage_officer)

    html = client.get(LIST).content.decode()
    years = [int(y) for y in re.findall(r'href="\?fiscal_year=(\d{4})"', html)]
    assert years == list(range(current, 2566 - 1, -1))
    assert old.subject in html and recent.subject in html

    only_old = client.get(LIST, {"fiscal_year": "2566"}).content.decode()
    assert old.subject in only_old and recent.subject not in only_old
    assert client.get(LIST, {"fiscal_year": "nonsense"}).status_code in (200, 302)


def test_a_sealed_report_lends_the_general_queue_no_year(client, triage_officer, agency):
    _received(dt.date(2021, 3, 1), stream=Case.Stream.CORRUPTION, subject="ลับ")
    fb.case()
    login_staff(client, triage_officer)

    html = client.get(LIST).content.decode()

    assert "?fiscal_year=2564" not in html  # the corruption report's year stays unknown


def test_the_list_counts_the_queue_once_and_reads_no_date_range(client, triage_officer, agency):
    for _ in range(3):
        fb.case()
    login_staff(client, triage_officer)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(LIST).content.decode()

    counts = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert len(counts) == 1  # the page's own count; no second count of the whole queue
    assert f"LIMIT {COUNT_CAP + 1}" in counts[0]  # and it stops at the cap (CountUpTo)
    assert not [
        q
        for q in queries
        if "DATE_TRUNC" in q["sql"] or 'MIN("feedback_case"."received' in q["sql"]
    ]
    assert html.count('name="_selected_action"') == 3


def test_the_open_cases_index_covers_exactly_the_unfinished_statuses():
    (index,) = [i for i in Case._meta.indexes if i.name == "case_open_deadlines"]
    # The counts' WHERE clause must imply the index's condition, or the
    # database reads the whole table again.
    assert index.condition == ~Q(status__in=list(Case.FINISHED_STATUSES))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's planner")
def test_the_deadline_counts_read_the_open_cases_index(agency):
    for n in range(40):
        _received(dt.date(2025, 11, 3) + dt.timedelta(days=n))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE feedback_case")
        cursor.execute("SET enable_seqscan = off")  # a 40-row table: ask what it could use
        queryset = Case.objects.general().open()
        sql, params = queryset.values("resolve_due_on").query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "case_open_deadlines" in plan
