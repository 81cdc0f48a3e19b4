"""Attack on removal at the end of the retention period (PDPA s.37(3)): once
the daily purge (`feedback_purge_expired --apply`) has passed over a closed
case, search every table of the database, as a dump would, for the reporter's
name, e-mail and telephone (Arabic and Thai digits), and the public pages.

The person filed a complaint on the site naming themselves in it, added a
message and a rating comment naming themselves, asked at the counter and by
e-mail address to see their data; officers replied, noted, wrote the outcome,
answered the requests and a public FAQ entry naming them, and the admin's log
names the reporter row it changed. Unlike erasure, the person's own words stay
on record, with only their name and contact replaced.
"""

import datetime as dt
import io
import uuid

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback.data_request_links import data_request_link_token
from feedback.follow_up import case_information_add, case_rate
from feedback.models import FAQ, Case, CaseEntry, CitizenMessage, DataRequest, DataRequestLink
from feedback.services import case_note, case_reply, case_transition
from portal.lib import thai
from portal.lib.be_dates import be_date_format
from tests import factories
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.security.dumps import database_dump, traces_found

pytestmark = pytest.mark.django_db

NAME, GIVEN, FAMILY = "นายธนากร วงศ์สวัสดิ์ศรี", "ธนากร", "วงศ์สวัสดิ์ศรี"
PHONE, EMAIL = "0837654219", "thanakorn.retention@example.org"
TRACES = [GIVEN, FAMILY, EMAIL, PHONE, "083-765-4219", "๐๘๓๗๖๕๔๒๑๙", "๐๘๓ ๗๖๕ ๔๒๑๙"]
PLACEHOLDER = "[ลบข้อมูลส่วนบุคคลแล้ว]"
IMMEDIATE = {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}


def _found(text):
    return traces_found(text, TRACES, (PHONE, "๐๘๓๗๖๕๔๒๑๙"))


def _statistics(client):
    year = thai.FiscalYear.current().be_year
    response = client.get(reverse("feedback:statistics_year", args=[year]))
    assert response.status_code == 200
    stats = response.context["stats"]
    general = stats["totals"]["general"]
    follow = {row["key"]: row for row in stats["follow_up"]["streams"]}["general"]
    return general["received"], general["completed"], follow["rating"].n


def _see_request_at_the_counter(client, officer, case):
    login_staff(client, officer)
    admin_post(
        client,
        reverse("admin:feedback_datarequest_add"),
        received_on=be_date_format(timezone.localdate()),
        channel="counter",
        kind="see",
        requester_name=NAME,
        identity_check=f"บัตรประจำตัวประชาชนของ {NAME}",
        details="",
        cases=[str(case.pk)],
    )
    request = DataRequest.objects.get(channel="counter")
    admin_post(
        client,
        reverse("admin:feedback_datarequest_change", args=[request.pk]),
        outcome="done",
        answer=f"แจ้งคุณ{GIVEN} ทาง {PHONE} แล้ว",
    )
    client.logout()


def _see_request_by_address(client, officer, on_commit):
    data = {"email": EMAIL, "kind": "see", "details": f"ข้าพเจ้า {NAME} โทร {PHONE}"}
    data["submission_token"] = str(uuid.uuid4())  # the form page's one-time token
    client.post(reverse("feedback:data_request_by_address"), data)
    link = DataRequestLink.objects.get()
    path = reverse("feedback:data_request_confirm", args=[data_request_link_token(link)])
    assert client.post(path).status_code == 302
    request = DataRequest.objects.get(channel="link")
    login_staff(client, officer)
    # The answer is mailed to the confirmed address, which the link then forgets.
    with on_commit(execute=True):
        admin_post(
            client,
            reverse("admin:feedback_datarequest_change", args=[request.pk]),
            outcome="done",
            answer=f"เรียนคุณ{NAME} ข้อมูลที่เก็บไว้คือชื่อและ {EMAIL}",
        )
    assert [m.to for m in mail.outbox][-1] == [EMAIL]
    client.logout()


