"""On a phone (360 px) nothing widens the page (WCAG 1.4.10, reflow): the
survey results with a hidden small group, whose notes wrap within the screen,
and the admin pages with tabular inlines (a case, an activity with its
participation table, a survey round), whose tables scroll inside their own
box with the side where more columns wait faded out as the cue."""

import re

import pytest
from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import no_horizontal_scroll
from tests.browser.plugin import PHONE
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.factories import surveys as sf
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MORE_LEFT, MORE_RIGHT = re.compile(r"\bmore-left\b"), re.compile(r"\bmore-right\b")


def _right_edge(locator):
    box = locator.bounding_box()
    return box["x"] + box["width"]


def test_survey_results_with_a_hidden_group_fit_a_phone(page_at, axe_check, agency):
    survey = sf.survey()
    items = sf.items_of(survey)
    # Two students: hidden as too few; the staff then too, or the students'
    # scores could be worked out from the total.
    for n, slug in enumerate(["parents"] * 6 + ["staff"] * 5 + ["students"] * 2):
        sf.response(
            survey=survey,
            scores={item: 1 + (n + i) % 5 for i, item in enumerate(items)},
            stakeholder_group=sf.stakeholder_group(slug),
        )
    page = page_at(f"/surveys/{survey.slug}/results/")

    notes = page.locator("#cross-title ~ div .stat-note")
    expect(notes).to_have_count(2)
    assert no_horizontal_scroll(page)
    # Each note and the table's caption are read without scrolling the table.
    for note in [*notes.all(), page.locator("#cross-caption"), page.locator("#cross-note")]:
        expect(note).to_be_visible()
        assert _right_edge(note) <= PHONE
    expect(notes.first).to_contain_text("ผู้ตอบน้อยกว่า 5 คน")
    axe_check(page)


def _inline_scrolls_with_a_cue(page, group):
    box = page.locator(f"#{group}-group div.wrapper")
    expect(box).to_have_class(MORE_RIGHT)
    expect(box).not_to_have_class(MORE_LEFT)
    assert box.evaluate("b => getComputedStyle(b).maskImage") != "none"
    # The box scrolls from the keyboard too, named by its inline's heading.
    heading = page.locator(f"#{group}-heading").inner_text().strip()
    expect(page.get_by_role("region", name=heading)).to_have_attribute("tabindex", "0")
    last = page.locator(f"#{group}-group tbody tr").first.locator("td").last
    assert _right_edge(last) > PHONE  # the last column waits to the right
    box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
    expect(box).to_have_class(MORE_LEFT)
    expect(box).not_to_have_class(MORE_RIGHT)
    assert _right_edge(last) <= PHONE  # reached inside the box
    assert no_horizontal_scroll(page)  # the page itself never moved


def test_admin_pages_with_tabular_inlines_fit_a_phone(page_at, axe_check, agency, administrator):
    case = fb.case()
    activity = mf.activity(participants=[(mf.stakeholder_group(), 12)])
    survey = sf.survey()
    page = page_at("/admin/login/", PHONE)
    login_staff_in_browser(page, administrator, factories.DEFAULT_PASSWORD)

    page.goto(f"/admin/feedback/case/{case.pk}/change/")
    expect(page.locator("#replies-group")).to_be_attached()
    assert no_horizontal_scroll(page)

    page.goto(f"/admin/measures/activity/{activity.pk}/change/")
    _inline_scrolls_with_a_cue(page, "participations")
    axe_check(page)

    page.goto(f"/admin/surveys/survey/{survey.pk}/change/")
    _inline_scrolls_with_a_cue(page, "dimensions")
