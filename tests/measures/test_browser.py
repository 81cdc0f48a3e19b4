"""The measures pages a citizen and an assessor open, on a phone, with axe-core."""

import pytest

from measures.models import Measure
from tests.browser.helpers import no_horizontal_scroll
from tests.factories import measures as f
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_measures_activities_and_evidence_pages_are_accessible_on_a_phone(
    page_at,
    axe_check,
    agency,
):
    measure = f.measure(status=Measure.Status.PUBLISHED)
    parents = f.stakeholder_group()
    activity = f.activity(participants=[(parents, 42)])
    f.improvement(activity=activity, mission_group=activity.mission_group)
    f.indicator()
    for path in (
        "/measures/",
        measure.get_absolute_url(),
        "/activities/",
        activity.get_absolute_url(),
        "/you-said-we-did/",
        "/evidence/2569/",
    ):
        page = page_at(path)
        assert no_horizontal_scroll(page), path
        axe_check(page)
    page = page_at(activity.get_absolute_url())
    assert "ผู้ปกครองนักเรียน" in page.content()
    assert "บรรจุโครงการรถรับส่งนักเรียนในแผนปี ๒๕๗๐" in page.content()


def test_a_citizen_filters_activities_by_fiscal_year_with_the_keyboard(
    page_at,
    agency,
):
    import datetime as dt

    f.activity(title="กิจกรรมปีงบประมาณ ๒๕๖๙", held_on=dt.date(2026, 3, 12))
    f.activity(title="กิจกรรมปีงบประมาณ ๒๕๖๘", held_on=dt.date(2025, 3, 12))
    page = page_at("/activities/")
    year = page.get_by_label("ปีงบประมาณ", exact=True)
    year.focus()
    year.select_option("2569")
    page.keyboard.press("Tab")
    for _ in range(4):
        if page.evaluate("document.activeElement.tagName") == "BUTTON":
            break
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    html = page.content()
    assert "กิจกรรมปีงบประมาณ ๒๕๖๙" in html
    assert "กิจกรรมปีงบประมาณ ๒๕๖๘" not in html


def test_the_measure_form_with_its_clause_table_fits_a_desktop_screen(page_at, agency):
    from tests import factories
    from tests.factories.measures import imported_measure

    measure = imported_measure(3)  # seventeen clauses, sections and sub-items
    editor = factories.staff_user(role=factories.roles.MISSION_GROUP_EDITOR, username="editor")
    page = page_at("/admin/login/", 1280)
    login_staff_in_browser(page, editor, factories.DEFAULT_PASSWORD)

    page.goto(f"/admin/measures/measure/{measure.pk}/change/")

    clause_boxes = page.locator("#clauses-group tr.has_original textarea")
    assert clause_boxes.count() == measure.clauses.count()
    assert no_horizontal_scroll(page)
    table = page.locator("#clauses-group table").bounding_box()
    group = page.locator("#clauses-group fieldset").bounding_box()
    assert table["width"] <= group["width"]  # the delete column is not cut off


def test_on_a_phone_each_evidence_url_gets_a_card_of_its_own(page_at, agency):
    f.indicator(code="O17", url="/feedback/corruption/report-a-case/")
    f.indicator(code="O16")

    page = page_at("/evidence/2569/", 360)

    assert not page.locator("table").is_visible()
    cards = page.locator(".evidence-cards > li")
    assert cards.count() == 2
    assert cards.first.locator(".badge").inner_text() == "O16"
    url = cards.nth(1).locator(".evidence-url")
    # The table squeezed the address into a column five characters wide.
    assert url.bounding_box()["width"] > 250
    assert url.inner_text().endswith("/feedback/corruption/report-a-case/")
    assert no_horizontal_scroll(page)
    desktop = page_at("/evidence/2569/", 1280)
    assert desktop.locator("table").is_visible()
    assert not desktop.locator(".evidence-cards").is_visible()


def test_the_supersede_page_fits_a_desktop_screen_with_long_titles(page_at, agency):
    from tests import factories

    old = f.measure(status=Measure.Status.PUBLISHED)
    f.measure(
        status=Measure.Status.PUBLISHED,
        title="มาตรการเปิดโอกาสให้ภาคประชาชนหรือผู้มีส่วนได้ส่วนเสียมีส่วนร่วมในการดำเนินงาน" * 3,
    )
    editor = factories.staff_user(role=factories.roles.MISSION_GROUP_EDITOR, username="editor")
    page = page_at("/admin/login/", 1280)
    login_staff_in_browser(page, editor, factories.DEFAULT_PASSWORD)

    page.goto(f"/admin/measures/measure/{old.pk}/supersede/")

    assert no_horizontal_scroll(page)
    assert page.locator("#id_successor").bounding_box()["width"] < 900
