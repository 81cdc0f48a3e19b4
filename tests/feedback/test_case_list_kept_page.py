"""A case list's page is kept for the officer who was shown it, until any
record changes (portal/lib/kept_staff_pages.py): each viewer gets exactly
what a page drawn for them shows, their own form token and nonce, a change
on the very next visit, and a sealed queue is never kept."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from feedback.admin.case import CaseAdmin
from feedback.models import Case, FeedbackSettings
from feedback.personal_data import personal_data_erase
from feedback.services import case_transition
from portal.lib import kept_staff_pages, roles
from tests import factories
from tests.factories import feedback as fb
from tests.login import login_staff

pytestmark = pytest.mark.django_db

GENERAL = reverse("admin:feedback_case_changelist")
CORRUPTION = reverse("admin:feedback_corruptionreport_changelist")
REPORTER = "นางสาวมาลี ใจงาม"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
NONCE = re.compile(r'nonce="([^"]+)"')


def _masked(html):
    """The page with its per-response secrets blanked."""
    return NONCE.sub('nonce=""', TOKEN.sub('name="csrfmiddlewaretoken" value=""', html))


def _case_rows_read(queries):
    return [q["sql"] for q in queries if 'FROM "feedback_case"' in q["sql"]]


def _kept_text():
    """Every page this process keeps for staff, as one text."""
    return b"".join(content for *_kept_under, content in kept_staff_pages._kept.values()).decode()


def _drawn_afresh(client, monkeypatch, path=GENERAL):
    """The page as Django draws it for this viewer now, nothing kept."""
    with monkeypatch.context() as patched:
        patched.setattr(CaseAdmin, "kept_page_key", lambda self, request: None)
        return client.get(path).content.decode()


@pytest.fixture
def cases(agency):
    assigned_officer = factories.staff_user(role=roles.MISSION_GROUP_EDITOR, username="assigned")
    mine = fb.case(subject="ไฟถนนดับหน้าบ้าน", reporter={"name": REPORTER, "phone": "0811112222"})
    mine.assigned_to = assigned_officer
    mine.save()
    fb.case(subject="ขอบคุณเจ้าหน้าที่", reporter={"name": "นายสมชาย ดีใจ"})
    fb.case(subject="แจ้งทุจริตการจัดซื้อ", stream=Case.Stream.CORRUPTION)
    return {"mine": mine, "assigned_officer": assigned_officer}


def test_a_page_seen_again_is_served_kept_with_this_requests_own_secrets(
    triage_officer, cases, monkeypatch
):
    client = Client(enforce_csrf_checks=True)
    login_staff(client, triage_officer)
    first = client.get(GENERAL).content.decode()

    with CaptureQueriesContext(connection) as queries:
        response = client.get(GENERAL)
    again = response.content.decode()
    assert not _case_rows_read(queries) and len(queries) <= 8
    assert _masked(again) == _masked(first) == _masked(_drawn_afresh(client, monkeypatch))
    assert REPORTER in again and "แจ้งทุจริตการจัดซื้อ" not in again

    # Its nonce is the one this response's policy allows...
    nonces = set(NONCE.findall(again))
    policy = response.headers["Content-Security-Policy"]
    assert len(nonces) == 1 and f"'nonce-{nonces.pop()}'" in policy
    # ...and its form token is good for this browser's next action.
    token = TOKEN.search(again)[1]
    exported = client.post(
        GENERAL,
        {
            "action": "export_csv",
            "_selected_action": [cases["mine"].pk],
            "csrfmiddlewaretoken": token,
        },
    )
    assert exported.status_code == 200 and REPORTER in exported.content.decode("utf-8-sig")


@pytest.mark.parametrize(
    "order",
    [
        ["triage", "assigned", "editor", "director", "integrity", "administrator", "superuser"],
        ["superuser", "administrator", "integrity", "director", "editor", "assigned", "triage"],
    ],
)
def test_each_viewer_gets_the_page_drawn_for_them_whoever_came_first(
    request, cases, monkeypatch, order
):
    viewers = {
        "triage": request.getfixturevalue("triage_officer"),
        "assigned": cases["assigned_officer"],
        "editor": request.getfixturevalue("editor"),
        "director": request.getfixturevalue("director"),
        "integrity": request.getfixturevalue("integrity_officer"),
        "administrator": request.getfixturevalue("administrator"),
        "superuser": request.getfixturevalue("superuser"),
    }
    sees_reporter = {"triage", "assigned", "integrity"}
    clients = {name: Client() for name in order}
    for name in order:  # signing in changes the account: all before any visit
        login_staff(clients[name], viewers[name])
    for name in order:
        pages = [clients[name].get(GENERAL) for _ in range(2)]
        assert all(page.status_code == 200 for page in pages), name
        page = pages[1].content.decode()
        assert _masked(page) == _masked(_drawn_afresh(clients[name], monkeypatch)), name
        assert (REPORTER in page) is (name in sees_reporter), name
        assert "แจ้งทุจริตการจัดซื้อ" not in page


def _new_case(cases):
    fb.case(subject="ท่อระบายน้ำอุดตัน")
    return "ท่อระบายน้ำอุดตัน"


def _accepted(cases):
    case_transition(case=cases["mine"], to=Case.Status.ACCEPTED, by=cases["assigned_officer"])
    return "รับไว้พิจารณา"


def _officer_renamed(cases):
    officer = cases["assigned_officer"]
    officer.first_name, officer.last_name = "ประภา", "สุขใจ"
    officer.save()
    return "ประภา สุขใจ"


def _erased(cases):
    personal_data_erase(cases=[cases["mine"]], now=timezone.now(), reason=lambda n: "ขอลบ")
    return None  # the reporter's name goes


def _due_soon_widened(cases):
    settings = FeedbackSettings.objects.current()
    settings.due_soon_days = 400
    settings.save()
    return "ใกล้ครบกำหนด"


@pytest.mark.parametrize(
    "change", [_new_case, _accepted, _officer_renamed, _erased, _due_soon_widened]
)
def test_any_change_shows_on_the_very_next_visit(client, triage_officer, cases, change):
    login_staff(client, triage_officer)
    before = client.get(GENERAL).content.decode()
    client.get(GENERAL)  # served kept

    shown = change(cases)

    after = client.get(GENERAL).content.decode()
    if shown is None:
        assert REPORTER in before and REPORTER not in after
        assert REPORTER not in _kept_text()  # not left behind in memory either
    else:
        assert after.count(shown) > before.count(shown)


def test_a_page_drawn_while_the_records_change_is_not_left_in_memory(
    client, triage_officer, integrity_officer, cases, monkeypatch
):
    """An erasure that lands while an officer's page is being drawn (another
    thread of the process) leaves no copy of the erased name in memory: the
    page drawn before it is not kept once the process has forgotten its pages."""
    login_staff(client, triage_officer)
    colleague = Client()
    login_staff(colleague, integrity_officer)
    secrets_cut = kept_staff_pages.page_secrets_cut
    erased = []

    def erasure_lands_meanwhile(request, content):
        """Between the page drawn and the page kept."""
        if not erased:
            erased.append(_erased(cases))
            # A colleague's request sees the change: the process forgets its pages.
            assert REPORTER not in colleague.get(GENERAL).content.decode()
        return secrets_cut(request, content)

    monkeypatch.setattr(kept_staff_pages, "page_secrets_cut", erasure_lands_meanwhile)
    assert REPORTER in client.get(GENERAL).content.decode()  # drawn before the erasure

    assert erased and REPORTER not in _kept_text()
    assert REPORTER not in client.get(GENERAL).content.decode()


def test_losing_the_role_closes_the_list_at_once_and_regaining_it_opens_it(
    client, triage_officer, cases
):
    login_staff(client, triage_officer)
    client.get(GENERAL)
    assert client.get(GENERAL).status_code == 200
    group = Group.objects.get(name=roles.TRIAGE_OFFICER)

    triage_officer.groups.remove(group)
    assert client.get(GENERAL).status_code == 403

    triage_officer.groups.add(group)
    assert REPORTER in client.get(GENERAL).content.decode()


def test_a_signed_out_browser_gets_the_sign_in_page_not_the_kept_list(
    client, triage_officer, cases
):
    login_staff(client, triage_officer)
    client.get(GENERAL)
    client.post(reverse("admin:logout"))

    response = client.get(GENERAL)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_waiting_message_is_said_on_a_page_drawn_for_it_then_never_again(
    client, triage_officer, cases
):
    login_staff(client, triage_officer)
    client.get(GENERAL)
    client.get(GENERAL)  # kept
    # An action with no case chosen comes back to the list with a message.
    client.post(GENERAL, {"action": "export_csv", "index": "0"})
    said = "รายการจะต้องถูกเลือกก่อน"

    assert said in client.get(GENERAL).content.decode()
    assert said not in client.get(GENERAL).content.decode()
    assert said not in client.get(GENERAL).content.decode()


def test_another_day_draws_the_page_again(client, triage_officer, cases, monkeypatch):
    login_staff(client, triage_officer)
    today = client.get(GENERAL).content.decode()
    client.get(GENERAL)
    later = timezone.localdate() + dt.timedelta(days=400)

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
    page = client.get(GENERAL).content.decode()

    assert "deadline-overdue" not in today and "deadline-overdue" in page


def test_the_sealed_queue_is_drawn_for_each_viewing_and_kept_nowhere(
    client, integrity_officer, cases
):
    login_staff(client, integrity_officer)
    client.get(GENERAL)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(CORRUPTION).content.decode()
        assert "แจ้งทุจริตการจัดซื้อ" in page and _case_rows_read(queries)

    kept = _kept_text()
    assert "แจ้งทุจริตการจัดซื้อ" not in kept
    assert "ขอบคุณเจ้าหน้าที่" in kept  # the general queue's page was kept
    # Nor its filter pane (with counts per filter) in the shared page cache.
    shared = " ".join(caches["pages"]._cache)  # the tests' local-memory cache
    assert "filter-pane:case:" in shared and "filter-pane:corruptionreport" not in shared


def test_a_page_is_kept_at_most_the_page_cache_seconds(client, triage_officer, cases, settings):
    login_staff(client, triage_officer)
    client.get(GENERAL)
    with CaptureQueriesContext(connection) as queries:
        client.get(GENERAL)
    assert not _case_rows_read(queries)

    settings.PORTAL_PAGE_CACHE_SECONDS = 1e-9  # the kept page is now too old
    with CaptureQueriesContext(connection) as queries:
        assert REPORTER in client.get(GENERAL).content.decode()
    assert _case_rows_read(queries)


def test_without_a_page_cache_nothing_is_kept(client, triage_officer, cases, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    login_staff(client, triage_officer)
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            assert REPORTER in client.get(GENERAL).content.decode()
        assert _case_rows_read(queries)
