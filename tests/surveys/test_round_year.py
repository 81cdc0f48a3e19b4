"""A survey round belongs to one fiscal year, the same in every account of
the year: the report's survey section and open data (rounds_in) and the
clause accounting and to-do list (the survey carrier) follow one rule."""

import datetime as dt
import json

import pytest

from measures.coverage import carriers
from portal.lib import thai
from surveys.models import Survey
from surveys.services import rounds_in
from tests.factories import surveys as f

pytestmark = pytest.mark.django_db


def _titles(rows):
    return {survey.title for survey in rows}


def _open_data_titles(client, be_year):
    rows = json.loads(client.get(f"/surveys/{be_year}/data.json").content)["rows"]
    return {row["survey_title"] for row in rows}


def test_a_round_given_to_a_year_counts_in_that_year_everywhere(agency, client):
    # Opened on 5 October 2026 (fiscal year 2570 by its date), but staff
    # gave it to fiscal year 2569: it surveys what was done in 2569.
    late = f.survey_answered(
        title="สำรวจปลายปี 2569",
        fiscal_year=2569,
        opens_on=dt.date(2026, 10, 5),
        closes_on=dt.date(2026, 10, 30),
    )
    # No year given: its opening date decides (fiscal year 2570).
    f.survey_answered(
        title="สำรวจต้นปี 2570",
        fiscal_year=None,
        round=Survey.Round.CUSTOM,
        opens_on=dt.date(2026, 10, 6),
        closes_on=dt.date(2026, 10, 30),
    )
    [survey_carrier] = [c for c in carriers() if c.model is Survey]
    expected = {2569: {"สำรวจปลายปี 2569"}, 2570: {"สำรวจต้นปี 2570"}}
    for be_year, titles in expected.items():
        year = thai.FiscalYear(be_year)
        assert _titles(rounds_in(period=year)) == titles
        assert _titles(survey_carrier.in_period(Survey.objects.all(), year.period)) == titles
        assert _open_data_titles(client, be_year) == titles
    # The first half of 2570 does not take the round given to 2569.
    first_half = thai.FiscalYear(2570).first_half
    assert _titles(rounds_in(period=first_half)) == {"สำรวจต้นปี 2570"}
    assert late.pk not in set(rounds_in(period=thai.FiscalYear(2570)).values_list("pk", flat=True))
