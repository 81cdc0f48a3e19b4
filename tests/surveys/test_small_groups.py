"""Breakdowns of survey results hide small groups (settings.SURVEY_MIN_GROUP_SIZE),
so that no respondent's scores can be read off a public surface or worked out
from the published totals; the round's own figures stay whole and exact."""

import csv
import io
import statistics
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html
from surveys.services import survey_results
from surveys.services.results import COMPLEMENT, SMALL, breakdown_hidden
from tests.factories import surveys as f
from tests.login import login_staff

pytestmark = pytest.mark.django_db

HIDDEN_SMALL = "ผู้ตอบน้อยกว่า 5 คน — ไม่แสดงผล"
HIDDEN_COMPLEMENT = "ไม่แสดงผล เพื่อไม่ให้คำนวณผลของกลุ่มที่เล็กกว่าย้อนกลับจากยอดรวมได้"
TYPE = "ประเภทผู้มีส่วนได้ส่วนเสีย"


def _round(sheets, **overrides):
    """A public round of two one-item dimensions; `sheets`: [(group slug or None, a, b)]."""
    survey = f.survey_answered(**overrides)
    first, second = f.items_of(survey)
    for slug, a, b in sheets:
        f.response(
            survey=survey,
            scores={item: s for item, s in ((first, a), (second, b)) if s is not None},
            stakeholder_group=f.stakeholder_group(slug) if slug else None,
        )
    return survey


def _rows(survey):
    return {
        (row.group.slug if row.group else None): row
        for row in survey_results(survey=survey).cross_table
    }


# One parent gave 1 and 2; four teachers 3 each; five of the community 4 and 5.
SHEETS = (
    [("parents", 1, 2)]
    + [("teachers", 3, 3)] * 4
    + [("community", 4, 5)] * 5
    + [("students", 5, 4)] * 6
)


def test_groups_of_one_and_four_are_hidden_and_a_group_of_five_is_shown():
    rows = _rows(_round(SHEETS))

    assert rows["parents"].hidden == SMALL and rows["teachers"].hidden == SMALL
    for hidden in (rows["parents"], rows["teachers"]):
        assert hidden.overall is None and hidden.cells == [None, None]
        assert hidden.hidden_note == HIDDEN_SMALL
    assert (rows["parents"].respondents, rows["teachers"].respondents) == (1, 4)
    # Two hidden groups of 5 respondents together: the shown ones give nothing away.
    community = rows["community"]
    assert community.hidden == "" and community.respondents == 5
    assert community.overall.n == 10 and community.overall.mean_display == Decimal("4.50")
    assert [cell.mean_display for cell in community.cells] == [Decimal("4.00"), Decimal("5.00")]
    assert rows["students"].hidden == ""


def test_one_hidden_group_takes_the_next_smallest_with_it():
    rows = _rows(_round([("parents", 1, 1)] + [("teachers", 5, 5)] * 6 + [("community", 3, 4)] * 9))

    assert rows["parents"].hidden == SMALL
    # Shown, the teachers and the community would give the parent's 1 and 1
    # as the round's totals less theirs.
    assert rows["teachers"].hidden == COMPLEMENT
    assert rows["teachers"].overall is None
    assert rows["teachers"].hidden_note == HIDDEN_COMPLEMENT
    assert rows["community"].hidden == "" and rows["community"].overall.mean_display == Decimal(
        "3.50"
    )


def test_a_group_small_in_one_dimension_only_is_hidden_whole():
    # Six parents, but one answered the second statement: its figure is one
    # person's, and the parents' overall less their first dimension would give it.
    sheets = [("parents", 4, None)] * 5 + [("parents", 4, 1)] + [("students", 5, 5)] * 7
    sheets += [("community", 2, 2)] * 8
    rows = _rows(_round(sheets))

    assert rows["parents"].hidden == SMALL
    assert rows["students"].hidden == COMPLEMENT
    assert rows["community"].hidden == ""


@pytest.mark.parametrize(
    "sizes, hidden",
    [
        ({"a": 1, "b": 10, "c": 20}, {"a": SMALL, "b": COMPLEMENT}),
        # Two hidden of one each: together they are still two people.
        ({"a": 1, "b": 1, "c": 10, "d": 20}, {"a": SMALL, "b": SMALL, "c": COMPLEMENT}),
        ({"a": 3, "b": 3, "c": 10}, {"a": SMALL, "b": SMALL}),
        ({"a": 5, "b": 5}, {}),
        ({"a": 4}, {"a": SMALL}),
        # Ties go to the breakdown's own order.
        ({"a": 2, "b": 7, "c": 7}, {"a": SMALL, "b": COMPLEMENT}),
    ],
)
def test_complementary_suppression_over_one_figure(sizes, hidden):
    assert breakdown_hidden([sizes], minimum=5) == hidden


def test_the_threshold_is_a_setting(settings):
    settings.SURVEY_MIN_GROUP_SIZE = 1
    rows = _rows(_round([("parents", 1, 2), ("teachers", 3, 3)]))
    assert rows["parents"].hidden == "" and rows["parents"].overall.mean_display == Decimal("1.50")


