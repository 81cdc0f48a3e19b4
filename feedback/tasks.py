"""Mail that leaves through the durable task queue: a mail server that is down
delays a message and loses none. Tasks take primary keys, never objects."""

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _mail(*, template, context, to):
    with translation.override(settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)


@task()
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


@task()
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


@task()
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
