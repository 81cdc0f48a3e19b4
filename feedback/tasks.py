"""Mail that leaves through the durable task queue: a mail server that is down
delays a message and loses none. Tasks take primary keys, never objects.

A send that fails in transport (server down, refused, timed out) queues the
same task again for later, each time after a longer wait, and gives up with an
error in the log only after `RETRY_DELAYS` are spent (about two days).
"""

import datetime as dt
import functools
import logging
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from portal.lib.queue import SEALED_QUEUE

logger = logging.getLogger(__name__)

# The wait before each new attempt; a weekend outage of the agency's mail server
# must not cost a citizen the receipt or a reply.
RETRY_DELAYS = (
    dt.timedelta(minutes=5),
    dt.timedelta(minutes=30),
    dt.timedelta(hours=2),
    dt.timedelta(hours=6),
    dt.timedelta(hours=12),
    dt.timedelta(hours=24),
)
# ConnectionRefusedError and timeouts are OSErrors.
TRANSPORT_ERRORS = (smtplib.SMTPException, OSError)


class MailNotSent(Exception):
    """A mail given up on. Its text names the task and the case only: the mail
    server's own error quotes the refused address, and the task result's
    traceback is read in the admin and mailed to the administrators."""


def mail_task(function):
    """A task that sends mail and, when the mail server fails, tries again later.

    The attempt number travels in the task's own arguments: a retry is a new
    task result, so the backend's count of attempts starts again at one. A
    retry stays on the queue of the first try (the sealed one for corruption
    reports, see `for_case`). Log lines and the stored result carry the task's
    ids and the error's kind, never its text.
    """

    def run(context, *, attempt=1, **kwargs):
        try:
            return function(**kwargs)
        except TRANSPORT_ERRORS as error:
            what = f"mail {function.__name__} {kwargs}"
            if attempt > len(RETRY_DELAYS):
                message = f"{what} not sent after {attempt} attempts: {type(error).__name__}"
                logger.error("%s", message)
                raise MailNotSent(message) from None
            run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
            logger.warning(
                "%s failed (%s); trying again at %s",
                what,
                type(error).__name__,
                run_after.isoformat(),
            )
            queue_name = context.task_result.task.queue_name
            retry = queued.using(run_after=run_after, queue_name=queue_name)
            retry.enqueue(attempt=attempt + 1, **kwargs)
            return 0

    # Named as `function` for the worker (its import path), but with its own
    # signature: the backend checks that a context-taking task starts with it.
    functools.update_wrapper(run, function)
    del run.__wrapped__
    queued = task(takes_context=True)(run)
    return queued


def for_case(mail, *, is_corruption):
    """`mail` on the queue its case belongs in: a corruption report's tasks go
    to the sealed queue, which only the integrity role sees in the admin."""
    return mail.using(queue_name=SEALED_QUEUE) if is_corruption else mail


