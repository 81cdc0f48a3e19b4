"""The report of a fiscal year's first half accounts for each clause with
what was done in those six months only; the year's report with the whole
year. Checked against a count written separately here, date rule by date
rule."""

import datetime as dt
import random
from collections import defaultdict

from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from tests import factories
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf

YEAR_START = dt.date(2025, 10, 1)
HALF_END = dt.date(2026, 4, 1)  # first day after 31 March
YEAR_END = dt.date(2026, 10, 1)
NOTHING_IN_HALF = "ไม่มีการดำเนินการตามข้อนี้ในรอบ ๖ เดือนแรกของปี"
NOTHING_IN_YEAR = "ไม่มีการดำเนินการตามข้อนี้ในปีนี้"


def counted(start, end, *, first, last):
    """Whether a record of the days `first` to `last` (the same day for an
    activity or a publication; None: still open or serving) falls on a day
    of [start, end)."""
    return first < end and (last is None or last >= start)


def survey_counted(start, end, *, fiscal_year, opens_on):
    # The round's own fiscal year when given, else the day it opened; in
    # its year, the part it opened in, clamped to the year's first and last day.
    if fiscal_year is None:
        return start <= opens_on < end
    if fiscal_year != 2569:
        return False
    clamped = min(max(opens_on, YEAR_START), YEAR_END - dt.timedelta(days=1))
    return start <= clamped < end


def generate(rng, clauses, groups):
    """Records of every kind citing the first clauses (the last one is
    left to nobody), on days anywhere from a month before the year to a
    month after; returns {(start, end): {clause pk: {(title, group pk)}}}."""
    periods = [(YEAR_START, HALF_END), (YEAR_START, YEAR_END)]
    expected = {period: defaultdict(set) for period in periods}

    def some_day():
        return YEAR_START + dt.timedelta(days=rng.randrange(-30, 395))

    for n in range(60):
        clause, group = rng.choice(clauses[:-1]), rng.choice(groups)
        kind = rng.choice(["activity", "publication", "improvement", "channel", "wg", "survey"])
        title = f"{kind} {n}"
        day = some_day()
        shown = rng.random() > 0.15
        if kind == "activity":
            mf.activity(
                title=title, clause=clause, mission_group=group, held_on=day, is_published=shown
            )
            dates = {"first": day, "last": day}
        elif kind == "publication":
            mf.publication(
                title=title,
                clause=clause,
                mission_group=group,
                published_on=day,
                is_published=shown,
            )
            dates = {"first": day, "last": day}
        elif kind == "improvement":
            done_on = day + dt.timedelta(days=rng.randrange(0, 200)) if rng.random() < 0.5 else None
            mf.improvement(
                title=title,
                clause=clause,
                mission_group=group,
                created_at=factories.moment(day),
                completed_on=done_on,
                status="done" if done_on else "planned",
            )
            shown = True  # one of no activity is always on the public board
            dates = {"first": done_on or day, "last": done_on or day}
        elif kind == "channel":
            closed = day + dt.timedelta(days=rng.randrange(0, 300)) if rng.random() < 0.5 else None
            fb.listening_channel(
                name=title,
                clause=clause,
                mission_group=group,
                opened_on=day,
                closed_on=closed,
                is_published=shown,
            )
            dates = {"first": day, "last": closed}
        elif kind == "wg":
            term_end = day + dt.timedelta(days=rng.randrange(0, 300))
            sf.working_group(
                name=title,
                mission_group=group,
                term_start=day,
                term_end=term_end,
                order_date=day,
                is_published=shown,
            ).clauses.set([clause])
            dates = {"first": day, "last": term_end}
        else:
            fiscal_year = rng.choice([None, 2569, 2569, 2570])
            sf.survey(
                title=title,
                clause=clause,
                mission_group=group,
                fiscal_year=fiscal_year,
                opens_on=day,
                closes_on=day + dt.timedelta(days=20),
                status="closed" if shown else "draft",
            )
        for start, end in periods:
            if kind == "survey":
                inside = survey_counted(start, end, fiscal_year=fiscal_year, opens_on=day)
            else:
                inside = counted(start, end, **dates)
            if shown and inside:
                expected[start, end][clause.pk].add((title, group.pk))
    return expected[YEAR_START, HALF_END], expected[YEAR_START, YEAR_END]


def test_the_first_half_report_counts_only_the_first_six_months(agency, director):
    measure = mf.published_seed(1, director)
    clauses = list(measure.clauses.filter(kind="clause").order_by("position"))
    groups = [
        factories.mission_group(name=name, position=n)
        for n, name in enumerate(["กลุ่มอำนวยการ", "กลุ่มนิเทศ", "กลุ่มแผน"])
    ]
    half_expected, year_expected = generate(random.Random(1469), clauses, groups)
    # The draw leaves something to the second half alone, so the two differ.
    assert any(half_expected[pk] < year_expected[pk] for pk in year_expected)

    for half, expected, nothing in (
        (True, half_expected, NOTHING_IN_HALF),
        (False, year_expected, NOTHING_IN_YEAR),
    ):
        data = annual_report_build(fiscal_year=2569, half=half)

        (row,) = [m for m in data.measures["rows"] if m["pk"] == measure.pk]
        for clause, printed in zip(clauses, row["clauses"], strict=True):
            titles = sorted(title for title, _group in expected[clause.pk])
            assert sorted(r["title"] for r in printed["records"]) == titles, clause.label
            assert sum(c["count"] for c in printed["counts"]) == len(titles)
            assert printed["is_done"] is bool(titles)
        for group, printed in zip(groups, row["groups"], strict=True):
            done = [c for c in clauses if any(g == group.pk for _t, g in expected[c.pk])]
            not_done = [c for c in clauses if c not in done]
            assert printed["name"] == group.name
            assert printed["done"] == ([", ".join(c.display_label for c in done)] if done else [])
            assert printed["not_done"] == (
                [", ".join(c.display_label for c in not_done)] if not_done else []
            )
        html = annual_report_render_html(data)
        assert html.count(nothing) == sum(1 for c in clauses if not expected[c.pk])


def test_a_measure_announced_in_the_second_half_is_not_in_the_first_half_report(agency, director):
    measure = mf.published_seed(1, director)
    measure.announced_on = dt.date(2026, 5, 1)
    measure.save(update_fields=["announced_on"])

    half = annual_report_build(fiscal_year=2569, half=True)
    year = annual_report_build(fiscal_year=2569)

    assert measure.pk not in [m["pk"] for m in half.measures["rows"]]
    assert measure.pk in [m["pk"] for m in year.measures["rows"]]
    html = annual_report_render_html(half)
    assert "ไม่มีมาตรการที่ใช้บังคับในรอบ ๖ เดือนแรกของปีงบประมาณนี้" in html


def test_the_first_half_report_says_which_six_months_it_accounts_for(agency, director):
    mf.published_seed(1, director)
    html = annual_report_render_html(annual_report_build(fiscal_year=2569, half=True))
    section = html.split('id="s-measures"')[1].split("</section>")[0]
    assert "รอบ ๖ เดือนแรกของปีงบประมาณ ๒๕๖๙" in section
    assert "๑ ตุลาคม พ.ศ. ๒๕๖๘" in section and "๓๑ มีนาคม พ.ศ. ๒๕๖๙" in section
