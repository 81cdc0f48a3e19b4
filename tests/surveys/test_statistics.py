"""Survey statistics, checked against Python's own `statistics` module."""

import datetime as dt
import math
import statistics
from decimal import Decimal

import pytest
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveys.models.survey import BandScheme, band_of
from surveys.services import survey_results, survey_summaries, surveys_year
from tests.factories import surveys as f
from tests.queries import call_queries

pytestmark = pytest.mark.django_db

# Printed figures are rounded to two places: within half a hundredth of the exact value.
HALF_CENT = 0.005 + 1e-9

sheets = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(1, 5)),
        st.one_of(st.none(), st.integers(1, 5)),
        st.one_of(st.none(), st.integers(1, 5)),
        st.sampled_from([None, "parents", "teachers"]),
    ),
    min_size=0,
    max_size=25,
)


def _check(stat, values):
    assert stat.n == len(values)
    if not values:
        assert stat.mean is None and stat.sd is None and stat.band is None
        return
    assert stat.mean == pytest.approx(statistics.mean(values), abs=1e-12)
    if len(values) == 1:
        assert stat.sd is None
    else:
        assert stat.sd == pytest.approx(statistics.stdev(values), abs=1e-9)
    assert float(stat.percent_of_max) == pytest.approx(statistics.mean(values) * 20, abs=HALF_CENT)
    top_two = sum(1 for v in values if v >= 4) / len(values) * 100
    assert float(stat.top_two_share) == pytest.approx(top_two, abs=HALF_CENT)
    for row in stat.frequency_rows:
        assert row["count"] == values.count(row["score"])
        assert float(row["percent"]) == pytest.approx(
            values.count(row["score"]) / len(values) * 100, abs=HALF_CENT
        )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=sheets, scheme=st.sampled_from(list(BandScheme)))
def test_statistics_match_an_independent_computation(rows, scheme):
    survey = f.survey(dimensions=(("ด้านกระบวนการ", 2), ("ด้านเจ้าหน้าที่", 1)), band_scheme=scheme)
    items = f.items_of(survey)
    for a, b, c, group in rows:
        scores = {item: s for item, s in zip(items, (a, b, c), strict=True) if s is not None}
        f.response(
            survey=survey,
            scores=scores,
            stakeholder_group=f.stakeholder_group(group) if group else None,
        )
    # Every group shown, however small: the rule that hides them is tested
    # in tests/surveys/test_small_groups.py.
    with override_settings(SURVEY_MIN_GROUP_SIZE=1):
        results = survey_results(survey=survey)

    columns = [[row[i] for row in rows if row[i] is not None] for i in range(3)]
    for item_result, values in zip(results.items, columns, strict=True):
        _check(item_result.stat, values)
    _check(results.dimensions[0].stat, columns[0] + columns[1])
    _check(results.dimensions[1].stat, columns[2])
    everything = columns[0] + columns[1] + columns[2]
    _check(results.overall, everything)
    assert results.overall.band == (
        band_of(statistics.mean(everything), scheme) if everything else None
    )

    for row in results.cross_table:
        slug = row.group.slug if row.group else None
        values = [s for sheet in rows if sheet[3] == slug for s in sheet[:3] if s is not None]
        _check(row.overall, values)
        mine = [sheet for sheet in rows if sheet[3] == slug]
        dimension_one = [s for sheet in mine for s in sheet[:2] if s is not None]
        _check(row.cells[0], dimension_one)


def test_ties_give_the_exact_mean_and_sd():
    survey = f.survey(dimensions=(("ด้านกระบวนการ", 1),))
    [item] = f.items_of(survey)
    for score in (4, 4, 5, 5):
        f.response(survey=survey, scores={item: score})
    stat = survey_results(survey=survey).items[0].stat
    assert stat.mean_display == Decimal("4.50")
    assert stat.sd == pytest.approx(statistics.stdev([4, 4, 5, 5]))
    assert stat.sd_display == Decimal("0.58")
    assert stat.top_two_share == Decimal("100.00")
    assert stat.percent_of_max == Decimal("90.00")


def test_a_single_answer_has_a_mean_but_no_standard_deviation():
    survey = f.survey(dimensions=(("ด้านกระบวนการ", 1),))
    [item] = f.items_of(survey)
    f.response(survey=survey, scores={item: 3})
    stat = survey_results(survey=survey).items[0].stat
    assert stat.mean_display == Decimal("3.00")
    assert stat.sd is None
    assert stat.sd_display is None


def test_an_item_nobody_answered_has_no_mean_and_no_band():
    survey = f.survey(dimensions=(("ด้านกระบวนการ", 2),))
    answered, unanswered = f.items_of(survey)
    f.response(survey=survey, scores={answered: 5})
    f.response(survey=survey, scores={answered: 4})
    results = survey_results(survey=survey)
    stat = results.items[1].stat
    assert results.items[1].item == unanswered
    assert (stat.n, stat.mean, stat.sd, stat.band) == (0, None, None, None)
    assert [row["count"] for row in stat.frequency_rows] == [0, 0, 0, 0, 0]
    assert results.dimensions[0].stat.n == 2


