"""A scanned announcement, every page of it, through the staff's import:
upload, OCR in the task worker with progress, review. Compared with the seed
it was printed from, within stated tolerances, because OCR is never exact:

- the agency, the title and the signer are read exactly;
- every clause is found, numbered 1 to 5 (a misread number is put back from
  the sequence, with a warning);
- each clause's text matches the seed's at 90 % of its characters or more
  (difflib's ratio, spaces ignored), 95 % on average;
- the date is read exactly (its digits read again one by one), the date line
  marked for staff to check.
"""

import difflib
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from measures import importer
from measures.models import Clause, Measure, MeasureImport
from tests.factories.measures import seed_text
from tests.login import login_staff
from tests.measures import documents
from tests.measures import imports as flow

pytestmark = pytest.mark.django_db

CLAUSE_MIN_RATIO = 0.90
CLAUSE_MEAN_RATIO = 0.95


def squeezed(text):
    return re.sub(r"\s+", "", text)


def similarity(read, expected):
    return difflib.SequenceMatcher(None, squeezed(read), squeezed(expected), autojunk=False).ratio()


def test_every_page_of_a_scanned_seed_is_read_in_the_worker_and_reviewed(
    client, editor, django_capture_on_commit_callbacks
):
    text = seed_text(1)
    expected = importer.parse_announcement(text)
    pages = documents.seed_scan(text)
    assert len(pages) == 2  # the whole announcement, not its first page only
    login_staff(client, editor)
    scan = SimpleUploadedFile("scan.pdf", documents.scanned_pdf(pages), "application/pdf")

    with django_capture_on_commit_callbacks(execute=False) as worker:
        review_url = flow.start(client, upload=scan).url
    assert client.get(review_url).status_code == 202  # the request did not read it
    for enqueue in worker:
        enqueue()

    staged = MeasureImport.objects.get()
    status = json.loads(client.get(review_url + "?status=1").content)
    assert (status["state"], status["done"], status["total"]) == ("ready", 2, 2)
    assert staged.source["kind"] == "scan" and len(staged.page_images) == 2
    review = client.get(review_url)
    page = review.content.decode()
    parsed = review.context["parsed"]
    assert parsed.agency_name == expected.agency_name
    assert squeezed(parsed.title) == squeezed(expected.title)
    assert parsed.signatory_name == expected.signatory_name
    assert parsed.announced_on == expected.announced_on
    assert "อ่านบรรทัด “ประกาศ ณ วันที่ ๒๓ พฤษภาคม พ.ศ. ๒๕๖๗” ซ้ำ" in page

    repaired = sum("อ่านจากภาพได้เป็น" in warning for warning in parsed.warnings)
    assert page.count('class="import-block import-doubtful"') >= repaired  # marked to check

    read = [(b.label, b.text) for b in parsed.blocks if b.kind == "clause"]
    seed = [(b.label, b.text) for b in expected.blocks if b.kind == "clause"]
    assert [label for label, _ in read] == [label for label, _ in seed] == list("12345")
    ratios = [similarity(r, s) for (_, r), (_, s) in zip(read, seed, strict=True)]
    assert min(ratios) >= CLAUSE_MIN_RATIO, ratios
    assert sum(ratios) / len(ratios) >= CLAUSE_MEAN_RATIO, ratios

    data = flow.review_data(review, announced_on="23/05/2567")
    client.post(review_url, data)
    measure = Measure.objects.get()
    assert measure.clauses.filter(kind=Clause.Kind.CLAUSE).count() == 5
