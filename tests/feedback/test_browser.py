"""The citizen's journeys in a real browser on a phone-sized screen, with axe-core."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from feedback.models import FAQ, Case
from feedback.services import case_reply
from tests import factories
from tests.browser.helpers import no_horizontal_scroll
from tests.factories import feedback as fb
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_citizen_files_a_complaint_with_a_photo_and_later_reads_the_reply(
    page_at,
    axe_check,
    agency,
    tmp_path,
):
    page = page_at("/feedback/")
    assert "สิ่งที่รับไว้พิจารณาไม่ได้" in page.content()
    axe_check(page)
    page.get_by_role("link", name="อ่านแล้ว ดำเนินการต่อ").click()
    page.locator("#id_subject").fill("ไฟส่องสว่างหน้าโรงเรียนดับ")
    page.locator("#id_details").fill("ไฟถนนหน้าโรงเรียนบ้านนาแกดับมาหนึ่งเดือน เด็กเดินกลับบ้านมืด")
    photo = tmp_path / "lamp.jpg"
    photo.write_bytes(factories.jpeg_upload().read())
    page.get_by_label("เอกสารหรือภาพถ่ายประกอบ").set_input_files(str(photo))
    page.get_by_label("ข้าพเจ้าขอรับรองว่าข้อเท็จจริงที่แจ้งเป็นความจริงทุกประการ").check()
    page.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัว", exact=False).check()
    assert no_horizontal_scroll(page)
    axe_check(page)
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.wait_for_url("**/feedback/receipt/**")
    code = page.locator("#tracking-code").inner_text().strip()
    case = Case.objects.get()
    assert code == case.tracking_code
    assert case.attachments.count() == 1
    axe_check(page)

    officer = get_user_model().objects.create_user("officer_b", is_staff=True)
    case_reply(case=case, by=officer, body="ประสานการไฟฟ้าส่วนภูมิภาคเปลี่ยนหลอดไฟแล้ว")

    page.goto("/feedback/track/")
    page.get_by_label("รหัสติดตามเรื่อง").fill(code)
    page.get_by_role("button", name="ค้นหา").click()
    # The lookup is a form post: wait for the answer page, not the form still on screen.
    expect(page.get_by_text("ประสานการไฟฟ้าส่วนภูมิภาคเปลี่ยนหลอดไฟแล้ว")).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)


def test_an_anonymous_corruption_report_shows_the_guidance_and_gives_a_code(
    page_at,
    axe_check,
    agency,
):
    page = page_at("/feedback/corruption/?accepted=1")
    guidance = page.locator("#anonymous-guidance")
    expect(guidance).to_be_hidden()
    box = page.get_by_label("ไม่ประสงค์ออกนาม")
    box.check()
    expect(guidance).to_be_visible()
    expect(box).to_have_accessible_description(guidance.inner_text().strip())
    below_box = guidance.bounding_box()["y"] - box.bounding_box()["y"]
    assert 0 < below_box < 80  # right under the box, not at the end of the form
    page.locator("#id_subject").fill("เรียกรับเงินค่าบรรจุครูอัตราจ้าง")
    page.locator("#id_details").fill("มีผู้เรียกรับเงินสามหมื่นบาทเพื่อบรรจุครูอัตราจ้าง เมื่อต้นเดือน")
    page.get_by_label("ข้าพเจ้าขอรับรองว่าข้อเท็จจริงที่แจ้งเป็นความจริงทุกประการ").check()
    page.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัว", exact=False).check()
    axe_check(page)
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.wait_for_url("**/feedback/receipt/**")
    case = Case.objects.get()
    assert case.stream == Case.Stream.CORRUPTION and case.is_anonymous
    assert case.tracking_code in page.content()


@pytest.mark.parametrize("path", ["/feedback/statistics/2569/", "/feedback/manual/"])
def test_the_public_evidence_pages_are_accessible(page_at, axe_check, agency, path):
    page = page_at(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)


def test_a_question_opens_on_its_own_page_on_a_phone(page_at, axe_check, agency):
    question = "ครูขอย้ายกลับภูมิลำเนาต้องยื่นคำร้องเมื่อใด"
    entry = FAQ.objects.create(
        question=question, answer="ยื่นคำร้องภายในเดือนมกราคมของทุกปี", is_published=True
    )
    page = page_at("/faq/")
    page.locator("summary", has_text=question).click()
    link = page.get_by_role("link", name="เปิดคำถามนี้ในหน้าของตัวเอง")
    expect(link).to_have_accessible_description(question)
    link.click()
    page.wait_for_url(f"**/faq/{entry.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(question)
    expect(page.get_by_text("ยื่นคำร้องภายในเดือนมกราคมของทุกปี")).to_be_visible()
    assert no_horizontal_scroll(page)
    axe_check(page)


def _login(page, user):
    login_staff_in_browser(page, user, factories.DEFAULT_PASSWORD)
    page.wait_for_url("**/admin/")


def _inside(inner, outer):
    return outer["x"] <= inner["x"] and inner["x"] + inner["width"] <= outer["x"] + outer["width"]


def test_the_tracking_code_reads_on_one_line_on_a_phone(page_at, agency):
    page = page_at("/feedback/?accepted=1")
    page.locator("#id_subject").fill("ท่อระบายน้ำหน้าโรงเรียนอุดตัน")
    page.locator("#id_details").fill("ท่อระบายน้ำหน้าโรงเรียนอุดตัน น้ำท่วมขังทุกครั้งที่ฝนตก")
    page.get_by_label("ข้าพเจ้าขอรับรองว่าข้อเท็จจริงที่แจ้งเป็นความจริงทุกประการ").check()
    page.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัว", exact=False).check()
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.wait_for_url("**/feedback/receipt/**")
    # The widest code there can be: five digits and the broadest PIN letters.
    Case.objects.update(number=88888, pin="WMWMWM")
    page.reload()
    code = page.locator("#tracking-code")
    assert code.inner_text().strip().endswith("-88888-WMWMWM")
    font_size = float(code.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px"))
    assert font_size >= 22  # read out over the phone
    assert code.bounding_box()["height"] < 2 * font_size  # one line
    assert _inside(code.bounding_box(), page.locator(".card-body").bounding_box())
    assert no_horizontal_scroll(page)


def test_the_staff_deadline_panel_and_case_form_fit_a_phone(page_at, agency):
    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    case = fb.case(received_at=timezone.now() - dt.timedelta(days=60))
    page = page_at("/admin/login/")
    _login(page, officer)
    label = page.locator(".feedback-deadlines .deadline-overdue")
    text = label.evaluate(
        "e => { const r = document.createRange(); r.selectNodeContents(e); "
        "const b = r.getBoundingClientRect(); return {x: b.x, width: b.width}; }"
    )
    assert _inside(text, label.bounding_box())  # the count stays on its red background

    page.goto(f"/admin/feedback/case/{case.pk}/change/")
    for name in ("replies-0-body", "notes-0-body"):
        textarea = page.locator(f"textarea[name='{name}']")
        card = textarea.locator("xpath=ancestor::div[contains(@class, 'inline-related')]")
        assert _inside(textarea.bounding_box(), card.bounding_box()), name


def _fill_with_photo(page, tmp_path, *, details):
    page.locator("#id_subject").fill("ไฟส่องสว่างหน้าโรงเรียนดับ")
    page.locator("#id_details").fill(details)
    photo = tmp_path / "lamp.jpg"
    photo.write_bytes(factories.jpeg_upload().read())
    page.get_by_label("เอกสารหรือภาพถ่ายประกอบ").set_input_files(str(photo))


def test_the_browser_keeps_the_photo_when_the_certification_is_not_ticked(
    page_at,
    agency,
    tmp_path,
):
    page = page_at("/feedback/?accepted=1")
    _fill_with_photo(page, tmp_path, details="ไฟถนนหน้าโรงเรียนบ้านนาแกดับมาหนึ่งเดือนแล้ว")
    page.get_by_role("button", name="ส่งเรื่อง").click()
    # Stopped before sending: nothing is lost, the chosen photo is still there.
    box = page.get_by_label("ข้าพเจ้าขอรับรองว่าข้อเท็จจริงที่แจ้งเป็นความจริงทุกประการ")
    assert box.evaluate("e => e.validity.valueMissing")
    assert page.locator("#id_attachments").evaluate("e => e.files.length") == 1
    assert "accepted=1" in page.url and not Case.objects.exists()


def test_a_form_refused_by_the_server_asks_for_the_photo_again(
    page_at,
    axe_check,
    agency,
    tmp_path,
):
    page = page_at("/feedback/?accepted=1")
    _fill_with_photo(page, tmp_path, details="ไฟดับ")  # too short: only the server knows
    page.get_by_label("ข้าพเจ้าขอรับรองว่าข้อเท็จจริงที่แจ้งเป็นความจริงทุกประการ").check()
    page.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัว", exact=False).check()
    page.get_by_role("button", name="ส่งเรื่อง").click()
    notice = page.locator("#attach-again")
    expect(notice).to_contain_text("lamp.jpg")
    expect(page.locator(".messages")).to_contain_text("lamp.jpg")
    file_input = page.get_by_label("เอกสารหรือภาพถ่ายประกอบ")
    expect(file_input).to_have_accessible_description(re.compile("กรุณาแนบไฟล์อีกครั้ง"))
    assert 0 < notice.bounding_box()["y"] - file_input.bounding_box()["y"] < 200
    assert not Case.objects.exists()
    assert no_horizontal_scroll(page)
    axe_check(page)


def test_the_printed_receipt_names_the_agency_and_the_tracking_page(page_at, agency):
    page = page_at("/feedback/?accepted=1")
    page.locator("#id_subject").fill("ท่อระบายน้ำหน้าโรงเรียนอุดตัน")
    page.locator("#id_details").fill("ท่อระบายน้ำหน้าโรงเรียนอุดตัน น้ำท่วมขังทุกครั้งที่ฝนตก")
    page.get_by_label("ข้าพเจ้าขอรับรองว่าข้อเท็จจริงที่แจ้งเป็นความจริงทุกประการ").check()
    page.get_by_label("ข้าพเจ้าได้อ่านประกาศความเป็นส่วนตัว", exact=False).check()
    page.get_by_role("button", name="ส่งเรื่อง").click()
    page.wait_for_url("**/feedback/receipt/**")
    on_paper = page.get_by_text("ติดตามเรื่องของท่านได้ที่")
    expect(on_paper).to_be_hidden()
    page.emulate_media(media="print")
    expect(on_paper).to_be_visible()
    expect(on_paper).to_contain_text(agency.name_th)
    expect(page.locator(".site-header")).to_be_hidden()


def test_triage_assigns_a_case_to_an_officer_chosen_by_name(page_at, agency, mission_group):
    officer = factories.staff_user(role=factories.roles.TRIAGE_OFFICER)
    factories.staff_user(
        role=factories.roles.TRIAGE_OFFICER, username="somsri", first_name="สมศรี", last_name="มีสุข"
    )
    case = fb.case()
    Case.objects.filter(pk=case.pk).update(status=Case.Status.ACCEPTED)
    page = page_at("/admin/login/", width=1280)
    _login(page, officer)
    page.goto(f"/admin/feedback/case/{case.pk}/change/")
    page.locator("#id_next_step").select_option(label="มอบหมายแล้ว")
    page.locator("#id_assigned_group").select_option(label=mission_group.name)
    page.locator("#id_assigned_to").select_option(label="สมศรี มีสุข")
    page.locator("input[name='_save']").click()
    page.wait_for_url("**/admin/feedback/case/")
    case.refresh_from_db()
    assert case.status == Case.Status.ASSIGNED and case.assigned_to.username == "somsri"
