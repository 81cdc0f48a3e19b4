"""The digits of a scanned announcement's date line, read again from the page.

Tesseract's Thai model (Debian `tesseract-ocr-tha`, the "fast" LSTM model)
cannot read the Thai digit ๖ as Sarabun and TH Sarabun, the fonts of official
letters, print it: ๒๕๖๒ comes back "๒๕๒๒", ๒๕๖๑ "๒๕๒๐๑", and ๙ may come back
"«". Reading the line again on its own (page segmentation 7), larger, or with
a digits-only whitelist gives the same: ๖ is not among the model's choices.
So the day's and the year's digits are read here once more, each printed
digit compared with the ten Thai digits drawn in Sarabun (regular and bold),
the portal's own font.

A digit is taken only when it matches one drawn digit closely and clearly
better than any other; the date only when the day has one or two digits, the
year four, and together with the month Tesseract read they make a real date
in a plausible range. Otherwise Tesseract's reading stays, and the importer
warns when it is no date. A corrected date is shown to staff as doubtful.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from measures import importer
from portal.lib import thai

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"
FONT_FILES = ("Sarabun_400Regular.ttf", "Sarabun_700Bold.ttf")
# Glyphs are compared as squares of this many pixels a side.
GLYPH_SIZE = 32
# How alike (0–1) a printed digit and its drawn digit must be, and by how much
# more than the next likeliest digit (๔ and ๕ differ only in the tail: about
# 0.04 apart on a clean scan).
MIN_LIKENESS = 0.85
MIN_MARGIN = 0.02
# A mark darker than this (0–255) is ink.
INK = 128
DATE_PARTS_RE = re.compile(
    r"วันท[ีิ]่?(?P<day>.{0,4}?)(?P<after_day>(?P<word>เดือน)?(?P<month>"
    + "|".join(importer.THAI_MONTHS)
    + r"))(?P<era>.*?พ\.?ศ\.?)(?P<year>.+)$"
)


@dataclass
class Char:
    """A character (or word) Tesseract read, with its box on the page."""

    text: str
    left: int
    top: int
    right: int
    bottom: int


def date_line_reread(page, chars: list[Char]) -> str | None:
    """The date line with its day and year read from `page` (a greyscale PIL
    image), or None when that reading is not sure or changes nothing."""
    text = "".join(char.text for char in chars)
    parts = DATE_PARTS_RE.search(text)
    if not parts or not parts.group("year"):
        return None
    owner = [index for index, char in enumerate(chars) for _ in char.text]
    top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)

    def right_of(start, end):
        return max(chars[owner[i]].right for i in range(start, end))

    day_span = (right_of(0, parts.start("day")), chars[owner[parts.start("after_day")]].left)
    year_span = (right_of(parts.start("era"), parts.end("era")), right_of(0, len(text)))
    day = _digits(page, *day_span, top, bottom)
    year = _digits(page, *year_span, top, bottom)
    # The day's digits as many as Tesseract saw marks there (a letter left
    # out as no digit must not shorten ๒๓ to ๒).
    day_marks = len(parts.group("day").strip())
    if not day or not year or len(day) > 2 or len(year) != 4 or len(day) != day_marks:
        return None
    month = importer.THAI_MONTHS.index(parts.group("month")) + 1
    if not _plausible(int(thai.arabic_digits(day)), month, int(thai.arabic_digits(year))):
        return None
    month_words = ("เดือน " if parts.group("word") else "") + parts.group("month")
    reread = f"ประกาศ ณ วันที่ {day} {month_words} พ.ศ. {year}"
    if importer.parse_date(reread) == importer.parse_date(text):
        return None
    return reread


def digit_runs_reread(page, chars: list[Char], text: str) -> str | None:
    """`text` (a reading of the line `chars` were read from) with each run of
    Thai digits read again by shape, or None when none changes. Runs are
    matched in order, so only where Tesseract's boxes and `text` hold as
    many runs; a run not clearly read keeps its digits."""
    runs: list[list[Char]] = []
    after_digit = False
    for char in chars:
        digit = bool(char.text) and all(c in THAI_DIGITS for c in char.text)
        if digit and after_digit:
            runs[-1].append(char)
        elif digit:
            runs.append([char])
        after_digit = digit
    printed = list(re.finditer(f"[{THAI_DIGITS}]+", text))
    if not runs or len(runs) != len(printed):
        return None
    top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
    reread = text
    for run, found in reversed(list(zip(runs, printed, strict=True))):
        digits = _digits(page, run[0].left, run[-1].right, top, bottom)
        if digits:
            reread = reread[: found.start()] + digits + reread[found.end() :]
    return reread if reread != text else None


def _plausible(day: int, month: int, year_be: int) -> bool:
    this_year = thai.to_be(timezone.localdate().year)
    if not importer.EARLIEST_YEAR_BE <= year_be <= this_year + 1:
        return False
    return importer.parse_date(f"{day} {importer.THAI_MONTHS[month - 1]} {year_be}") is not None


def _digits(page, left, right, top, bottom) -> str | None:
    """The Thai digits printed between `left` and `right`, or None if any
    mark there is no clear digit. Tesseract's boxes of Thai characters are
    often 10–25 pixels off at 300 dpi: a mark partly inside the span is
    taken when it is clearly a digit, left out when clearly none."""
    if right <= left:
        return None
    pad = bottom - top
    strip = page.crop((left - pad, top, right + pad, bottom))
    digits = ""
    for start, end in _ink_runs(strip):
        overlap = min(end, pad + right - left) - max(start, pad)
        if overlap <= 0:
            continue
        glyph = _trimmed(strip.crop((start, 0, end, strip.height)))
        if glyph is None:
            continue
        digit, likeness, margin = _likeliest(glyph)
        clear = likeness >= MIN_LIKENESS and margin >= MIN_MARGIN
        inside = start >= pad and end <= pad + right - left
        if not inside and likeness < MIN_LIKENESS:
            continue  # the next word's letter, its box drawn a little off
        if not clear:
            return None
        digits += digit
    return digits


def _ink_runs(strip):
    """Column ranges with ink, separated by at least one blank column."""
    pixels, width, height = strip.load(), strip.width, strip.height
    runs, start = [], None
    for x in range(width + 1):
        inked = x < width and any(pixels[x, y] < INK for y in range(height))
        if inked and start is None:
            start = x
        elif not inked and start is not None:
            runs.append((start, x))
            start = None
    return runs


def _trimmed(glyph):
    ink = glyph.point(lambda value: 255 if value < INK else 0)
    box = ink.getbbox()
    return ink.crop(box) if box else None


def _square(ink):
    """Ink (white on black) centred in a square, scaled to GLYPH_SIZE."""
    from PIL import Image

    side = max(ink.size)
    square = Image.new("L", (side, side), 0)
    square.paste(ink, ((side - ink.width) // 2, (side - ink.height) // 2))
    return square.resize((GLYPH_SIZE, GLYPH_SIZE), Image.Resampling.BILINEAR)


def _likeliest(ink) -> tuple[str, float, float]:
    """The likeliest digit, its likeness, and its lead over the next digit."""
    square, ratio = _square(ink).tobytes(), ink.width / ink.height
    best: dict[str, float] = {}
    for digit, drawn, drawn_ratio in _drawn_digits():
        difference = sum(abs(a - b) for a, b in zip(square, drawn, strict=True))
        likeness = 1 - difference / (255 * len(square))
        # Shapes alike once squared may differ in proportions (๑ and ๗).
        likeness -= 0.3 * abs(ratio - drawn_ratio) / max(ratio, drawn_ratio)
        best[digit] = max(best.get(digit, 0.0), likeness)
    (digit, likeness), (_, runner_up) = sorted(best.items(), key=lambda kv: -kv[1])[:2]
    return digit, likeness, likeness - runner_up


@functools.cache
def _drawn_digits() -> list[tuple[str, bytes, float]]:
    from PIL import Image, ImageDraw, ImageFont

    folder = settings.SITE_FILES / "static" / "fonts" / "sarabun"
    drawn = []
    for name in FONT_FILES:
        font = ImageFont.truetype(str(folder / name), 120)
        for digit in THAI_DIGITS:
            canvas = Image.new("L", (200, 200), 255)
            ImageDraw.Draw(canvas).text((20, 20), digit, font=font, fill=0)
            ink = _trimmed(canvas)
            drawn.append((digit, _square(ink).tobytes(), ink.width / ink.height))
    return drawn