@pytest.fixture
def expired(client, agency, triage_officer, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": IMMEDIATE}
    form = fb.form_data(
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        subject=f"ถนนชำรุด ({GIVEN})",
        details=f"ถนนหน้าบ้านเป็นหลุม ติดต่อ {PHONE}",
        remedy_sought=f"ขอให้แจ้งผลทาง {EMAIL}",
    )
    assert client.post(reverse("feedback:submit"), form).status_code == 302
    case = Case.objects.get(reporter__email=EMAIL)
    case_reply(case=case, by=triage_officer, body=f"เรียน คุณ{GIVEN} รับเรื่องแล้ว โทร 083-765-4219")
    case_note(case=case, by=triage_officer, body="โทรกลับที่ ๐๘๓ ๗๖๕ ๔๒๑๙")
    case_information_add(case=case, body=f"ข้าพเจ้า {NAME} ขอแจ้งเพิ่มเติม")
    fb.case_complete(
        case,
        officer=triage_officer,
        group=factories.mission_group(),
        outcome=f"แจ้ง {NAME} ว่าซ่อมแล้ว",
    )
    case_rate(case=case, score=4, comment=f"ขอบคุณครับ {FAMILY}")
    FAQ.objects.create(
        question=f"คุณ{GIVEN} ถามว่าถนนจะซ่อมเมื่อไร",
        answer=f"ตอบคุณ{NAME} ทาง {EMAIL}: ซ่อมแล้ว",
        source_case=case,
        is_published=True,
    )
    LogEntry.objects.log_actions(
        triage_officer.pk,
        [Case.objects.get(pk=case.pk)],
        CHANGE,
        change_message=[{"changed": {"name": "reporter", "object": NAME, "fields": ["phone"]}}],
    )
    _see_request_at_the_counter(client, triage_officer, case)
    _see_request_by_address(client, triage_officer, django_capture_on_commit_callbacks)
    case = Case.objects.get(pk=case.pk)
    case_transition(case=case, to=Case.Status.CLOSED, by=triage_officer)
    # Closed longer ago than the retention period of a general complaint.
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    return case


def _purge(django_capture_on_commit_callbacks):
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_purge_expired", "--apply", stdout=out)
    assert "1 case(s) purged." in out.getvalue()


def test_no_table_keeps_the_persons_name_email_or_phone_after_retention(
    client, expired, django_capture_on_commit_callbacks
):
    assert sorted(_found(database_dump())) == sorted(TRACES)  # the test sees them before
    _purge(django_capture_on_commit_callbacks)
    assert _found(database_dump()) == []


def test_the_words_around_the_person_stay_on_record(expired, django_capture_on_commit_callbacks):
    _purge(django_capture_on_commit_callbacks)
    case = Case.objects.get(pk=expired.pk)
    assert case.subject == f"ถนนชำรุด ({PLACEHOLDER})"
    assert case.details == f"ถนนหน้าบ้านเป็นหลุม ติดต่อ {PLACEHOLDER}"
    assert case.remedy_sought == f"ขอให้แจ้งผลทาง {PLACEHOLDER}"
    assert case.outcome == f"แจ้ง {PLACEHOLDER} ว่าซ่อมแล้ว"
    reply, note = CaseEntry.objects.filter(case=case).order_by("pk")
    assert reply.body == f"เรียน คุณ{PLACEHOLDER} รับเรื่องแล้ว โทร {PLACEHOLDER}"
    assert note.body == f"โทรกลับที่ {PLACEHOLDER}"
    assert CitizenMessage.objects.get(case=case).body == f"ข้าพเจ้า {PLACEHOLDER} ขอแจ้งเพิ่มเติม"
    assert case.handling_rating.comment == f"ขอบคุณครับ {PLACEHOLDER}"
    counter = DataRequest.objects.get(channel="counter")
    assert counter.requester_name == ""
    assert counter.identity_check == f"บัตรประจำตัวประชาชนของ {PLACEHOLDER}"
    assert counter.answer == f"แจ้งคุณ{PLACEHOLDER} ทาง {PLACEHOLDER} แล้ว"


def test_no_public_page_shows_the_person_after_retention(
    client, expired, django_capture_on_commit_callbacks
):
    faq = FAQ.objects.get(source_case=expired)
    urls = [reverse("feedback:faq"), reverse("feedback:faq_detail", args=[faq.pk])]
    assert all(_found(client.get(url).content.decode()) for url in urls)  # cached before
    _purge(django_capture_on_commit_callbacks)
    for url in urls:
        assert _found(client.get(url).content.decode()) == [], url


def test_the_public_statistics_are_the_same_after_retention(
    client, expired, django_capture_on_commit_callbacks
):
    fb.case()  # a second general complaint, still open
    # Counted here by hand: 2 general complaints received, 1 completed (and
    # since closed), 1 rating.
    assert _statistics(client) == (2, 1, 1)
    _purge(django_capture_on_commit_callbacks)
    assert _statistics(client) == (2, 1, 1)


def test_one_persons_name_is_not_taken_out_of_another_persons_case(
    expired, triage_officer, django_capture_on_commit_callbacks
):
    """The daily purge removes many people at once: each case loses its own
    person, not every name of the day's batch (here an official who shares
    the first reporter's given name, named in another citizen's complaint)."""
    official = f"นาย{GIVEN} ศรีสุข หัวหน้างานโยธา"
    other = fb.case(
        reporter={"name": "นางสาวมาลี ใจงาม", "email": "malee@example.org", "phone": "0812223333"},
        details=f"ร้องเรียน{official} ไม่ซ่อมท่อ แจ้งมาลีทาง 0812223333",
    )
    fb.case_complete(
        other, officer=triage_officer, group=factories.mission_group(), outcome=f"สอบถาม{official}"
    )
    other = Case.objects.get(pk=other.pk)
    case_transition(case=other, to=Case.Status.CLOSED, by=triage_officer)
    Case.objects.filter(pk=other.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_purge_expired", "--apply", stdout=out)
    assert "2 case(s) purged." in out.getvalue()

    other = Case.objects.get(pk=other.pk)
    assert other.details == f"ร้องเรียน{official} ไม่ซ่อมท่อ แจ้ง{PLACEHOLDER}ทาง {PLACEHOLDER}"
    assert other.outcome == f"สอบถาม{official}"
    assert Case.objects.get(pk=expired.pk).outcome == f"แจ้ง {PLACEHOLDER} ว่าซ่อมแล้ว"


def test_the_same_persons_contact_given_on_one_case_goes_from_the_other(
    expired, triage_officer, django_capture_on_commit_callbacks
):
    """Their second complaint gave only the e-mail address, and its officer
    noted the telephone from the first: the same person, purged the same day."""
    second = fb.case(reporter={"name": "", "email": EMAIL.upper(), "phone": ""})
    case_note(case=second, by=triage_officer, body=f"โทรกลับ {PHONE} แล้ว (คุณ{GIVEN})")
    fb.case_complete(second, officer=triage_officer, group=factories.mission_group(), outcome="ซ่อม")
    second = Case.objects.get(pk=second.pk)
    case_transition(case=second, to=Case.Status.CLOSED, by=triage_officer)
    Case.objects.filter(pk=second.pk).update(closed_at=timezone.now() - dt.timedelta(days=800))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("feedback_purge_expired", "--apply", stdout=io.StringIO())

    note = CaseEntry.objects.get(case=second, body__startswith="โทรกลับ")
    assert note.body == f"โทรกลับ {PLACEHOLDER} แล้ว (คุณ{PLACEHOLDER})"
    assert _found(database_dump()) == []
