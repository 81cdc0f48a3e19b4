"""The portal's PDFs give back their Thai exactly, to poppler and to pypdf alike.

An assessor searches the published PDF for "คณะทำงาน", copies a clause, or
hears it through a screen reader: each reads the PDF's text layer, which for
Thai is only right thanks to `portal.lib.pdf_text`.
"""

import html
import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from measures.models import Measure
from measures.services import measure_print_html

pytestmark = pytest.mark.django_db

# SARA AM decomposed by the shaper, tone marks drawn with an offset.
WORDS = ["สำนักงาน", "คณะทำงาน", "จำนวน", "น้ำ", "ผู้มีส่วนได้ส่วนเสีย", "ร้องเรียน"]
THAI_RUN = re.compile(r"[\u0e00-\u0e7f]+")


def poppler_text(pdf: bytes, *options: str) -> str:
    return subprocess.run(
        ["pdftotext", *options, "-enc", "UTF-8", "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
    ).stdout.decode()


def poppler_raw_text(pdf: bytes) -> str:
    # In drawing order: the page layout analysis of the default mode may set the
    # running header ("- ๒ -") into the first line of a page.
    return poppler_text(pdf, "-raw")


def pypdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def visible_text(document: str) -> str:
    # What is drawn: not the head, nor a chart's <title> (its accessible name).
    body = re.sub(r"(?s)<head.*?</head>|<title>.*?</title>|<[^>]+>", " ", document)
    return html.unescape(body)


def unbroken(text: str) -> str:
    # Lines and pages break between words, and Thai writes no space between
    # them; a page's running number ("- ๗ -") is drawn after its text.
    text = re.sub(r"(?m)^- [๐-๙0-9]+ -$", "", text)
    return re.sub(r"\s+", "", text)


def assert_exact_thai(pdf: bytes, source: str, expected_words):
    source_words = set(THAI_RUN.findall(visible_text(source)))
    for extract in (poppler_text, poppler_raw_text, pypdf_text):
        text = unbroken(extract(pdf))
        for word in expected_words:
            assert word in text, (extract.__name__, word)
        if extract is not poppler_text:
            lost = sorted(word for word in source_words if word not in text)
            assert not lost, (extract.__name__, lost[:10])


def test_the_demo_measure_and_annual_report_give_back_every_thai_word(client, tmp_path):
    from portal.report.models import AnnualReportVersion

    # One demo for both documents: building it renders the report, which takes a while.
    call_command("seed_demo", force=True, stdout=io.StringIO())
    measure = Measure.objects.published().get()
    measure_pdf = client.get(reverse("measures:measure_pdf", args=[measure.slug])).content
    version = AnnualReportVersion.objects.published().get(report__fiscal_year=2569)
    report_path = tmp_path / "report.pdf"
    call_command("annual_report", fiscal_year=2569, output=str(report_path), stdout=io.StringIO())

    measure_source = measure_print_html(measure=measure)
    assert "สำนักงาน" in measure_source and "ผู้มีส่วนได้ส่วนเสีย" in measure_source
    assert_exact_thai(measure_pdf, measure_source, [w for w in WORDS if w in measure_source])
    assert_exact_thai(report_path.read_bytes(), version.html, WORDS)