@pytest.mark.parametrize(
    ("mean", "half_point", "fifths"),
    [
        (5, 5, 5),
        (4.51, 5, 5),
        (4.50, 4, 5),
        (4.505, 5, 5),  # printed as 4.51, read as printed
        (4.21, 4, 5),
        (4.20, 4, 4),
        (3.51, 4, 4),
        (3.50, 3, 4),
        (3.41, 3, 4),
        (3.40, 3, 3),
        (2.61, 3, 3),
        (2.60, 3, 2),
        (2.51, 3, 2),
        (2.50, 2, 2),
        (1.81, 2, 2),
        (1.80, 2, 1),
        (1.51, 2, 1),
        (1.50, 1, 1),
        (1, 1, 1),
    ],
)
def test_bands_follow_the_scheme_the_agency_chose(mean, half_point, fifths):
    assert band_of(mean, BandScheme.HALF_POINT) == half_point
    assert band_of(mean, BandScheme.FIFTHS) == fifths


def _fill(survey, count):
    items = f.items_of(survey)
    question = survey.open_questions.get()
    for n in range(count):
        f.response(
            survey=survey,
            scores={item: 1 + (n + i) % 5 for i, item in enumerate(items)},
            texts={question: "เจ้าหน้าที่บริการดีมาก"} if n % 10 == 0 else {},
            stakeholder_group=f.stakeholder_group("parents" if n % 2 else "teachers"),
        )


def test_results_take_the_same_queries_for_ten_or_two_hundred_sheets():
    small, large = f.survey(), f.survey()
    _fill(small, 10)
    _fill(large, 200)
    _, few = call_queries(lambda: survey_results(survey=small))
    results, many = call_queries(lambda: survey_results(survey=large))
    assert results.responses == 200
    assert few == many <= 11


def test_summaries_of_a_fiscal_year_list_the_rounds_opened_in_it():
    from portal.lib import thai

    year = thai.FiscalYear(2569)
    inside = f.survey(
        opens_on=year.first_half.start, closes_on=year.first_half.last_day, status="closed"
    )
    f.survey(opens_on=year.period.end, closes_on=year.next().period.last_day)
    f.survey(opens_on=year.first_half.start, closes_on=year.first_half.last_day, status="draft")
    # opened in the year before and closed in this one: it belongs to the year it opened
    f.survey(opens_on=year.period.start - dt.timedelta(days=10), closes_on=year.period.start)
    first, _second, third, _fourth = f.items_of(inside)
    for score in (5, 4, 4):
        f.response(survey=inside, scores={first: score, third: 2})
    [summary], _ = call_queries(lambda: survey_summaries(period=year))
    assert summary.survey == inside
    assert summary.responses == 3
    assert summary.overall.mean == pytest.approx(statistics.mean([5, 4, 4, 2, 2, 2]))
    assert math.isclose(summary.overall.sd, statistics.stdev([5, 4, 4, 2, 2, 2]))
    [process, staff] = summary.dimensions
    assert process.dimension.title == "ด้านกระบวนการ"
    assert process.stat.mean == pytest.approx(statistics.mean([5, 4, 4]))
    assert staff.stat.mean == 2
    assert [item.stat.mean for item in process.items] == [pytest.approx(13 / 3), None]
    assert survey_summaries(period=year.first_half)[0].survey == inside
    assert survey_summaries(period=year.second_half) == []


def test_summaries_of_a_year_cost_the_same_queries_for_one_round_or_many():
    from portal.lib import thai

    year = thai.FiscalYear(2569)

    def closed_round_with_answers():
        survey = f.survey(
            opens_on=year.first_half.start, closes_on=year.first_half.last_day, status="closed"
        )
        first, *_ = f.items_of(survey)
        for score in (5, 3):
            f.response(survey=survey, scores={first: score})

    closed_round_with_answers()
    _, few = call_queries(lambda: survey_summaries(period=year))
    for _ in range(4):
        closed_round_with_answers()
    summaries, many = call_queries(lambda: survey_summaries(period=year))
    assert [summary.responses for summary in summaries] == [2] * 5
    assert few == many <= 6


def test_the_year_pools_every_answer_of_rounds_under_different_schemes():
    from portal.lib import thai

    year = thai.FiscalYear(2569)
    opens = {"opens_on": year.first_half.start, "closes_on": year.first_half.last_day}
    half_point = f.survey(
        title="ก รอบแรก", status="closed", band_scheme=BandScheme.HALF_POINT, **opens
    )
    fifths = f.survey(title="ข รอบสอง", status="closed", band_scheme=BandScheme.FIFTHS, **opens)
    first, second, _third, _fourth = f.items_of(half_point)
    f.response(survey=half_point, scores={first: 5, second: 4})
    f.response(survey=half_point, scores={first: 3})
    f.response(survey=fifths, scores={f.items_of(fifths)[0]: 1})

    year_data = surveys_year(period=year)

    assert [s.survey for s in year_data.surveys] == [half_point, fifths]
    assert year_data.respondents == 3
    assert year_data.mean == Decimal("3.25")  # (5 + 4 + 3 + 1) / 4 answers
    assert [i.stat.mean for i in year_data.surveys[0].dimensions[0].items] == [4, 4]
    assert year_data.working_groups == []
