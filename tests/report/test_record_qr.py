"""A reader of the printed report reaches each record of the clause section:
its address is printed and linked, and a QR code beside it reads back to it."""

import datetime as dt
import io
import re
import subprocess

from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from measures.models import StakeholderGroup
from portal.report.build import annual_report_build
from portal.report.render import annual_report_render_html, annual_report_render_pdf
from tests.factories import feedback as fb
from tests.factories import measures as mf
from tests.pdftext import poppler_text


def decoded_qr_codes(pdf, tmp_path):
    """Every QR code zbar finds on the PDF's pages drawn at 150 dpi."""
    (tmp_path / "report.pdf").write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", tmp_path / "report.pdf", tmp_path / "page"], check=True
    )
    found = set()
    for page in sorted(tmp_path.glob("page*.png")):
        # zbarimg exits 4 on a page without any code.
        result = subprocess.run(
            ["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", page],
            capture_output=True,
        )
        found |= set(result.stdout.decode().split())
    return found


def test_each_record_of_the_clause_section_has_its_linked_address_and_a_qr_code(
    agency, director, tmp_path
):
    measure = mf.published_seed(1, director)
    one, two, three = measure.clauses.filter(kind="clause").order_by("position")[:3]
    parents = StakeholderGroup.objects.get(slug="parents")
    activity = mf.activity(clause=one, held_on=dt.date(2026, 1, 20), participants=[(parents, 5)])
    channel = fb.listening_channel(clause=two, opened_on=dt.date(2025, 11, 1))
    publication = mf.publication(clause=three, url="https://www.example.go.th/news/1")
    mf.publication(title="ป้ายประกาศหน้าสำนักงาน", url="", clause=three)
    statistics = reverse("feedback:statistics_year", args=[2569])
    addresses = {
        settings.SITE_URL + activity.get_absolute_url(),
        f"{settings.SITE_URL}{statistics}#channel-{channel.pk}",
        publication.url,
    }

    data = annual_report_build(fiscal_year=2569)
    html = annual_report_render_html(data)

    section = html.split('id="h-measures"')[1].split('id="s-feedback"')[0]
    for address in addresses:
        assert f'<a href="{address}"><span class="url">{address}</span></a>' in section
    # One code per record with an address; the notice board has none to give.
    assert section.count('class="qr qr-record"') == len(addresses)
    assert "ป้ายประกาศหน้าสำนักงาน" in section

    pdf = annual_report_render_pdf(data, html=html)
    text = re.sub(r"\s+", "", poppler_text(pdf))
    for address in addresses:
        assert address in text
    links = {
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots") or []
        if "/A" in annotation.get_object()
    }
    assert addresses <= links
    assert addresses <= decoded_qr_codes(pdf, tmp_path)
