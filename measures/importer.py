"""Turn a pasted announcement (ประกาศ) into structured parts.

Pure text processing, no database: `parse_announcement(text)` returns a
`ParsedAnnouncement`; `services.measure_import` stores it as a draft.

What real announcements look like (the five seeds): a heading line
"ประกาศ<agency>", "เรื่อง <subject>" over one to three lines, a preamble,
numbered clauses in Thai or Arabic digits ("๑." or "1."), lettered sub-items
"(ก)" (sometimes two on one line), section headings such as
"วิธีการดำเนินงาน", the closing formula "จึงประกาศ…", the date line
"ประกาศ ณ วันที่ ๙ ตุลาคม พ.ศ. ๒๕๖๑", the signatory's name in parentheses and
the position. Word exports add artefacts ("[bookmark: _GoBack]", tab
indentation, non-breaking spaces, signature lines doubled).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from portal.lib import thai, thai_text

THAI_MONTHS = [
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
]

ARTEFACT_RE = re.compile(r"\[bookmark:[^\]]*\]|\[image:[^\]]*\]", re.IGNORECASE)
CLAUSE_RE = re.compile(r"^([0-9๐-๙]{1,2})\s*[.)]\s*(.*)$")
CLAUSE_MARK_RE = re.compile(r"^([0-9๐-๙]{1,2})\s*([.)])(?![0-9๐-๙])")
ITEM_RE = re.compile(r"^\(([ก-ฮ])\)\s*(.*)$")
ITEM_SPLIT_RE = re.compile(r"\s+(?=\([ก-ฮ]\)\s)")
# OCR often drops the tone mark of "วันที่".
DATE_LINE_RE = re.compile(r"^ประกาศ\s*ณ\s*วันที่?")
DATE_RE = re.compile(
    r"([0-9๐-๙]{1,2})\s*(?:เดือน\s*)?("
    + "|".join(THAI_MONTHS)
    + r")\s*(?:พ\.\s*ศ\.|พุทธศักราช)?\s*([0-9๐-๙]{4})(?![0-9๐-๙])"
)
# A year before the 1997 (B.E. 2540) constitution, the first to give citizens
# a part in the state's work, read from a scan is a misread one (OCR has read
# ๒๕๖๒ as ๒๕๒๐): better no date and a warning than a wrong date.
EARLIEST_YEAR_BE = 2540
# "เรื่อง" opens the subject line; OCR often drops its tone mark ("เรือง").
SUBJECT_RE = re.compile(r"^เร[ื]่?อง\s*")
SIGNATORY_RE = re.compile(r"^\((.+)\)$")
CLOSING_RE = re.compile(r"^จึงประกาศ")
# A short line without a full stop that is not a clause reads as a section heading.
HEADING_MAX_CHARS = 90
THAI_DIGITS = set("๐๑๒๓๔๕๖๗๘๙")


@dataclass
class Block:
    kind: str  # heading | paragraph | clause | item
    text: str
    label: str = ""


@dataclass
class ParsedAnnouncement:
    agency_name: str = ""
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    closing: str = ""
    announced_on: dt.date | None = None
    signatory_name: str = ""
    signatory_position: str = ""
    footer: str = ""
    thai_digits: bool = False
    warnings: list[str] = field(default_factory=list)
    # Lines a reviewer must compare with the page (OCR unsure, number repaired).
    doubtful_lines: list[str] = field(default_factory=list)

    @property
    def clause_count(self):
        return sum(1 for block in self.blocks if block.kind == "clause")

    @property
    def item_count(self):
        return sum(1 for block in self.blocks if block.kind == "item")


def _clean_line(raw: str) -> tuple[str, bool]:
    """The tidied text of a line, and whether it was indented (a new paragraph)."""
    had_artefact = bool(ARTEFACT_RE.search(raw))
    line = ARTEFACT_RE.sub("", raw).replace("\u00a0", " ").replace("\u200b", "")
    indented = line[:1] in ("\t", " ") and not had_artefact
    line = re.sub(r"[ \t]+", " ", line).strip()
    return thai_text.normalize_text(line), indented


def _paragraphs(lines: list[tuple[str, bool]], use_indent: bool) -> list[str]:
    """Join continuation lines: with indentation-marked paragraphs (Word), an
    unindented line continues the previous one; otherwise each line stands."""
    paragraphs: list[str] = []
    for text, indented in lines:
        if not text:
            continue
        if use_indent and not indented and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]}{text}"
        else:
            paragraphs.append(text)
    return paragraphs


def parse_date(text: str) -> dt.date | None:
    match = DATE_RE.search(thai_text.normalize_text(text))
    if not match:
        return None
    day, month, year = match.groups()
    year = int(thai.arabic_digits(year))
    try:
        return dt.date(
            thai.to_ce(year),
            THAI_MONTHS.index(month) + 1,
            int(thai.arabic_digits(day)),
        )
    except ValueError:
        return None


def _split_items(paragraph: str) -> list[str]:
    return [part.strip() for part in ITEM_SPLIT_RE.split(paragraph) if part.strip()]


def clause_marker_style(lines) -> str:
    """ "." or ")": the mark after clause numbers that most line starts use, so an
    inline list "๑) … ๒) …" wrapped to a line start is not taken for clauses."""
    marks = [match.group(2) for line in lines if (match := CLAUSE_MARK_RE.match(line))]
    return ")" if marks.count(")") > marks.count(".") else "."


def next_clause(paragraph, style, last_number) -> re.Match | None:
    clause, mark = CLAUSE_RE.match(paragraph), CLAUSE_MARK_RE.match(paragraph)
    if not clause or not mark or mark.group(2) != style:
        return None
    number = int(thai.arabic_digits(clause.group(1)))
    # One number may be missing (a typing slip); a jump further is no clause.
    return clause if number == 1 or last_number < number <= last_number + 2 else None


def _body_blocks(paragraphs: list[str], parsed: ParsedAnnouncement) -> None:
    seen_structure = False
    style, last_number = clause_marker_style(paragraphs), 0
    for paragraph in paragraphs:
        clause = next_clause(paragraph, style, last_number)
        if not clause and CLAUSE_MARK_RE.match(paragraph):
            parsed.warnings.append(f"เลขข้อไม่ต่อเนื่องหรือไม่ใช่ข้อของประกาศ: {paragraph[:40]}")
        if clause:
            number = int(thai.arabic_digits(clause.group(1)))
            if number not in (1, last_number + 1):
                parsed.warnings.append(f"เลขข้อไม่ต่อเนื่อง: ข้อ {clause.group(1)} ต่อจากข้อ {last_number}")
            last_number = number
            seen_structure = True
            label = thai.arabic_digits(clause.group(1))
            parsed.blocks.append(Block("clause", clause.group(2).strip(), label))
            continue
        if ITEM_RE.match(paragraph):
            seen_structure = True
            for part in _split_items(paragraph):
                item = ITEM_RE.match(part)
                if item:
                    parsed.blocks.append(Block("item", item.group(2).strip(), item.group(1)))
                else:
                    parsed.blocks.append(Block("paragraph", part))
            continue
        is_heading = len(paragraph) <= HEADING_MAX_CHARS and not paragraph.endswith((".", "นั้น"))
        if is_heading:
            seen_structure = True
            parsed.blocks.append(Block("heading", paragraph))
        elif not seen_structure:
            parsed.preamble.append(paragraph)
        else:
            parsed.blocks.append(Block("paragraph", paragraph))


def _read_header(lines, parsed):
    """Agency and subject; returns the index of the first body line."""
    index = 0
    while index < len(lines) and not lines[index][0]:
        index += 1
    if index < len(lines) and lines[index][0].startswith("ประกาศ"):
        parsed.agency_name = lines[index][0].removeprefix("ประกาศ").strip()
        index += 1
    else:
        parsed.warnings.append("ไม่พบบรรทัด “ประกาศ…” ที่ระบุชื่อหน่วยงาน")
    # A blank line (or two) often stands between the two heading lines.
    while index < len(lines) and not lines[index][0]:
        index += 1
    title_parts = []
    subject = SUBJECT_RE.match(lines[index][0]) if index < len(lines) else None
    if subject:
        title_parts.append(lines[index][0][subject.end() :].strip())
        index += 1
        while index < len(lines) and lines[index][0] and not lines[index][1]:
            title_parts.append(lines[index][0])
            index += 1
    else:
        parsed.warnings.append("ไม่พบบรรทัด “เรื่อง …”")
    parsed.title = " ".join(part for part in title_parts if part)
    if not parsed.title:
        parsed.warnings.append("ไม่พบชื่อเรื่องของประกาศ: โปรดกรอกชื่อเรื่องก่อนส่งอนุมัติ")
    return index


def _read_footer(lines, parsed):
    """Closing, date, signatory, position, footer; returns where the body ends."""
    body_end = len(lines)
    for index, (text, _indented) in enumerate(lines):
        if CLOSING_RE.match(text) or DATE_LINE_RE.match(text):
            body_end = index
            break
    tail = [text for text, _indented in lines[body_end:] if text]
    rest = []
    for text in tail:
        if CLOSING_RE.match(text) and not parsed.closing:
            parsed.closing = text
        elif DATE_LINE_RE.match(text) and parsed.announced_on is None:
            parsed.announced_on = parse_date(text)
            if parsed.announced_on is None:
                parsed.warnings.append(f"อ่านวันที่ไม่ได้: {text}")
        elif SIGNATORY_RE.match(text):
            name = SIGNATORY_RE.match(text).group(1).strip()
            if parsed.signatory_name and name != parsed.signatory_name:
                rest.append(text)
            parsed.signatory_name = parsed.signatory_name or name
        elif parsed.signatory_name and not parsed.signatory_position:
            parsed.signatory_position = text
        elif text != parsed.signatory_position:
            rest.append(text)
    parsed.footer = " ".join(rest)
    return body_end


def parse_announcement(text: str) -> ParsedAnnouncement:
    parsed = ParsedAnnouncement()
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_clean_line(raw) for raw in text.split("\n")]
    parsed.thai_digits = any(char in THAI_DIGITS for char in text)
    start = _read_header(lines, parsed)
    end = _read_footer(lines[start:], parsed) + start
    body = lines[start:end]
    use_indent = sum(1 for text, indented in body if text and indented) >= 3
    _body_blocks(_paragraphs(body, use_indent), parsed)
    if not parsed.clause_count:
        parsed.warnings.append("ไม่พบข้อที่มีเลขกำกับ (๑. ๒. …)")
    if parsed.announced_on is None and not any("วันที่" in w for w in parsed.warnings):
        parsed.warnings.append("ไม่พบวันที่ประกาศ (ประกาศ ณ วันที่ …)")
    if not parsed.signatory_name:
        parsed.warnings.append("ไม่พบชื่อผู้ลงนาม")
    return parsed
