"""Personal data requests (PDPA s.30-35): filing one, answering it, erasing.

The citizen files from the tracking page, or the request form with their
tracking code: holding the code and PIN is what shows the case is theirs. Or
by the contact address they gave, confirmed by a one-time link mailed there
(feedback.data_request_links): the request then covers every case with it.
Staff answer in the admin within the 30 days the Act gives.
"""

import datetime as dt
from functools import partial

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import tasks
from feedback.deadlines import days_add
from feedback.models import Case, Counter, DataRequest, Reporter
from feedback.models.data_request import ANSWER_DAYS
from feedback.personal_data import personal_data_erase
from feedback.personal_traces import person_pattern, text_scrub
from feedback.services import text_clean
from portal.lib import thai


class DataRequestError(Exception):
    """A request that cannot be answered so (the message says why, in Thai)."""


def data_request_file(*, kind, channel, case=None, cases=(), details="", now=None):
    """Record a request about `case` (or each of `cases`: asked by contact
    address), due 30 calendar days after receipt (the Act counts days, not
    working days). Asking again for the same thing while it is being handled
    gives back the request already open (`_request_once`)."""
    cases = [case] if case is not None else list(cases)
    request, _created = _request_once(
        kind=kind,
        cases=cases,
        details=details,
        create=lambda: _request_create(
            cases=cases,
            received_at=now or timezone.now(),
            kind=kind,
            channel=channel,
            details=details,
        ),
    )
    return request


def _request_once(*, kind, cases, details, create, requester_name=""):
    """The request already open for the same thing, or the one `create()`
    makes; and whether it was made now. The same thing: the same kind, on
    exactly the same cases, and, for a request typed in by staff, asked by the
    same person. A double click, a form sent again after a slow answer or a
    second visit makes no second record and no second 30-day clock; what it
    adds to the words joins the open request."""
    with transaction.atomic():
        # Two sendings at once (a double click) take their turn here, so the
        # second finds the request the first one made.
        ids = sorted(case.pk for case in cases)
        list(Case.objects.select_for_update().filter(pk__in=ids).order_by("pk").values_list("pk"))
        open_already = (
            DataRequest.objects.open()
            .filter(kind=kind)
            .annotate(
                covered=Count("cases", filter=Q(cases__in=cases), distinct=True),
                total=Count("cases", distinct=True),
            )
            # The same cases, no more: a request asked by address also covers a
            # case someone else typed that address on, who must not be handed it.
            .filter(covered=len(cases), total=len(cases))
        )
        if requester_name:
            open_already = open_already.filter(requester_name__iexact=requester_name)
        open_already = open_already.order_by("received_at", "pk").first()
        if open_already is None:
            return create(), True
        # What a second visit adds (another wrong field...) joins the request.
        added = text_clean(details)
        if added and added not in open_already.details:
            open_already.details = "\n\n".join(filter(None, [open_already.details, added]))
            open_already.save(update_fields=["details"])
        return open_already, False


def data_request_record(
    *,
    kind,
    channel,
    cases,
    received_on,
    requester_name,
    identity_check,
    by,
    details="",
    now=None,
):
    """Record a request that came on paper, at the counter, by e-mail or letter,
    typed in by the officer `by`: due 30 days after the day it was received
    (not the day it was typed in), answered like a request from the site.
    Returns (request, created): the same person's request for the same thing
    still open is given back, not recorded twice (`_request_once`)."""
    now = now or timezone.now()
    if channel in DataRequest.WEB_CHANNELS:
        raise DataRequestError(_("Choose how the request arrived."))
    if received_on > thai.local_date(now):
        raise DataRequestError(_("The date received cannot be in the future."))
    if not cases:
        raise DataRequestError(_("Choose the case(s) the request concerns."))
    if not identity_check.strip():
        raise DataRequestError(_("Say how the person's identity was checked."))
    received_at = (
        now
        if received_on == thai.local_date(now)
        else timezone.make_aware(dt.datetime.combine(received_on, dt.time()))
    )
    requester_name = text_clean(requester_name)
    return _request_once(
        kind=kind,
        cases=cases,
        details=details,
        requester_name=requester_name,
        create=lambda: _request_create(
            cases=cases,
            received_at=received_at,
            kind=kind,
            channel=channel,
            details=details,
            requester_name=requester_name,
            identity_check=text_clean(identity_check),
            recorded_by=by,
        ),
    )


