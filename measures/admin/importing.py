"""The measure admin's import pages: paste or upload, wait for the worker, review, confirm."""

import re

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils.translation import gettext as _

from measures import importing, services
from measures.forms import ClauseReviewFormSet, MeasureImportForm, MeasureReviewForm
from measures.importer import Block
from measures.models import MeasureImport

# The warning lists the lines OCR was unsure of by their beginnings.
LINE_PREVIEW_CHARS = 60
CLAUSE_NUMBER_RE = re.compile(r"^\S{1,2}\.\s*")


def squeezed(text):
    return re.sub(r"\s+", "", text)


class MeasureImportViews:
    """Mixed into MeasureAdmin: the import is a way of adding a measure."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="measures_measure_import"),
            path(
                "import/<path:import_id>/review/",
                view(self.import_review_view),
                name="measures_measure_import_review",
            ),
            path(
                "import/<path:import_id>/page/<int:number>/",
                view(self.import_page_view),
                name="measures_measure_import_page",
            ),
            *super().get_urls(),
        ]

    def _staged_or_404(self, request, import_id):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return get_object_or_404(MeasureImport, pk=unquote(import_id))

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = MeasureImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                staged = importing.measure_import_start(
                    by=request.user,
                    text=form.cleaned_data["text"],
                    upload=form.cleaned_data["file"],
                )
            except ValidationError as error:
                form.add_error("text", ValidationError(error.messages))
            else:
                return redirect(staged.review_url())
        return self._page(request, "import.html", title=_("Import an announcement"), form=form)

    def import_review_view(self, request, import_id):
        """While the worker reads the file: its progress. Then what was
        recognised beside the source, to correct; saved only on confirm."""
        staged = self._staged_or_404(request, import_id)
        if "status" in request.GET:
            return _status_response(staged)
        if staged.measure_id:
            return redirect("admin:measures_measure_change", staged.measure_id)
        if staged.status != MeasureImport.Status.READY:
            importing.measure_import_requeue_if_lost(staged)
            waiting = self._page(
                request,
                "import_progress.html",
                title=_("Reading the announcement"),
                staged=staged,
                progress=_progress(staged),
            )
            waiting.status_code = 202 if staged.is_waiting else 200
            return waiting
        parsed = importing.import_recognised(staged)
        if request.method == "POST":
            form = MeasureReviewForm(request.POST)
            clauses = ClauseReviewFormSet(request.POST, prefix="clauses")
            if form.is_valid() and clauses.is_valid():
                try:
                    measure = importing.measure_import_confirm(
                        staged=staged,
                        measure=form.save(commit=False),
                        clauses=_kept_blocks(clauses),
                    )
                except ValidationError as error:
                    _add_errors(form, error)
                else:
                    self.message_user(
                        request,
                        _("Saved as a draft. The director approves it before it is published."),
                        messages.SUCCESS,
                    )
                    return redirect("admin:measures_measure_change", measure.pk)
        else:
            draft = services.measure_from_parsed(parsed, text=staged.source.get("text", ""))
            form = MeasureReviewForm(instance=draft)
            clauses = ClauseReviewFormSet(
                initial=[{"kind": b.kind, "label": b.label, "text": b.text} for b in parsed.blocks],
                prefix="clauses",
            )
        unsure = staged.source.get("doubtful_lines") or []
        return self._page(
            request,
            "import_review.html",
            title=_("Check the announcement before saving it"),
            staged=staged,
            parsed=parsed,
            form=form,
            clauses=_marked(clauses, parsed.doubtful_lines),
            doubtful=[line[:LINE_PREVIEW_CHARS] for line in unsure],
            pages=range(1, len(staged.page_images) + 1),
        )

    def import_page_view(self, request, import_id, number):
        staged = self._staged_or_404(request, import_id)
        if not 1 <= number <= len(staged.page_images):
            raise Http404
        storage = MeasureImport._meta.get_field("upload").storage
        response = FileResponse(
            storage.open(staged.page_images[number - 1]), content_type="image/png"
        )
        response["Cache-Control"] = "private, no-store"
        return response


def _progress(staged):
    if staged.status == MeasureImport.Status.FAILED:
        return {"state": "failed", "message": staged.error, "detail": ""}
    if staged.status == MeasureImport.Status.READY:
        return {"state": "ready", "message": _("The announcement has been read."), "detail": ""}
    if staged.pages_total:
        detail = _("Page %(done)s of %(total)s read.") % {
            "done": staged.pages_done,
            "total": staged.pages_total,
        }
        return {"state": "reading", "message": _("Reading the pages (OCR)."), "detail": detail}
    return {"state": "queued", "message": _("Waiting for the reading service."), "detail": ""}


def _status_response(staged):
    response = JsonResponse(
        _progress(staged) | {"done": staged.pages_done, "total": staged.pages_total}
    )
    response["Cache-Control"] = "no-store"
    return response


def _kept_blocks(formset):
    """The blocks staff kept, in order: neither deleted nor left empty."""
    kept = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", {})
        if data and not data.get("DELETE") and data.get("text", "").strip():
            kept.append(Block(data["kind"], data["text"].strip(), data.get("label", "")))
    return kept


def _marked(formset, doubtful):
    """Each block form flagged when it holds a doubtful line (a clause's
    line starts with its number, which the form shows apart)."""
    for form in formset.forms:
        text = squeezed(form["text"].value() or "")
        form.doubtful = bool(text) and any(
            squeezed(CLAUSE_NUMBER_RE.sub("", line))[:40] in text for line in doubtful if line
        )
    return formset


def _add_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
