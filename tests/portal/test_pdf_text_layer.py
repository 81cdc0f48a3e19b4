"""The portal's PDFs give back their Thai exactly, to poppler and to pypdf alike.

An assessor searches the published PDF for "คณะทำงาน", copies a clause, or
hears it through a screen reader: each reads the PDF's text layer, which for
Thai is only right thanks to `portal.lib.pdf_text`.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from measures.models import Measure
from measures.services import measure_print_html
from tests.factories import measures as mf
from tests.pdftext import WORDS, assert_exact_thai

pytestmark = pytest.mark.django_db


def test_the_demo_measure_and_annual_report_give_back_every_thai_word(client, tmp_path):
    from portal.report.models import AnnualReportVersion

    # One demo for both documents: building it renders the report, which takes a while.
    call_command("seed_demo", force=True, stdout=io.StringIO())
    measure = Measure.objects.published().get()
    measure_pdf = mf.pdf_bytes(client, reverse("measures:measure_pdf", args=[measure.slug]))
    version = AnnualReportVersion.objects.published().get(report__fiscal_year=2569)
    report_path = tmp_path / "report.pdf"
    call_command("annual_report", fiscal_year=2569, output=str(report_path), stdout=io.StringIO())

    measure_source = measure_print_html(measure=measure)
    assert "สำนักงาน" in measure_source and "ผู้มีส่วนได้ส่วนเสีย" in measure_source
    assert_exact_thai(measure_pdf, measure_source, [w for w in WORDS if w in measure_source])
    assert_exact_thai(report_path.read_bytes(), version.html, WORDS)