def _mail(*, template, context, to):
    with translation.override(settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@mail_task
def case_notify(*, case_id, event, status=""):
    """Receipt or status change, to the citizen if an address was given.

    `status` is the status the change led to: the mail tells that step even if
    the case has moved on by the time the worker sends it.
    """
    from feedback.models import Case

    case = Case.objects.select_related("reporter").get(pk=case_id)
    email = getattr(getattr(case, "reporter", None), "email", "")
    if not email:
        return 0
    template = "feedback/email_receipt" if event == "receipt" else "feedback/email_status"
    label = Case.Status(status).label if status else case.get_status_display()
    context = {"case": case, "status": label}
    if status == Case.Status.COMPLETED:
        # The outcome, and the invitation to say whether it resolved the matter
        # and to rate the handling (on the tracking page, with the code).
        from feedback.models import FeedbackSettings

        context |= {
            "completed": True,
            "follow_up_days": FeedbackSettings.objects.current().follow_up_days,
        }
    _mail(template=template, context=context, to=[email])
    return 1


@mail_task
def reply_notify(*, reply_id):
    from feedback.models import CaseEntry

    reply = CaseEntry.objects.replies().select_related("case__reporter").get(pk=reply_id)
    email = getattr(getattr(reply.case, "reporter", None), "email", "")
    if not email:
        return 0
    _mail(
        template="feedback/email_reply",
        context={"case": reply.case, "reply": reply},
        to=[email],
    )
    return 1


@mail_task
def reminder_send(*, user_id, case_ids, today, request_ids=()):
    """The daily list for one officer: cases, then personal-data requests (by
    reference and kind only); no reporter identity is ever included."""
    from feedback.models import Case, DataRequest, FeedbackSettings
    from feedback.models.case_queries import OVERDUE

    user = get_user_model().objects.get(pk=user_id)
    if not user.email:
        return 0
    today = dt.date.fromisoformat(today)
    soon_days = FeedbackSettings.objects.current().due_soon_days
    cases = list(
        Case.objects.filter(pk__in=case_ids)
        .with_deadline_state(today=today, soon_days=soon_days)
        .order_by("resolve_due_on")
    )
    requests = (
        DataRequest.objects.visible_to(user)
        .filter(pk__in=request_ids)
        .with_deadline_state(today=today, soon_days=soon_days)
        .order_by("due_on", "pk")
    )
    request_rows = [
        {
            "request": request,
            "overdue": request.deadline_state == OVERDUE,
            "url": settings.SITE_URL
            + reverse("admin:feedback_datarequest_change", args=[request.pk]),
        }
        for request in requests
    ]
    rows = [
        {
            "case": case,
            "overdue": case.deadline_state == OVERDUE,
            "url": settings.SITE_URL + reverse(case.admin_url_name, args=[case.pk]),
        }
        for case in cases
    ]
    _mail(
        template="feedback/email_reminder",
        context={
            "rows": rows,
            "requests": request_rows,
            "count": len(rows) + len(request_rows),
            "user": user,
            "today": today,
        },
        to=[user.email],
    )
    return 1


@mail_task
def citizen_message_notify(*, message_id):
    """Tell the responsible officer (or, before assignment, those who may work the
    case) what the citizen added or that they reopened the case. Only the case and
    the citizen's words: never who the reporter is."""
    from feedback.models import CitizenMessage
    from feedback.services import case_officers

    message = CitizenMessage.objects.select_related("case__assigned_to").get(pk=message_id)
    case = message.case
    officers = [case.assigned_to] if case.assigned_to else case_officers(stream=case.stream)
    to = [officer.email for officer in officers if officer.email]
    if not to:
        return 0
    _mail(
        template="feedback/email_citizen_message",
        context={
            "case": case,
            "message": message,
            "url": settings.SITE_URL + reverse(case.admin_url_name, args=[case.pk]),
        },
        to=to,
    )
    return len(to)


@mail_task
def data_request_link_mail(*, link_id):
    """The one-time link that confirms a personal data request asked by contact
    address. It names no case: whoever reads the mail learns only that the
    address is on file, and the mail goes to that address alone."""
    from feedback.data_request_links import data_request_link_token
    from feedback.models import DataRequestLink

    link = DataRequestLink.objects.filter(pk=link_id, used_at__isnull=True).first()
    if link is None or not link.email:
        return 0  # used or expired before the worker came to it
    path = reverse("feedback:data_request_confirm", args=[data_request_link_token(link)])
    expires_at = link.created_at + dt.timedelta(hours=settings.FEEDBACK_DATA_REQUEST_LINK_HOURS)
    _mail(
        template="feedback/email_data_request_link",
        context={"link": link, "url": settings.SITE_URL + path, "expires_at": expires_at},
        to=[link.email],
    )
    return 1


@mail_task
def data_request_answer_mail(*, request_id):
    """The answer to a request asked by contact address, to the address its
    link confirmed; then that last copy of the address is forgotten (after an
    erasure the cases no longer hold it)."""
    from feedback.models import DataRequest, DataRequestLink

    request = DataRequest.objects.get(pk=request_id)
    links = DataRequestLink.objects.filter(data_request=request).exclude(email="")
    to = sorted({link.email for link in links})
    if not to:
        return 0
    _mail(
        template="feedback/email_data_request_answer",
        context={"data_request": request, "shows_held_data": request.shows_held_data},
        to=to,
    )
    links.update(email="")
    return len(to)
