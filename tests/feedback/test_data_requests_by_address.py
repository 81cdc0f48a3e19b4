"""A citizen without a tracking code asks about their personal data by the
e-mail address they gave, and confirms with the one-time link mailed there."""

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from feedback.data_request_links import cases_by_contact, data_request_link_token
from feedback.data_requests import data_request_answer
from feedback.models import DataRequest, DataRequestLink
from tests.factories import feedback as fb

pytestmark = pytest.mark.django_db

ASK = "feedback:data_request_by_address"
NEUTRAL = "หากที่อยู่อีเมลนี้มีอยู่ในเรื่องใดของเรา เราได้ส่งลิงก์ไปให้แล้ว"


@pytest.fixture
def malee_cases(agency):
    """Two cases of Malee (one address typed with capitals) and one of someone else."""
    first = fb.case(reporter={"name": "นางสาวมาลี ใจงาม", "email": "malee@example.org"})
    second = fb.case(reporter={"name": "มาลี", "email": " Malee@Example.ORG "})
    fb.case(reporter={"name": "นายสมศักดิ์", "email": "somsak@example.org"})
    return first, second


def _ask(client, email, kind="see", details="", **extra):
    with_details = {"email": email, "kind": kind, "details": details} | extra
    with_details.setdefault("submission_token", str(uuid.uuid4()))  # a fresh form page
    return client.post(reverse(ASK), with_details, follow=True)


def _link_in(message):
    (path,) = re.findall(r"https?://[^/\s]+(/feedback/personal-data/confirm/\S+/)", message.body)
    return path


def test_an_unknown_address_gets_the_same_page_and_no_mail(
    client, malee_cases, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        unknown = _ask(client, "nobody@example.org")
        known = _ask(client, "malee@example.org")
    unknown_text = unknown.content.decode()
    assert unknown.status_code == known.status_code == 200
    assert NEUTRAL in unknown_text
    assert _main(unknown_text) == _main(known.content.decode())
    assert [message.to for message in mail.outbox] == [["malee@example.org"]]


def _main(html):
    return re.search(r"<main.*?</main>", html, re.S).group(0)


def test_a_known_address_gets_one_link_that_names_no_case(
    client, malee_cases, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "MALEE@example.org", kind="erase")
    (message,) = mail.outbox
    assert message.to == ["malee@example.org"]
    assert "ยืนยันคำขอเกี่ยวกับข้อมูลส่วนบุคคล" in message.subject
    assert "ขอลบข้อมูลส่วนบุคคลของข้าพเจ้า" in message.body
    assert _link_in(message)
    for case in malee_cases:
        assert case.tracking_number not in message.body
        assert case.subject not in message.body
        assert case.pin not in message.body


def test_the_link_files_one_request_covering_exactly_the_cases_with_that_address(
    client, malee_cases, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "malee@example.org", kind="correct", details="นามสกุลที่ถูกคือ ใจดี")
    link = _link_in(mail.outbox[0])
    confirm_page = client.get(link)
    # Opening the link (as a mail scanner would) files nothing.
    assert confirm_page.status_code == 200 and not DataRequest.objects.exists()
    assert "ยืนยันคำขอ" in confirm_page.content.decode()
    assert "2 เรื่องที่ใช้อีเมลของท่าน" in confirm_page.content.decode()
    receipt = client.post(link, follow=True)
    request = DataRequest.objects.get()
    assert set(request.cases.all()) == set(malee_cases)
    assert request.kind == DataRequest.Kind.CORRECT
    assert request.channel == DataRequest.Channel.LINK
    assert request.details == "นามสกุลที่ถูกคือ ใจดี"
    html = receipt.content.decode()
    assert request.reference in html and "ได้รับคำขอแล้ว" in html
    for case in malee_cases:
        assert case.tracking_number in html
    # The link keeps only the address, for the answer.
    (spent,) = DataRequestLink.objects.all()
    assert spent.email == "malee@example.org" and spent.details == ""
    assert spent.data_request == request


def test_the_link_works_once(client, malee_cases, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "malee@example.org")
    link = _link_in(mail.outbox[0])
    client.post(link)
    # In the same browser a second click goes back to the receipt...
    again = client.post(link)
    request = DataRequest.objects.get()
    assert again["Location"] == reverse("feedback:data_request_receipt", args=[request.pk])
    # ...anywhere else the link opens nothing.
    client.logout()
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "ลิงก์นี้ถูกใช้ไปแล้ว" in response.content.decode()
    assert DataRequest.objects.count() == 1


def test_an_expired_link_opens_nothing(
    client, malee_cases, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_DATA_REQUEST_LINK_HOURS = 24
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "malee@example.org")
    link = _link_in(mail.outbox[0])
    DataRequestLink.objects.update(created_at=timezone.now() - dt.timedelta(hours=24, minutes=1))
    for response in (client.get(link), client.post(link)):
        assert response.status_code == 410
        assert "ลิงก์นี้หมดอายุแล้ว" in response.content.decode()
    assert not DataRequest.objects.exists()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),  # signature
        lambda token: str(int(token.split(".")[0]) + 1) + token[token.index(".") :],  # number
        lambda token: "garbage",
    ],
    ids=["signature", "number", "garbage"],
)
def test_an_altered_link_is_refused(client, malee_cases, spoil, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "malee@example.org")
    token = _link_in(mail.outbox[0]).split("/")[-2]
    altered = reverse("feedback:data_request_confirm", args=[spoil(token)])
    for response in (client.get(altered), client.post(altered)):
        assert response.status_code == 410
        assert "ลิงก์นี้ไม่ถูกต้อง" in response.content.decode()
    assert not DataRequest.objects.exists()


