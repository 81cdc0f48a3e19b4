"""The citizen's side of a case after filing it: add information while it is open,
say whether the outcome resolved it, rate how it was handled.

These are the services the tracking page calls (the citizen proves who they are
with the tracking code and PIN); like feedback/services.py, nothing else writes
these rows. Saying "not resolved" reopens the case to its officer: back to "in
progress", the completion cleared (the statistics count it in progress again and
count the reopening), a new resolution deadline from that day.
"""

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import tasks
from feedback.deadlines import case_deadlines
from feedback.models import Attachment, Case, CitizenMessage, FeedbackSettings, HandlingRating
from feedback.services import attachments_save, text_clean
from portal.lib import thai

__all__ = [
    "FollowUpError",
    "FollowUpState",
    "case_follow_up_state",
    "case_information_add",
    "case_rate",
    "case_resolution_answer",
    "case_timeline",
]


class FollowUpError(Exception):
    """What the citizen asked for is no longer possible (the case moved on meanwhile)."""


@dataclass(frozen=True)
class FollowUpState:
    """What the citizen holding the code may do now."""

    may_add_information: bool
    may_answer: bool
    answer_until: dt.date | None
    may_rate: bool


def _was_completed(case):
    """Completed with an outcome: a referral or a refusal is not an outcome to judge."""
    return (
        case.status in (Case.Status.COMPLETED, Case.Status.CLOSED)
        and case.completed_at is not None
        and case.referred_on is None
    )


def case_follow_up_state(*, case, now=None, config=None):
    now = now or timezone.now()
    config = config or FeedbackSettings.objects.current()
    completed = _was_completed(case)
    answer_until = None
    may_answer = False
    if completed:
        answer_until = thai.local_date(case.completed_at) + dt.timedelta(days=config.follow_up_days)
        answered = case.citizen_messages.filter(
            kind__in=(CitizenMessage.Kind.RESOLVED, CitizenMessage.Kind.NOT_RESOLVED),
            sent_at__gte=case.completed_at,
        ).exists()
        may_answer = not answered and thai.local_date(now) <= answer_until
    return FollowUpState(
        may_add_information=not case.is_finished,
        may_answer=may_answer,
        answer_until=answer_until,
        may_rate=completed,
    )


def case_information_add(*, case, body, uploads=()):
    """More words or files from the citizen while the case is open."""
    stored = []
    try:
        with transaction.atomic():
            case = Case.objects.select_for_update().get(pk=case.pk)
            if case.is_finished:
                raise FollowUpError(_("This case is finished; it can no longer take additions."))
            message = CitizenMessage.objects.create(
                case=case, kind=CitizenMessage.Kind.INFORMATION, body=text_clean(body)
            )
            attachments_save(case=case, uploads=uploads, stored=stored)
            transaction.on_commit(partial(_officer_notify(case).enqueue, message_id=message.pk))
    except Exception:
        for name in stored:
            Attachment.file.field.storage.delete(name)
        raise
    return message


def case_resolution_answer(*, case, resolved, reason="", now=None):
    """The citizen's answer to the outcome: resolved, or not (which reopens the case)."""
    now = now or timezone.now()
    reason = text_clean(reason)
    with transaction.atomic():
        case = Case.objects.select_for_update().get(pk=case.pk)
        if not case_follow_up_state(case=case, now=now).may_answer:
            raise FollowUpError(_("This case can no longer be answered this way."))
        if resolved:
            return CitizenMessage.objects.create(
                case=case, kind=CitizenMessage.Kind.RESOLVED, body=reason, sent_at=now
            )
        if not reason:
            raise FollowUpError(_("Please say what is still not resolved."))
        message = CitizenMessage.objects.create(
            case=case, kind=CitizenMessage.Kind.NOT_RESOLVED, body=reason, sent_at=now
        )
        _case_reopen(case, now)
        transaction.on_commit(partial(_officer_notify(case).enqueue, message_id=message.pk))
    return message


def _officer_notify(case):
    return tasks.for_case(tasks.citizen_message_notify, is_corruption=case.is_corruption)


def _case_reopen(case, now):
    case.status = Case.Status.IN_PROGRESS
    case.completed_at = None
    case.closed_at = None
    _report_back, case.resolve_due_on = case_deadlines(
        stream=case.stream, received_on=thai.local_date(now)
    )
    case._change_reason = _("Reopened: the citizen says it was not resolved")
    case.save(update_fields=["status", "completed_at", "closed_at", "resolve_due_on", "updated_at"])


def case_rate(*, case, score, comment=""):
    """The citizen's satisfaction with the handling; rating again replaces the rating."""
    if not _was_completed(case):
        raise FollowUpError(_("A case can be rated once it is completed."))
    rating, _created = HandlingRating.objects.update_or_create(
        case=case,
        defaults={"score": score, "comment": text_clean(comment), "rated_at": timezone.now()},
    )
    return rating


def case_timeline(*, case):
    """The stages with their dates, the replies and the citizen's own messages, in order.

    Stages come from the case's history (each status it has had, first reached);
    the register's first row is the day received.
    """
    events = [{"at": case.received_at, "kind": "stage", "label": Case.Status.RECEIVED.label}]
    previous = Case.Status.RECEIVED
    for status, at in case.history.order_by("history_date", "history_id").values_list(
        "status", "history_date"
    ):
        if status != previous:
            events.append({"at": at, "kind": "stage", "label": Case.Status(status).label})
            previous = status
    events += [
        {"at": r.written_at, "kind": "reply", "body": r.body} for r in case.entries.replies()
    ]
    events += [
        {"at": m.sent_at, "kind": m.kind, "label": m.get_kind_display(), "body": m.body}
        for m in case.citizen_messages.all()
    ]
    return sorted(events, key=lambda event: event["at"])
