"""The daily `storage_prune`: superseded PDF renderings and old imports leave
the private storage, with their rows; what is current stays, whatever its age.

Real files in the tests' private folder: after the run every row names a file
that exists and every file in the pruned folders is named by a row (or is too
young to judge)."""

import datetime as dt
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from measures import importing, services
from measures.models import Measure, MeasureImport, MeasurePrint
from portal.lib import pdf
from portal.lib.rendering import private_storage
from portal.report.models import AnnualReportPreview
from portal.report.services import (
    annual_report_get_or_create,
    annual_report_preview_request,
    annual_report_preview_store,
)
from tests.factories import measures as mf
from tests.measures import documents

pytestmark = pytest.mark.django_db

LONG_AGO = timezone.now() - dt.timedelta(days=40)
FOLDERS = ("measures", "report-previews", "imports")


@pytest.fixture(autouse=True)
def quick_typesetting(monkeypatch):
    """Storage is what is tested: any PDF-looking bytes do, one per title."""
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html, **meta: b"%PDF-1.7 " + html.encode())


def files_in(folder):
    storage = private_storage()
    try:
        return {f"{folder}/{name}" for name in storage.listdir(folder)[1]}
    except FileNotFoundError:
        return set()


def all_files():
    return set().union(*(files_in(folder) for folder in FOLDERS))


def age(name, when=LONG_AGO):
    os.utime(private_storage().path(name), (when.timestamp(), when.timestamp()))


def age_everything():
    """Every row asked for and every file written forty days ago."""
    MeasurePrint.objects.update(requested_at=LONG_AGO)
    AnnualReportPreview.objects.update(requested_at=LONG_AGO)
    MeasureImport.objects.update(created_at=LONG_AGO)
    for name in all_files():
        age(name)


def named_files():
    names = set(MeasurePrint.objects.values_list("pdf", flat=True))
    names |= set(AnnualReportPreview.objects.values_list("pdf", flat=True))
    for upload, images in MeasureImport.objects.values_list("upload", "page_images"):
        names |= {upload, *images}
    return names - {""}


def stored_print(measure):
    printout = services.measure_print_request(measure=measure)
    return services.measure_print_store(print_id=printout.pk)


def stored_preview(year):
    preview = annual_report_preview_request(fiscal_year=year)
    return annual_report_preview_store(preview_id=preview.pk)


def staged_import(editor, *, confirm):
    upload = SimpleUploadedFile(
        "ประกาศ.pdf", documents.seed_pdf(mf.seed_text(1)), "application/pdf"
    )
    staged = importing.measure_import_start(by=editor, upload=upload)
    staged = importing.measure_import_read(import_id=staged.pk)
    assert staged.upload and staged.page_images  # the source and its page images are stored
    if confirm:
        parsed = importing.import_recognised(staged)
        measure = services.measure_from_parsed(parsed, text=staged.source["text"])
        importing.measure_import_confirm(staged=staged, measure=measure, clauses=parsed.blocks)
    return MeasureImport.objects.get(pk=staged.pk)


def test_superseded_renderings_and_old_imports_go_and_what_is_current_stays(agency, editor):
    published = mf.measure(status=Measure.Status.PUBLISHED)
    published_pdf = stored_print(published)
    draft = mf.measure()
    first_draft_pdf = stored_print(draft)
    draft.title = "มาตรการที่แก้ไขแล้ว"
    draft.save()
    draft_pdf = stored_print(draft)
    deleted = mf.measure()
    deleted_pdf_name = stored_print(deleted).pdf.name
    deleted.delete()  # its rendering's row goes with it, the file stays behind
    first_preview = stored_preview(2569)
    report = annual_report_get_or_create(fiscal_year=2569)
    report.analysis = "ปีนี้มีผู้มีส่วนได้ส่วนเสียเข้าร่วมมากขึ้น"
    report.save()
    saved = staged_import(editor, confirm=True)
    abandoned = staged_import(editor, confirm=False)
    preview = stored_preview(2569)  # the year as it stands now
    age_everything()
    recent = staged_import(editor, confirm=False)
    young_orphan = private_storage().save("measures/written-just-now.pdf", ContentFile(b"%PDF"))
    gone = [
        first_draft_pdf.pdf.name,
        deleted_pdf_name,
        first_preview.pdf.name,
        saved.upload.name,
        *saved.page_images,
        abandoned.upload.name,
        *abandoned.page_images,
    ]
    kept = [
        published_pdf.pdf.name,
        draft_pdf.pdf.name,
        preview.pdf.name,
        recent.upload.name,
        *recent.page_images,
        young_orphan,
    ]
    assert set(gone) | set(kept) <= all_files()

    out = io.StringIO()
    call_command("storage_prune", stdout=out)

    assert out.getvalue() == "1 measure PDF(s), 1 draft report PDF(s) and 2 import(s) pruned.\n"
    files = all_files()
    assert files.isdisjoint(gone)
    assert set(kept) <= files
    assert set(MeasurePrint.objects.values_list("pk", flat=True)) == {
        published_pdf.pk,
        draft_pdf.pk,
    }
    assert list(AnnualReportPreview.objects.values_list("pk", flat=True)) == [preview.pk]
    saved.refresh_from_db()  # the record of who imported what stays, without files
    assert (saved.upload.name, saved.page_images, saved.measure_id) == ("", [], saved.measure_id)
    assert saved.measure.source_text
    assert set(MeasureImport.objects.values_list("pk", flat=True)) == {saved.pk, recent.pk}
    assert named_files() <= files  # no row names a missing file
    assert files - named_files() == {young_orphan}  # no orphan but the one too young to judge


def test_current_renderings_stay_however_old_and_a_second_run_changes_nothing(agency):
    published = mf.measure(status=Measure.Status.PUBLISHED)
    published_pdf = stored_print(published)
    preview = stored_preview(2569)
    age_everything()
    before = all_files()

    for _run in range(2):
        out = io.StringIO()
        call_command("storage_prune", stdout=out)
        assert out.getvalue().startswith("0 measure PDF(s), 0 draft report PDF(s) and 0 import(s)")

    assert all_files() == before == {published_pdf.pdf.name, preview.pdf.name}
    assert MeasurePrint.objects.get().pk == published_pdf.pk
    assert AnnualReportPreview.objects.get().pk == preview.pk
