"""Files the measures app keeps only for a while (run daily by `storage_prune`).

- A measure's PDF is rendered once per content (measures.services): each edit
  of a draft, each change of state leaves a rendering nobody will ask for
  again. The one of the measure as it is now is kept, whatever its age: for a
  published measure it is the file every citizen is served.
- An imported announcement's file and page images serve the review screen
  only. Once the import is saved the measure holds the text; an import never
  confirmed (or that failed, or that the worker lost) is abandoned.
"""

from django.db import transaction

from measures import services
from measures.models import Measure, MeasureImport, MeasurePrint
from portal.lib.rendering import renderings_prune, source_key, unreferenced_files_prune

PRINTS_FOLDER = "measures"
IMPORTS_FOLDER = "imports"


def measure_prints_prune(*, older_than) -> int:
    """Delete renderings asked for before `older_than` that no longer show
    their measure as it is; then files under the renderings' folder no row names."""
    measures = Measure.objects.filter(prints__isnull=False).distinct().prefetch_related("clauses")
    current = {
        (measure.pk, source_key(services.measure_print_source(measure=measure)))
        for measure in measures
    }
    keep = [
        pk
        for pk, measure_id, key in MeasurePrint.objects.values_list("pk", "measure_id", "key")
        if (measure_id, key) in current
    ]
    pruned = renderings_prune(MeasurePrint, keep=keep, older_than=older_than)
    storage = MeasurePrint._meta.get_field("pdf").storage
    referenced = set(MeasurePrint.objects.exclude(pdf="").values_list("pdf", flat=True))
    unreferenced_files_prune(
        storage, folder=PRINTS_FOLDER, referenced=referenced, older_than=older_than
    )
    return pruned


def measure_imports_prune(*, staged_before, older_than) -> int:
    """Imports staged before `staged_before`: a saved one loses its files and
    keeps its row (who imported what, and the text read); any other is
    deleted whole. Then files under the imports' folder, written before
    `older_than`, that no import names. Returns how many imports were pruned."""
    pruned = 0
    old = MeasureImport.objects.filter(created_at__lt=staged_before)
    for pk in old.values_list("pk", flat=True):
        pruned += _import_prune(pk)
    storage = MeasureImport._meta.get_field("upload").storage
    referenced = set()
    for upload, images in MeasureImport.objects.values_list("upload", "page_images"):
        referenced.update([upload, *images])
    unreferenced_files_prune(
        storage, folder=IMPORTS_FOLDER, referenced=referenced, older_than=older_than
    )
    return pruned


def _import_prune(pk) -> int:
    # Locked, then the row changed before the files go: a row never names a
    # missing file; a file left by a failed delete is swept as unreferenced.
    with transaction.atomic():
        staged = MeasureImport.objects.select_for_update().filter(pk=pk).first()
        if staged is None:
            return 0
        storage = staged.upload.storage
        files = [name for name in (staged.upload.name, *staged.page_images) if name]
        if staged.status != MeasureImport.Status.SAVED:
            staged.delete()
        elif files:
            staged.upload, staged.page_images = "", []
            staged.save(update_fields=["upload", "page_images"])
        else:
            return 0
    for name in files:
        storage.delete(name)
    return 1
