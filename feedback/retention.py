"""PDPA retention: remove a reporter's personal data once it is no longer needed.

Closed cases past the retention period set for their stream lose the
reporter's name and contact details, their attachments, and the person's name,
e-mail and telephone wherever they were written on the case (by officers or by
the person, in the history too): the same removal as erasure on request, which
further replaces the person's own words. The case row (type, channel, dates,
status, outcome) stays, so the statistics and the ITA evidence do not change.
The case history records that it happened, without the data.
"""

import logging

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Attachment, Case, FeedbackSettings
from feedback.personal_data import personal_data_remove

logger = logging.getLogger(__name__)


def cases_purge_expired(*, now=None, apply=False):
    """The closed cases past retention (tracking numbers); with `apply`, purge them.

    Returns [(tracking number, attachments removed)]. Files are deleted only
    after the database change commits, so a failure leaves nothing half done.
    """
    now = now or timezone.now()
    config = FeedbackSettings.objects.current()
    cases = list(
        Case.objects.retention_expired(now=now, config=config).order_by("fiscal_year", "number")
    )
    if not cases:
        return []
    per_case = dict(
        Attachment.objects.filter(case__in=cases)
        .values("case_id")
        .annotate(n=Count("pk"))
        .values_list("case_id", "n")
    )
    result = [(case.tracking_number, per_case.get(case.pk, 0)) for case in cases]
    if not apply:
        return result
    personal_data_remove(
        cases=cases,
        now=now,
        reason=lambda count: (
            _("Reporter details and %(count)s attachment(s) removed: retention period ended")
            % {"count": count}
        ),
    )
    logger.info("personal data removed from %s closed case(s)", len(cases))
    return result
