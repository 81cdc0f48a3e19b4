"""Personal data requests in the admin: the 30-day clock, answering, and who sees
them (every staff role × list, detail, history, search, export)."""

import datetime as dt

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from feedback.data_requests import data_request_answer, data_request_file
from feedback.models import AccessRecord, DataRequest
from tests.admin_form import admin_post
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

ROLES = ["triage_officer", "integrity_officer", "editor", "director", "administrator", "superuser"]
LIST = "admin:feedback_datarequest_changelist"


@pytest.fixture
def cast(request):
    return {role: request.getfixturevalue(role) for role in ROLES}


def _file(case, kind=DataRequest.Kind.SEE, **kwargs):
    return data_request_file(kind=kind, case=case, channel=DataRequest.Channel.TRACKING, **kwargs)


def test_a_request_is_due_thirty_calendar_days_after_it_came(agency):
    case = fb.case()
    received = dt.datetime(2026, 12, 30, 20, 0, tzinfo=dt.UTC)  # 31 Dec in Bangkok
    request = _file(case, now=received)
    assert request.due_on == dt.date(2027, 1, 30)
    assert request.reference == f"PDPA-{request.fiscal_year}-0001"
    assert list(request.cases.all()) == [case]


def test_asking_again_while_it_is_handled_makes_no_second_request(agency):
    case = fb.case()
    first = _file(case)
    assert _file(case) == first
    assert _file(case, kind=DataRequest.Kind.ERASE) != first
    assert DataRequest.objects.count() == 2


def test_an_overdue_request_is_flagged_like_an_overdue_case(client, agency, triage_officer):
    late = _file(fb.case(), now=dt.datetime(2025, 1, 6, 3, tzinfo=dt.UTC))
    answered = _file(fb.case(), now=dt.datetime(2025, 1, 6, 3, tzinfo=dt.UTC))
    data_request_answer(request=answered, by=triage_officer, status=DataRequest.Status.DONE)
    _file(fb.case())  # fresh: not flagged
    login_staff(client, triage_officer)
    overdue = client.get(reverse(LIST), {"deadline": "overdue"})
    assert [r.pk for r in overdue.context["cl"].result_list] == [late.pk]
    page = client.get(reverse(LIST)).content.decode()
    assert page.count('class="deadline-overdue"') == 1
    assert "เลยกำหนด 1 เรื่อง" in page


def test_a_refusal_without_its_ground_is_refused_in_thai_and_keeps_what_was_typed(
    client, agency, triage_officer
):
    request = _file(fb.case())
    login_staff(client, triage_officer)
    url = reverse("admin:feedback_datarequest_change", args=[request.pk])
    response = admin_post(client, url, outcome="refused", answer="   ")
    assert "ต้องแจ้งเหตุผลตามกฎหมาย" in response.content.decode()
    request.refresh_from_db()
    assert request.status == DataRequest.Status.RECEIVED
    response = admin_post(client, url, outcome="refused", answer="ตามมาตรา ๓๐ วรรคหนึ่ง")
    request.refresh_from_db()
    assert request.status == DataRequest.Status.REFUSED
    assert request.answered_by == triage_officer and request.answer == "ตามมาตรา ๓๐ วรรคหนึ่ง"


def test_a_draft_answer_is_kept_without_answering(client, agency, triage_officer):
    request = _file(fb.case())
    login_staff(client, triage_officer)
    url = reverse("admin:feedback_datarequest_change", args=[request.pk])
    admin_post(client, url, answer="กำลังตรวจสอบข้อมูล")
    request.refresh_from_db()
    assert request.answer == "กำลังตรวจสอบข้อมูล" and request.is_open


