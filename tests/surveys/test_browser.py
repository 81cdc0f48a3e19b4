"""A citizen answers a survey on a phone with the keyboard only; public pages pass axe."""

import pytest

from surveys.models import Response
from tests.browser.helpers import no_horizontal_scroll
from tests.factories import surveys as f
from tests.login import login_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_citizen_answers_on_a_phone_with_the_keyboard_only(
    page_at,
    axe_check,
    agency,
):
    survey = f.survey(dimensions=(("ด้านเจ้าหน้าที่", 2),), questions=1)
    page = page_at(f"/surveys/{survey.slug}/")
    assert no_horizontal_scroll(page)
    axe_check(page)
    first = page.get_by_role("group", name="ด้านเจ้าหน้าที่ ข้อ 1")
    first.get_by_label("5 มากที่สุด").focus()
    page.keyboard.press("Space")  # picks the focused radio
    page.keyboard.press("ArrowRight")  # arrow keys move within the group: 4
    page.get_by_label("ข้อเสนอแนะ 1").focus()
    page.keyboard.type("บริการดีมาก")
    page.get_by_role("button", name="ส่งคำตอบ").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "บันทึกคำตอบของท่านแล้ว" in page.content()
    answer = Response.objects.get().answers.get()
    assert answer.score == 4
    axe_check(page)


def test_results_and_working_group_pages_are_accessible_on_a_phone(
    page_at,
    axe_check,
    agency,
):
    survey = f.survey()
    items = f.items_of(survey)
    for n in range(5):
        f.response(
            survey=survey,
            scores={item: 1 + (n + i) % 5 for i, item in enumerate(items)},
            texts={survey.open_questions.get(): "อยากให้มีที่จอดรถเพิ่ม"},
            stakeholder_group=f.stakeholder_group("parents"),
        )
    group = f.working_group()
    chair = f.membership(working_group=group, role="chair", publish_name=True)
    f.meeting(working_group=group, present=[chair])
    for path in (
        "/surveys/",
        f"/surveys/{survey.slug}/results/",
        "/working-groups/",
        f"/working-groups/{group.slug}/",
    ):
        page = page_at(path)
        assert page.get_by_role("heading", level=1).is_visible()
        axe_check(page)


def test_meeting_minutes_links_do_not_widen_the_phone_page(
    page_at,
    axe_check,
    agency,
):
    group = f.working_group()
    chair = f.membership(working_group=group, role="chair", publish_name=True)
    for n in range(1, 4):
        f.meeting(
            working_group=group,
            number=f"{n}/2569",
            present=[chair],
            minutes_file=f"minutes/meeting-{n}.pdf",
        )
    page = page_at(f"/working-groups/{group.slug}/")
    assert page.get_by_role("link", name="รายงานการประชุม").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    axe_check(page)


STATEMENT = "ขั้นตอนการให้บริการมีความชัดเจน ไม่ยุ่งยากซับซ้อน และเข้าใจง่าย"


def test_results_tables_keep_the_statement_readable_on_a_phone(
    page_at,
    axe_check,
    agency,
):
    survey = f.survey(dimensions=(("ด้านกระบวนการ", 1),))
    [item] = f.items_of(survey)
    item.text = STATEMENT
    item.save()
    for n in range(5):
        f.response(
            survey=survey, scores={item: 1 + n}, stakeholder_group=f.stakeholder_group("parents")
        )
    page = page_at(f"/surveys/{survey.slug}/results/")
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    statement = page.get_by_role("rowheader", name=STATEMENT)  # still a table row header
    before = statement.bounding_box()
    assert before["width"] >= 150  # a phrase a line, not a word
    page.get_by_role("region", name="ด้านกระบวนการ").evaluate("el => el.scrollLeft = 500")
    # The statement stays beside the figures as they scroll under it.
    assert statement.bounding_box()["x"] == before["x"]
    axe_check(page)
    desktop = page_at(f"/surveys/{survey.slug}/results/", width=1280)
    assert desktop.evaluate("document.documentElement.scrollWidth") == 1280
    axe_check(desktop)


