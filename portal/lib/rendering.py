"""PDFs rendered by the task worker, never inside a web request.

WeasyPrint takes about a second a page, and a year's report ten seconds or
more: a web worker held that long is one citizen fewer served, and a large
document meets gunicorn's timeout. So a view only asks for a rendering; the
worker (`manage.py db_worker`) renders it and stores the file; the view serves
the stored file, or a page that shows progress until it is there.

    rendering, created = SomeRendering.objects.get_or_create(key=..., defaults=...)
    ...in the worker: rendering_store(rendering)

A rendering row keeps everything the PDF is made of (the HTML and the
metadata), under a key that is the hash of it: a rendering is made once for
one content, and what the worker prints is exactly what was asked for, even
if the measure or the year changes meanwhile.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import models, transaction
from django.http import FileResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# A rendering not finished this long after it was asked for is asked for
# again (its task was lost: the worker was down, or the rendering failed).
STALE_AFTER = dt.timedelta(minutes=5)
# Until a few renderings have been timed, the progress page promises this.
DEFAULT_ESTIMATE_SECONDS = 10


def private_storage():
    """Draft PDFs must never have a public address: every rendering is kept in
    the private storage and served through a view that checks who asks."""
    return storages["private"]


def rendering_key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class PdfRendering(models.Model):
    """One PDF asked of the task worker: its source, its state, its file."""

    key = models.CharField(_("content hash"), max_length=64)
    html = models.TextField(_("HTML source"))
    title = models.CharField(_("title"), max_length=600)
    author = models.CharField(_("author"), max_length=300, blank=True)
    created = models.DateTimeField(_("creation date printed in the PDF"))
    pdf = models.FileField(_("PDF"), storage=private_storage, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    started_at = models.DateTimeField(_("rendering started at"), null=True, blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    render_seconds = models.FloatField(_("rendering time (seconds)"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def is_stored(self):
        return bool(self.pdf)

    def needs_enqueue(self, *, now=None):
        return not self.is_stored and (now or timezone.now()) - self.requested_at > STALE_AFTER

    def file_name(self):
        raise NotImplementedError


def source_key(source) -> str:
    """The content hash of a rendering's source (html, title, author, created)."""
    return rendering_key(
        source["html"], source["title"], source["author"], source["created"].isoformat()
    )


def rendering_request(model, *, key_fields, source, task, task_kwargs):
    """The rendering of `source` (html, title, author, created) for the row
    found by `key_fields`, enqueued in the worker if new or lost. Never renders."""
    return rendering_ask(
        model,
        key_fields=key_fields,
        key=source_key(source),
        defaults=source,
        task=task,
        task_kwargs=task_kwargs,
    )


def rendering_ask(model, *, key_fields, key, defaults, task, task_kwargs):
    """The row of `key` (made with `defaults` if new), enqueued in the worker
    if new or lost. A key may also stand for the inputs of a document whose
    HTML only the worker builds (portal.report.services)."""
    rendering, created = model.objects.get_or_create(**key_fields, key=key, defaults=defaults)
    if not created:
        rendering_enqueue_if_lost(rendering, task=task, task_kwargs=task_kwargs)
    else:
        transaction.on_commit(lambda: task.enqueue(**task_kwargs(rendering.pk)))
    return rendering


def rendering_enqueue_if_lost(rendering, *, task, task_kwargs):
    if rendering.needs_enqueue():
        rendering.requested_at = timezone.now()
        rendering.error = ""
        rendering.save(update_fields=["requested_at", "error"])
        pk = rendering.pk
        transaction.on_commit(lambda: task.enqueue(**task_kwargs(pk)))


def rendering_store(model, *, pk):
    """Render and store one rendering (run by the worker). Idempotent: a
    rendering already stored is left as it is, so a task run twice renders once."""
    from portal.lib.pdf import html_to_pdf

    rendering = model.objects.get(pk=pk)
    if rendering.is_stored:
        return rendering
    model.objects.filter(pk=pk).update(started_at=timezone.now(), error="")
    begun = time.monotonic()
    try:
        pdf = html_to_pdf(
            rendering.html,
            title=rendering.title,
            author=rendering.author,
            created=rendering.created,
        )
    except Exception as error:
        # The page the waiting reader sees says it failed; the task result
        # keeps the traceback for the administrator.
        model.objects.filter(pk=pk).update(error=type(error).__name__[:200])
        raise
    seconds = time.monotonic() - begun
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=pk)
        if locked.is_stored:
            return locked
        locked.pdf.save(locked.file_name(), ContentFile(pdf), save=False)
        locked.rendered_at = timezone.now()
        locked.render_seconds = round(seconds, 3)
        try:
            locked.save(update_fields=["pdf", "rendered_at", "render_seconds"])
        except Exception:
            locked.pdf.delete(save=False)
            raise
    return locked


