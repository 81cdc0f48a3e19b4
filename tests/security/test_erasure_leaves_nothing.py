"""Attack on erasure (PDPA s.33): after a person's data is erased at their
request, search every table of the database, as a dump would, for their name,
e-mail and telephone (Arabic and Thai digits), and the public pages for them.

The person filed a complaint on the site, asked twice by e-mail address for a
link (one link confirmed, one left unused), an officer replied naming them and
wrote a public FAQ from their case naming them, and the erasure was answered
in the admin; the mails wait in the durable task queue's table.
"""

import datetime as dt
import io
import uuid

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from feedback.data_request_links import data_request_link_token
from feedback.models import FAQ, Case, DataRequest, DataRequestLink
from feedback.personal_data import personal_data_erase
from feedback.services import case_reply
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.security.dumps import database_dump, traces_found

pytestmark = pytest.mark.django_db

NAME, GIVEN, FAMILY = "นางสาวรัตนาภรณ์ ทองประเสริฐ", "รัตนาภรณ์", "ทองประเสริฐ"
PHONE, EMAIL = "0894561237", "rattanaporn.erase@example.org"
TRACES = [
    GIVEN,
    FAMILY,
    EMAIL,
    PHONE,
    "089-456-1237",
    "๐๘๙๔๕๖๑๒๓๗",
    "๐๘๙ ๔๕๖ ๑๒๓๗",
]
IMMEDIATE = {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}
DURABLE = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sealed"]}


def _found(text):
    return traces_found(text, TRACES, (PHONE, "๐๘๙๔๕๖๑๒๓๗"))


def _ask_link(client, kind):
    data = {"email": EMAIL, "kind": kind, "details": f"ข้าพเจ้า {NAME} โทร {PHONE}"}
    data["submission_token"] = str(uuid.uuid4())  # a fresh form page each time
    client.post(reverse("feedback:data_request_by_address"), data)


@pytest.fixture
def erased(client, agency, triage_officer, settings, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": DURABLE}
    settings.FEEDBACK_DATA_REQUEST_ADDRESS_LIMIT = (10, 24 * 60 * 60)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("feedback:submit"),
            fb.form_data(name=NAME, email=EMAIL, phone=PHONE, subject=f"ถนนชำรุด ({GIVEN})"),
        )
    assert response.status_code == 302
    case = Case.objects.get(reporter__email=EMAIL)
    case_reply(case=case, by=triage_officer, body=f"เรียน คุณ{GIVEN} รับเรื่องแล้ว")
    FAQ.objects.create(
        question=f"คุณ{GIVEN} ถามว่าถนนจะซ่อมเมื่อไร",
        answer=f"ตอบคุณ{NAME} ทาง {EMAIL}: ซ่อมภายในเดือนนี้",
        source_case=case,
        is_published=True,
    )
    # Kept for anonymous visitors: erasure must not leave the kept copy behind.
    assert GIVEN in client.get(reverse("feedback:faq")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _ask_link(client, "see")
        _ask_link(client, "erase")
    # Both link mails wait in the queue; the person opens the second link.
    link = DataRequestLink.objects.get(kind="erase")
    path = reverse("feedback:data_request_confirm", args=[data_request_link_token(link)])
    assert client.post(path).status_code == 302
    request = DataRequest.objects.get(kind="erase")
    # The answer goes to the confirmed address (the mail sent at once here),
    # after which the link forgets it.
    settings.TASKS = {"default": settings.TASKS["default"] | IMMEDIATE}
    login_staff(client, triage_officer)
    with django_capture_on_commit_callbacks(execute=True):
        admin_post(
            client,
            reverse("admin:feedback_datarequest_change", args=[request.pk]),
            outcome="done",
            erasure_confirmed="on",
            answer=f"ลบข้อมูลของคุณ{GIVEN} แล้ว",
        )
    request.refresh_from_db()
    assert request.status == DataRequest.Status.DONE
    assert [m.to for m in mail.outbox] == [[EMAIL]]  # the answer
    client.logout()
    return case


def test_no_table_keeps_the_erased_persons_name_email_or_phone(erased):
    assert _found(database_dump()) == []


def test_no_public_page_shows_the_erased_person(client, erased):
    faq = FAQ.objects.get(source_case=erased)
    for url in [reverse("feedback:faq"), reverse("feedback:faq_detail", args=[faq.pk])]:
        assert _found(client.get(url).content.decode()) == [], url


def test_a_pending_link_stays_while_another_case_carries_the_address(client, agency):
    kept = fb.case(reporter={"name": NAME, "email": EMAIL.upper(), "phone": PHONE})
    erased = fb.case(reporter={"name": NAME, "email": EMAIL, "phone": PHONE})
    _ask_link(client, "see")
    link = DataRequestLink.objects.get()
    personal_data_erase(cases=[erased], now=timezone.now(), reason=lambda count: "erased")
    path = reverse("feedback:data_request_confirm", args=[data_request_link_token(link)])
    assert client.post(path).status_code == 302
    assert list(DataRequest.objects.get().cases.all()) == [kept]


def test_an_expired_unused_link_is_forgotten_by_the_daily_run(client, agency, settings):
    """Nobody else asking for a link afterwards, the daily run alone forgets
    the address and the words of a link never opened."""
    fb.case(reporter={"name": NAME, "email": EMAIL, "phone": PHONE})
    _ask_link(client, "see")
    link = DataRequestLink.objects.get()
    hours = settings.FEEDBACK_DATA_REQUEST_LINK_HOURS
    call_command("feedback_purge_expired", "--apply", stdout=io.StringIO())
    assert DataRequestLink.objects.filter(pk=link.pk).exists()  # still alive
    link.created_at -= dt.timedelta(hours=hours, minutes=1)
    link.save(update_fields=["created_at"])
    out = io.StringIO()
    call_command("feedback_purge_expired", "--apply", stdout=out)
    assert not DataRequestLink.objects.exists()
    link_rows = [
        r for r in database_dump().splitlines() if r.startswith("feedback_datarequestlink:")
    ]
    assert link_rows == []
    assert "1 expired personal data request link(s) forgotten." in out.getvalue()
