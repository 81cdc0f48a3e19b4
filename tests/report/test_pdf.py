import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from portal.lib import thai
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_pdf

SECTION_TITLES = [
    "สารบัญ",
    "บทสรุปสำหรับผู้บริหาร",
    "มาตรการที่ใช้บังคับ",
    "ช่องทางการรับฟังความคิดเห็นและสถิติเรื่องร้องเรียน",
    "กิจกรรมการมีส่วนร่วม",
    "คณะทำงาน",
    "ผลการสำรวจความพึงพอใจ",
    "ท่านบอก เราทำ",
    "การวิเคราะห์ผลและข้อเสนอแนะสำหรับปีงบประมาณถัดไป",
    "การรับทราบและอนุญาตให้เผยแพร่ของผู้บริหาร",
]


def comparable(text):
    # Lines break between Thai words, which are written without spaces.
    return re.sub(r"\s+", "", text)


def pdf_text(pdf):
    reader = PdfReader(io.BytesIO(pdf))
    return reader, comparable("".join(page.extract_text() for page in reader.pages))


def test_the_pdf_text_carries_the_section_titles_and_the_figures(generated_year):
    data = annual_report_build(fiscal_year=2569)
    reader, text = pdf_text(annual_report_render_pdf(data))

    for title in SECTION_TITLES:
        assert comparable(title) in text, title
    assert comparable(data.title) in text
    summary = data.summary
    for figure in (
        summary["activities_total"],
        summary["participants_total"],
        summary["feedback_received"],
        summary["feedback_closed"],
    ):
        assert thai.thai_digits(f"{figure:,}") in text
    assert thai.thai_digits(f"{summary['satisfaction_mean']:.2f}") in text
    assert comparable("ไม่มีมาตรการ") not in text

    info = reader.metadata
    assert info.title == data.title
    assert info.author == "สำนักงานเขตพื้นที่การศึกษาประถมศึกษาทดสอบ เขต ๑"
    assert reader.trailer["/Root"]["/Lang"] == "th"
    fonts = {
        font["/BaseFont"]
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
        if "/BaseFont" in font.get_object()
    }
    assert any("Sarabun" in str(name) for name in fonts)


def test_an_empty_year_prints_a_complete_pdf_that_says_so(agency):
    _reader, text = pdf_text(annual_report_render_pdf(annual_report_build(fiscal_year=2569)))
    for title in SECTION_TITLES:
        assert comparable(title) in text, title
    assert comparable("ไม่มีเรื่องร้องเรียนประเภทนี้") in text
    assert comparable("ไม่มีกิจกรรมการมีส่วนร่วมในช่วงเวลาที่รายงาน") in text
    assert comparable("ไม่มีการสำรวจความพึงพอใจในช่วงเวลาที่รายงาน") in text


@pytest.mark.parametrize("half", [False, True])
def test_the_same_approved_data_gives_byte_identical_pdfs(generated_year, half):
    approved_at = dt.datetime(2026, 10, 23, 14, 0, tzinfo=dt.UTC)
    approval = {
        "name": "นายทดสอบ ใจดี",
        "position": "ผู้อำนวยการ",
        "approved_at": approved_at,
        "requested_by": "วันดี กลุ่มงาน",
        "requested_at": None,
        "version": 1,
        "url": "http://testserver/reports/2569/v1.pdf",
    }
    first = annual_report_render_pdf(
        annual_report_build(fiscal_year=2569, half=half, approval=approval)
    )
    second = annual_report_render_pdf(
        annual_report_build(fiscal_year=2569, half=half, approval=approval)
    )
    assert first == second
    reader = PdfReader(io.BytesIO(first))
    assert reader.metadata["/CreationDate"].startswith("D:20261023")


@pytest.mark.parametrize(("thai_digits", "header"), [(True, "หน้า๓"), (False, "หน้า3")])
def test_page_numbers_in_the_running_header_follow_the_digits_option(agency, thai_digits, header):
    from portal.report.models import AnnualReport

    AnnualReport.objects.create(fiscal_year=2569, thai_digits=thai_digits)
    reader, _text = pdf_text(annual_report_render_pdf(annual_report_build(fiscal_year=2569)))
    assert header in comparable(reader.pages[2].extract_text())
    assert "หน้า" not in reader.pages[0].extract_text()  # no header on the cover


@pytest.mark.parametrize(
    ("thai_digits", "first", "second"), [(True, "๑.", "๒."), (False, "1.", "2.")]
)
def test_numbered_lists_follow_the_digits_option(agency, thai_digits, first, second):
    from portal.report.models import AnnualReport

    AnnualReport.objects.create(
        fiscal_year=2569,
        thai_digits=thai_digits,
        recommendations="เพิ่มเวทีรับฟังความคิดเห็น\n\nเผยแพร่ผลการดำเนินงานทุกไตรมาส",
    )
    _reader, text = pdf_text(annual_report_render_pdf(annual_report_build(fiscal_year=2569)))

    assert "เพิ่มเวทีรับฟังความคิดเห็น" in text
    # List markers are drawn after the items' text, so they extract together.
    assert f"{first}{second}" in text
    assert ("1.2." in text) is not thai_digits
