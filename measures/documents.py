"""The text of an announcement as agencies hold it: typed or pasted text, a
PDF with a text layer, a Word file, a scanned PDF or a photo of the page.

    source = document_text(name="ประกาศ.pdf", content=data)
    source.text, source.kind, source.doubtful_lines

Text from a PDF or a scan comes one printed line at a time; `measure_parse`
(services) rejoins and repairs it before recognising the structure. OCR runs
Tesseract with its Thai model (Debian `tesseract-ocr-tha`), about six seconds a
page on our servers: call this from the task worker, not a web request.
"""

from __future__ import annotations

import csv
import html
import io
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import filetype

from measures import importer
from measures.scan_dates import Char, date_line_reread
from measures.scan_headings import headings_reread
from portal.lib import thai_text

PAGE_RE = re.compile(r"<page .*?</page>", re.S)
LINE_RE = re.compile(r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>(.*?)</line>', re.S)
WORD_RE = re.compile(r"<word [^>]*>(.*?)</word>", re.S)
# A PDF whose text layer gives fewer letters than this is a scan.
MIN_TEXT_LAYER_CHARS = 50
# Tesseract's word confidence (0–100) under which a line is marked for review.
DOUBTFUL_CONFIDENCE = 70
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
IMAGE_TYPES = {"image/png", "image/jpeg", "image/tiff", "image/webp", "image/bmp"}


class UnreadableDocument(ValueError):
    """The file is none of the kinds the importer reads, or is damaged."""


@dataclass
class PrintedLine:
    """A line as printed: its text (spaces inside Thai words repaired) and
    where it starts and ends across the page, in the page's units."""

    text: str
    left: float
    right: float


@dataclass
class SourceText:
    text: str
    kind: str  # text | pdf | docx | scan
    doubtful_lines: list[str] = field(default_factory=list)
    confidence: float | None = None
    # From a PDF or a scan, the printed lines with their positions.
    lines: list[PrintedLine] | None = None
    # Lines read a second time (a heading line, a date's digits), with what
    # staff must check of them.
    reread_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def printed_lines(self) -> bool:
        """Whether the text still has the line breaks of the printed page."""
        return self.kind in ("pdf", "scan")


def document_text(*, name: str, content: bytes, progress=None) -> SourceText:
    """`progress(done, total)` is called before OCR and after each page."""
    kind = filetype.guess_mime(content)
    if content.startswith(b"%PDF"):
        return _pdf_text(content, progress)
    if kind in IMAGE_TYPES:
        return _ocr([content], progress)
    if kind in (DOCX_TYPE, "application/zip") or name.lower().endswith(".docx"):
        return _docx_text(content)
    try:
        return SourceText(content.decode("utf-8-sig"), "text")
    except UnicodeDecodeError as error:
        raise UnreadableDocument("ไฟล์นี้ไม่ใช่ข้อความ UTF-8, PDF, Word (.docx) หรือรูปภาพ") from error


def _run(command, **kwargs) -> bytes:
    try:
        return subprocess.run(command, capture_output=True, check=True, **kwargs).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise UnreadableDocument(f"อ่านไฟล์ไม่ได้ ({command[0]})") from error


def _pdf_text(content: bytes, progress) -> SourceText:
    # -bbox-layout gives each printed line with its position on the page.
    xhtml = _run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-", "-"], input=content)
    lines = []
    for page in PAGE_RE.findall(xhtml.decode()):
        for left, right, words in LINE_RE.findall(page):
            text = html.unescape(" ".join(WORD_RE.findall(words)))
            lines.append(PrintedLine(thai_text.repair_split_words(text), float(left), float(right)))
    text = "\n".join(line.text for line in lines)
    if sum(char.isalpha() for char in text) >= MIN_TEXT_LAYER_CHARS:
        return SourceText(text, "pdf", lines=lines)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "scan.pdf"
        pdf.write_bytes(content)
        _run(["pdftoppm", "-r", "300", "-gray", "-png", pdf, Path(folder) / "page"])
        pages = [path.read_bytes() for path in sorted(Path(folder).glob("page*.png"))]
    return _ocr(pages, progress)


def _docx_text(content: bytes) -> SourceText:
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = Document(io.BytesIO(content))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise UnreadableDocument("อ่านไฟล์ Word ไม่ได้ (รองรับเฉพาะ .docx)") from error
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    # One paragraph a line with a blank line between, except that centred
    # paragraphs in a row (a title over two lines, the signature) stay together.
    text, previous_centred = "", False
    for paragraph in document.paragraphs:
        centred = paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        separator = "\n" if centred and previous_centred else "\n\n"
        text += (separator if text else "") + paragraph.text
        previous_centred = centred
    for table in document.tables:  # signature blocks are often laid out in a table
        for row in table.rows:
            text += "\n\n" + "\n".join(cell.text for cell in row.cells)
    return SourceText(text, "docx")


def _ocr(pages: list[bytes], progress) -> SourceText:
    lines, doubtful, confidences, warnings, reread = [], [], [], [], []
    if progress:
        progress(0, len(pages))  # the count is known before the first, slow page
    for number, page in enumerate(pages, start=1):
        for line, confidence, first_reading in _ocr_page(page, first=number == 1):
            lines.append(line)
            if first_reading is not None:
                reread.append(line.text)
                warnings.append(
                    f"อ่านบรรทัด “{line.text}” ซ้ำ (อ่านครั้งแรกได้ “{first_reading}”): โปรดตรวจกับต้นฉบับ"
                )
            if confidence is not None:
                confidences.append(confidence)
                if confidence < DOUBTFUL_CONFIDENCE and first_reading is None:
                    doubtful.append(line.text)
        if progress:
            progress(number, len(pages))
    mean = sum(confidences) / len(confidences) if confidences else None
    text = "\n".join(line.text for line in lines)
    return SourceText(
        text, "scan", doubtful, mean, lines=lines, warnings=warnings, reread_lines=reread
    )


def _ocr_page(image: bytes, *, first: bool):
    """(printed line, mean character confidence, Tesseract's first reading
    of a line read again, else None) for each line Tesseract reads.

    One pass writes both the text (with Tesseract's own spacing, which knows
    Thai runs without spaces) and the table of boxes and confidences; their
    non-empty lines come in the same order. The first page's heading is
    read again line by line (measures.scan_headings), the date line's digits
    by shape (measures.scan_dates)."""
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "page"
        _run(["tesseract", "-", base, "-l", "tha+eng", "--psm", "4", "txt", "tsv"], input=image)
        texts = [line for line in base.with_suffix(".txt").read_text().splitlines() if line.strip()]
        tsv = base.with_suffix(".tsv").read_text()
    rows = csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    boxes: dict[tuple, list] = {}
    for row in rows:
        if row.get("level") != "5" or not (row.get("text") or "").strip():
            continue
        key = tuple(int(row[name]) for name in ("page_num", "block_num", "par_num", "line_num"))
        left, top = int(row["left"]), int(row["top"])
        char = Char(row["text"], left, top, left + int(row["width"]), top + int(row["height"]))
        boxes.setdefault(key, []).append((float(row["conf"]), char))
    read = [
        (
            thai_text.repair_split_words(thai_text.normalize_text(text)),
            [char for _, char in words],
        )
        for text, words in zip(texts, boxes.values(), strict=False)
    ]
    page = _greyscale(image) if first else None
    again = headings_reread(page, read) if first else [text for text, _ in read]
    for text, (first_text, chars), words in zip(again, read, boxes.values(), strict=False):
        confidences = [conf for conf, _ in words if conf >= 0]
        mean = sum(confidences) / len(confidences) if confidences else None
        if importer.DATE_LINE_RE.match(text):
            page = page or _greyscale(image)
            text = date_line_reread(page, chars) or text
        line = PrintedLine(text, chars[0].left, chars[-1].right)
        yield line, mean, first_text if text != first_text else None


def _greyscale(image: bytes):
    from PIL import Image

    return Image.open(io.BytesIO(image)).convert("L")
