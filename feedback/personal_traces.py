"""Where else a person's name, e-mail and telephone turn up once their data
goes, at the end of the retention period or at their request (PDPA s.33): in
what officers and they themselves wrote about their case.

The reporter's own fields are emptied by feedback.personal_data; but a reply
begins "เรียน คุณมาลี", a note says "โทรกลับ 086-111-2222", a correction's
answer repeats the name, the details end "ติดต่อ 086-111-2222", and the
admin's own log names the reporter row it changed. Each occurrence there is
replaced by a short placeholder, in the rows and in every history version of
them, and the words around it stay: what was done on the case remains on
record, the person does not. The same goes for a public FAQ entry written from
the case. Both ways of removal go through here: one rule, one list of fields.
"""

import json
import re

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy

from feedback.models import (
    FAQ,
    Case,
    CaseEntry,
    CitizenMessage,
    CorruptionReport,
    DataRequest,
    HandlingRating,
    Reporter,
)

PLACEHOLDER = gettext_lazy("[personal data removed]")

# Said before a Thai name and not part of it: officers write the name with
# or without them ("นางสาวมาลี", "คุณมาลี", "มาลี").
_TITLES = ("นางสาว", "น.ส.", "นาง", "นาย", "เด็กชาย", "เด็กหญิง", "ด.ช.", "ด.ญ.", "คุณ")

# A given name or surname this short is also an everyday word.
_SHORTEST_NAME_PART = 3

# The text written about a case, per model: its rows' fields and their
# history's. Add a field here when you add text officers or citizens write.
# On the case itself: what officers wrote, then what the person wrote (which
# erasure also replaces whole, feedback.personal_data; at the end of the
# retention period the words stay on record without the person's name).
OFFICERS_CASE_FIELDS = ["outcome", "referred_to", "incoming_reference", "referral_reference"]
CASE_TEXT_FIELDS = [*OFFICERS_CASE_FIELDS, "subject", "details", "remedy_sought"]
_TEXT_ON_A_CASE = {
    Case: CASE_TEXT_FIELDS,
    CaseEntry: ["body"],
    DataRequest: ["answer", "identity_check", "details"],
    CitizenMessage: ["body"],
    HandlingRating: ["comment"],
    # Written from the case for everyone to read: staff are asked to leave the
    # person out, but the public page must not keep them if they did not.
    FAQ: ["question", "answer"],
}


def _name_variants(name):
    bare = name
    for title in _TITLES:
        if bare.startswith(title):
            bare = bare[len(title) :].strip()
            break
    parts = [part for part in bare.split() if len(part) >= _SHORTEST_NAME_PART]
    return {name, bare, *parts} - {""}


def _phone_pattern(phone):
    """The number's digits, Arabic or Thai, with any spaces, dots or dashes
    between them: "0861112222" also matches "086-111-2222" and "๐๘๖ ๑๑๑ ๒๒๒๒",
    and a Thai number's leading 0 may be written as the country code
    ("+66 86 111 2222", "66861112222")."""
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 6:
        return None  # too short to be told from any other number
    separator = r"[\s.-]?"
    pattern = separator.join(f"[{d}{chr(0x0E50 + int(d))}]" for d in digits[1:])
    first = f"[{digits[0]}{chr(0x0E50 + int(digits[0]))}]"
    if digits[0] == "0":
        first = rf"(?:{first}|\+?[6๖][6๖]{separator})"
    return first + separator + pattern


def person_pattern(cases):
    """One pattern matching the name, e-mail or telephone of whoever filed
    `cases` or asked about them (a request on paper names its requester);
    None if they left none."""
    ids = [case.pk for case in cases]
    reporters = Reporter.objects.filter(case_id__in=ids).values_list("name", "email", "phone")
    requesters = DataRequest.objects.filter(cases__in=ids).values_list("requester_name", flat=True)
    alternatives = set()
    for name in [*(r[0] for r in reporters), *requesters]:
        alternatives |= {re.escape(v) for v in _name_variants(name.strip())}
    for _name, email, phone in reporters:
        if email.strip():
            alternatives.add(re.escape(email.strip()))
        if phone_pattern := _phone_pattern(phone):
            alternatives.add(phone_pattern)
    if not alternatives:
        return None
    # Longest first: the whole name goes before a part of it can.
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile("|".join(ordered), re.IGNORECASE)


def text_scrub(pattern, text, max_length=None):
    """`text` with the person replaced; cut to `max_length` (the placeholder
    may be longer than the name it replaces)."""
    if pattern is None or not text:
        return text
    return pattern.sub(str(PLACEHOLDER), text)[:max_length]


def case_text_scrub(pattern, case):
    """Scrub the text fields of `case` in place (the caller saves it, writing
    the history version that records the removal)."""
    for name in CASE_TEXT_FIELDS:
        limit = Case._meta.get_field(name).max_length
        setattr(case, name, text_scrub(pattern, getattr(case, name), limit))


def _rows_scrub(pattern, queryset, fields):
    limits = {name: queryset.model._meta.get_field(name).max_length for name in fields}
    for row in queryset.only("pk", *fields):
        changed = {name: text_scrub(pattern, getattr(row, name), limits[name]) for name in fields}
        changed = {name: v for name, v in changed.items() if v != getattr(row, name)}
        if changed:
            queryset.model.objects.filter(pk=row.pk).update(**changed)


def _case_rows(model, ids):
    """`model`'s rows belonging to the cases `ids` (itself a case, or one of its rows)."""
    if model is Case:
        return {"id__in": ids}
    if model is DataRequest:
        return {"id__in": DataRequest.objects.filter(cases__in=ids).values("pk")}
    if model is FAQ:
        return {"source_case_id__in": ids}
    return {"case_id__in": ids}


def person_traces_scrub(*, pattern, cases):
    """Replace the person's occurrences in the text on `cases`: the rows (a
    case's own fields are the caller's, see case_text_scrub), their history
    versions, and the admin log's entries about the cases."""
    if pattern is None:
        return
    ids = [case.pk for case in cases]
    for model, fields in _TEXT_ON_A_CASE.items():
        where = _case_rows(model, ids)
        if model is not Case:
            _rows_scrub(pattern, model.objects.filter(**where), fields)
        if not hasattr(model, "history"):
            continue
        history = model.history.model
        kept = [name for name in fields if any(f.name == name for f in history._meta.fields)]
        _rows_scrub(pattern, history.objects.filter(**where), kept)
    _admin_log_scrub(pattern, cases)


def _admin_log_scrub(pattern, cases):
    """The admin's log names the objects it changed (a reporter row by the
    reporter's name) and the case by its subject."""
    types = ContentType.objects.get_for_models(Case, CorruptionReport, for_concrete_models=False)
    entries = LogEntry.objects.filter(
        content_type__in=types.values(), object_id__in=[str(case.pk) for case in cases]
    )
    shown = {str(case.pk): str(case)[:200] for case in cases}
    for entry in entries:
        message = entry.change_message
        try:
            message = json.dumps(_json_scrub(pattern, json.loads(message)))
        except ValueError:
            message = text_scrub(pattern, message)
        LogEntry.objects.filter(pk=entry.pk).update(
            object_repr=shown[entry.object_id], change_message=message
        )


def _json_scrub(pattern, value):
    if isinstance(value, str):
        return text_scrub(pattern, value)
    if isinstance(value, list):
        return [_json_scrub(pattern, item) for item in value]
    if isinstance(value, dict):
        return {key: _json_scrub(pattern, item) for key, item in value.items()}
    return value
