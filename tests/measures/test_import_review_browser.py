"""The import's unhappy paths in a browser, at desktop and phone width, each
page passing axe-core (WCAG 2.1 AA):

- a file that cannot be read: an empty one is refused on the form, a damaged
  PDF fails in the task worker and the waiting page says why;
- a scan with a line OCR was unsure of: the review marks its block and lists
  it among the warnings; staff correct it there and save.

The scan's reading is given as the worker stores it (the OCR itself is
tested in test_import_scan*.py): seed 001 with clause 3 misread ("กลุม",
"พีงพอใจ") and that line among the unsure ones.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from measures.documents import SourceText
from measures.importing import measure_import_read, source_as_data
from measures.models import MeasureImport
from tests import factories
from tests.browser.plugin import DESKTOP, PHONE
from tests.factories.measures import seed_text
from tests.login import login_staff_in_browser

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

CLAUSE_3 = "กำหนดให้แต่ละกลุ่มประเมินผลความพึงพอใจของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย รายงานต่อผู้บริหารทราบ"
MISREAD_3 = CLAUSE_3.replace("กลุ่ม", "กลุม").replace("พึงพอใจ", "พีงพอใจ")


@pytest.fixture
def worker_held(settings):
    """The task worker has not got to the file yet: the upload only queues it."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "sealed"],
        }
    }


@pytest.fixture
def signed_in(page_at, agency, editor):
    def at(width):
        page = page_at("/admin/login/", width)
        login_staff_in_browser(page, editor, factories.DEFAULT_PASSWORD)
        return page

    return at


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_an_empty_file_is_refused_and_a_damaged_one_fails_with_its_reason(
    signed_in, axe_check, worker_held, tmp_path, width
):
    page = signed_in(width)
    empty, damaged = tmp_path / "ว่าง.pdf", tmp_path / "ประกาศเสีย.pdf"
    empty.write_bytes(b"")
    damaged.write_bytes(b"%PDF-1.4\n" + b"\x00not a pdf at all\n" * 50)

    page.goto(reverse("admin:measures_measure_import"))
    page.get_by_label("ไฟล์ประกาศ").set_input_files(empty)
    with page.expect_navigation():
        page.get_by_role("button", name="อ่านประกาศ").click()
    expect(page.locator(".errorlist")).to_be_visible()  # the form again, with why
    assert MeasureImport.objects.count() == 0
    axe_check(page)

    page.get_by_label("ไฟล์ประกาศ").set_input_files(damaged)
    with page.expect_navigation():
        page.get_by_role("button", name="อ่านประกาศ").click()
    expect(page.get_by_role("status")).to_have_text("กำลังรอระบบอ่านเอกสาร")
    measure_import_read(import_id=MeasureImport.objects.get().pk)  # the worker

    # The waiting page asks again by itself and shows the failure.
    expect(page.get_by_role("status")).to_have_text("อ่านไฟล์ไม่ได้ (pdftotext)", timeout=20_000)
    expect(page.get_by_role("link", name="นำเข้าไฟล์อื่น")).to_be_visible()
    assert MeasureImport.objects.get().status == MeasureImport.Status.FAILED
    axe_check(page)


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_a_line_ocr_was_unsure_of_is_marked_listed_corrected_and_saved(
    signed_in, editor, axe_check, width
):
    text = seed_text(1).replace(CLAUSE_3, MISREAD_3)
    staged = MeasureImport.objects.create(
        created_by=editor,
        status=MeasureImport.Status.READY,
        file_name="scan.pdf",
        source=source_as_data(SourceText(text, "scan", [f"๓. {MISREAD_3}"])),
    )
    page = signed_in(width)

    page.goto(staged.review_url())
    warnings = page.get_by_role("region", name="ตรวจสอบรายการเหล่านี้ก่อน")
    expect(warnings).to_contain_text(f"OCR ไม่มั่นใจบรรทัด “๓. {MISREAD_3[:30]}")
    marked = page.locator(".import-doubtful")
    expect(marked).to_have_count(1)
    expect(marked.get_by_role("group")).to_contain_text("โปรดตรวจ: OCR ไม่มั่นใจ")
    text_box = marked.get_by_label("ข้อความ")
    expect(text_box).to_have_value(MISREAD_3)
    axe_check(page)

    text_box.fill(CLAUSE_3)
    with page.expect_navigation():
        page.get_by_role("button", name="บันทึกเป็นร่าง").click()

    expect(page.locator(".messagelist")).to_contain_text("บันทึกเป็นร่างแล้ว")
    measure = MeasureImport.objects.get().measure
    clauses = list(measure.clauses.filter(kind="clause").values_list("text", flat=True))
    assert len(clauses) == 5 and clauses[2] == CLAUSE_3
