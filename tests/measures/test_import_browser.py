"""The admin's announcement import in a browser, at desktop and phone width:
the form, the page that waits for the task worker, and the review screen with
the page images beside the recognised text. Each passes axe-core (WCAG 2.1 AA)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from measures.importing import measure_import_read
from measures.models import MeasureImport
from tests import factories
from tests.browser.plugin import DESKTOP, PHONE
from tests.factories.measures import seed_text
from tests.login import login_staff_in_browser
from tests.measures import documents

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def worker_held(settings):
    """The task worker has not got to the file yet: the upload only queues it."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "sealed"],
        }
    }


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_an_uploaded_announcement_waits_for_the_worker_then_is_reviewed(
    page_at, axe_check, agency, editor, worker_held, tmp_path, width
):
    announcement = tmp_path / "ประกาศมาตรการ.pdf"
    announcement.write_bytes(documents.seed_pdf(seed_text(1)))
    page = page_at("/admin/login/", width)
    login_staff_in_browser(page, editor, factories.DEFAULT_PASSWORD)

    page.goto(reverse("admin:measures_measure_import"))
    expect(page.get_by_role("heading", name="นำเข้าประกาศ")).to_be_visible()
    axe_check(page)
    page.get_by_label("ไฟล์ประกาศ").set_input_files(announcement)
    with page.expect_navigation():
        page.get_by_role("button", name="อ่านประกาศ").click()

    # The worker has not read it yet: the page says so and keeps asking.
    expect(page.get_by_role("status")).to_have_text("กำลังรอระบบอ่านเอกสาร")
    axe_check(page)
    measure_import_read(import_id=MeasureImport.objects.get().pk)  # the worker

    # Once read, the page brings up the review by itself.
    title = page.get_by_role("heading", name="ตรวจสอบประกาศก่อนบันทึก")
    expect(title).to_be_visible(timeout=20_000)
    expect(page.get_by_role("img", name="หน้า 1 ของต้นฉบับ")).to_be_visible()  # beside the form
    axe_check(page)

    with page.expect_navigation():
        page.get_by_role("button", name="บันทึกเป็นร่าง").click()
    expect(page.locator(".messagelist")).to_contain_text("บันทึกเป็นร่างแล้ว")
    assert MeasureImport.objects.get().measure.clauses.filter(kind="clause").count() == 5