def _surfaces(client, request):
    change = reverse("admin:feedback_datarequest_change", args=[request.pk])
    history = reverse("admin:feedback_datarequest_history", args=[request.pk])
    case = request.cases.get()
    pages = {
        "index": client.get(reverse("admin:index")),
        "list": client.get(reverse(LIST)),
        "search by reference": client.get(reverse(LIST), {"q": request.reference}),
        "search by case": client.get(reverse(LIST), {"q": case.tracking_number}),
        "detail": client.get(change),
        "history": client.get(history),
        "export": client.post(
            reverse(LIST), {"action": "export_csv", helpers.ACTION_CHECKBOX_NAME: [request.pk]}
        ),
    }
    for version in request.history.values_list("history_id", flat=True):
        url = reverse("admin:feedback_datarequest_simple_history", args=[request.pk, version])
        pages[f"version {version}"] = client.get(url)
    return pages


def _found(response):
    """The rows a list page lists (a search page repeats its query, so not its text)."""
    return list(response.context["cl"].result_list) if response.status_code == 200 else []


def _text(response):
    return response.content.decode("utf-8", "replace")


@pytest.mark.parametrize("role", ROLES)
def test_only_case_handlers_see_requests_and_only_the_integrity_role_sealed_ones(
    client, agency, cast, role, triage_officer
):
    general = _file(fb.case(reporter={"name": "นางสาวทั่วไป ใจดี", "email": "g@example.org"}))
    sealed = _file(
        fb.corruption_case(reporter={"name": "นายผู้แจ้ง ลับมาก", "email": "w@example.org"}),
        kind=DataRequest.Kind.ERASE,
    )
    data_request_answer(request=general, by=triage_officer, status=DataRequest.Status.DONE)
    login_staff(client, cast[role])
    may_see_general = role in ("triage_officer", "integrity_officer")
    may_see_sealed = role == "integrity_officer"
    for request, allowed, name in (
        (general, may_see_general, "นางสาวทั่วไป ใจดี"),
        (sealed, may_see_sealed, "นายผู้แจ้ง ลับมาก"),
    ):
        pages = _surfaces(client, request)
        listed = request.reference in _text(pages["list"])
        assert listed is allowed, (role, request)
        for search in ("search by reference", "search by case"):
            assert (request in _found(pages[search])) is allowed, search
        assert (request.reference in _text(pages["export"])) is allowed
        if allowed:
            assert pages["detail"].status_code == 200
            assert name in _text(pages["detail"])
            assert pages["history"].status_code == 200
        else:
            assert pages["detail"].status_code in (302, 403, 404)
            assert pages["history"].status_code in (403, 404)
            assert all(pages[v].status_code in (403, 404) for v in pages if v.startswith("version"))
        for page_name, response in pages.items():
            if not (request is sealed and may_see_sealed):
                assert "นายผู้แจ้ง ลับมาก" not in _text(response), (role, page_name)
                assert "w@example.org" not in _text(response), (role, page_name)
    index = _text(pages["index"])
    assert (reverse(LIST) in index) is may_see_general


def test_opening_a_request_about_a_corruption_report_is_logged(client, agency, integrity_officer):
    report = fb.corruption_case()
    request = _file(report)
    login_staff(client, integrity_officer)
    client.get(reverse("admin:feedback_datarequest_change", args=[request.pk]))
    logged = [(r.action, r.surface, r.cases) for r in AccessRecord.objects.order_by("pk")]
    assert logged == [
        ("open", "", report.tracking_number),
        ("reveal", "data_request", report.tracking_number),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_index_counts_overdue_requests_for_those_who_answer_them(
    client, agency, cast, role
):
    _file(fb.case(), now=dt.datetime(2025, 1, 6, 3, tzinfo=dt.UTC))
    _file(fb.corruption_case(), now=dt.datetime(2025, 1, 6, 3, tzinfo=dt.UTC))
    login_staff(client, cast[role])
    html = client.get(reverse("admin:index")).content.decode()
    row = f'href="{reverse(LIST)}?deadline=overdue" class="deadline-overdue">'
    # Each role counts the requests it may see: the sealed one only for the integrity role.
    expected = {"triage_officer": "1 เรื่อง", "integrity_officer": "2 เรื่อง"}.get(role)
    if expected:
        assert row + expected in html
    else:
        assert reverse(LIST) not in html
