"""Personal data requests that come on paper, at the counter, by e-mail or by
letter: recorded by the triage and integrity officers in the admin, due 30
days after the day received, and — like every request — known to nobody
outside the integrity role when they concern a corruption report (every staff
role × add page, list, change page, case autocomplete)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from feedback.data_requests import DataRequestError, data_request_answer, data_request_record
from feedback.models import DataRequest
from portal.lib.be_dates import be_date_format
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

ROLES = ["triage_officer", "integrity_officer", "editor", "director", "administrator", "superuser"]
ADD = "admin:feedback_datarequest_add"
LIST = "admin:feedback_datarequest_changelist"
CHOICES = "admin:feedback_datarequest_case_choices"
GENERAL_NAME, SEALED_NAME = "นางสาวกระดาษ ยื่นเอง", "นายผู้แจ้ง ลับสุด"


@pytest.fixture
def cast(request):
    return {role: request.getfixturevalue(role) for role in ROLES}


def _record_form(**changes):
    fields = {
        "received_on": be_date_format(timezone.localdate() - dt.timedelta(days=3)),
        "channel": "paper",
        "kind": "see",
        "requester_name": GENERAL_NAME,
        "identity_check": "ตรวจบัตรประจำตัวประชาชนที่เคาน์เตอร์",
        "details": "ขอสำเนาข้อมูลที่หน่วยงานเก็บไว้",
    }
    return fields | changes


def test_an_officer_records_a_paper_request_due_thirty_days_after_it_came(
    client, agency, triage_officer
):
    case = fb.case()
    login_staff(client, triage_officer)
    assert client.get(reverse(ADD)).status_code == 200
    # Typed with the Buddhist-Era year, as officers write dates.
    response = admin_post(
        client, reverse(ADD), **_record_form(received_on="20/11/2569", cases=[str(case.pk)])
    )
    assert response.status_code == 200
    request = DataRequest.objects.get()
    assert timezone.localtime(request.received_at).date() == dt.date(2026, 11, 20)
    assert request.due_on == dt.date(2026, 12, 20)  # 30 calendar days (PDPA s.30)
    assert request.fiscal_year == 2570 and request.reference == "PDPA-2570-0001"
    assert request.channel == "paper" and request.recorded_by == triage_officer
    assert request.requester_name == GENERAL_NAME
    assert list(request.cases.all()) == [case]
    assert f'data-ajax--url="{reverse(CHOICES)}"' in _add_page(client)
    # The same trail as a request from the site: history, tracking page, answer.
    assert request.history.get().history_user == triage_officer
    assert list(DataRequest.objects.for_case(case)) == [request]
    page = client.get(reverse("admin:feedback_datarequest_change", args=[request.pk]))
    html = page.content.decode()
    assert "แบบฟอร์มกระดาษ" in html and "ตรวจบัตรประจำตัวประชาชนที่เคาน์เตอร์" in html
    assert "20 พ.ย. 2569" in html
    data_request_answer(request=request, by=triage_officer, status=DataRequest.Status.DONE)
    request.refresh_from_db()
    assert request.status == DataRequest.Status.DONE


def _add_page(client):
    return client.get(reverse(ADD)).content.decode()


def test_a_request_from_the_site_shows_no_recording_fields(client, agency, triage_officer):
    from feedback.data_requests import data_request_file

    request = data_request_file(kind="see", case=fb.case(), channel="tracking")
    login_staff(client, triage_officer)
    html = client.get(reverse("admin:feedback_datarequest_change", args=[request.pk])).content
    assert "วิธีตรวจสอบตัวตน" not in html.decode()


def test_bad_input_is_refused_in_thai_and_keeps_what_was_typed(client, agency, triage_officer):
    case = fb.case()
    login_staff(client, triage_officer)
    tomorrow = be_date_format(timezone.localdate() + dt.timedelta(days=1))
    response = admin_post(
        client, reverse(ADD), **_record_form(received_on=tomorrow, cases=[str(case.pk)])
    )
    html = response.content.decode()
    assert "วันที่รับคำขอต้องไม่เป็นวันในอนาคต" in html
    assert GENERAL_NAME in html and "ขอสำเนาข้อมูลที่หน่วยงานเก็บไว้" in html
    response = admin_post(client, reverse(ADD), **_record_form(identity_check="", cases=[]))
    html = response.content.decode()
    assert html.count('<ul class="errorlist"') == 2 and GENERAL_NAME in html
    assert DataRequest.objects.count() == 0


def test_the_service_refuses_what_the_form_would(agency, triage_officer):
    case = fb.case()
    today = timezone.localdate()
    common = {"kind": "see", "cases": [case], "requester_name": "ก", "by": triage_officer}
    with pytest.raises(DataRequestError):
        data_request_record(channel="tracking", received_on=today, identity_check="บัตร", **common)
    with pytest.raises(DataRequestError):
        tomorrow = today + dt.timedelta(days=1)
        data_request_record(channel="paper", received_on=tomorrow, identity_check="บัตร", **common)
    with pytest.raises(DataRequestError):
        data_request_record(channel="paper", received_on=today, identity_check=" ", **common)
    assert DataRequest.objects.count() == 0


def _choices(client, term=""):
    response = client.get(reverse(CHOICES), {"term": term})
    if response.status_code != 200:
        return response.status_code, []
    return 200, [row["text"] for row in response.json()["results"]]


@pytest.mark.parametrize("role", ROLES)
def test_only_case_handlers_record_requests_and_only_integrity_ties_one_to_a_corruption_report(
    client, agency, cast, role
):
    general = fb.case(subject="ไฟถนนดับ", reporter={"name": GENERAL_NAME, "phone": "0812223333"})
    sealed = fb.corruption_case(subject="เรียกรับเงินค่าตรวจรับ", reporter={"name": SEALED_NAME})
    integrity = cast["integrity_officer"]
    sealed_request, _created = data_request_record(
        kind="erase",
        channel="letter",
        cases=[sealed],
        received_on=timezone.localdate(),
        requester_name=SEALED_NAME,
        identity_check="จดหมายลงลายมือชื่อ",
        by=integrity,
    )
    user = cast[role]
    login_staff(client, user)
    handles = role in ("triage_officer", "integrity_officer")
    sealed_too = role == "integrity_officer"

    add_page = client.get(reverse(ADD))
    assert (add_page.status_code == 200) is handles, role

    status, everything = _choices(client)
    assert status == (200 if handles else 403), role
    assert (general.tracking_number in " ".join(everything)) is handles
    assert (sealed.tracking_number in " ".join(everything)) is sealed_too
    # Found by number; a general case also by its reporter, a corruption report
    # never by its reporter (its own queue's rule), only by number or subject.
    assert any(general.tracking_number in t for t in _choices(client, GENERAL_NAME)[1]) is handles
    assert _choices(client, SEALED_NAME)[1] == []
    found = _choices(client, sealed.tracking_number)[1]
    assert (found == [str(sealed)]) is sealed_too
    assert (_choices(client, "ตรวจรับ")[1] == [str(sealed)]) is sealed_too

    listing = client.get(reverse(LIST))
    listed = listing.status_code == 200 and sealed_request.reference in listing.content.decode()
    assert listed is sealed_too
    change = client.get(reverse("admin:feedback_datarequest_change", args=[sealed_request.pk]))
    assert (change.status_code == 200) is sealed_too
    for response in (add_page, listing, change):
        if not sealed_too:
            text = response.content.decode("utf-8", "replace")
            assert SEALED_NAME not in text and sealed.subject not in text

    # Posting a corruption report's number by hand is refused to all but integrity.
    if handles:
        response = admin_post(
            client,
            reverse(ADD),
            **_record_form(cases=[str(general.pk), str(sealed.pk)], requester_name="ผู้ขอ ทดสอบ"),
        )
        made = DataRequest.objects.filter(requester_name="ผู้ขอ ทดสอบ")
        assert made.exists() is sealed_too
        if not sealed_too:
            assert sealed.subject not in response.content.decode()
    else:
        response = client.post(reverse(ADD), _record_form(cases=[str(general.pk)]))
        assert response.status_code == 403
        assert DataRequest.objects.count() == 1


def test_a_recorded_request_is_found_by_the_name_and_exported_with_its_channel(
    client, agency, triage_officer
):
    from django.contrib.admin import helpers

    request, _created = data_request_record(
        kind="correct",
        channel="email",
        cases=[fb.case()],
        received_on=timezone.localdate(),
        requester_name="นายค้นหา ด้วยชื่อ",
        identity_check="อีเมลตรงกับที่ให้ไว้ในเรื่อง",
        by=triage_officer,
    )
    other, _created = data_request_record(
        kind="see",
        channel="letter",
        cases=[fb.case()],
        received_on=timezone.localdate(),
        requester_name="นางอื่น ใด",
        identity_check="หนังสือลงลายมือชื่อ",
        by=triage_officer,
    )
    login_staff(client, triage_officer)
    found = client.get(reverse(LIST), {"q": "ค้นหา"}).context["cl"].result_list
    assert list(found) == [request]
    export = client.post(
        reverse(LIST),
        {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [request.pk, other.pk]},
    ).content.decode("utf-8-sig")
    assert f"{request.reference},ขอแก้ไขข้อมูลส่วนบุคคลของข้าพเจ้า,อีเมล," in export
    assert f"{other.reference},ขอดูข้อมูลส่วนบุคคลของข้าพเจ้า,หนังสือ/จดหมาย," in export
