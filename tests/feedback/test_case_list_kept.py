"""What the case lists show beside their rows (deadline counts, the filters'
years, groups and categories) is read once and kept until a record changes
(feedback/admin/case_list.py): the same choices as Django's own filters,
renewed at once by a change, and never a sealed report's trace for a role
that may not know of it."""

import datetime as dt

import pytest
from django.contrib.admin import RelatedFieldListFilter
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.admin.case import CaseAdmin
from feedback.admin.case_list import KeptChoicesFilter
from feedback.models import Case, Category, FeedbackSettings
from portal.lib import thai
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

GENERAL = reverse("admin:feedback_case_changelist")
CORRUPTION = reverse("admin:feedback_corruptionreport_changelist")
THIS_YEAR = thai.FiscalYear.current().be_year


def _filter_links(html):
    """The filter pane's part of the page."""
    return html.split('id="changelist-filter"', 1)[1].split("</search>", 1)[0]


def _choice_queries(queries):
    # (The settings admin's add link asks whether a settings row exists: not a choice.)
    read = ("feedback_category", "measures_missiongroup", "MIN(", "feedback_feedbacksettings")
    return [
        q["sql"]
        for q in queries
        if any(table in q["sql"] for table in read) and not q["sql"].startswith('SELECT 1 AS "a"')
    ]


@pytest.fixture
def choices(agency, mission_group):
    roads = Category.objects.create(name="ถนนและทางเท้า", position=2)
    lights = Category.objects.create(name="ไฟฟ้าส่องสว่าง", position=1)
    fb.case(subject="ถนนชำรุด")
    return {"roads": roads, "lights": lights, "group": mission_group}


QUERIES = [
    {},
    {"category__id__exact": "CATEGORY", "o": "-2"},
    {"status__exact": "received", "q": "ถนน", "_facets": "True"},
    {"fiscal_year": str(THIS_YEAR), "deadline": "overdue", "p": "2"},
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_filter_pane_is_djangos_drawn_once_and_kept(
    client, triage_officer, choices, monkeypatch, query
):
    query = {k: str(choices["roads"].pk) if v == "CATEGORY" else v for k, v in query.items()}
    login_staff(client, triage_officer)
    kept = _filter_links(client.get(GENERAL, query).content.decode())

    with CaptureQueriesContext(connection) as queries:
        again = _filter_links(client.get(GENERAL, query).content.decode())
    assert again == kept and not _choice_queries(queries)

    # Django's own filters and its own "filters" block draw the same pane.
    monkeypatch.setattr(KeptChoicesFilter, "field_choices", RelatedFieldListFilter.field_choices)
    monkeypatch.setattr(CaseAdmin, "kept_filters_key", lambda self, request: None)
    monkeypatch.setattr(CaseAdmin, "kept_page_key", lambda self, request: None)
    with CaptureQueriesContext(connection) as queries:
        djangos = _filter_links(client.get(GENERAL, query).content.decode())
    assert parse_html(djangos) == parse_html(kept) and _choice_queries(queries)
    assert kept.index("ไฟฟ้าส่องสว่าง") < kept.index("ถนนและทางเท้า")
    assert f"category__id__exact={choices['roads'].pk}" in kept
    assert f"assigned_group__id__exact={choices['group'].pk}" in kept


def test_each_query_keeps_its_own_pane(client, triage_officer, choices):
    login_staff(client, triage_officer)
    plain = _filter_links(client.get(GENERAL).content.decode())
    chosen = _filter_links(client.get(GENERAL, {"stream": "question"}).content.decode())

    assert "ล้างตัวกรองทั้งหมด" in chosen and "ล้างตัวกรองทั้งหมด" not in plain
    assert _filter_links(client.get(GENERAL).content.decode()) == plain


def test_a_new_category_or_group_is_offered_at_once(client, triage_officer, choices):
    login_staff(client, triage_officer)
    client.get(GENERAL)

    Category.objects.create(name="น้ำประปา")
    group = factories.mission_group(name="กลุ่มส่งเสริมการศึกษา")
    choices["roads"].name = "ถนน ทางเท้า และสะพาน"
    choices["roads"].save()
    html = _filter_links(client.get(GENERAL).content.decode())

    assert "น้ำประปา" in html and group.name in html
    assert "ถนน ทางเท้า และสะพาน" in html and "ถนนและทางเท้า" not in html


def _received_in(case, be_year):
    Case.objects.filter(pk=case.pk).update(fiscal_year=be_year)


def test_the_years_offered_come_from_the_queue_the_officer_may_see(
    client, triage_officer, integrity_officer, agency
):
    _received_in(fb.case(), THIS_YEAR - 1)
    _received_in(fb.corruption_case(), THIS_YEAR - 4)  # the sealed queue's oldest
    year_link = f"?fiscal_year={THIS_YEAR - 4}"

    # The integrity officer opens both queues first: nothing of the sealed one
    # may reach triage through what the lists keep.
    login_staff(client, integrity_officer)
    assert year_link in _filter_links(client.get(CORRUPTION).content.decode())
    general_for_integrity = _filter_links(client.get(GENERAL).content.decode())
    assert year_link not in general_for_integrity

    login_staff(client, triage_officer)
    html = _filter_links(client.get(GENERAL).content.decode())
    assert f"?fiscal_year={THIS_YEAR - 1}" in html and year_link not in html


def test_the_due_soon_setting_marks_rows_and_counts_alike_until_it_changes(
    client, triage_officer, agency
):
    config = FeedbackSettings.objects.current()
    case = fb.case(subject="เรื่องใกล้กำหนด")
    due = timezone.localdate() + dt.timedelta(days=5)
    Case.objects.filter(pk=case.pk).update(report_back_due_on=due, resolve_due_on=due)
    config.due_soon_days = 3
    config.save()  # a change the kept facts hear of
    login_staff(client, triage_officer)

    html = client.get(GENERAL).content.decode()
    assert 'class="deadline-due-soon"' not in html

    config.due_soon_days = 7
    config.save()
    html = client.get(GENERAL).content.decode()
    assert html.count('class="deadline-due-soon"') == 1
    assert "เลยกำหนด 0 เรื่อง และใกล้ครบกำหนด 1 เรื่อง" in html
