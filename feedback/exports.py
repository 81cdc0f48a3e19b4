"""CSV export of cases for staff, with the same identity rule as the admin."""

import csv
import io

from django.utils.translation import gettext as _

from feedback.personal_data import REMOVED_LABEL
from portal.lib import thai
from portal.lib.spreadsheet import csv_cell


def reporter_mask(case):
    """What stands in for a complainant a user may not see (the admin shows the same)."""
    if case.is_corruption:
        return _("Protected (integrity officer only)")
    return _("Withheld (case-handling staff only)")


def _reporter_columns(case, user):
    if not case.reporter_visible_to(user):
        mask = reporter_mask(case)
        return [mask, mask, mask]
    if case.personal_data_purged_at:
        return [str(REMOVED_LABEL), "", ""]
    if case.is_anonymous:
        return [_("Anonymous"), "", ""]
    reporter = getattr(case, "reporter", None)
    if reporter is None:
        return [_("(no name given)"), "", ""]
    return [str(reporter), reporter.phone, reporter.email]


def _date(value):
    return value.isoformat() if value else ""


def cases_export_csv(*, queryset, user):
    """The cases as CSV rows; reporters masked where `user` may not see them."""
    header = [
        _("register number"),
        _("received at"),
        _("type"),
        _("channel"),
        _("subject"),
        _("status"),
        _("category"),
        _("assigned mission group"),
        _("report back by"),
        _("resolve by"),
        _("first reply on"),
        _("completed at"),
        _("reporter"),
        _("telephone"),
        _("e-mail"),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    rows = (
        queryset.visible_to(user)
        .select_related("reporter", "category", "assigned_group")
        .order_by("fiscal_year", "number")
    )
    for case in rows:
        writer.writerow(
            [
                case.tracking_number,
                _date(thai.local_date(case.received_at)),
                case.get_stream_display(),
                case.get_channel_display(),
                csv_cell(case.subject),
                case.get_status_display(),
                case.category.name if case.category else "",
                case.assigned_group.name if case.assigned_group else "",
                _date(case.report_back_due_on),
                _date(case.resolve_due_on),
                _date(case.first_replied_on),
                _date(case.completed_at and thai.local_date(case.completed_at)),
                *(csv_cell(value) for value in _reporter_columns(case, user)),
            ]
        )
    return buffer.getvalue()