def _request_create(*, cases, received_at, details, **fields):
    received_on = thai.local_date(received_at)
    fiscal_year = thai.FiscalYear.of(received_on).be_year
    number = Counter.objects.take(f"data_request:{fiscal_year}")
    with transaction.atomic():
        request = DataRequest.objects.create(
            fiscal_year=fiscal_year,
            number=number,
            details=text_clean(details),
            received_at=received_at,
            due_on=days_add(start=received_on, days=ANSWER_DAYS, working=False),
            **fields,
        )
        request.cases.add(*cases)
    return request


def data_request_answer(*, request, by, status, answer="", now=None):
    """Close `request` as done or refused, with the answer the citizen reads on
    the tracking page. Done on an erasure request erases the person's data from
    its cases (feedback.personal_data) in the same transaction."""
    now = now or timezone.now()
    if status not in (DataRequest.Status.DONE, DataRequest.Status.REFUSED):
        raise DataRequestError(_("Choose whether the request was done or refused."))
    if status == DataRequest.Status.REFUSED and not answer.strip():
        raise DataRequestError(_("A refusal must give its legal ground to the citizen."))
    with transaction.atomic():
        request = DataRequest.objects.select_for_update().get(pk=request.pk)
        if not request.is_open:
            raise DataRequestError(_("This request was already answered."))
        if status == DataRequest.Status.DONE and request.kind == DataRequest.Kind.ERASE:
            cases = list(request.cases.all())
            # The answer may name the person too ("คุณมาลี's data was erased").
            pattern = person_pattern(cases)
            answer = text_scrub(pattern, answer)
            personal_data_erase(
                cases=cases,
                now=now,
                reason=lambda count: (
                    _("Personal data and %(count)s attachment(s) erased at request %(ref)s")
                    % {"count": count, "ref": request.reference}
                ),
            )
            # Its own texts were erased too: the version saved below must not
            # bring them back into the history.
            request.refresh_from_db()
        request.status = status
        request.answer = text_clean(answer)
        request.answered_at = now
        request.answered_by = by
        request.save(update_fields=["status", "answer", "answered_at", "answered_by"])
    if request.channel == DataRequest.Channel.LINK:
        _answer_mail(request)
    return request


def _answer_mail(request):
    """Asked by contact address, the answer is mailed to the address the link
    confirmed: the person may hold no tracking code to read it on the site.
    About a corruption report, the mail waits on the sealed queue."""
    sealed = request.cases.filter(stream=Case.Stream.CORRUPTION).exists()
    mail = tasks.for_case(tasks.data_request_answer_mail, is_corruption=sealed)
    transaction.on_commit(partial(mail.enqueue, request_id=request.pk), robust=True)


def case_reporter_corrected(*, case, fields):
    """Record in `case`'s history that its reporter's `fields` (names of
    Reporter fields) were corrected, naming the open correction request(s);
    the officer then answers the request as done."""
    asked = DataRequest.objects.open().filter(kind=DataRequest.Kind.CORRECT, cases=case)
    if not case.is_corruption:
        # A general case's history is read by every case handler: a request
        # that also concerns a corruption report is not named there, or its
        # number would tell them such a report exists (DataRequest.objects.visible_to).
        asked = asked.exclude(cases__stream=Case.Stream.CORRUPTION)
    labels = [str(Reporter._meta.get_field(name).verbose_name) for name in sorted(fields)]
    case._change_reason = _("Reporter's %(fields)s corrected at request %(refs)s") % {
        "fields": ", ".join(labels),
        "refs": ", ".join(r.reference for r in asked) or "-",
    }
    case.save(update_fields=["updated_at"])
