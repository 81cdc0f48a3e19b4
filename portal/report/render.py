"""The report as an HTML document and as PDF.

`annual_report_render_pdf` is the only code of the report that calls
WeasyPrint, through the project's one caller, `portal.lib.pdf.html_to_pdf`.
"""

import datetime as dt
import re
from functools import lru_cache

import segno
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal.lib import thai
from portal.report.charts import bar_chart

URL_SPAN = re.compile(r'(<span class="url">.*?</span>|<[^>]*>)', re.S)


@lru_cache(maxsize=4096)
def qr_svg(url, svgclass="qr"):
    # The viewBox lets the stylesheet size the code; it stays vector in the PDF.
    svg = segno.make(url, error="m").svg_inline(scale=2, border=2, svgclass=svgclass, omitsize=True)
    return mark_safe(svg)


def with_thai_digits(html):
    """Thai digits in the text of the document, never in markup or printed URLs."""
    pieces = URL_SPAN.split(html)
    return "".join(
        piece if index % 2 else thai.thai_digits(piece) for index, piece in enumerate(pieces)
    )


def number(value):
    return f"{value:,}"


def charts(data):
    summary = data.summary
    return {
        "levels": bar_chart(
            [(row["label"], row["count"]) for row in summary["activities_by_level"]],
            digits=number,
            title=_("Activities by level of participation"),
        ),
        "participants": bar_chart(
            [(row["label"], row["count"]) for row in summary["participants_by_group"]],
            digits=number,
            title=_("Participants by stakeholder group"),
        ),
        "feedback_months": bar_chart(
            [
                (thai.format_date(row["label"], style="month_short"), row["received"])
                for row in data.feedback.get("months_total", [])
            ],
            label_width=120,
            digits=number,
            title=_("Cases received by month"),
        ),
    }


def qr_codes(data):
    urls = {
        "report": data.public_url,
        "measures": data.measures["url"],
        "feedback": data.feedback["url"],
        "activities": data.activities["url"],
        "working_groups": data.working_groups["url"],
        "surveys": data.surveys["url"],
        "improvements": data.improvements["url"],
    }
    return {key: qr_svg(url) for key, url in urls.items()}


def title_phrases(data):
    """The report title for running text, its phrases kept whole.

    A line may break at the space between two phrases, never inside
    ผู้มีส่วนได้ส่วนเสีย or มีส่วนร่วม (WeasyPrint finds no break opportunity
    where two unbreakable spans touch, so they are joined by a space).
    """
    phrases = ((line,) for line in data.title_lines)
    return format_html_join(" ", '<span class="phrase">{}</span>', phrases)


def annual_report_render_html(data, *, preview=False, request=None, extra=None):
    """The report document as HTML (the PDF's source and its accessible twin)."""
    context = {
        "r": data,
        "title_phrases": title_phrases(data),
        "charts": charts(data),
        "qr": qr_codes(data),
        "preview": preview,
    } | (extra or {})
    with translation.override("th"):
        html = render_to_string("portal/report_document.html", context, request=request)
    return with_thai_digits(html) if data.thai_digits else html


def annual_report_pdf_source(data, *, html=None) -> dict:
    """What the PDF is made of; the same data always gives the same bytes.

    The creation date is the approval's (or the date of issue at midnight for
    a draft), never the clock, so a PDF can be rebuilt byte for byte.
    """
    if html is None:
        html = annual_report_render_html(data)
    if data.approval:
        created = data.approval["approved_at"]
    else:
        created = dt.datetime.combine(
            data.issued_on, dt.time.min, tzinfo=timezone.get_current_timezone()
        )
    return {
        "html": html,
        "title": data.title,
        "author": data.agency.get("name", ""),
        "created": created,
    }


def annual_report_render_pdf(data, *, html=None) -> bytes:
    """The report as PDF (in the task worker or a command, never a web request)."""
    from portal.lib.pdf import html_to_pdf

    return html_to_pdf(**annual_report_pdf_source(data, html=html), language="th")
