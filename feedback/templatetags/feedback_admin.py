"""The deadline panel on the admin index: overdue and due-soon cases per queue,
and the personal data requests (the Act's 30 days)."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from feedback.models import Case, DataRequest, FeedbackSettings
from portal.lib import roles
from portal.lib.page_cache import kept_until_change

register = template.Library()

# (queue, QuerySet method, admin changelist) in the order shown.
QUEUES = [
    ("case", "general", _("General queue")),
    ("corruptionreport", "corruption", _("Corruption reports")),
]


def _can_view(user, model_name):
    return user.has_perm(f"feedback.view_{model_name}") or user.has_perm(
        f"feedback.change_{model_name}"
    )


@register.inclusion_tag("feedback/admin_deadline_panel.html", takes_context=True)
def feedback_deadline_panel(context):
    user = context["request"].user
    if not _can_view(user, "case"):
        return {"rows": []}
    today = timezone.localdate()
    days = FeedbackSettings.objects.current().due_soon_days
    # A queue the user may not know of has no row at all: a sealed report's
    # deadline is no one's business but the integrity role's.
    sealed = roles.in_sealed_role(user)
    shown = [queue for queue in QUEUES if sealed or queue[1] != "corruption"]
    # The same for everyone with the same view of the queues: kept until a
    # record changes, not counted again from every open case on each visit.
    counts = kept_until_change(
        f"deadline-panel:{sealed}:{today}:{days}",
        lambda: {
            method: getattr(Case.objects.visible_to(user), method)().deadline_counts(
                today=today, soon_days=days
            )
            for _model_name, method, _label in shown
        },
    )
    rows = [_row(label, model_name, counts[method]) for model_name, method, label in shown]
    if roles.handles_cases(user):
        # The Act's 30 days run like a case's deadlines (PDPA s.30). Counted on
        # each visit: a request's change is not among those that renew kept
        # values (portal.apps.NOT_SHOWN), and its table is small.
        counts = DataRequest.objects.visible_to(user).deadline_counts(today=today, soon_days=days)
        rows.append(_row(_("Personal data requests"), "datarequest", counts))
    return {"rows": rows, "due_soon_days": days}


def _row(label, model_name, counts):
    url = reverse(f"admin:feedback_{model_name}_changelist")
    return {
        "label": label,
        "overdue": counts["overdue"],
        "due_soon": counts["due_soon"],
        "overdue_url": f"{url}?deadline=overdue",
        "due_soon_url": f"{url}?deadline=due_soon",
    }
