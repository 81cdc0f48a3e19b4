"""The admin pages staff work in every day pass axe-core (WCAG 2.1 AA), on a
desktop and on a phone (the responsive admin: officers triage from their
phones): the case list, a case with its select2 boxes, an activity with its
participation table, a measure with its mission-group picker and clause rows,
an improvement, a survey round, and the year's to-do page.
Beyond WCAG 2.1 AA, axe also checks WCAG 2.2's target size (the change list's
filter choices) and its best practices (the inlines' column headers)."""

import re

import pytest
from playwright.sync_api import expect

from portal.lib import thai
from tests import factories
from tests.browser.helpers import WCAG_21_AA
from tests.browser.helpers import WCAG_22_AA_AND_BEST_PRACTICE as STRICT
from tests.browser.plugin import DESKTOP, PHONE
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff_in_browser

WCAG_22_AA = [*WCAG_21_AA, "wcag22aa"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = pytest.mark.parametrize(
    "width", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]
)


def _signed_in(page_at, user, width):
    page = page_at("/admin/login/", width)
    login_staff_in_browser(page, user, factories.DEFAULT_PASSWORD)
    return page


@WIDTHS
def test_the_case_list_and_a_case_pass_axe(page_at, axe_check, agency, triage_officer, width):
    case = fb.case()
    fb.case(subject="ไฟฟ้าดับหน้าโรงเรียน")
    page = _signed_in(page_at, triage_officer, width)

    page.goto("/admin/feedback/case/")
    axe_check(page, tags=STRICT)
    page.goto(f"/admin/feedback/case/{case.pk}/change/")
    axe_check(page, tags=STRICT)


@WIDTHS
def test_an_activity_with_its_participation_table_passes_axe(
    page_at, axe_check, agency, administrator, width
):
    activity = mf.activity(participants=[(mf.stakeholder_group(), 12)])
    page = _signed_in(page_at, administrator, width)

    page.goto(f"/admin/measures/activity/{activity.pk}/change/")
    expect(page.locator("#participations-group th.original")).to_have_text("รายการที่บันทึกไว้")
    axe_check(page, tags=STRICT)
    # An autocomplete box opened: its search input is named too.
    page.locator(".field-clause .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    expect(search).to_be_visible()
    expect(search).to_have_attribute("aria-label", re.compile(r"\S"))
    # select2 hangs its open list at the end of <body>, outside the page's
    # landmarks (axe's best practice "region"): the open box is held to WCAG.
    axe_check(page, tags=WCAG_22_AA)
    search.press("Escape")
    expect(search).to_be_hidden()
    axe_check(page, tags=STRICT)


@WIDTHS
def test_a_measure_with_its_group_picker_and_clause_rows_passes_axe(
    page_at, axe_check, agency, administrator, width
):
    measure = mf.measure()
    page = _signed_in(page_at, administrator, width)

    page.goto(f"/admin/measures/measure/{measure.pk}/change/")
    expect(page.locator(".selector .help-tooltip").first).to_have_attribute("role", "img")
    axe_check(page, tags=STRICT)


@WIDTHS
def test_an_improvement_passes_axe(page_at, axe_check, agency, administrator, width):
    improvement = mf.improvement()
    page = _signed_in(page_at, administrator, width)

    page.goto(f"/admin/measures/improvement/{improvement.pk}/change/")
    axe_check(page, tags=STRICT)


@WIDTHS
def test_a_survey_round_and_the_to_do_page_pass_axe(
    page_at, axe_check, agency, administrator, width
):
    survey = sf.survey()
    page = _signed_in(page_at, administrator, width)

    page.goto(f"/admin/surveys/survey/{survey.pk}/change/")
    axe_check(page, tags=STRICT)
    page.goto(f"/admin/todo/{thai.FiscalYear.current().be_year}/")
    axe_check(page, tags=STRICT)
