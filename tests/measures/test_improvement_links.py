"""A clause's record of an improvement links to that improvement's own card on
the "You said, we did" board, on the board's page that holds it, for every
visitor (anonymous or signed in) and in the annual report's clause records."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from measures import coverage
from measures.views import PAGE_SIZE
from portal.lib import thai
from tests.factories import measures as mf
from tests.login import login_staff

pytestmark = pytest.mark.django_db

FY = thai.FiscalYear(2569)
BOARD = reverse("measures:improvement_list")
CITED = "ติดตั้งไฟส่องสว่างหน้าโรงเรียน"
NEWEST = "งานล่าสุด 0"


@pytest.fixture
def cited(agency, director):
    """An improvement of FY 2569 citing a clause, with more newer improvements
    than a board page holds, so it is on the board's second page."""
    measure = mf.published_seed(1, director)
    clause = next(line.clause for line in _lines(measure) if line.accountable)
    improvement = mf.improvement(
        title=CITED,
        clause=clause,
        status="done",
        completed_on=dt.date(2026, 3, 1),
        created_at=timezone.make_aware(dt.datetime(2026, 3, 1, 9, 0)),
    )
    for n in range(PAGE_SIZE + 3):
        mf.improvement(title=f"งานล่าสุด {PAGE_SIZE + 2 - n}")
    return improvement


def _lines(measure):
    return coverage.clause_lines(measures=[measure], fiscal_year=FY, public=True)[measure.pk]


def _own_card(improvement):
    return f"{BOARD}?improvement={improvement.pk}#improvement-{improvement.pk}"


@pytest.mark.parametrize("role", [None, "editor", "triage_officer", "director", "administrator"])
def test_the_measure_page_links_the_improvement_to_its_own_card(client, cited, request, role):
    if role:
        login_staff(client, request.getfixturevalue(role))
    measure = cited.clause.measure
    html = client.get(measure.get_absolute_url(), {"year": 2569}).content.decode()
    assert f'<a href="{_own_card(cited)}">{CITED}</a>' in html


def test_the_link_opens_the_board_page_holding_the_card(client, cited):
    first = client.get(BOARD).content.decode()
    assert CITED not in first and NEWEST in first  # pushed down by newer ones
    response = client.get(BOARD, {"improvement": cited.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="improvement-{cited.pk}"' in html and CITED in html
    assert response.context["page"].number == 2
    # Asked for another page, the visitor gets that page.
    assert client.get(BOARD, {"improvement": cited.pk, "page": 1}).context["page"].number == 1


def test_the_report_prints_the_same_address(cited):
    records = coverage.clause_records(clause_ids=[cited.clause_id], fiscal_year=FY)
    (record,) = records[cited.clause_id]
    assert record.url == _own_card(cited) == cited.get_absolute_url()


def test_an_improvement_from_an_activity_links_to_its_own_card_too(agency, director):
    measure = mf.published_seed(1, director)
    clause = next(line.clause for line in _lines(measure) if line.accountable)
    activity = mf.activity(is_published=True)
    improvement = mf.improvement(
        clause=clause, activity=activity, status="done", completed_on=dt.date(2026, 3, 1)
    )
    (record,) = coverage.clause_records(clause_ids=[clause.pk], fiscal_year=FY)[clause.pk]
    assert record.url == _own_card(improvement)


@pytest.mark.parametrize("asked", ["abc", "-1", "99999999999999999999", "๑๒", "0", ""])
def test_a_wrong_or_unknown_improvement_opens_the_first_page(client, cited, asked):
    response = client.get(BOARD, {"improvement": asked})
    assert response.status_code == 200 and response.context["page"].number == 1
    assert NEWEST in response.content.decode()


def test_a_hidden_improvement_is_not_found_through_the_board(client, cited):
    hidden = mf.improvement(title="งานของกิจกรรมที่ไม่เผยแพร่", activity=mf.activity(is_published=False))
    response = client.get(BOARD, {"improvement": hidden.pk})
    assert response.context["page"].number == 1
    assert "งานของกิจกรรมที่ไม่เผยแพร่" not in response.content.decode()
