"""Reading a PDF's text layer back, as poppler (pdftotext) and pypdf do, and
checking that it gives the source's Thai exactly."""

import html
import io
import re
import subprocess

from pypdf import PdfReader

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
    # them; a page's running number ("- ๗ -", or the report's running head
    # "<agency> หน้า ๓๔") sits between the two halves of a paragraph that a
    # page break splits.
    text = re.sub(r"(?m)^- [๐-๙0-9]+ -$|^.* หน้า [๐-๙0-9]+$", "", text)
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
