"""Every seed announcement printed, scanned at 300 dpi and read by OCR (seed
001 goes through the whole admin journey in test_import_scan.py; here the
others go through the same reading pipeline, every page of each).

OCR is never exact, so each is compared with the seed it was printed from:
- every clause is found, numbered as in the seed (lists that start again at
  ๑ included), each clause's text at 90 % of its characters or more and 95 %
  on average (difflib's ratio, spaces ignored);
- the signer and the agency exactly, and the title's letters exactly (where
  the printed title wrapped, a space may differ): Tesseract reading the page
  drops tone marks in the heading and misreads Thai digits (๒๘ as ๒๕), so
  the heading's lines are read again one by one, their digits by shape;
- the date exactly: Tesseract misreads its Thai digits (๒๕๖๒ as "๒๕๒๒"),
  so they are read again digit by digit;
- every line read again is marked for staff to check.

About six seconds a page on an idle machine: 13 pages, each seed a test of
its own so that -n 2 spreads them.
"""

import difflib
import re

import pytest

from measures import importer
from measures.documents import document_text
from measures.reading import parse_document
from tests.factories.measures import seed_text
from tests.measures import documents

CLAUSE_MIN_RATIO = 0.90
CLAUSE_MEAN_RATIO = 0.95


def squeezed(text):
    return re.sub(r"\s+", "", text)


def similarity(read, expected):
    return difflib.SequenceMatcher(None, squeezed(read), squeezed(expected), autojunk=False).ratio()


@pytest.mark.parametrize("seed", [0, 2, 3, 4])
def test_a_scanned_seed_is_read_clause_by_clause(seed):
    text = seed_text(seed)
    expected = importer.parse_announcement(text)
    scan = documents.scanned_pdf(documents.seed_scan(text))

    source = document_text(name="scan.pdf", content=scan)
    parsed = parse_document(source)

    assert source.kind == "scan"
    read = [(b.label, b.text) for b in parsed.blocks if b.kind == "clause"]
    printed = [(b.label, b.text) for b in expected.blocks if b.kind == "clause"]
    assert [label for label, _ in read] == [label for label, _ in printed]
    ratios = [similarity(r, p) for (_, r), (_, p) in zip(read, printed, strict=True)]
    assert min(ratios) >= CLAUSE_MIN_RATIO, ratios
    assert sum(ratios) / len(ratios) >= CLAUSE_MEAN_RATIO, ratios
    assert parsed.signatory_name == expected.signatory_name
    assert parsed.agency_name == expected.agency_name
    assert squeezed(parsed.title) == squeezed(expected.title)
    assert parsed.announced_on == expected.announced_on
    # The date line read again is shown to staff to check (seed 004 has none).
    reread = [line for line in parsed.doubtful_lines if line.startswith("ประกาศ ณ")]
    told = [warning for warning in parsed.warnings if warning.startswith("อ่านบรรทัด “ประกาศ ณ")]
    dated = expected.announced_on is not None
    assert [importer.parse_date(line) for line in reread] == [expected.announced_on] * dated
    assert len(told) == dated
