"""The task worker's journal (portal-worker.service) shows its tasks, not the
font subsetting of every PDF it renders.

WeasyPrint subsets fonts with HarfBuzz's libharfbuzz-subset0 when it finds it
(the README's apt line; here Chromium pulls it in) and otherwise with
fontTools, which logs some 65 INFO lines per PDF: a fresh Debian server
without the library took that path."""

import datetime as dt
import logging

import pytest

from portal.lib.pdf import html_to_pdf

# The official print style embeds Sarabun, which WeasyPrint subsets.
THAI_PAGE = '<link rel="stylesheet" href="/static/css/print-official.css"><p>สำนักงานทดสอบ</p>'


@pytest.fixture
def without_harfbuzz_subset(monkeypatch):
    import weasyprint.pdf.fonts

    monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)


def test_rendering_a_thai_pdf_with_fonttools_logs_nothing_below_a_warning(
    caplog, without_harfbuzz_subset
):
    caplog.set_level(logging.DEBUG)

    pdf = html_to_pdf(
        THAI_PAGE, title="ทดสอบ", author="", created=dt.datetime(2026, 12, 6, tzinfo=dt.UTC)
    )

    assert pdf.startswith(b"%PDF")
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fontTools")] == []
