"""The personal data a case holds: what it is, and removing it.

Two ways lead here: the retention period ending (feedback.retention) and the
person asking for erasure (feedback.data_requests, PDPA s.33). Both remove the
reporter's name and contact details, the name of whoever asked about the cases,
the attachments, and the person's name, e-mail and telephone wherever officers
or the person wrote them (feedback.personal_traces). Both keep the case row
(type, channel, dates, status, outcome, mission group, rating score), so the
published statistics and the ITA evidence do not change.
"""

import re
from functools import partial

from django.db import transaction
from django.db.models import Count
from django.db.models.functions import Lower, Trim
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from feedback.models import (
    Attachment,
    Case,
    CitizenMessage,
    DataRequest,
    DataRequestLink,
    HandlingRating,
    Reporter,
)
from feedback.personal_traces import (
    CASE_TEXT_FIELDS,
    case_text_scrub,
    person_pattern,
    person_traces_scrub,
)

# What staff see in place of a reporter whose data is gone, whichever way it went
# (the case's history says which, and when).
REMOVED_LABEL = gettext_lazy("Personal data removed (retention period ended, or erased on request)")

# What stands in, on the case and in every version of its history, for the
# words the person wrote once they asked for erasure.
ERASED_TEXT = gettext_lazy("(erased at the request of the person concerned)")


def personal_data_remove(*, cases, now, reason, one_person=False):
    """Remove the reporters' details, the attachments and every trace of the
    person (name, e-mail, telephone) in the text of `cases` (a list of Case),
    in one transaction; `reason(count)` is the history's change reason.
    Each case loses its own person only (the day's purge takes many people's
    cases at once, and one's name may be another's official or neighbour):
    cases whose reporters gave the same e-mail or telephone are one person's,
    whose name, e-mail or telephone given on any of them goes from all; so
    are all `cases` with `one_person` (erasure at the person's request).
    Files are deleted only after the commit, so a failure leaves nothing half
    done and a success leaves no file behind. Returns {case pk: attachments removed}."""
    ids = [case.pk for case in cases]
    attachments = Attachment.objects.filter(case_id__in=ids)
    files = list(attachments.values_list("file", flat=True))
    per_case = dict(
        attachments.values("case_id").annotate(n=Count("pk")).values_list("case_id", "n")
    )
    reporters = Reporter.objects.filter(case_id__in=ids)
    emails = {email.strip().lower() for email in reporters.values_list("email", flat=True)}
    # Read before the reporters are emptied.
    patterns = {}
    for persons_cases in [cases] if one_person else _by_person(cases):
        patterns |= dict.fromkeys([c.pk for c in persons_cases], person_pattern(persons_cases))
    with transaction.atomic():
        reporters.update(name="", phone="", email="", address="")
        _links_forget(emails - {""})
        attachments.delete()
        for case in cases:
            case_text_scrub(patterns[case.pk], case)
            case.personal_data_purged_at = now
            case._change_reason = reason(per_case.get(case.pk, 0))
            # Not `updated_at`: the public statistics show it as their last change.
            case.save(update_fields=["personal_data_purged_at", *CASE_TEXT_FIELDS])
        # The person asking about the cases, once none of their cases keeps it.
        DataRequest.objects.filter(cases__in=ids).exclude(
            cases__personal_data_purged_at__isnull=True
        ).update(requester_name="")
        for case in cases:
            person_traces_scrub(pattern=patterns[case.pk], cases=[case])
        transaction.on_commit(partial(_files_delete, files))
    return {case.pk: per_case.get(case.pk, 0) for case in cases}


