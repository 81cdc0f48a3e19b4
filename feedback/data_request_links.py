"""A personal data request asked by contact address, confirmed by a one-time link.

A citizen who lost their tracking code, or filed several cases, gives the
e-mail address they gave on their complaints. Whoever can read that mailbox is
the person who gave it, as far as the portal can know; so a link is mailed
there, and only opening it and pressing "confirm" files the request, covering
every case that carries the address.

The page that takes the address answers the same whether or not any case
carries it, and the link mail names no case: neither tells anyone else whether
an address is on file. The link is signed with the secret key, used once, and
expires after settings.FEEDBACK_DATA_REQUEST_LINK_HOURS.
"""

import datetime as dt
import secrets
from functools import partial

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import tasks
from feedback.data_requests import DataRequestError, data_request_file
from feedback.models import Case, DataRequest, DataRequestLink
from portal.lib.clients import rate_allow

SALT = "feedback.data_request_link"
SENT_SCOPE = "feedback:data_request_link_form"


def email_normal(value):
    """The address as it is compared: without spaces, in lower case (people
    type the same address with different capitals on different days)."""
    return (value or "").strip().lower()


def cases_by_contact(email):
    """The cases whose reporter gave `email`; none once erased or removed."""
    email = email_normal(email)
    if not email:
        return Case.objects.none()
    return Case.objects.filter(reporter__email__iexact=email).order_by("fiscal_year", "number")


def _link_life():
    return dt.timedelta(hours=settings.FEEDBACK_DATA_REQUEST_LINK_HOURS)


def data_request_link_send(*, email, kind, details="", submission_token=None, now=None):
    """Mail a one-time link to `email` if any case carries it; otherwise do
    nothing. Returns nothing either way: the caller must not tell the two apart.

    Each address gets at most FEEDBACK_DATA_REQUEST_ADDRESS_LIMIT links a day,
    whoever asks (counted for unknown addresses too), so the form cannot be
    used to flood someone's mailbox. A form page sent again (the same
    `submission_token`: a double click, a browser sending again) does nothing
    more, for a known and an unknown address alike.
    """
    now = now or timezone.now()
    email = email_normal(email)
    count, window_seconds = settings.FEEDBACK_DATA_REQUEST_ADDRESS_LIMIT
    # Spent on a counter, not on the link: an unknown address stores no link,
    # and a resend must cost it no more of its allowance than a known one.
    if submission_token is not None and not rate_allow(
        scope=SENT_SCOPE, key=str(submission_token), limit=1, window_seconds=window_seconds
    ):
        return
    if not rate_allow(
        scope="feedback:data_request_link", key=email, limit=count, window_seconds=window_seconds
    ):
        return
    data_request_links_expire(now=now)
    streams = set(cases_by_contact(email).values_list("stream", flat=True))
    if not streams:
        return
    with transaction.atomic():
        link = DataRequestLink.objects.create(
            email=email,
            kind=kind,
            details=details,
            nonce=secrets.token_urlsafe(24),
            created_at=now,
        )
        # A corruption reporter's mail waits on the sealed queue, like every
        # other mail about their report (feedback.tasks.for_case).
        mail = tasks.for_case(
            tasks.data_request_link_mail, is_corruption=Case.Stream.CORRUPTION in streams
        )
        transaction.on_commit(partial(mail.enqueue, link_id=link.pk), robust=True)


def data_request_links_expire(*, now=None):
    """Forget the links past their life, which open nothing, and the addresses
    and words they hold; a used link keeps its address until the answer is
    mailed there. Run on each new link and daily (feedback_purge_expired), so
    an address asked about once is not kept for want of a second visitor.
    Returns how many were forgotten."""
    now = now or timezone.now()
    unused = Q(used_at__isnull=True) | Q(email="")
    expired = DataRequestLink.objects.filter(unused, created_at__lt=now - _link_life())
    return expired.delete()[0]


def data_request_link_token(link):
    return signing.Signer(salt=SALT).sign(f"{link.pk}.{link.nonce}")


def data_request_link_open(token, *, now=None):
    """The link `token` stands for, or DataRequestError saying in Thai why it
    opens nothing (altered or unknown, expired, already used). A used link is
    returned with the error's `link`, so its own browser finds the receipt."""
    now = now or timezone.now()
    try:
        pk, nonce = signing.Signer(salt=SALT).unsign(token).split(".", 1)
        link = DataRequestLink.objects.get(pk=int(pk), nonce=nonce)
    except (signing.BadSignature, ValueError, DataRequestLink.DoesNotExist):
        raise DataRequestError(
            _("This link is not valid. Please copy the whole link from the e-mail, or ask again.")
        ) from None
    if link.used_at is not None:
        error = DataRequestError(_("This link was already used: each link works once."))
        error.link = link
        raise error
    if link.created_at + _link_life() < now:
        raise DataRequestError(_("This link has expired. Please ask again for a new one."))
    return link


def data_request_link_confirm(*, token, now=None):
    """File the request the link stands for, covering every case that carries
    its address now, and spend the link. It keeps the address, the one the
    answer is mailed to (feedback.tasks.data_request_answer_mail), and nothing
    else. DataRequestError (Thai) if the link opens nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        link = data_request_link_open(token, now=now)
        link = DataRequestLink.objects.select_for_update().get(pk=link.pk)
        if link.used_at is not None:  # confirmed by a second click meanwhile
            return link.data_request
        cases = list(cases_by_contact(link.email))
        if not cases:  # erased or removed since the link was sent
            raise DataRequestError(_("No case holds this address any more."))
        request = data_request_file(
            kind=link.kind, cases=cases, channel=DataRequest.Channel.LINK, details=link.details
        )
        link.used_at = now
        link.data_request = request
        link.details = ""  # now the request's own
        link.save(update_fields=["used_at", "data_request", "details"])
    return request
