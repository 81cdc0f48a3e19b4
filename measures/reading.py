"""From a document's text to the recognised announcement.

Printed lines back into paragraphs, for text taken from a PDF or a scan.

A PDF's text layer and OCR give one line per printed line: a clause runs
over three lines, a title over two, and an inline list "๑) … ๒) …" may land
at a line start. The importer reads one paragraph per line, so the lines of
a paragraph are joined first: a line continues the one before when that one
ran to the full width of the page and this one does not start a block of
its own (the next clause number, a sub-item, the date, the closing, the
signature). Running page numbers ("- ๒ -") are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from measures import importer
from measures.documents import PrintedLine, SourceText
from portal.lib import thai

# "- ๒ -", and as OCR reads it: "= lo =".
PAGE_NUMBER_RE = re.compile(r"^[-–]?\s*[0-9๐-๙]{1,3}\s*[-–]?$|^[-–=~]\s*\S{1,3}\s*[-–=~]$")
# A line that starts with a short mark and a full stop, then Thai: a clause
# number, as OCR may misread it ("๑." as "©.", "๔." as "๕."), perhaps after
# a speck read as a character of its own ("4 lo." for "๒.", ", 5.").
OCR_CLAUSE_MARK_RE = re.compile(r"^(?:\S\s+)?(\S{1,2}?)\s*\.\s*(?=[\u0e00-\u0e7f])")
# The same with its full stop lost ("cn ให้มี…" for "3. ให้มี…"): taken for a
# clause number only on an indented line, where the sequence wants one.
OCR_BARE_MARK_RE = re.compile(r"^([0-9A-Za-z©๐-๙]{1,2})\s+(?=[\u0e00-\u0e7f])")
THAI_LETTERS_RE = re.compile(r"[\u0e01-\u0e2e]")
# An unsure line with fewer Thai letters than this is no text of the page.
SPECK_MAX_THAI = 3
SEPARATOR_RE = re.compile(r"^[-_=.*๏]{3,}$")
# Marks stacked on a letter take no width of their own.
MARKS_RE = re.compile(r"[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]")
# A line ending within this share of the text width from the usual right
# edge ran to the margin (Thai lines break between words: the edge is ragged).
FULL_LINE_SLACK = 0.12
# A line indented by more than this share, its middle this close to the
# page's, is centred (the title's further lines, the signature).
CENTRE_SLACK = 0.05


@dataclass
class Rejoined:
    text: str
    joined_lines: int


def display_width(line: str) -> int:
    return len(MARKS_RE.sub("", line))


def _join(before: str, after: str) -> str:
    # Thai wraps between words without a space; Latin words need theirs back.
    thai_edge = re.match(r"[\u0e00-\u0e7f]", before[-1:]) and re.match(r"[\u0e00-\u0e7f]", after)
    return f"{before}{after}" if thai_edge else f"{before} {after}"


def _starts_block(line: str, style: str, last_number: int) -> bool:
    return bool(
        importer.next_clause(line, style, last_number)
        or any(
            pattern.match(line)
            for pattern in (
                importer.ITEM_RE,
                importer.DATE_LINE_RE,
                importer.CLOSING_RE,
                importer.SIGNATORY_RE,
            )
        )
        or importer.SUBJECT_RE.match(line)
        or line.startswith("ประกาศ")
    )


def _lines_of(source: SourceText) -> list[PrintedLine]:
    if source.lines is not None:
        return source.lines
    # Without positions, a line's length in letters stands for how far it reaches.
    return [
        PrintedLine(line.strip(), display_width(line) - len(line.lstrip()), display_width(line))
        for line in source.text.replace("\t", "    ").splitlines()
    ]


def rejoin_wrapped_lines(lines: list[PrintedLine]) -> Rejoined:
    lines = [line for line in lines if not PAGE_NUMBER_RE.match(line.text)]
    printed = [line for line in lines if line.text]
    if not printed:
        return Rejoined("", 0)
    lefts = sorted(line.left for line in printed)
    rights = sorted(line.right for line in printed)
    margin, usual_right = lefts[len(lefts) // 10], rights[int(len(rights) * 0.75)]
    width = max(usual_right - margin, 1)

    # The indentation most lines share is a paragraph's first line, not centring.
    indents = Counter(
        round(line.left / (width * 0.01)) for line in printed if line.left > margin + 0.02 * width
    )
    paragraph_indent = indents.most_common(1)[0][0] * width * 0.01 if indents else None

    def centred(line):
        if importer.CLAUSE_MARK_RE.match(line.text):
            return False  # a clause is body text, however a speck shifted its start
        middle = (line.left + line.right) / 2
        indented = line.left > margin + CENTRE_SLACK * width
        if paragraph_indent is not None and abs(line.left - paragraph_indent) <= 0.01 * width:
            return False
        return indented and abs(middle - (margin + usual_right) / 2) < CENTRE_SLACK * width

    def full(line):
        return line.right >= usual_right - FULL_LINE_SLACK * width and not centred(line)

    style = importer.clause_marker_style([line.text for line in printed])
    paragraphs: list[str] = []
    last_number, previous, joined, in_title = 0, None, 0, False
    for line in lines:
        text = re.sub(r"\s+", " ", line.text).strip()
        if not text or SEPARATOR_RE.match(text):
            previous, in_title = None, False
            continue
        continues = paragraphs and not _starts_block(text, style, last_number)
        if clause := importer.next_clause(text, style, last_number):
            last_number = int(thai.arabic_digits(clause.group(1)))
        if in_title and continues and centred(line):
            # A centred title runs over several lines: they are all the title.
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
        elif continues and previous is not None and full(previous):
            paragraphs[-1] = _join(paragraphs[-1], text)
            joined += 1
            in_title = False
        else:
            paragraphs.append(text)
            in_title = bool(importer.SUBJECT_RE.match(text))
        previous = line
    # One paragraph a line, a blank line between: what the importer reads.
    return Rejoined("\n\n".join(paragraphs), joined)


def _mark_value(mark: str) -> int | None:
    digits = thai.arabic_digits(mark)
    return int(digits) if digits.isdigit() else None


def repair_ocr_clause_numbers(
    lines: list[PrintedLine],
) -> tuple[list[PrintedLine], list[str], list[str]]:
    """Clause numbers OCR misread, put back where the sequence shows them.

    Tesseract's Thai model confuses some digits (๑ read as "©", ๔ as ๕, ๓
    and ๘). A clause mark that breaks the sequence while the next clause
    mark continues it ("๓. … ๕. … ๕.", "©. … ๒.") is the number the
    sequence needs; staff are told, to check it against the page.
    Returns the lines, the warnings and the repaired lines."""
    margin = sorted(line.left for line in lines)[len(lines) // 10] if lines else 0
    indent = margin + 0.02 * max((max(line.right for line in lines) - margin) if lines else 1, 1)
    marks = []
    for i, line in enumerate(lines):
        mark = OCR_CLAUSE_MARK_RE.match(line.text)
        if mark is None and line.left > indent:
            mark = OCR_BARE_MARK_RE.match(line.text)
        if mark:
            marks.append((i, mark))
    thai_style = any(char in importer.THAI_DIGITS for _, m in marks for char in m.group(1))
    values = [_mark_value(mark.group(1)) for _, mark in marks]
    numbers = _clause_numbers(values)
    repaired, warnings, changed = list(lines), [], []
    for (index, mark), value, wanted in zip(marks, values, numbers, strict=True):
        line = lines[index]
        if wanted is None or (value == wanted and mark.start(1) == 0):
            continue
        number = thai.thai_digits(str(wanted)) if thai_style else str(wanted)
        text = f"{number}. {line.text[mark.end() :]}"
        if value != wanted:
            warnings.append(f"เลขข้อ {number} อ่านจากภาพได้เป็น “{mark.group(1)}”: โปรดตรวจกับต้นฉบับ")
        # else the right number behind a speck: the number alone, to be checked.
        repaired[index] = PrintedLine(text, line.left, line.right)
        changed.append(text)
    return repaired, warnings, changed


def _clause_numbers(values: list[int | None]) -> list[int | None]:
    """The number each clause mark stands for: its place in its list.

    A list starts at a legible ๑ or, its ๑ misread, where a legible number
    lower than its place says it began (confirmed by the next legible one).
    A mark whose place the next mark repeats is no clause (OCR took a line
    for one): it keeps its text, None."""
    places, start = [], 0
    for i, value in enumerate(values):
        if value == 1:
            start = i
        elif value is not None and 1 < value <= i - start and _confirmed(values, i, value):
            start = i - value + 1
            places[start:] = range(1, i - start + 1)  # its marks before this one
        places.append(i - start + 1)
    numbers = []
    for i, place in enumerate(places):
        following = places[i + 1] if i + 1 < len(places) else None
        numbers.append(None if following == place else place)
    # A list none of whose numbers can be read is no list ("พ.ศ. …" lines).
    start = 0
    for i in range(1, len(places) + 1):
        if i == len(places) or places[i] == 1:
            if not any(values[j] == places[j] for j in range(start, i)):
                numbers[start:i] = [None] * (i - start)
            start = i
    return numbers


def _confirmed(values, i, value) -> bool:
    for distance, later in enumerate(values[i + 1 :], start=1):
        if later is not None:
            return later in (value + distance, 1)
    return True


def without_specks(lines: list[PrintedLine], *, unsure: set[str]) -> list[PrintedLine]:
    """The lines bar those OCR made of specks or a stamp ("1 1 Vu rm y ๕"):
    hardly a Thai letter, and read without confidence or as scattered marks.
    Left in, one cuts its clause in two. The warnings still list an unsure
    one, for staff to look at."""
    return [line for line in lines if not _speck(line.text, unsure=line.text in unsure)]


def _speck(text: str, *, unsure: bool) -> bool:
    if len(THAI_LETTERS_RE.findall(text)) >= SPECK_MAX_THAI:
        return False
    words = text.split()
    # Read with confidence, it is a speck still when all of it is scattered
    # marks of one or two characters ("๕ aA ๑7 a ๕"), not a word among them.
    return unsure or (len(words) >= 3 and all(len(word) <= 2 for word in words))


def parse_document(source: SourceText) -> importer.ParsedAnnouncement:
    """One pipeline whatever the file: repair, rejoin, then recognise."""
    text, warnings = source.text, list(source.warnings)
    doubtful = source.doubtful_lines + source.reread_lines
    if source.printed_lines:
        lines = _lines_of(source)
        if source.kind == "scan":
            lines = without_specks(lines, unsure=set(source.doubtful_lines))
            lines, repairs, repaired = repair_ocr_clause_numbers(lines)
            warnings += repairs
            doubtful += repaired
        rejoined = rejoin_wrapped_lines(lines)
        text = rejoined.text
        if rejoined.joined_lines:
            warnings.append(
                f"รวมบรรทัดที่ถูกตัดขึ้นบรรทัดใหม่ {rejoined.joined_lines} บรรทัดเป็นย่อหน้า: โปรดตรวจทาน"
            )
    parsed = importer.parse_announcement(text)
    year = parsed.announced_on and thai.to_be(parsed.announced_on.year)
    if source.kind == "scan" and year and year < importer.EARLIEST_YEAR_BE:
        parsed.announced_on = None
        parsed.warnings.append(f"อ่านวันที่ไม่ได้: ปี พ.ศ. {year} ไม่น่าจะถูกต้อง โปรดตรวจกับต้นฉบับ")
    if source.doubtful_lines:
        warnings.append(
            f"ระบบอ่านภาพ (OCR) ไม่มั่นใจ {len(source.doubtful_lines)} บรรทัด: "
            + " / ".join(line[:30] for line in source.doubtful_lines[:5])
        )
    parsed.warnings = warnings + parsed.warnings
    parsed.doubtful_lines = doubtful
    return parsed


def parsed_as_dict(parsed: importer.ParsedAnnouncement) -> dict:
    """The recognised structure as plain data (`import_measure --json`)."""
    clauses = []
    for block in parsed.blocks:
        if block.kind == "clause":
            clauses.append({"number": int(block.label), "text": block.text, "items": []})
        elif block.kind == "item" and clauses:
            clauses[-1]["items"].append({"label": block.label, "text": block.text})
    return {
        "title": parsed.title,
        "agency": parsed.agency_name,
        "date": parsed.announced_on.isoformat() if parsed.announced_on else None,
        "signer_name": parsed.signatory_name,
        "signer_position": parsed.signatory_position,
        "preamble": parsed.preamble,
        "clauses": clauses,
        "warnings": parsed.warnings,
    }
