"""The heading of a scanned announcement (agency, subject, title) read again,
line by line.

Tesseract reading a whole page (page segmentation 4) drops tone marks above
upper vowels in the heading's large print: "พื้นที่" comes back "พืนที",
"เรื่อง" "เรือง", so the measure's title is near but not exact. The same line
cut out of the page and read alone as one line (segmentation 7) keeps them.
Alone, a short line may instead pick up specks ("เสีย" read "เสื ย ="), so a
line's second reading is taken only where it has more letters in words of
the Thai dictionary (pythainlp's, offline) than the first and about as many
letters and the same digits: it never makes up words, it chooses between
Tesseract's readings. The heading's digits are then read again by shape
(measures.scan_dates).

The first lines of the first page only: a few lines cost about a second.
"""

from __future__ import annotations

import functools
import re
import subprocess
import tempfile
from pathlib import Path

from measures.scan_dates import Char, digit_runs_reread
from portal.lib import thai_text

# The heading's lines: the agency, the subject and its further lines.
HEADING_LINES = 6
# A second reading may differ in length by this share (a few marks more).
LENGTH_SLACK = 0.1
THAI_RE = re.compile(r"[\u0e00-\u0e7f]")
DIGITS_RE = re.compile(r"[0-9๐-๙]+")


def headings_reread(page, lines: list[tuple[str, list[Char]]]) -> list[str]:
    """The first lines of a page (text, Tesseract's boxes) read again from
    `page` (a greyscale PIL image): each line's better reading."""
    heading = lines[:HEADING_LINES]
    second = _read_alone(page, [chars for _, chars in heading])
    chosen = []
    for (text, chars), alone in zip(heading, second, strict=True):
        better = _with_digits_of(text, alone) if _better(alone, text) else text
        chosen.append(digit_runs_reread(page, chars, better) or better)
    return chosen + [text for text, _ in lines[HEADING_LINES:]]


def _better(alone: str, first: str) -> bool:
    """Whether the line read alone has more of its letters in words (its
    digits aside: they are read by their shape, not by a second guess)."""
    if len(DIGITS_RE.findall(alone)) != len(DIGITS_RE.findall(first)):
        return False
    alone, first = DIGITS_RE.sub(" ", alone), DIGITS_RE.sub(" ", first)
    letters = [len(re.sub(r"\s+", "", text)) for text in (alone, first)]
    if abs(letters[0] - letters[1]) > max(2, LENGTH_SLACK * letters[1]):
        return False
    return _dictionary_letters(alone) > _dictionary_letters(first)


def _with_digits_of(first: str, alone: str) -> str:
    digits = iter(DIGITS_RE.findall(first))
    return DIGITS_RE.sub(lambda _: next(digits), alone)


def _dictionary_letters(text: str) -> int:
    """Letters in words of the dictionary less letters in none (the word
    list holds single letters too: they count as none)."""
    score = 0
    for word in thai_text.segment_words(thai_text.normalize_text(text)):
        known = len(word) > 1 and THAI_RE.match(word) and word in _dictionary()
        score += len(word) if known else -len(word)
    return score


@functools.cache
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


def _read_alone(page, lines: list[list[Char]]) -> list[str]:
    """Each line cut out of the page and read as a single line, in one run
    of Tesseract for all of them (its model loads once)."""
    if not lines:
        return []
    with tempfile.TemporaryDirectory() as folder:
        names = []
        for number, chars in enumerate(lines):
            top, bottom = min(c.top for c in chars), max(c.bottom for c in chars)
            # Room for the marks above and below; little of the next line.
            margin = (bottom - top) // 4
            box = (min(c.left for c in chars) - 2 * margin, top - margin)
            box += (max(c.right for c in chars) + 2 * margin, bottom + margin)
            path = Path(folder) / f"line{number}.png"
            page.crop(box).save(path)
            names.append(str(path))
        listing = Path(folder) / "lines.txt"
        listing.write_text("\n".join(names) + "\n")
        command = ["tesseract", listing, "-", "-l", "tha+eng", "--psm", "7"]
        try:
            output = subprocess.run(command, capture_output=True, check=True).stdout.decode()
        except (OSError, subprocess.CalledProcessError):
            return ["" for _ in lines]  # the first reading stands
    readings = [" ".join(part.split()) for part in output.split("\f")]
    readings = [thai_text.repair_split_words(thai_text.normalize_text(text)) for text in readings]
    return (readings + [""] * len(lines))[: len(lines)]
