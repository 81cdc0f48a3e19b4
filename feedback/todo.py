"""The staff to-do page's line of this app: personal data requests whose legal
30 days (PDPA s.30) are running out or gone, each shown only to those who may
know of it (`DataRequest.objects.visible_to`: a request about a corruption
report to the integrity role alone). Unlike the year's other lines, which are
the same for everyone and also go out in the weekly digest, these depend on
who looks, so the page asks for them per user and the digest leaves them to
the daily deadline mail."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import DataRequest, FeedbackSettings
from feedback.models.case_queries import DUE_SOON, OVERDUE
from measures.todo import TodoLine, TodoSection
from portal.lib import roles, thai


def data_requests_todo(*, user, today=None):
    """The open requests `user` may see that are overdue or due soon, oldest
    deadline first, as a to-do section; None for whoever may see none."""
    if not roles.handles_cases(user):
        return None
    today = today or timezone.localdate()
    soon_days = FeedbackSettings.objects.current().due_soon_days
    rows = (
        DataRequest.objects.visible_to(user)
        .open()
        .with_deadline_state(today=today, soon_days=soon_days)
        .filter(deadline_state__in=[OVERDUE, DUE_SOON])
        .order_by("due_on", "pk")
    )
    state_label = {OVERDUE: _("Overdue"), DUE_SOON: _("Due soon")}
    lines = [
        TodoLine(
            text=_("%(request)s — %(state)s, answer by %(due)s")
            % {
                "request": row,
                "state": state_label[row.deadline_state],
                "due": thai.display_date(row.due_on),
            },
            url=reverse("admin:feedback_datarequest_change", args=[row.pk]),
        )
        for row in rows
    ]
    return TodoSection("data_requests", _("Personal data requests overdue or due soon"), lines)