def test_the_overall_figures_still_count_every_sheet():
    survey = _round(SHEETS)
    results = survey_results(survey=survey)

    every = [score for _slug, a, b in SHEETS for score in (a, b)]
    assert results.responses == len(SHEETS)
    assert results.overall.n == len(every)
    assert results.overall.mean == pytest.approx(statistics.mean(every))
    assert results.overall.sd == pytest.approx(statistics.stdev(every))
    first, second = results.dimensions
    assert first.stat.mean == pytest.approx(statistics.mean(a for _s, a, _b in SHEETS))
    assert second.stat.frequencies == {s: [b for _g, _a, b in SHEETS].count(s) for s in range(1, 6)}


def _cross_section(html):
    return html[
        html.index('id="cross-title"') : html.index("</section>", html.index('id="cross-title"'))
    ]


def _row_of(section, name):
    start = section.index(name)
    return section[start : section.index("</tr>", start)]


def test_the_results_page_hides_the_small_groups(client):
    survey = _round([("parents", 1, 1)] + [("teachers", 2, 2)] * 5 + [("community", 5, 5)] * 9)
    html = client.get(
        reverse("surveys:survey_results", kwargs={"slug": survey.slug})
    ).content.decode()
    section = _cross_section(html)

    parents = _row_of(section, "ผู้ปกครอง")
    assert HIDDEN_SMALL in parents and "1.00" not in parents
    teachers = _row_of(section, "ครูและบุคลากรทางการศึกษา")
    assert HIDDEN_COMPLEMENT in teachers and "2.00" not in teachers
    assert "5.00" in _row_of(section, "ชุมชนและประชาชนทั่วไป")
    assert "กลุ่มที่มีผู้ตอบน้อยกว่า 5 คนจะไม่แสดงตัวเลข" in section
    assert "ผู้ตอบ 15 คน" in html


@pytest.mark.parametrize("role", ["editor", "administrator", "director", "triage_officer"])
def test_staff_see_the_same_hidden_groups_as_the_public(client, request, role):
    # The results page is the published one, printed and quoted as it stands:
    # it hides the same groups for everyone. Staff who hold surveys.view_response
    # analyse the anonymous answer sheets (their own CSV) instead.
    survey = _round([("parents", 1, 1)] + [("teachers", 2, 2)] * 5 + [("community", 5, 5)] * 9)
    login_staff(client, request.getfixturevalue(role))
    for url in ("surveys:survey_results", "surveys:survey_results_csv"):
        text = client.get(reverse(url, kwargs={"slug": survey.slug})).content.decode("utf-8-sig")
        assert HIDDEN_SMALL in text and HIDDEN_COMPLEMENT in text


def test_the_statistics_csv_hides_the_small_groups(client):
    survey = _round([("parents", 1, 1)] + [("teachers", 2, 2)] * 5 + [("community", 5, 5)] * 9)
    response = client.get(reverse("surveys:survey_results_csv", kwargs={"slug": survey.slug}))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_type = {(row[1], row[2]): row for row in rows if row[0] == TYPE}

    for dimension in ("ด้านกระบวนการ", "ด้านเจ้าหน้าที่", ""):
        parents = by_type[(dimension, "ผู้ปกครอง")]
        assert parents[3:16] == [""] * 13 and parents[16] == HIDDEN_SMALL
        teachers = by_type[(dimension, "ครูและบุคลากรทางการศึกษา")]
        assert teachers[3:16] == [""] * 13 and teachers[16] == HIDDEN_COMPLEMENT
        community = by_type[(dimension, "ชุมชนและประชาชนทั่วไป")]
        assert community[3] in ("9", "18") and community[14] == "5.00"
    assert len({len(row) for row in rows}) == 1
    overall = next(row for row in rows if row[0] == "ภาพรวม")
    assert (overall[3], overall[4], overall[7], overall[8]) == ("30", "18", "10", "2")


def test_the_annual_report_prints_no_group_of_a_round(agency):
    # The report prints each public round whole (n, per item, per dimension):
    # none of its figures belongs to one stakeholder type.
    _round(
        [("parents", 1, 1)] + [("community", 5, 5)] * 9,
        title="สำรวจกลุ่มเล็ก",
        scores_by_response=[],
    )
    data = annual_report_build(fiscal_year=2569)
    [row] = data.surveys["rows"]
    assert row["n"] == 10 and row["overall"]["mean"] == pytest.approx(4.6)
    html = annual_report_render_html(data)
    section = html[
        html.index('id="s-surveys"') : html.index("</section>", html.index('id="s-surveys"'))
    ]
    assert "สำรวจกลุ่มเล็ก" in section
    assert "ผู้ปกครอง" not in section and "ชุมชนและประชาชนทั่วไป" not in section


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    columns=st.lists(
        st.fixed_dictionaries({key: st.integers(0, 12) for key in "abcde"}), min_size=1, max_size=4
    )
)
def test_no_column_shows_a_small_group_or_lets_one_be_subtracted(columns):
    hidden = breakdown_hidden(columns, minimum=5)
    for column in columns:
        answered = {key: size for key, size in column.items() if size}
        shown = [size for key, size in answered.items() if key not in hidden]
        concealed = [size for key, size in answered.items() if key in hidden]
        assert all(size >= 5 for size in shown)
        assert not concealed or not shown or (len(concealed) >= 2 and sum(concealed) >= 5)
    assert all(hidden[key] == SMALL for column in columns for key, n in column.items() if 0 < n < 5)