def personal_data_erase(*, cases, now, reason):
    """Erasure at the person's request: everything `personal_data_remove` does,
    and the words they wrote (the case's subject, details and remedy, their
    later messages, the comment of their rating, what they wrote in their
    requests) replaced, in the case's history versions too, so no table keeps
    them. The rating's score stays: it is counted in the statistics."""
    ids = [case.pk for case in cases]
    erased = str(ERASED_TEXT)
    text = {"subject": erased, "details": erased, "remedy_sought": ""}
    with transaction.atomic():
        for case in cases:
            for name, value in text.items():
                setattr(case, name, value)
            # The duplicate check's hash of the words: gone with them, so the
            # erased text can no longer be matched against the case.
            case.text_fingerprint = ""
            # Saved before the removal below, whose save writes the version that
            # records the erasure: that version carries the erased words too.
            case.save_without_historical_record(update_fields=[*text, "text_fingerprint"])
        Case.history.filter(id__in=ids).update(**text)
        # A reopening must keep a reason (a database check): the words are replaced.
        CitizenMessage.objects.filter(case_id__in=ids).update(body=erased)
        HandlingRating.objects.filter(case_id__in=ids).update(comment="")
        # Earlier requests' texts and their answers (a correction's answer may
        # repeat the corrected name) go too, in the answers' history versions.
        earlier = DataRequest.objects.filter(cases__in=ids)
        earlier.update(details="")
        earlier.exclude(answer="").update(answer=erased)
        DataRequest.history.filter(id__in=earlier.values("pk")).exclude(answer="").update(
            answer=erased
        )
        # Their details, their name asking, and what officers wrote about them
        # (replies, notes, the outcome, the log) go as at the end of retention.
        return personal_data_remove(cases=cases, now=now, reason=reason, one_person=True)


# The tracking page speaks to the person ("ท่าน"); the staff request page
# speaks about them.
_WORDS_TO_THE_PERSON = {
    "wrote": gettext_lazy("What you wrote"),
    "messages": gettext_lazy("Messages you sent after filing"),
    "notice": gettext_lazy("Privacy notice you acknowledged"),
}
_WORDS_TO_STAFF = {
    "wrote": gettext_lazy("What the requester wrote"),
    "messages": gettext_lazy("Messages the requester sent after filing"),
    "notice": gettext_lazy("Privacy notice the requester acknowledged"),
}


def personal_data_summary(case, *, to_staff=False):
    """What the portal holds about the person who filed `case`, as (label, value)
    rows: the answer to a request to see it, in the words of the tracking page,
    or, `to_staff`, of the officer's request page."""
    words = _WORDS_TO_STAFF if to_staff else _WORDS_TO_THE_PERSON
    reporter = getattr(case, "reporter", None)
    missing = _("not given")
    rows = []
    if case.personal_data_purged_at:
        rows.append((_("Name and contact details"), _("Removed")))
    elif case.is_anonymous or reporter is None:
        rows.append((_("Name and contact details"), _("None: filed anonymously")))
    else:
        rows += [
            (_("Name"), reporter.name or missing),
            (_("Telephone"), reporter.phone or missing),
            (_("E-mail"), reporter.email or missing),
            (_("Address"), reporter.address or missing),
        ]
    names = [a.original_name for a in case.attachments.all()]
    rows += [
        (
            words["wrote"],
            _("The subject and details of case %(number)s") % {"number": case.tracking_number},
        ),
        (_("Attached files"), ", ".join(names) if names else _("none")),
        (words["messages"], str(case.citizen_messages.count())),
        (words["notice"], case.privacy_notice_version or missing),
    ]
    return rows


_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _by_person(cases):
    """`cases` grouped by person: linked by a reporter's e-mail or telephone
    (its digits), directly or through another of the cases."""
    contacts = {}
    rows = Reporter.objects.filter(case__in=cases).values_list("case_id", "email", "phone")
    for case_id, email, phone in rows:
        digits = re.sub(r"\D", "", phone.translate(_ARABIC_DIGITS))
        # As short as person_pattern leaves alone, a number tells no one apart.
        found = {("e", email.strip().lower()), ("p", digits if len(digits) >= 6 else "")}
        contacts[case_id] = found - {("e", ""), ("p", "")}
    groups = []  # [(contacts, cases)]
    for case in cases:
        mine, together = set(contacts.get(case.pk, ())), [case]
        for group in [g for g in groups if mine and g[0] & mine]:
            groups.remove(group)
            mine |= group[0]
            together += group[1]
        groups.append((mine, together))
    return [together for _contacts, together in groups]


def _links_forget(emails):
    """Links asked by contact address (feedback.data_request_links) not yet
    used hold the address and the words asked: forget those of an address no
    case carries any more. Their confirmation would find no case anyway. A
    used link keeps its address until the answer is mailed there."""
    on_file = (
        Reporter.objects.annotate(address_normal=Lower(Trim("email")))
        .filter(address_normal__in=emails)
        .values_list("address_normal", flat=True)
    )
    DataRequestLink.objects.filter(used_at__isnull=True, email__in=emails - set(on_file)).delete()


def _files_delete(names):
    storage = Attachment.file.field.storage
    for name in names:
        storage.delete(name)
