"""Announcements as agencies hold them, made from the seed texts for the tests:
a PDF with a text layer (printed as a word processor would: A4, wrapped
lines), a Word file, and a scan of that PDF (page images at 300 dpi)."""

import datetime as dt
import html
import subprocess
import tempfile
from pathlib import Path

from portal.lib.pdf import html_to_pdf

PAGE_CSS = """
@page { size: A4; margin: 2.5cm 2cm 2cm 3cm; }
body { font-family: "Sarabun", sans-serif; font-size: 16pt; line-height: 1.3; }
p { margin: 0 0 0.2cm; }
p.indent { text-indent: 2.5cm; }
p.center { text-align: center; }
"""


def _paragraphs(text: str):
    return [line.strip() for line in text.splitlines() if line.strip()]


def _header_length(text: str) -> int:
    """How many paragraphs make the centred heading: ประกาศ…, เรื่อง… and the
    title's further lines (up to a blank or indented line, as in the seeds)."""
    lines = text.splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    count = 0
    for index, line in enumerate(lines):
        if index > 1 and (not line.strip() or line[:1] in " \t"):
            break
        if line.strip():
            count += 1
    return count


def _signature_start(paragraphs) -> int:
    """The signer's name in parentheses and what follows are centred."""
    names = [i for i, p in enumerate(paragraphs) if p.startswith("(") and p.endswith(")")]
    return names[0] if names else len(paragraphs)


def seed_pdf(text: str) -> bytes:
    """The seed printed on A4 as an agency would: centred heading and signature,
    indented paragraphs that wrap over several lines, page numbers."""
    header = _header_length(text)
    paragraphs = _paragraphs(text)
    signature = _signature_start(paragraphs)
    rows = []
    for index, paragraph in enumerate(paragraphs):
        css = "center" if index < header or index >= signature else "indent"
        rows.append(f'<p class="{css}">{html.escape(paragraph)}</p>')
    document = (
        '<!doctype html><html lang="th"><head>'
        '<link rel="stylesheet" href="/static/css/print-official.css">'
        f"<style>{PAGE_CSS}</style></head><body>{''.join(rows)}</body></html>"
    )
    return html_to_pdf(
        document, title="seed", author="", created=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )


def seed_docx(text: str) -> bytes:
    import io

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = Document()
    header = _header_length(text)
    paragraphs = _paragraphs(text)
    signature = _signature_start(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        added = document.add_paragraph(paragraph)
        if index < header or index >= signature:
            added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def seed_scan(text: str, *, first_page_only=False) -> list[bytes]:
    """PNG page images of the printed seed, as a scanner at 300 dpi gives them."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "seed.pdf"
        pdf.write_bytes(seed_pdf(text))
        pages = ["-f", "1", "-l", "1"] if first_page_only else []
        subprocess.run(
            ["pdftoppm", "-r", "300", "-gray", "-png", *pages, pdf, Path(folder) / "page"],
            check=True,
        )
        return [path.read_bytes() for path in sorted(Path(folder).glob("page*.png"))]


def scanned_pdf(pages: list[bytes]) -> bytes:
    """The page images bound into one PDF without a text layer, as a
    scanner's "scan to PDF" gives them."""
    import io

    from PIL import Image

    images = [Image.open(io.BytesIO(page)).convert("L") for page in pages]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=300)
    return buffer.getvalue()


# 16 pt at 300 dpi, as a scanner gives an official letter's print.
SCAN_FONT_SIZE = 66
LINE_PITCH = 110


def printed_lines(lines, *, read_as=None, font="Sarabun_400Regular.ttf", blot=None):
    """A page image of `lines` (each a list of pieces printed with a space
    between), and for each line the boxes Tesseract would give, one per piece,
    carrying the text in `read_as` ((line, piece) → text, as Tesseract
    misreads it) instead of what is printed. The piece `blot` ((line, piece))
    is inked over, as a stamp would."""
    from django.conf import settings
    from PIL import Image, ImageDraw, ImageFont

    from measures.scan_dates import Char

    path = settings.SITE_FILES / "static" / "fonts" / "sarabun" / font
    face = ImageFont.truetype(str(path), SCAN_FONT_SIZE)
    page = Image.new("L", (2400, 100 + LINE_PITCH * len(lines)), 255)
    draw = ImageDraw.Draw(page)
    boxes = []
    for row, pieces in enumerate(lines):
        x, y, chars = 100, 50 + row * LINE_PITCH, []
        for column, piece in enumerate(pieces):
            left, top, right, bottom = draw.textbbox((x, y), piece, font=face)
            draw.text((x, y), piece, font=face, fill=0)
            if blot == (row, column):
                draw.rectangle((left + 4, top + 10, right - 4, bottom - 10), fill=0)
            text = (read_as or {}).get((row, column), piece)
            chars.append(Char(text, left, top, right, bottom))
            x = right + 25
        boxes.append(chars)
    return page, boxes


def printed_line(pieces, *, read_as=None, font="Sarabun_400Regular.ttf", blot=None):
    """One line of `printed_lines`: read_as is piece → text, blot a piece."""
    page, boxes = printed_lines(
        [pieces],
        read_as={(0, piece): text for piece, text in (read_as or {}).items()},
        font=font,
        blot=None if blot is None else (0, blot),
    )
    return page, boxes[0]
