"""Driving the admin's import as staff do: paste or upload, let the worker
read, look at the review screen, correct, confirm."""

from django.urls import reverse

from measures.importing import measure_import_read
from measures.models import MeasureImport

IMPORT_URL = "admin:measures_measure_import"


def start(client, *, text="", upload=None):
    """Post the import form; the response (a redirect to the review, or the form again)."""
    data = {"text": text}
    if upload is not None:
        data["file"] = upload
    return client.post(reverse(IMPORT_URL), data)


def read_waiting_files():
    """What the task worker does with every staged file."""
    for staged in MeasureImport.objects.filter(status=MeasureImport.Status.QUEUED):
        measure_import_read(import_id=staged.pk)


def review_data(response, **changes):
    """The review form as the page filled it in, with `changes` applied:
    measure fields by name, blocks as `blocks=[(kind, label, text), ...]`."""
    form, clauses = response.context["form"], response.context["clauses"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = "on" if value is True else value
    blocks = changes.pop("blocks", None)
    if blocks is None:
        blocks = [
            (f["kind"].value(), f["label"].value() or "", f["text"].value() or "")
            for f in clauses.forms
        ]
    data.update(
        {
            "clauses-TOTAL_FORMS": str(len(blocks)),
            "clauses-INITIAL_FORMS": "0",
            "clauses-MIN_NUM_FORMS": "0",
            "clauses-MAX_NUM_FORMS": "1000",
        }
    )
    for index, (kind, label, text) in enumerate(blocks):
        data |= {
            f"clauses-{index}-kind": kind or "paragraph",
            f"clauses-{index}-label": label,
            f"clauses-{index}-text": text,
        }
    data.update(changes)
    return data


def recognised_blocks(response):
    return [
        (f["kind"].value(), f["label"].value() or "", f["text"].value() or "")
        for f in response.context["clauses"].forms
        if f["text"].value()
    ]
