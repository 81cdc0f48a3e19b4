"""What the feedback inbox does: register (feedback/registration.py), move
through the workflow, reply, remind. Views, admin actions and commands call
these; nothing else writes cases.

For the annual report (portal) the public read functions are
`feedback_statistics(*, period)` (see feedback/statistics.py),
`feedback_by_mission_group(*, period)` (feedback/group_statistics.py) and the
QuerySet methods on `Case.objects` (`complaints()`, `open()`, `overdue()`).
"""

import logging
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import tasks
from feedback.deadlines import case_deadlines
from feedback.group_statistics import feedback_by_mission_group
from feedback.models import (
    Case,
    CaseEntry,
    DataRequest,
    FeedbackSettings,
    ReminderRun,
)
from feedback.registration import (
    CaseAlreadyRegistered,
    attachments_save,
    case_receipt_mail,
    case_register,
    text_clean,
    text_fingerprint,
)
from feedback.statistics import COMPLAINT_GROUP_LABELS, feedback_statistics
from portal.lib import roles, thai

logger = logging.getLogger(__name__)

__all__ = [
    "COMPLAINT_GROUP_LABELS",
    "WORKFLOW_FIELDS",
    "CaseAlreadyRegistered",
    "attachments_save",
    "case_deadlines",
    "case_note",
    "case_officers",
    "case_receipt_mail",
    "case_register",
    "case_reminders_enqueue",
    "case_reply",
    "case_transition",
    "feedback_by_mission_group",
    "feedback_statistics",
    "text_clean",
    "text_fingerprint",
    "transition_check",
]


class TransitionError(Exception):
    """A workflow step that is not allowed from where the case stands.

    `fields` names the workflow fields at fault, when the step itself is allowed.
    """

    def __init__(self, message, *, fields=()):
        super().__init__(message)
        self.fields = tuple(fields)


# What each step records, and of that what it needs; checked before anything is
# written. A step may not change what another step records: a ground for not
# accepting saved with "accepted" would tell the citizen the case was refused.
_RECORDS = {
    Case.Status.NOT_ACCEPTED: ("not_accepted_ground",),
    Case.Status.ASSIGNED: ("assigned_group", "assigned_to"),
    Case.Status.COMPLETED: ("outcome",),
    Case.Status.REFERRED: ("referred_to", "referred_on", "referral_reference"),
}
_REQUIRED = {
    Case.Status.NOT_ACCEPTED: ("not_accepted_ground",),
    Case.Status.ASSIGNED: ("assigned_group", "assigned_to"),
    Case.Status.COMPLETED: ("outcome",),
    Case.Status.REFERRED: ("referred_to", "referred_on"),
}
WORKFLOW_FIELDS = [name for names in _RECORDS.values() for name in names]


def _field_labels(names):
    return ", ".join(str(Case._meta.get_field(name).verbose_name) for name in names)


def _changes(case, name, value):
    field = Case._meta.get_field(name)
    current = getattr(case, field.attname)
    return (getattr(value, "pk", value) or None) != (current or None)


def transition_check(*, case, to, values):
    """Raise TransitionError unless `case` may go to `to` with these values.

    `values` may hold any workflow field; those the step does not record must
    keep the case's current value.
    """
    if to not in case.allowed_next():
        raise TransitionError(
            _("A case that is “%(current)s” cannot become “%(target)s”.")
            % {
                "current": case.get_status_display(),
                "target": Case.Status(to).label,
            }
        )
    recorded = _RECORDS.get(to, ())
    foreign = [
        name
        for name in WORKFLOW_FIELDS
        if name in values and name not in recorded and _changes(case, name, values[name])
    ]
    if foreign:
        raise TransitionError(
            _(
                "The step “%(step)s” does not record: %(fields)s. "
                "Clear it, or choose the step it belongs to."
            )
            % {"step": Case.Status(to).label, "fields": _field_labels(foreign)},
            fields=foreign,
        )
    missing = [name for name in _REQUIRED.get(to, ()) if not values.get(name)]
    if missing:
        raise TransitionError(
            _("This step needs: %(fields)s.") % {"fields": _field_labels(missing)}
        )


def case_transition(*, case, to, by, **values):
    """Move a case to status `to`, refusing a step the workflow does not allow."""
    transition_check(case=case, to=to, values=values)
    now = timezone.now()
    for name, value in values.items():
        setattr(case, name, value)
    if to in (Case.Status.ACCEPTED, Case.Status.NOT_ACCEPTED) or (
        to == Case.Status.REFERRED and case.screened_at is None
    ):
        case.screened_at = now
    if to in (Case.Status.COMPLETED, Case.Status.REFERRED):
        case.completed_at = now
    if to == Case.Status.CLOSED:
        case.closed_at = now
    case.status = to
    case._change_reason = _("Status changed to %(status)s") % {"status": Case.Status(to).label}
    with transaction.atomic():
        case.save()
        if to != Case.Status.ASSIGNED:
            mail = tasks.for_case(tasks.case_notify, is_corruption=case.is_corruption)
            transaction.on_commit(partial(mail.enqueue, case_id=case.pk, event="status", status=to))
    logger.info("case %s → %s by %s", case.tracking_number, to, by)
    return case


def case_reply(*, case, by, body):
    """Log a reply to the citizen, count it for the 15-day report-back, and mail it."""
    body = text_clean(body)
    with transaction.atomic():
        reply = CaseEntry.objects.create(case=case, kind=CaseEntry.Kind.REPLY, author=by, body=body)
        if case.first_replied_on is None:
            case.first_replied_on = thai.local_date(reply.written_at)
            case.save(update_fields=["first_replied_on", "updated_at"])
        notify = tasks.for_case(tasks.reply_notify, is_corruption=case.is_corruption)
        transaction.on_commit(partial(notify.enqueue, reply_id=reply.pk))
    return reply


