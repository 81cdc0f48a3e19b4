"""Registering a case: its running number, deadlines and PIN, its reporter and
files stored together, and the one-time submission token that makes a form
sent twice (a double click, a browser sending again on a slow line, two
requests at the same instant) one case.

Every form that files a case carries that token (`feedback.forms.CaseFields`):
the citizens' forms and the staff's add form alike. `case_register` is the one
place that holds the rule; its callers answer `CaseAlreadyRegistered` by showing
the case recorded first.
"""

import hashlib
import re
import secrets
import unicodedata
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from feedback import tasks
from feedback.deadlines import case_deadlines
from feedback.models import Attachment, Case, Counter, Reporter
from portal.lib import thai, thai_text

PIN_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"  # no look-alikes (0/O, 1/I, 5/S, 8/B…)
PIN_LENGTH = 6
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def text_clean(text):
    """Citizen text in canonical form: no invisible or control characters, Thai normalised."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = _CONTROL.sub("", _INVISIBLE.sub("", text))
    return thai_text.normalize_text(text).strip()


def text_fingerprint(text):
    squeezed = "".join(text_clean(text).split()).casefold()
    return hashlib.sha256(squeezed.encode()).hexdigest()


def _case_number_take(fiscal_year):
    def highest():
        last = Case.objects.filter(fiscal_year=fiscal_year).aggregate(m=Max("number"))["m"]
        return last or 0

    return Counter.objects.take(f"case:{fiscal_year}", floor=highest)


def case_receipt_mail(*, case):
    """Queue the receipt mail to the address the citizen gave (on filing, and
    again when they ask for a copy). The task carries the case's number only:
    the worker reads the address, so none is written in a queue row or a log."""
    mail = tasks.for_case(tasks.case_notify, is_corruption=case.is_corruption)
    mail.enqueue(case_id=case.pk, event="receipt")


class CaseAlreadyRegistered(Exception):
    """The form's one-time token already stored a case: `case` is that one."""

    def __init__(self, case):
        super().__init__(f"case {case.pk} was registered from this form")
        self.case = case


def _case_sent_with(token):
    return Case.objects.filter(submission_token=token).first() if token else None


def case_register(
    *, case_fields, reporter_fields=None, uploads=(), recorded_by=None, instance=None
):
    """Store a case with its reporter and attachments, completely or not at all.

    `uploads` are (ContentFile, original name, content type) from `upload_clean`;
    `instance` is an unsaved Case to fill in (the admin's add form hands one over).
    Returns the case; a receipt e-mail is queued once the transaction commits.
    Raises `CaseAlreadyRegistered` when `case_fields["submission_token"]` stored
    a case before, also one stored at the same instant by another request.
    """
    fields = dict(case_fields)
    token = fields.get("submission_token")
    # Looked for before a number is taken: a form sent again uses none.
    twin = _case_sent_with(token)
    if twin:
        raise CaseAlreadyRegistered(twin)
    received_at = fields.setdefault("received_at", timezone.now())
    received_on = thai.local_date(received_at)
    fields["fiscal_year"] = thai.FiscalYear.of(received_on).be_year
    fields["report_back_due_on"], fields["resolve_due_on"] = case_deadlines(
        stream=fields.get("stream", Case.Stream.GENERAL), received_on=received_on
    )
    for name in ("subject", "details", "remedy_sought"):
        if name in fields:
            fields[name] = text_clean(fields[name])
    fields["text_fingerprint"] = text_fingerprint(fields.get("details", ""))
    # Taken before, and committed apart from, the case's own transaction: the
    # counter row is locked only for that moment, not while files are written.
    fields["number"] = _case_number_take(fields["fiscal_year"])
    stored = []
    try:
        with transaction.atomic():
            case = _case_insert(fields, recorded_by, instance or Case())
            reporter_fields = {k: text_clean(v) for k, v in (reporter_fields or {}).items()}
            Reporter.objects.create(case=case, **reporter_fields)
            attachments_save(case=case, uploads=uploads, stored=stored)
            transaction.on_commit(
                partial(case_receipt_mail, case=case),
                # Runs after the commit: a database gone at that instant must
                # not report a stored case as failed, nor remove its files.
                robust=True,
            )
    except Exception as error:
        # The rows rolled back; the files written so far must not stay behind.
        for name in stored:
            Attachment.file.field.storage.delete(name)
        # Its twin, sent at the same instant, stored the case first (the token
        # is unique); this sending's number stays unused, a gap in the register.
        twin = _case_sent_with(token) if isinstance(error, IntegrityError) else None
        if twin:
            raise CaseAlreadyRegistered(twin) from error
        raise
    return case


def attachments_save(*, case, uploads, stored):
    """Store cleaned `uploads` on `case`, naming each file written in `stored`: the
    caller deletes those if its transaction fails (files do not roll back)."""
    for content, original_name, content_type in uploads:
        attachment = Attachment(
            case=case,
            original_name=original_name,
            content_type=content_type,
            size=content.size,
        )
        attachment.file.save(content.name, content, save=False)
        stored.append(attachment.file.name)
        attachment.save()


def _case_insert(fields, recorded_by, case):
    for name, value in fields.items():
        setattr(case, name, value)
    case.recorded_by = recorded_by
    case.pin = "".join(secrets.choice(PIN_ALPHABET) for _ in range(PIN_LENGTH))
    case.save(force_insert=True)
    return case
