import datetime as dt
import gc
import io
import re
import subprocess

import pytest
from pypdf import PdfReader

from portal.lib.pdf import ResourceRefused, html_to_pdf, resolve_resource

CREATED = dt.datetime(2026, 6, 15, 9, 0, tzinfo=dt.UTC)
HTML = """<!doctype html><html lang="th"><head>
<link rel="stylesheet" href="/static/css/print-official.css"></head><body>
<p class="doc-heading">ประกาศสำนักงานเขตพื้นที่การศึกษา</p>
<p>มาตรการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม การดำเนินงาน</p>
<img src="file:///etc/passwd"><img src="http://example.com/x.png">
</body></html>"""


def render(html=HTML):
    return html_to_pdf(html, title="มาตรการทดสอบ", author="สพป.ทดสอบ", created=CREATED)


def test_pdf_text_extracts_back_as_the_same_thai():
    text = PdfReader(io.BytesIO(render())).pages[0].extract_text()

    assert "ประกาศสำนักงานเขตพื้นที่การศึกษา" in text
    assert "มาตรการเปิดโอกาสให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม การดำเนินงาน" in text


def test_the_text_layer_patch_applies_only_to_the_version_it_was_tested_on(monkeypatch):
    import weasyprint

    from portal.lib import pdf_text

    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert pdf_text.install() is False
    monkeypatch.setattr(weasyprint, "__version__", pdf_text.PATCHED_VERSION)
    assert pdf_text.install() is True


def test_the_pdf_is_tagged_in_thai_for_screen_readers(tmp_path):
    path = tmp_path / "tagged.pdf"
    path.write_bytes(render())

    info = subprocess.run(["pdfinfo", path], capture_output=True, check=True).stdout.decode()

    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    catalog = PdfReader(path).trailer["/Root"]
    assert catalog["/Lang"] == "th"
    assert "/StructTreeRoot" in catalog


def test_same_input_gives_byte_identical_pdf():
    assert render() == render()


def test_the_cycle_collector_is_back_on_after_a_rendering_even_a_failed_one():
    render()
    assert gc.isenabled()

    with pytest.raises(TypeError):  # WeasyPrint needs a source
        html_to_pdf(None, title="", author="", created=CREATED)
    assert gc.isenabled()

    gc.disable()  # a caller that had it off keeps it off
    try:
        render()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pdf_carries_metadata_and_embeds_sarabun():
    reader = PdfReader(io.BytesIO(render()))

    assert reader.metadata.title == "มาตรการทดสอบ"
    assert reader.metadata.author == "สพป.ทดสอบ"
    assert reader.metadata["/CreationDate"].startswith("D:20260615090000")
    assert reader.trailer["/Root"]["/Lang"] == "th"
    fonts = reader.pages[0]["/Resources"]["/Font"].values()
    descriptors = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"] for f in fonts
    ]
    assert all("Sarabun" in d["/FontName"] and "/FontFile2" in d for d in descriptors)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.com/logo.png",
        "https://portal.invalid/etc/passwd",
        "https://portal.invalid/static/../../etc/passwd",
        "https://portal.invalid/media/../settings.py",
        "https://evil.example/static/css/print-official.css",
    ],
)
def test_fetcher_refuses_anything_but_our_static_and_media_files(url):
    with pytest.raises(ResourceRefused):
        resolve_resource(url)


def test_fetcher_serves_static_and_media_files(settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    (settings.MEDIA_ROOT / "emblem.png").write_bytes(b"png")

    assert b"@page" in resolve_resource("https://portal.invalid/static/css/print-official.css")
    assert resolve_resource("https://portal.invalid/media/emblem.png") == b"png"


def test_a_document_cannot_pull_in_outside_files(settings):
    settings.MEDIA_ROOT.mkdir(parents=True)
    outside = settings.MEDIA_ROOT.parent / "secret.png"
    png = _png()
    outside.write_bytes(png)
    inside = settings.MEDIA_ROOT / "ok.png"
    inside.write_bytes(png)
    html = (
        f'<html><body><img src="file://{outside}"><img src="/media/../secret.png">'
        '<img src="/media/ok.png"></body></html>'
    )

    images = PdfReader(io.BytesIO(render(html))).pages[0].images

    assert len(images) == 1  # only the file under MEDIA_ROOT


def _png():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("width_mm", [60, 68, 76, 88, 112, 128])
def test_a_line_never_ends_between_a_name_and_its_number(width_mm):
    html = (
        '<html lang="th"><head><link rel="stylesheet" href="/static/css/print-official.css">'
        f'</head><body><p style="width: {width_mm}mm">สำนักงานเขตพื้นที่การศึกษาประถมศึกษา'
        "นครพนม เขต ๒ ประกาศ ณ วันที่ ๙ ตุลาคม พ.ศ. ๒๕๖๙ ตามมาตรการ ข้อ ๓</p></body></html>"
    )
    pdf = render(html)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()

    assert not [line for line in text.splitlines() if re.search(r"( เขต| พ\.ศ\.| ข้อ)$", line)]
    # The pair still reads with a plain space.
    extracted = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "พ.ศ. ๒๕๖๙" in re.sub(r"\n", "", extracted)
