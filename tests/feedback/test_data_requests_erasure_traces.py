"""Erasure (PDPA s.33) also takes the person out of what officers wrote: their
name, e-mail and telephone in replies, notes, the outcome, a request's answer
and the admin's log — rows and history versions alike — and the hash the
duplicate check keeps of their words. The case stays counted."""

import datetime as dt
import json

import pytest
from django.contrib.admin import helpers
from django.contrib.admin.models import CHANGE, LogEntry
from django.urls import reverse
from django.utils import timezone

from feedback.models import AccessRecord, Case, CaseEntry, DataRequest, HandlingRating, Reporter
from feedback.personal_traces import person_pattern, text_scrub
from feedback.services import case_note, case_reply, text_fingerprint
from portal.lib import thai
from portal.lib.be_dates import be_date_format
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

NAME, GIVEN, FAMILY = "นางสาวพิมพ์ชนก ศรีสุขสวัสดิ์", "พิมพ์ชนก", "ศรีสุขสวัสดิ์"
PHONE, EMAIL = "0861112222", "pimchanok.erase@example.org"
DETAILS = "ถนนหน้าโรงเรียนเป็นหลุมลึก รถจักรยานยนต์ล้มทุกวัน คำเฉพาะ-Z9"
# Every way the person may still be written somewhere.
TRACES = [
    *(NAME, GIVEN, FAMILY, PHONE, "086-111-2222", "๐๘๖ ๑๑๑ ๒๒๒๒", "+66 86 111 2222"),
    *(EMAIL, EMAIL.upper()),
]
PLACEHOLDER = "[ลบข้อมูลส่วนบุคคลแล้ว]"


def _statistics(client):
    year = thai.FiscalYear.current().be_year
    stats = client.get(reverse("feedback:statistics_year", args=[year])).context["stats"]
    general = stats["totals"]["general"]
    return general["received"], general["completed"]


@pytest.fixture
def case(agency, triage_officer, mission_group):
    case = fb.case(
        subject=f"ถนนชำรุด แจ้งโดย {NAME}",
        details=DETAILS,
        reporter={"name": NAME, "phone": PHONE, "email": EMAIL},
    )
    case_reply(case=case, by=triage_officer, body=f"เรียน คุณ{GIVEN} หน่วยงานรับเรื่องแล้ว")
    note = case_note(case=case, by=triage_officer, body="โทรกลับที่ 086-111-2222")
    note.body += f" หรือเขียนถึง {EMAIL.upper()}"
    note.save()  # a second history version of the note
    case_note(case=case, by=triage_officer, body=f"ผู้ร้อง ({FAMILY}) แจ้งเบอร์ ๐๘๖ ๑๑๑ ๒๒๒๒")
    case_note(case=case, by=triage_officer, body="เบอร์ที่ติดต่อจากต่างประเทศ +66 86 111 2222")
    fb.case_complete(
        case, officer=triage_officer, group=mission_group, outcome=f"แจ้ง {NAME} ว่าซ่อมแล้ว"
    )
    # The admin's log names the reporter row it changed, and the case by its subject.
    LogEntry.objects.log_actions(
        triage_officer.pk,
        [Case.objects.get(pk=case.pk)],
        CHANGE,
        change_message=[{"changed": {"name": "reporter", "object": NAME, "fields": ["phone"]}}],
    )
    return Case.objects.get(pk=case.pk)


def _rows_text(case):
    """Every stored value of every row about the case, JSON decoded."""
    entries = CaseEntry.objects.filter(case=case)
    requests = DataRequest.objects.filter(cases=case)
    querysets = [
        Case.objects.filter(pk=case.pk),
        Case.history.filter(id=case.pk),
        Reporter.objects.filter(case=case),
        entries,
        CaseEntry.history.filter(case_id=case.pk),
        requests,
        DataRequest.history.filter(id__in=requests.values("pk")),
        HandlingRating.objects.filter(case=case),
        AccessRecord.objects.all(),
        LogEntry.objects.all(),
    ]
    text = []
    for queryset in querysets:
        for row in queryset.values():
            text += [str(value) for value in row.values()]
    for message in LogEntry.objects.values_list("change_message", flat=True):
        text.append(json.dumps(json.loads(message), ensure_ascii=False))
    return "\n".join(text)


def test_erasure_leaves_no_trace_of_the_person_and_the_case_counted(
    client, case, triage_officer, django_capture_on_commit_callbacks
):
    fb.case()  # another general complaint, left alone
    before = _statistics(client)
    assert before == (2, 1)  # counted by hand: two received, one completed
    text = _rows_text(case)
    assert all(trace in text for trace in TRACES)  # the test sees them before

    login_staff(client, triage_officer)
    # An erasure asked at the counter, recorded by the officer, then done.
    add = reverse("admin:feedback_datarequest_add")
    admin_post(
        client,
        add,
        received_on=be_date_format(timezone.localdate()),
        channel="counter",
        kind="erase",
        requester_name=NAME,
        identity_check=f"บัตรประจำตัวประชาชนของ {NAME}",
        details="",
        cases=[str(case.pk)],
    )
    request = DataRequest.objects.get(cases=case)
    assert request.recorded_by_staff and request.due_on == timezone.localdate() + dt.timedelta(30)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_post(
            client,
            reverse("admin:feedback_datarequest_change", args=[request.pk]),
            outcome="done",
            erasure_confirmed="on",
            answer=f"ลบข้อมูลของคุณ{GIVEN} ครบแล้ว",
        )
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == DataRequest.Status.DONE
    export = client.post(
        reverse("admin:feedback_case_changelist"),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [case.pk]},
    )
    assert export.status_code == 200

    text = _rows_text(case) + export.content.decode("utf-8-sig")
    for trace in TRACES:
        assert trace not in text, trace
    # The officers' words around the person stay on record.
    reply, first_note, second_note, third_note = CaseEntry.objects.filter(case=case).order_by("pk")
    assert reply.body == f"เรียน คุณ{PLACEHOLDER} หน่วยงานรับเรื่องแล้ว"
    assert first_note.body == f"โทรกลับที่ {PLACEHOLDER} หรือเขียนถึง {PLACEHOLDER}"
    assert second_note.body == f"ผู้ร้อง ({PLACEHOLDER}) แจ้งเบอร์ {PLACEHOLDER}"
    assert third_note.body == f"เบอร์ที่ติดต่อจากต่างประเทศ {PLACEHOLDER}"
    erased = Case.objects.get(pk=case.pk)
    assert erased.outcome == f"แจ้ง {PLACEHOLDER} ว่าซ่อมแล้ว"
    assert request.answer == f"ลบข้อมูลของคุณ{PLACEHOLDER} ครบแล้ว"
    assert request.identity_check == f"บัตรประจำตัวประชาชนของ {PLACEHOLDER}"
    # The duplicate check's hash is gone: the erased words match no case.
    assert erased.text_fingerprint == ""
    assert not Case.objects.filter(text_fingerprint=text_fingerprint(DETAILS)).exists()

    client.logout()
    assert _statistics(client) == before


def test_a_short_name_part_is_no_everyday_word_removed(agency):
    case = fb.case(reporter={"name": "นายดี มีสุข", "email": "", "phone": "081"})
    pattern = person_pattern([case])
    assert text_scrub(pattern, "ดีมาก คุณมีสุข นายดี มีสุข") == (f"ดีมาก คุณ{PLACEHOLDER} {PLACEHOLDER}")
