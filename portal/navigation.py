"""The public menu: the main pages and the citizen services."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MAIN_MENU = [
    ("measures:measure_list", _("Measures")),
    ("measures:activity_list", _("Participation")),
    ("measures:improvement_list", _("You said, we did")),
    ("surveys:survey_list", _("Surveys")),
    ("surveys:workinggroup_list", _("Working groups")),
    ("feedback:statistics", _("Complaint statistics")),
    ("portal:report_list", _("Annual reports")),
]

SERVICE_MENU = [
    ("feedback:submit", _("Comment or complain")),
    ("feedback:corruption_submit", _("Report corruption")),
    ("feedback:track", _("Track a case")),
]


def resolve_menu(entries, current_path):
    items = []
    for url_name, label in entries:
        url = reverse(url_name)
        active = current_path == url or (url != "/" and current_path.startswith(url))
        items.append({"url": url, "label": label, "name": url_name, "active": active})
    return items
