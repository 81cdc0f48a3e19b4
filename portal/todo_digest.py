"""The weekly to-do digest: each mission group's editors are mailed their
own group's lines of the fiscal year's to-do list (portal.todo), while there
is still time to act.

Lines naming no mission group (a clause of the whole agency, an activity
recorded without a group) go to every group's editors, under their own
heading: a clause naming no group is every group's to carry out, the rule of
`measures.coverage.group_coverage`. Nobody receives another group's lines;
an editor of two groups gets one mail with both. A clause with nothing done
offers the editor one link per kind of record their role may add, as the
to-do page does.

The weekly timer runs on every host of a several-host install; the first to
record the week (feedback.ReminderRun, the daily reminders' mechanism) sends.
"""

import datetime as dt
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from feedback.models import ReminderRun
from feedback.tasks import mail_task
from measures.models import MissionGroup
from portal.lib import thai
from portal.todo import year_todo_sections


def _line(line, user):
    """A line as plain data for `user`'s mail, with absolute addresses. A
    clause with nothing done offers each kind of record `user` may add
    (the to-do page's rule, `TodoLine.for_user`); "add_links" is None for a
    line with one place to go."""
    line = line.for_user(user)
    add_links = line.add_links
    if add_links is not None:
        add_links = [
            {"label": link.label, "url": settings.SITE_URL + link.url} for link in add_links
        ]
    return {"text": line.text, "url": settings.SITE_URL + line.url, "add_links": add_links}


def _part(sections, user, group_id, group_name=""):
    """The lines of one mission group (None: lines naming no group), by section."""
    part = []
    for section in sections:
        lines = [_line(line, user) for line in section.lines if line.mission_group_id == group_id]
        if lines:
            part.append({"title": str(section.title), "lines": lines})
    return {"group": group_name, "sections": part}


def _editors_by_group():
    """[(user, [active mission groups they edit])], reachable editors only."""
    reachable = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    groups = MissionGroup.objects.active().prefetch_related(
        Prefetch("editors", queryset=reachable.order_by("pk"))
    )
    by_user = {}
    for group in groups:
        for user in group.editors.all():
            by_user.setdefault(user.pk, (user, []))[1].append(group)
    return list(by_user.values())


def todo_digest_enqueue(*, today):
    """Queue this week's digest, one e-mail per editor with lines to act on.

    Returns the number of e-mails queued: none when the week's digest was
    already queued, by this host or another running the same weekly timer."""
    monday = today - dt.timedelta(days=today.weekday())
    if not ReminderRun.first_for(kind=ReminderRun.Kind.TODO_DIGEST, day=monday):
        return 0
    fiscal_year = thai.FiscalYear.of(today)
    with translation.override(settings.LANGUAGE_CODE):
        sections = year_todo_sections(fiscal_year=fiscal_year, today=today)
        queued = 0
        for user, groups in _editors_by_group():
            parts = [_part(sections, user, group.pk, group.name) for group in groups]
            parts.append(_part(sections, user, None))
            parts = [part for part in parts if part["sections"]]
            if not parts:
                continue
            send = partial(
                todo_digest_send.enqueue,
                user_id=user.pk,
                fiscal_year=fiscal_year.be_year,
                parts=parts,
            )
            transaction.on_commit(send)
            queued += 1
    return queued


@mail_task
def todo_digest_send(*, user_id, fiscal_year, parts):
    """One editor's digest; `parts` are plain data, as the enqueueing saw them."""
    user = get_user_model().objects.get(pk=user_id)
    if not user.email:
        return 0
    context = {
        "user": user,
        "fiscal_year": fiscal_year,
        "parts": parts,
        "count": sum(len(s["lines"]) for part in parts for s in part["sections"]),
        "todo_url": settings.SITE_URL + reverse("staff_todo", args=[fiscal_year]),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = " ".join(
            render_to_string("portal/email_todo_digest_subject.txt", context).split()
        )
        body = render_to_string("portal/email_todo_digest_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return 1