def test_a_corruption_report_keeps_its_sealed_rules(
    client, agency, triage_officer, integrity_officer, django_capture_on_commit_callbacks
):
    general = fb.case(reporter={"name": "นายสมชาย", "email": "somchai@example.org"})
    sealed = fb.corruption_case()  # reported from the same address
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "somchai@example.org")
    (message,) = mail.outbox
    assert sealed.subject not in message.body and sealed.tracking_number not in message.body
    client.post(_link_in(message))
    request = DataRequest.objects.get()
    assert set(request.cases.all()) == {general, sealed}
    assert list(DataRequest.objects.visible_to(integrity_officer)) == [request]
    assert not DataRequest.objects.visible_to(triage_officer).exists()


def test_the_link_mail_of_a_corruption_reporter_waits_on_the_sealed_queue(
    client, agency, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sealed"]}
    }
    fb.corruption_case()
    fb.case(reporter={"name": "นางสาวมาลี", "email": "malee@example.org"})
    DBTaskResult.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "somchai@example.org")
        _ask(client, "malee@example.org")
    queued = {
        task.args_kwargs["kwargs"]["link_id"]: task.queue_name
        for task in DBTaskResult.objects.filter(task_path__endswith="data_request_link_mail")
    }
    links = {link.email: link.pk for link in DataRequestLink.objects.all()}
    assert queued == {links["somchai@example.org"]: "sealed", links["malee@example.org"]: "default"}


def test_each_address_gets_a_few_links_a_day_whoever_asks(
    client, malee_cases, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_DATA_REQUEST_ADDRESS_LIMIT = (2, 24 * 60 * 60)
    settings.FEEDBACK_DATA_REQUEST_LIMIT = (100, 60 * 60)
    with django_capture_on_commit_callbacks(execute=True):
        responses = [_ask(client, "malee@example.org") for _ in range(4)]
    # The page never changes (it would tell the address is known), the mails stop.
    assert {NEUTRAL in r.content.decode() for r in responses} == {True}
    assert len(mail.outbox) == 2


def test_one_connection_is_limited_like_the_other_public_forms(
    client, malee_cases, settings, django_capture_on_commit_callbacks
):
    settings.FEEDBACK_DATA_REQUEST_LIMIT = (2, 60 * 60)
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "a@example.org")
        _ask(client, "b@example.org")
        response = _ask(client, "malee@example.org", kind="correct", details="ชื่อสะกดผิด")
    html = response.content.decode()
    assert response.status_code == 429
    assert "มีการส่งคำขอจากการเชื่อมต่อนี้มากเกินไป" in html
    assert "ชื่อสะกดผิด" in html and "malee@example.org" in html
    assert not mail.outbox


