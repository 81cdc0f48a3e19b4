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
# number, as OCR may misread it ("๑." as "©.", "๔." as "๕.").
OCR_CLAUSE_MARK_RE = re.compile(r"^(\S{1,2}?)\s*\.\s*(?=[\u0e00-\u0e7f])")
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
    marks = [(i, m) for i, line in enumerate(lines) if (m := OCR_CLAUSE_MARK_RE.match(line.text))]
    thai_style = any(char in importer.THAI_DIGITS for _, m in marks for char in m.group(1))
    repaired, warnings, changed, expected = list(lines), [], [], 1
    for position, (index, mark) in enumerate(marks):
        value = _mark_value(mark.group(1))
        following = marks[position + 1][1] if position + 1 < len(marks) else None
        next_value = _mark_value(following.group(1)) if following else None
        if value != expected and (next_value == expected + 1 or (value is None and not following)):
            number = thai.thai_digits(str(expected)) if thai_style else str(expected)
            line = lines[index]
            text = f"{number}. {line.text[mark.end() :]}"
            repaired[index] = PrintedLine(text, line.left, line.right)
            changed.append(text)
            warnings.append(f"เลขข้อ {number} อ่านจากภาพได้เป็น “{mark.group(1)}”: โปรดตรวจกับต้นฉบับ")
            value = expected
        if value == expected:
            expected += 1
    return repaired, warnings, changed


def parse_document(source: SourceText) -> importer.ParsedAnnouncement:
    """One pipeline whatever the file: repair, rejoin, then recognise."""
    text, warnings, doubtful = source.text, [], list(source.doubtful_lines)
    if source.printed_lines:
        lines = _lines_of(source)
        if source.kind == "scan":
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
