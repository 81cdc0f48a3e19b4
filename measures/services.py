"""Measures and activities: the operations staff, the admin and commands share."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from measures.importer import ParsedAnnouncement, parse_announcement
from measures.models import Agency, Clause, Measure, MeasurePrint, PlannedItem
from portal.lib import roles, thai
from portal.lib.rendering import rendering_request, rendering_store

APPROVAL_FIELDS = ["status", "approved_by", "approved_at", "approver_name", "approver_position"]


def _next_slug(announced_on: dt.date | None) -> str:
    year = thai.to_be((announced_on or timezone.localdate()).year)
    number = 1
    while Measure.objects.filter(slug=f"{year}-{number}").exists():
        number += 1
    return f"{year}-{number}"


# What the importer puts where it found no subject line; never approved as is.
UNTITLED = gettext_lazy("(untitled announcement)")


def _is_placeholder(title: str) -> bool:
    with translation.override("th"):
        thai_placeholder = str(UNTITLED)
    return title.strip() in ("", thai_placeholder, "(untitled announcement)")


def announcement_check(parsed: ParsedAnnouncement) -> None:
    if not parsed.title and not parsed.clause_count:
        # Any short lines parse as headings; without a subject and numbered
        # clauses there is nothing of an announcement to check and approve.
        raise ValidationError(
            _(
                "This text does not look like an announcement (ประกาศ): it has no subject "
                "line (เรื่อง …) and no numbered clauses."
            ),
            code="not_an_announcement",
        )


def measure_from_parsed(parsed: ParsedAnnouncement, *, text: str) -> Measure:
    """The draft measure the recognised announcement describes, not saved."""
    fiscal_year = thai.FiscalYear.of(parsed.announced_on).be_year if parsed.announced_on else None
    agency = Agency.objects.current()
    return Measure(
        slug=_next_slug(parsed.announced_on),
        agency_name=parsed.agency_name or (agency.name_th if agency else ""),
        title=parsed.title[:500] or UNTITLED,
        preamble="\n".join(parsed.preamble),
        closing=parsed.closing,
        announced_on=parsed.announced_on,
        signatory_name=parsed.signatory_name,
        signatory_position=parsed.signatory_position,
        footer=parsed.footer[:255],
        fiscal_year_from=fiscal_year,
        thai_digits=parsed.thai_digits,
        source_text=text,
    )


@transaction.atomic
def measure_create(*, measure: Measure, clauses) -> Measure:
    """Save a draft measure and its clauses (objects with kind, label and
    text, in order), each validated: all of it or, on a ValidationError, none."""
    measure.slug = measure.slug or _next_slug(measure.announced_on)
    measure.full_clean()
    measure.save()
    for index, block in enumerate(clauses, start=1):
        # One by one, so each clause is validated and gets its history record.
        clause = Clause(
            measure=measure, position=index, kind=block.kind, label=block.label, text=block.text
        )
        clause.full_clean()
        clause.save()
    return measure


def measure_import(*, text: str, by=None, source=None) -> tuple[Measure, ParsedAnnouncement]:
    """A draft measure with its clauses from a pasted announcement, or from the
    text of a document (`measures.documents.SourceText`: PDF, Word, scan),
    saved at once (the command; staff in the admin review it first)."""
    from measures.reading import parse_document

    parsed = parse_document(source) if source else parse_announcement(text)
    announcement_check(parsed)
    measure = measure_from_parsed(parsed, text=text)
    return measure_create(measure=measure, clauses=parsed.blocks), parsed


def import_summary(measure: Measure, parsed: ParsedAnnouncement) -> list[str]:
    """What the importer recognised, as lines for a message or the console."""
    date = thai.format_date(parsed.announced_on, style="full") if parsed.announced_on else "—"
    lines = [
        f"หน่วยงาน: {parsed.agency_name or '—'}",
        f"เรื่อง: {parsed.title or '—'}",
        f"ข้อ: {parsed.clause_count} ข้อ, ข้อย่อย: {parsed.item_count} ข้อ, "
        f"หัวข้อและย่อหน้า: {len(parsed.blocks) - parsed.clause_count - parsed.item_count}",
        f"ประกาศ ณ วันที่: {date}",
        f"ผู้ลงนาม: {parsed.signatory_name or '—'} ({parsed.signatory_position or '—'})",
        f"ที่อยู่เว็บ: /measures/{measure.slug}/",
    ]
    lines += [f"คำเตือน: {warning}" for warning in parsed.warnings]
    return lines


def approver_identity(user) -> tuple[str, str]:
    """(name, position) of the member of staff approving, as the record prints them.

    The agency head named in the agency profile signs with that name and
    position; anyone else in the director's role (an acting director) with
    their own name and the role's title. Never the head's name for someone else.
    """
    name = user.get_full_name() or user.get_username()
    agency = Agency.objects.current()
    if agency and agency.head_position and name in agency.head_name:
        return agency.head_name, agency.head_position
    return name, roles.DIRECTOR


def measure_approve(*, measure: Measure, by) -> Measure:
    roles.approval_check(
        by,
        roles.APPROVE_MEASURE,
        what=measure,
        refusal=_("Only the director may approve a measure."),
    )
    if measure.status != Measure.Status.DRAFT:
        raise ValidationError(_("Only a draft can be approved."))
    if _is_placeholder(measure.title):
        raise ValidationError(_("Give the announcement its title before approval."))
    if not measure.announced_on or not measure.signatory_name:
        raise ValidationError(_("Give the announcement date and the signatory before approval."))
    measure.status = Measure.Status.APPROVED
    measure.approved_by = by
    measure.approved_at = timezone.now()
    measure.approver_name, measure.approver_position = approver_identity(by)
    measure.save(update_fields=[*APPROVAL_FIELDS, "updated_at"])
    return measure


def measure_content_changed(*, measure: Measure, by) -> bool:
    """After staff changed the signed text (fields or clauses): an approved
    measure goes back to draft, since the director approved other words.
    Returns whether it did."""
    if measure.status != Measure.Status.APPROVED:
        return False
    measure.status = Measure.Status.DRAFT
    measure.approved_by = None
    measure.approved_at = None
    measure.approver_name = measure.approver_position = ""
    measure._change_reason = _("Text changed after approval; approval withdrawn.")
    measure._history_user = by
    measure.save(update_fields=[*APPROVAL_FIELDS, "updated_at"])
    return True


def measure_publish(*, measure: Measure, by=None) -> Measure:
    """Put an approved measure in force; its history names `by` as the one
    who published it (also when called outside a request, from a command)."""
    if measure.status != Measure.Status.APPROVED:
        raise ValidationError(_("Only an approved measure can be published."))
    measure.status = Measure.Status.PUBLISHED
    measure.published_at = timezone.now()
    if by is not None:
        measure._history_user = by
    measure.save(update_fields=["status", "published_at", "updated_at"])
    # Typeset now, so the first citizen to open the PDF finds it stored.
    measure_print_request(measure=measure)
    return measure


@transaction.atomic
def measure_supersede(*, measure: Measure, successor: Measure) -> Measure:
    """The old measure stays reachable at its URL and points to its successor."""
    if measure.status != Measure.Status.PUBLISHED:
        raise ValidationError(_("Only a measure in force can be superseded."))
    if successor.pk == measure.pk or successor.status != Measure.Status.PUBLISHED:
        raise ValidationError(_("The successor must be another published measure."))
    measure.status = Measure.Status.SUPERSEDED
    measure.superseded_by = successor
    measure.ended_at = timezone.now()
    if successor.fiscal_year_from and not measure.fiscal_year_to:
        measure.fiscal_year_to = (
            max(successor.fiscal_year_from - 1, measure.fiscal_year_from or 0) or None
        )
    measure.save(
        update_fields=["status", "superseded_by", "ended_at", "fiscal_year_to", "updated_at"]
    )
    measure_print_request(measure=measure)  # its PDF now says it is no longer in force
    return measure


def measure_archive(*, measure: Measure) -> Measure:
    if measure.status != Measure.Status.PUBLISHED:
        raise ValidationError(_("Only a measure in force can be archived."))
    measure.status = Measure.Status.ARCHIVED
    measure.ended_at = timezone.now()
    measure.save(update_fields=["status", "ended_at", "updated_at"])
    measure_print_request(measure=measure)
    return measure


@transaction.atomic
def measure_restore(*, measure: Measure, by=None) -> Measure:
    """Undo a supersession or an archiving chosen by mistake: the measure is in
    force again, without a successor, and its last year of force is what it was
    before (the history keeps both steps)."""
    if measure.status not in (Measure.Status.SUPERSEDED, Measure.Status.ARCHIVED):
        raise ValidationError(_("Only a superseded or archived measure can be put back in force."))
    # The supersession may have filled in the last fiscal year; the version
    # in force just before it tells what staff had set.
    before = (
        measure.history.filter(status=Measure.Status.PUBLISHED, history_date__lte=measure.ended_at)
        .order_by("-history_date")
        .first()
        if measure.ended_at
        else None
    )
    if before is not None:
        measure.fiscal_year_to = before.fiscal_year_to
    measure.status = Measure.Status.PUBLISHED
    measure.superseded_by = None
    measure.ended_at = None
    measure._change_reason = _("Put back in force: the supersession or archiving was undone.")
    if by is not None:
        measure._history_user = by
    measure.save(
        update_fields=["status", "superseded_by", "ended_at", "fiscal_year_to", "updated_at"]
    )
    measure_print_request(measure=measure)  # in force again: the PDF loses its notice
    return measure


def measure_print_html(*, measure: Measure) -> str:
    """The HTML the official PDF is printed from."""
    agency = Agency.objects.current()
    clauses = list(measure.clauses.all())
    ended_on = timezone.localdate(measure.ended_at) if measure.ended_at else None
    with translation.override("th"):
        return render_to_string(
            "measures/measure_print.html",
            {"measure": measure, "clauses": clauses, "agency": agency, "ended_on": ended_on},
        )


def measure_print_source(*, measure: Measure) -> dict:
    """What the official PDF is made of (the ประกาศ layout, deterministic for
    one version).

    The document says on paper what the website says beside it: a draft or an
    approved measure not yet published carries "ร่าง" (the director's preview),
    a superseded or archived one says since when it is no longer in force."""
    title = f"ประกาศ{measure.agency_name} เรื่อง {measure.title}"
    if not measure.is_public:
        title = f"(ร่าง) {title}"
    return {
        "html": measure_print_html(measure=measure),
        "title": title[:600],
        "author": measure.agency_name[:300],
        "created": measure.published_at or measure.updated_at or timezone.now(),
    }


def measure_print_request(*, measure: Measure) -> MeasurePrint:
    """The rendering of the measure as it is now, asked of the task worker if
    it was never made. Cheap (a template, no typesetting): views call it."""
    from measures import tasks

    return rendering_request(
        MeasurePrint,
        key_fields={"measure": measure},
        source=measure_print_source(measure=measure),
        task=tasks.measure_print_render,
        task_kwargs=lambda pk: {"print_id": pk},
    )


def measure_print_store(*, print_id: int) -> MeasurePrint:
    """Typeset and store one rendering (the task worker's side)."""
    return rendering_store(MeasurePrint, pk=print_id)


def executive_acknowledge(*, record, by, remark=""):
    """The executive acknowledges a record reported to them: a survey round's
    results (seed 001 §3 "รายงานต่อผู้บริหารทราบ") or a mission group's year
    summary (seed 000 §5). Who, when and their remark are recorded on it and
    printed in the annual report; only the director's role gives it."""
    if not roles.may_approve(by):
        raise PermissionDenied(_("Only an executive in the director's role acknowledges."))
    if record.acknowledged_on is not None:
        raise ValidationError(
            _("Already acknowledged by %(name)s on %(date)s.")
            % {"name": record.acknowledged_by, "date": thai.display_date(record.acknowledged_on)}
        )
    name, position = approver_identity(by)
    record.acknowledged_by = f"{name} {position}".strip()
    record.acknowledged_by_user = by
    record.acknowledged_on = timezone.localdate()
    record.acknowledgement_remark = remark.strip()
    record.save(
        update_fields=[
            "acknowledged_by",
            "acknowledged_by_user",
            "acknowledged_on",
            "acknowledgement_remark",
        ]
    )
    return record


@transaction.atomic
def year_summary_acknowledge(*, summary, by, remark=""):
    """The executive acknowledges a group's year summary; its proposals, one
    a line, become next fiscal year's plan, each a line of that year's to-do
    list until staff check it (seed 000 §5, 003 step 5)."""
    executive_acknowledge(record=summary, by=by, remark=remark)
    lines = [line.strip() for line in summary.proposals.splitlines() if line.strip()]
    PlannedItem.objects.bulk_create(
        PlannedItem(summary=summary, text=text[:500], position=n)
        for n, text in enumerate(lines, start=1)
    )
    return summary