def test_bad_input_is_refused_in_thai_and_kept(client, malee_cases):
    response = _ask(client, "malee-at-example.org", kind="correct", details="")
    html = response.content.decode()
    assert response.status_code == 200
    assert "malee-at-example.org" in html
    assert "โปรดระบุว่าข้อมูลใดไม่ถูกต้อง" in html
    assert "ป้อนที่อยู่อีเมลที่ถูกต้อง" in html
    assert not DataRequestLink.objects.exists()


def test_an_address_erased_after_the_link_was_sent_files_nothing(
    client, malee_cases, triage_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "malee@example.org")
    link = _link_in(mail.outbox[0])
    for case in malee_cases:
        case.reporter.email = ""
        case.reporter.save()
    response = client.post(link)
    assert response.status_code == 410
    assert "ไม่มีเรื่องใดที่มีที่อยู่อีเมลนี้แล้ว" in response.content.decode()
    assert not DataRequest.objects.exists()


def test_old_links_are_forgotten_when_the_next_is_asked(
    client, malee_cases, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "malee@example.org")
    DataRequestLink.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "somsak@example.org")
    assert list(DataRequestLink.objects.values_list("email", flat=True)) == ["somsak@example.org"]


def test_the_request_form_and_the_privacy_notice_offer_the_address_route(client, agency):
    ask = reverse(ASK)
    form_page = client.get(reverse("feedback:data_request")).content.decode()
    assert ask in form_page and "ยื่นคำขอด้วยที่อยู่อีเมล" in form_page
    notice = client.get(reverse("portal:policy", args=["privacy"])).content.decode()
    assert ask in notice and "เราจะส่งลิงก์ใช้ครั้งเดียวไปยังอีเมลนั้น" in notice


def test_the_answer_is_mailed_to_the_confirmed_address_even_after_erasure(
    client, malee_cases, triage_officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "malee@example.org", kind="erase")
    client.post(_link_in(mail.outbox[0]))
    request = DataRequest.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        data_request_answer(
            request=request,
            by=triage_officer,
            status=DataRequest.Status.DONE,
            answer="ลบข้อมูลส่วนบุคคลของท่านแล้ว",
        )
    (message,) = mail.outbox
    assert message.to == ["malee@example.org"]
    assert request.reference in message.subject
    assert "ดำเนินการแล้ว" in message.body and "ลบข้อมูลส่วนบุคคลของท่านแล้ว" in message.body
    # The cases no longer hold the address, and the link has forgotten it.
    assert not cases_by_contact("malee@example.org").exists()
    assert list(DataRequestLink.objects.values_list("email", flat=True)) == [""]


def test_an_answer_to_a_request_made_with_the_code_mails_nothing(
    client, malee_cases, triage_officer, django_capture_on_commit_callbacks
):
    case = malee_cases[0]
    client.post(reverse("feedback:data_request"), {"code": case.tracking_code, "kind": "see"})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        data_request_answer(
            request=DataRequest.objects.get(), by=triage_officer, status=DataRequest.Status.DONE
        )
    assert not mail.outbox


def test_a_corruption_reporter_s_answer_mail_waits_on_the_sealed_queue(
    client, agency, settings, integrity_officer, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "sealed"]}
    }
    fb.corruption_case()
    with django_capture_on_commit_callbacks(execute=True):
        _ask(client, "somchai@example.org")
    token = data_request_link_token(DataRequestLink.objects.get())
    client.post(reverse("feedback:data_request_confirm", args=[token]))
    with django_capture_on_commit_callbacks(execute=True):
        data_request_answer(
            request=DataRequest.objects.get(),
            by=integrity_officer,
            status=DataRequest.Status.REFUSED,
            answer="ตามมาตรา 30 วรรคหนึ่ง",
        )
    (task,) = DBTaskResult.objects.filter(task_path__endswith="data_request_answer_mail")
    assert task.queue_name == "sealed"
