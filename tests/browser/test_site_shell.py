"""The public shell in a real browser: Thai, accessible, usable at 360 px and on a desktop."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories
from tests.browser.helpers import no_horizontal_scroll
from tests.browser.plugin import DESKTOP, PHONE

WIDTHS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]


@pytest.fixture
def demo_agency(agency):
    factories.mission_group(
        name="กลุ่มส่งเสริมการจัดการศึกษา",
        mission="ส่งเสริมการจัดการศึกษาขั้นพื้นฐานทั้งในระบบ นอกระบบ และตามอัธยาศัย",
    )
    factories.mission_group(name="กลุ่มกฎหมายและคดี", mission="ดำเนินการทางวินัยและคดี")
    return agency


@pytest.mark.parametrize("width", WIDTHS)
def test_home_page_is_thai_and_accessible(page_at, axe_check, demo_agency, width):
    page = page_at("/", width)
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_text("กลุ่มกฎหมายและคดี").is_visible()
    assert demo_agency.phone in page.locator("footer").inner_text()
    assert no_horizontal_scroll(page)
    axe_check(page)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(
    ("kind", "title"),
    [
        pytest.param("website", "นโยบายเว็บไซต์", id="website"),
        pytest.param("privacy", "ประกาศความเป็นส่วนตัว", id="privacy"),
        pytest.param("security", "นโยบายการรักษาความมั่นคงปลอดภัยเว็บไซต์", id="security"),
    ],
)
def test_policy_pages_read_well(page_at, axe_check, demo_agency, width, kind, title):
    page = page_at(f"/policies/{kind}/", width)
    assert title in page.get_by_role("heading", level=1).inner_text()
    assert no_horizontal_scroll(page)
    axe_check(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_missing_page_explains_itself_in_thai(page_at, axe_check, demo_agency, width):
    page = page_at("/no-such-page/", width)
    assert page.get_by_role("heading", level=1).inner_text() == "ไม่พบหน้าที่ต้องการ"
    page.get_by_role("link", name="กลับหน้าแรก").click()
    # "**/" would already match the missing page's own URL: wait for the home page itself.
    expect(page).to_have_url(re.compile(r"^http://[^/]+/$"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text("ไม่พบหน้าที่ต้องการ")
    axe_check(page)


def test_missing_page_answers_404(browser, live_server, demo_agency):
    context = browser.new_context(locale="th-TH")
    try:
        response = context.new_page().goto(live_server.url + "/no-such-page/")
        assert response.status == 404
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_language_switch_turns_the_site_to_english_and_back(page_at, axe_check, demo_agency, width):
    page = page_at("/policies/privacy/", width)
    page.get_by_role("button", name="English").click()
    # expect() retries across the navigation; a bare wait_for_function can run
    # while the new document has no root element yet.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url.endswith("/policies/privacy/")  # stays on the same page
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    axe_check(page)
    page.get_by_role("button", name="ภาษาไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")


@pytest.mark.parametrize("width", WIDTHS)
def test_skip_link_is_first_and_moves_focus_to_main(page_at, demo_agency, width):
    page = page_at("/", width)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="ข้ามไปยังเนื้อหาหลัก")
    assert skip.evaluate("el => el === document.activeElement")
    box = skip.bounding_box()
    assert box and box["width"] > 0 and box["y"] >= 0  # shown on screen when focused
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")
    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main').contains(document.activeElement)")


def test_menu_toggler_opens_the_menu_by_keyboard_on_a_phone(page_at, demo_agency):
    page = page_at("/", PHONE)
    toggler = page.locator(".navbar-toggler")
    home_link = page.locator("#main-menu").get_by_role("link", name="หน้าแรก")
    assert toggler.is_visible()
    assert not home_link.is_visible()
    assert toggler.get_attribute("aria-expanded") == "false"
    toggler.focus()
    page.keyboard.press("Enter")
    page.locator("#main-menu.collapse.show").wait_for()  # opened, animation over
    assert home_link.is_visible()
    assert toggler.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Enter")
    home_link.wait_for(state="hidden")


def test_menu_is_always_open_on_a_desktop(page_at, demo_agency):
    page = page_at("/", DESKTOP)
    assert not page.locator(".navbar-toggler").is_visible()
    assert page.locator("#main-menu").get_by_role("link", name="หน้าแรก").is_visible()


@pytest.mark.parametrize("width", WIDTHS)
def test_keyboard_focus_is_clearly_visible(page_at, demo_agency, width):
    page = page_at("/", width)
    for _ in range(3):  # skip link, brand, language switch
        page.keyboard.press("Tab")
        style = page.evaluate(
            "(() => { const s = getComputedStyle(document.activeElement);"
            " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()"
        )
        assert style["style"] != "none" and style["width"] >= 2, style


def test_controls_are_large_enough_to_touch_on_a_phone(page_at, demo_agency):
    page = page_at("/", PHONE)
    page.locator(".navbar-toggler").click()
    page.locator("#main-menu .nav-link").first.wait_for(state="visible")
    selector = "header a, header button, #main-menu .nav-link"
    sizes = page.eval_on_selector_all(
        selector,
        "els => els.filter(e => e.offsetParent).map(e => "
        "[e.textContent.trim(), e.getBoundingClientRect().height])",
    )
    assert sizes
    small = [(text, height) for text, height in sizes if height < 44]
    assert not small, f"touch targets under 44 px: {small}"


@pytest.mark.parametrize("width", WIDTHS)
def test_corruption_channel_stands_apart_from_ordinary_feedback(page_at, demo_agency, width):
    corruption_url = reverse("feedback:corruption_submit")
    page = page_at("/", width)
    channel = page.get_by_role("region", name="ช่องทางแจ้งเบาะแสการทุจริตและประพฤติมิชอบ")
    assert channel.is_visible()
    assert channel.get_by_role("link").get_attribute("href") == corruption_url
    services = page.get_by_role("region", name="ท่านต้องการทำอะไร")
    assert services.locator(f'a[href="{corruption_url}"]').count() == 0


@pytest.mark.parametrize("width", WIDTHS)
def test_staff_sign_in_is_accessible_and_set_in_sarabun(page_at, axe_check, width):
    page = page_at("/admin/login/", width)
    assert page.get_by_label("ชื่อผู้ใช้").is_visible()
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.split(",")[0].strip('"') == "Sarabun", font
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px Sarabun', 'ก')")
    axe_check(page)
