"""Importing an announcement in the admin: start, read (task worker), review, confirm.

    staged = measure_import_start(by=user, upload=file)   # or text="…"
    ...the worker: measure_import_read(import_id=staged.pk)
    parsed = import_recognised(staged)                     # the review screen
    measure = measure_import_confirm(staged=staged, measure=..., clauses=[...])

Nothing becomes a measure before staff confirm what was recognised, seen
beside the source page. A file is read by the task worker: OCR of a scan takes
about six seconds a page (Tesseract with its Thai model), far too long for a
web request; the staff's page shows how many pages are read meanwhile.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from measures import services
from measures.documents import PrintedLine, SourceText, UnreadableDocument, document_text
from measures.importer import ParsedAnnouncement, parse_announcement
from measures.models import Measure, MeasureImport
from measures.reading import parse_document

# Page images beside the review form: enough to read the print, small enough
# to load quickly (an A4 page at this resolution is about 660 × 940 pixels).
PAGE_IMAGE_DPI = 80
PAGE_IMAGE_WIDTH = 900


def measure_import_start(*, by, text: str = "", upload=None) -> MeasureImport:
    """Stage an import. Pasted text is recognised at once (it must look like
    an announcement); a file waits for the task worker."""
    if upload is None:
        services.announcement_check(parse_announcement(text))
        return MeasureImport.objects.create(
            created_by=by,
            status=MeasureImport.Status.READY,
            source=source_as_data(SourceText(text, "text")),
        )
    staged = MeasureImport(created_by=by, file_name=Path(upload.name).name[:255])
    staged.upload.save(f"{Path(upload.name).suffix.lower() or '.bin'}", upload, save=False)
    staged.save()
    _enqueue(staged)
    return staged


def measure_import_requeue_if_lost(staged: MeasureImport) -> None:
    if staged.needs_enqueue():
        staged.status, staged.requested_at = MeasureImport.Status.QUEUED, timezone.now()
        staged.save(update_fields=["status", "requested_at"])
        _enqueue(staged)


def _enqueue(staged):
    from measures import tasks

    transaction.on_commit(lambda: tasks.measure_import_read.enqueue(import_id=staged.pk))


def measure_import_read(*, import_id: int) -> MeasureImport:
    """Read the staged file (the task worker's side): text, page images, progress."""
    staged = MeasureImport.objects.get(pk=import_id)
    if not staged.is_waiting:
        return staged  # read already: a task run twice reads once
    MeasureImport.objects.filter(pk=import_id).update(status=MeasureImport.Status.READING)
    begun = time.monotonic()

    def progress(done, total):
        MeasureImport.objects.filter(pk=import_id).update(pages_done=done, pages_total=total)

    content = staged.upload.open("rb").read()
    try:
        source = document_text(name=staged.file_name, content=content, progress=progress)
        images = _page_images(content, staged)
    except UnreadableDocument as error:
        staged.status, staged.error = MeasureImport.Status.FAILED, str(error)[:300]
        staged.save(update_fields=["status", "error"])
        return staged
    staged.refresh_from_db(fields=["pages_done", "pages_total"])
    staged.source = source_as_data(source)
    staged.page_images = images
    staged.read_seconds = round(time.monotonic() - begun, 2)
    staged.status = MeasureImport.Status.READY
    staged.save(update_fields=["source", "page_images", "read_seconds", "status"])
    return staged


def import_source(staged: MeasureImport) -> SourceText:
    data = dict(staged.source)
    lines = data.pop("lines", None)
    return SourceText(
        **data, lines=[PrintedLine(*line) for line in lines] if lines is not None else None
    )


def import_recognised(staged: MeasureImport) -> ParsedAnnouncement:
    """What the importer recognises in the staged text (the same pipeline as
    `import_measure`): cheap, so it is done again for each view of the review."""
    return parse_document(import_source(staged))


@transaction.atomic
def measure_import_confirm(*, staged: MeasureImport, measure: Measure, clauses) -> Measure:
    """Save the measure as staff corrected it, with its clauses; the staged
    import then points to it. All or nothing: a ValidationError saves none."""
    staged = MeasureImport.objects.select_for_update().get(pk=staged.pk)
    if staged.status != MeasureImport.Status.READY:
        raise services.ValidationError(_("This import has already been saved."), code="saved")
    measure.source_text = import_source(staged).text
    services.measure_create(measure=measure, clauses=clauses)
    staged.measure, staged.status = measure, MeasureImport.Status.SAVED
    staged.save(update_fields=["measure", "status"])
    return measure


def source_as_data(source: SourceText) -> dict:
    return {
        "text": source.text,
        "kind": source.kind,
        "doubtful_lines": source.doubtful_lines,
        "confidence": source.confidence,
        "reread_lines": source.reread_lines,
        "warnings": source.warnings,
        "lines": [[line.text, line.left, line.right] for line in source.lines]
        if source.lines is not None
        else None,
    }


def _page_images(content: bytes, staged: MeasureImport) -> list[str]:
    """Small PNGs of the source's pages, kept in the private storage."""
    if content.startswith(b"%PDF"):
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "source.pdf"
            pdf.write_bytes(content)
            command = ["pdftoppm", "-r", str(PAGE_IMAGE_DPI), "-png", pdf, Path(folder) / "p"]
            try:
                subprocess.run(command, capture_output=True, check=True)
            except (OSError, subprocess.CalledProcessError) as error:
                raise UnreadableDocument(_("The PDF's pages cannot be drawn.")) from error
            pages = [path.read_bytes() for path in sorted(Path(folder).glob("p*.png"))]
    else:
        pages = [_scaled_png(content)] if _is_image(content) else []
    names = []
    for number, page in enumerate(pages, start=1):
        name = staged.upload.storage.save(
            f"imports/{staged.pk}-page-{number}.png", ContentFile(page)
        )
        names.append(name)
    return names


def _is_image(content: bytes) -> bool:
    from measures.documents import IMAGE_TYPES, filetype

    return filetype.guess_mime(content) in IMAGE_TYPES


def _scaled_png(content: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(content)) as image:
        image.thumbnail((PAGE_IMAGE_WIDTH, PAGE_IMAGE_WIDTH * 2))
        out = io.BytesIO()
        image.convert("L").save(out, format="PNG")
    return out.getvalue()
