"""PDPA retention: remove a reporter's personal data once it is no longer needed.

Closed cases past the retention period set for their stream lose the
reporter's name and contact details and their attachments. The case row (type,
channel, dates, status, outcome) stays, so the statistics and the ITA evidence
do not change. The case history records that it happened, without the data.
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback.models import Attachment, Case, FeedbackSettings, Reporter

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
    ids = [case.pk for case in cases]
    attachments = Attachment.objects.filter(case_id__in=ids)
    files = dict(attachments.values_list("pk", "file"))
    per_case = dict(
        attachments.values("case_id").annotate(n=Count("pk")).values_list("case_id", "n")
    )
    result = [(case.tracking_number, per_case.get(case.pk, 0)) for case in cases]
    if not apply:
        return result
    with transaction.atomic():
        Reporter.objects.filter(case_id__in=ids).update(name="", phone="", email="", address="")
        attachments.delete()
        for case in cases:
            case.personal_data_purged_at = now
            case._change_reason = _(
                "Reporter details and %(count)s attachment(s) removed: retention period ended"
            ) % {"count": per_case.get(case.pk, 0)}
            # Not `updated_at`: the public statistics show it as their last change.
            case.save(update_fields=["personal_data_purged_at"])
        transaction.on_commit(partial(_files_delete, list(files.values())))
    logger.info("personal data removed from %s closed case(s)", len(cases))
    return result


def _files_delete(names):
    storage = Attachment.file.field.storage
    for name in names:
        storage.delete(name)
