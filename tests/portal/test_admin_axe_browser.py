"""The admin pages staff work in every day pass axe-core (WCAG 2.1 AA): the
case list, a case with its select2 boxes, an activity with its participation
table, an improvement, a survey round, and the year's to-do page."""

import re

import pytest
from playwright.sync_api import expect

from portal.lib import thai
from tests import factories
from tests.browser.plugin import DESKTOP
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _signed_in(page_at, user):
    page = page_at("/admin/login/", DESKTOP)
    login_staff_in_browser(page, user, factories.DEFAULT_PASSWORD)
    return page


def test_the_case_list_and_a_case_pass_axe(page_at, axe_check, agency, triage_officer):
    case = fb.case()
    fb.case(subject="ไฟฟ้าดับหน้าโรงเรียน")
    page = _signed_in(page_at, triage_officer)

    page.goto("/admin/feedback/case/")
    axe_check(page)
    page.goto(f"/admin/feedback/case/{case.pk}/change/")
    axe_check(page)


def test_an_activity_with_its_participation_table_passes_axe(
    page_at, axe_check, agency, administrator
):
    activity = mf.activity(participants=[(mf.stakeholder_group(), 12)])
    page = _signed_in(page_at, administrator)

    page.goto(f"/admin/measures/activity/{activity.pk}/change/")
    axe_check(page)
    # An autocomplete box opened: its search input is named too.
    page.locator(".field-clause .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    expect(search).to_be_visible()
    expect(search).to_have_attribute("aria-label", re.compile(r"\S"))
    axe_check(page)
    search.press("Escape")
    expect(search).to_be_hidden()
    axe_check(page)


def test_an_improvement_passes_axe(page_at, axe_check, agency, administrator):
    improvement = mf.improvement()
    page = _signed_in(page_at, administrator)

    page.goto(f"/admin/measures/improvement/{improvement.pk}/change/")
    axe_check(page)


def test_a_survey_round_and_the_to_do_page_pass_axe(page_at, axe_check, agency, administrator):
    survey = sf.survey()
    page = _signed_in(page_at, administrator)

    page.goto(f"/admin/surveys/survey/{survey.pk}/change/")
    axe_check(page)
    page.goto(f"/admin/todo/{thai.FiscalYear.current().be_year}/")
    axe_check(page)