def case_note(*, case, by, body):
    """An internal note: kept on the case, never shown or sent to the citizen."""
    return CaseEntry.objects.create(
        case=case, kind=CaseEntry.Kind.NOTE, author=by, body=text_clean(body)
    )


def case_officers(*, stream, keeping=None):
    """Staff who may be made responsible for a case of `stream`, by name.

    A grant counts only through the user's groups or own permissions, as in
    portal.lib.roles.holds_in_own_right: the administrator's superuser status does
    not make them the one who works a case. Corruption reports are worked by
    the members of the integrity group (the sealed channel), other cases by
    those who may change cases. `keeping` (a user id), the officer already
    responsible, stays listed even after leaving the role: the case still names them.
    """
    User = get_user_model()
    if stream == Case.Stream.CORRUPTION:
        # The sealed channel is worked by members of the integrity group only.
        holders = User.objects.filter(groups__name=roles.INTEGRITY_OFFICER, is_active=True)
    else:
        # Permissions come from groups (ModelBackend); other backends (axes) hold none.
        holders = User.objects.with_perm(
            roles.CHANGE_CASE,
            is_active=True,
            include_superusers=False,
            backend="django.contrib.auth.backends.ModelBackend",
        )
    holders = holders.filter(is_staff=True)
    # Sorted as they are labelled: by full name, by username where none is given.
    full_name = Trim(Concat("first_name", Value(" "), "last_name"))
    return (
        User.objects.filter(Q(pk__in=holders.values("pk")) | Q(pk=keeping))
        .annotate(listed_as=Coalesce(NullIf(full_name, Value("")), "username"))
        .order_by("listed_as", "username")
    )


def case_reminders_enqueue(*, today):
    """Queue one e-mail per officer listing the cases and personal-data
    requests near or past a deadline.

    Unassigned cases go to everyone who may be made responsible for them
    (`case_officers`): a corruption report only to those who work its queue.
    Requests go to those who may know of them (`_data_requests_by_officer`).
    Returns the number of e-mails queued: none when the day's reminders were
    already queued, by this host or another running the same daily timer.
    """
    if not ReminderRun.first_for(kind=ReminderRun.Kind.DEADLINES, day=today):
        return 0
    config = FeedbackSettings.objects.current()
    pending = Case.objects.open()
    urgent = pending.overdue(today=today) | pending.due_soon(
        today=today, soon_days=config.due_soon_days
    )
    rows = list(urgent.values_list("pk", "assigned_to_id", "stream"))
    by_officer = {}
    unassigned = {}  # is a corruption report → case ids
    for pk, officer, stream in rows:
        if officer is None:
            unassigned.setdefault(stream == Case.Stream.CORRUPTION, []).append(pk)
        else:
            by_officer.setdefault(officer, []).append(pk)
    for is_corruption, case_ids in unassigned.items():
        stream = Case.Stream.CORRUPTION if is_corruption else Case.Stream.GENERAL
        for officer_id in case_officers(stream=stream).values_list("pk", flat=True):
            by_officer.setdefault(officer_id, []).extend(case_ids)
    requests, sealed_requests = _data_requests_by_officer(today=today, config=config)
    officers = get_user_model().objects.in_bulk(by_officer.keys() | requests.keys())
    queued = 0
    for officer_id, officer in officers.items():
        # An officer who has left the integrity role keeps the case's name on
        # it but no longer hears of a sealed report.
        visible = Case.objects.visible_to(officer).filter(pk__in=by_officer.get(officer_id, []))
        rows = list(visible.values_list("pk", "stream"))
        request_ids = requests.get(officer_id, [])
        if not rows and not request_ids:
            continue
        sealed = any(stream == Case.Stream.CORRUPTION for _pk, stream in rows)
        sealed = sealed or not sealed_requests.isdisjoint(request_ids)
        transaction.on_commit(
            partial(
                tasks.for_case(tasks.reminder_send, is_corruption=sealed).enqueue,
                user_id=officer_id,
                case_ids=sorted(pk for pk, _stream in rows),
                request_ids=request_ids,
                today=today.isoformat(),
            )
        )
        queued += 1
    return queued


def _data_requests_by_officer(*, today, config):
    """Open personal-data requests near or past their 30 days ({officer id: ids}),
    each for the officers who may know of it (DataRequest.objects.visible_to:
    the triage and integrity roles; one about a corruption report, integrity
    only), and the set of those about a corruption report (the sealed queue)."""
    urgent = (
        DataRequest.objects.with_deadline_state(today=today, soon_days=config.due_soon_days)
        .exclude(deadline_state="")
        .values("pk")
    )
    if not urgent.exists():
        return {}, set()
    handlers = get_user_model().objects.filter(
        groups__name__in=[roles.TRIAGE_OFFICER, roles.INTEGRITY_OFFICER],
        is_active=True,
        is_staff=True,
    )
    by_officer = {}
    for officer in handlers.distinct():
        visible = DataRequest.objects.visible_to(officer).filter(pk__in=urgent)
        if ids := sorted(set(visible.values_list("pk", flat=True))):
            by_officer[officer.pk] = ids
    sealed = DataRequest.objects.filter(pk__in=urgent, cases__stream=Case.Stream.CORRUPTION)
    return by_officer, set(sealed.values_list("pk", flat=True))