def rendering_estimate(model) -> int:
    """Seconds a rendering of this kind usually takes (the last few, rounded up)."""
    recent = model.objects.exclude(render_seconds=None).order_by("-rendered_at")[:5]
    times = [row.render_seconds for row in recent]
    return int(max(times)) + 1 if times else DEFAULT_ESTIMATE_SECONDS


def rendering_progress(rendering, *, now=None):
    """Where the rendering is, for the waiting reader: `message` changes only
    with the state (a screen reader announces it once), `detail` counts the
    seconds."""
    now = now or timezone.now()
    if rendering.is_stored:
        return {"state": "ready", "message": gettext("The PDF is ready."), "detail": ""}
    if rendering.error:
        message = gettext("The PDF could not be prepared. Please try again in a few minutes.")
        return {"state": "failed", "message": message, "detail": ""}
    if rendering.started_at:
        elapsed = int((now - rendering.started_at).total_seconds())
        estimate = rendering_estimate(type(rendering))
        return {
            "state": "rendering",
            "message": gettext("The PDF is being typeset."),
            "detail": gettext("%(elapsed)s seconds so far; it usually takes about %(estimate)s.")
            % {"elapsed": elapsed, "estimate": estimate},
        }
    waited = int((now - rendering.requested_at).total_seconds())
    return {
        "state": "queued",
        "message": gettext("The PDF is waiting for the typesetting service."),
        "detail": gettext("Waiting %(waited)s seconds so far.") % {"waited": waited},
    }


def rendering_file_response(rendering, *, filename, private=False):
    response = FileResponse(rendering.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    if private:
        # A draft's text changes: never serve yesterday's words from a cache.
        response["Cache-Control"] = "private, no-store"
    return response


def rendering_status_response(rendering):
    """What the progress page's script polls (`?status`)."""
    response = JsonResponse(rendering_progress(rendering))
    response["Cache-Control"] = "no-store"
    return response


def renderings_prune(model, *, keep, older_than) -> int:
    """Delete the renderings of `model` asked for before `older_than`, except
    the rows `keep` (the current content of each document): a draft edited
    ten times leaves nine PDFs nobody will ask for again. Returns how many."""
    stale = model.objects.filter(requested_at__lt=older_than).exclude(pk__in=keep)
    pks = list(stale.values_list("pk", flat=True))
    for pk in pks:
        rendering_delete(model, pk=pk)
    return len(pks)


def rendering_delete(model, *, pk):
    """Delete one rendering's row, then its file unless another row serves it.

    The row goes first: a row must never name a missing file, while a file
    left by a failed delete is an orphan that unreferenced_files_prune removes
    on its next run. The row is locked, so a worker storing it or taking its
    file for another row (same content) finishes before, or finds it gone."""
    with transaction.atomic():
        rendering = model.objects.select_for_update().filter(pk=pk).first()
        if rendering is None:
            return
        name, storage = rendering.pdf.name, rendering.pdf.storage
        rendering.delete()
        shared = bool(name) and model.objects.filter(pdf=name).exists()
    if name and not shared:
        storage.delete(name)


def unreferenced_files_prune(storage, *, folder, referenced, older_than) -> list[str]:
    """Delete the files directly in `folder` of `storage` that no row names
    (`referenced`) and that were written before `older_than`: what a delete
    cut short or a cascade (a measure deleted with its renderings) left. The
    age keeps a file just written, whose row is not committed yet."""
    try:
        _, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    removed = []
    for file in files:
        name = f"{folder.rstrip('/')}/{file}"
        if name in referenced or storage.get_modified_time(name) >= older_than:
            continue
        storage.delete(name)
        removed.append(name)
    return removed
