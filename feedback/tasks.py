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


def mail_task(function):
    """A task that sends mail and, when the mail server fails, tries again later.

    The attempt number travels in the task's own arguments: a retry is a new
    task result, so the backend's count of attempts starts again at one.
    """

    @functools.wraps(function)
    def run(*, attempt=1, **kwargs):
        try:
            return function(**kwargs)
        except TRANSPORT_ERRORS as error:
            if attempt > len(RETRY_DELAYS):
                logger.error(
                    "mail %s %s not sent after %s attempts: %r",
                    function.__name__,
                    kwargs,
                    attempt,
                    error,
                )
                raise
            run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
            logger.warning(
                "mail %s %s failed (%r); trying again at %s",
                function.__name__,
                kwargs,
                error,
                run_after.isoformat(),
            )
            queued.using(run_after=run_after).enqueue(attempt=attempt + 1, **kwargs)
            return 0

    queued = task()(run)
    return queued


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
    _mail(template=template, context={"case": case, "status": label}, to=[email])
    return 1


@mail_task
def reply_notify(*, reply_id):
    from feedback.models import Reply

    reply = Reply.objects.select_related("case__reporter").get(pk=reply_id)
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
def reminder_send(*, user_id, case_ids, today):
    """The daily list for one officer; no reporter identity is ever included."""
    from feedback.models import Case

    user = get_user_model().objects.get(pk=user_id)
    if not user.email:
        return 0
    cases = list(Case.objects.filter(pk__in=case_ids).order_by("resolve_due_on"))
    today = dt.date.fromisoformat(today)
    rows = [
        {
            "case": case,
            "state": case.deadline_state(today=today),
            "url": settings.SITE_URL + reverse(case.admin_url_name, args=[case.pk]),
        }
        for case in cases
    ]
    _mail(
        template="feedback/email_reminder",
        context={"rows": rows, "user": user, "today": today},
        to=[user.email],
    )
    return 1