def _results_with_stakeholder_types():
    survey = f.survey(dimensions=(("ด้านกระบวนการและขั้นตอนการให้บริการ", 2), ("ด้านเจ้าหน้าที่ผู้ให้บริการ", 2)))
    items = f.items_of(survey)
    items[0].text = STATEMENT
    items[0].save()
    for n, slug in enumerate(["parents", "students", "staff", "experts"] * 3):
        f.response(
            survey=survey,
            scores={item: 1 + (n + i) % 5 for i, item in enumerate(items)},
            stakeholder_group=f.stakeholder_group(slug),
        )
    return survey


def test_printed_results_keep_every_column_on_an_a4_page(
    page_at,
    agency,
):
    survey = _results_with_stakeholder_types()
    # A4 at 96 dpi less Chromium's default print margins: about 718 px of line.
    page = page_at(f"/surveys/{survey.slug}/results/", width=718)
    page.emulate_media(media="print")
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('table')]
            .filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth)
            .map(t => t.caption ? t.caption.textContent : '?')"""
    )
    assert overflowing == []
    last_heading = page.get_by_role("columnheader", name="ร้อยละที่ตอบ 4–5").first
    assert last_heading.bounding_box()["x"] + last_heading.bounding_box()["width"] <= 718
    assert not page.get_by_role("link", name="ดาวน์โหลดค่าสถิติ (CSV)").is_visible()
    assert page.pdf(format="A4")[:4] == b"%PDF"


def test_each_landmark_of_the_results_page_has_its_own_name(
    page_at,
    agency,
):
    survey = _results_with_stakeholder_types()
    page = page_at(f"/surveys/{survey.slug}/results/", width=1280)
    section = page.get_by_role("region", name="จำแนกตามประเภทผู้มีส่วนได้ส่วนเสีย", exact=True)
    assert section.count() == 1
    assert section.get_by_role("region").count() == 1  # the table's own, named by its caption
    names = page.evaluate(
        """() => [...document.querySelectorAll('[role=region], section[aria-labelledby]')]
            .map(el => (el.getAttribute('aria-label')
                || el.getAttribute('aria-labelledby').split(' ')
                    .map(id => document.getElementById(id).textContent.trim()).join(' ')))"""
    )
    assert len(names) == len(set(names)), names


def _lines(locator):
    """How many lines the element's text takes on screen."""
    return locator.evaluate(
        """el => { const r = document.createRange(); r.selectNodeContents(el);
                   return new Set([...r.getClientRects()].map(b => Math.round(b.top))).size; }"""
    )


def test_the_group_page_keeps_names_labels_and_badges_whole_on_a_phone(
    page_at,
    axe_check,
    agency,
):
    group = f.working_group()
    chair = f.membership(
        working_group=group,
        role="chair",
        name="นางสาวประภาพร สุวรรณศรี",
        affiliation="ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต 2",
        publish_name=True,
    )
    f.membership(working_group=group, role="vice_chair", publish_name=False)
    f.meeting(
        working_group=group,
        number="1/2569",
        place="ห้องประชุมสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต 2",
        present=[chair],
    )
    page = page_at(f"/working-groups/{group.slug}/")
    assert page.evaluate("document.documentElement.scrollWidth") == 360
    assert _lines(page.get_by_text("นางสาวประภาพร สุวรรณศรี", exact=True)) == 1
    assert _lines(page.get_by_text("สถานที่", exact=True)) == 1
    badge = page.get_by_text("ครบองค์ประชุม", exact=True)
    box = badge.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert _lines(badge) == 1
    assert page.get_by_text("รองประธาน").is_visible()
    axe_check(page)


def test_the_members_of_a_group_fit_the_admin_page_at_1280(
    page_at,
    agency,
    editor,
    client,
    live_server,
):
    group = f.working_group()
    for role in ("chair", "vice_chair", "member", "member_secretary"):
        f.membership(
            working_group=group,
            role=role,
            affiliation="ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษานครพนม เขต 2",
            stakeholder_group=f.stakeholder_group("staff"),
        )
    login_staff(client, editor)
    page = page_at("/", width=1280)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"/admin/surveys/workinggroup/{group.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") == 1280
    for name in ("memberships-3-ended_on", "memberships-3-publish_name"):
        box = page.locator(f"[name={name}]").bounding_box()
        assert box["x"] + box["width"] <= 1280, name
