"""The staff's case lists page on past the count's cap (portal.lib.admin_count,
issue 16): every page that has cases is reachable by "next", holds exactly the
cases the list's order puts there, filtered, searched and sorted alike; a page
beyond the end is Django's invalid page, not an error; the general queue never
shows a sealed report on any page; an action with "select all" still takes the
whole filtered list; and a far page costs the queries of the first."""

import csv
import io
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from feedback.admin.case import CaseAdmin
from feedback.models import Case
from portal.lib.admin_count import CountUpTo
from tests.factories import feedback as fb
from tests.login import login_staff
from tests.queries import page_queries

pytestmark = pytest.mark.django_db

GENERAL = reverse("admin:feedback_case_changelist")
CORRUPTION = reverse("admin:feedback_corruptionreport_changelist")
PER_PAGE = 3
CAP = 4  # counted up to 4: pages 1 and 2 are known, page 3 on only by reading
SUBJECT_COLUMN = 5  # ?o=5: action box, register number, received, type, channel, subject
NEXT = re.compile(r'<a class="page-step" rel="next" href="([^"]*)"')
PREVIOUS = re.compile(r'<a class="page-step" rel="prev" href="([^"]*)"')


@pytest.fixture(autouse=True)
def small_pages(monkeypatch):
    # The real proportions (1 000 counted, 25 a page, "show all" up to 200) in small.
    monkeypatch.setattr(CountUpTo, "cap", CAP)
    monkeypatch.setattr(CaseAdmin, "list_per_page", PER_PAGE)
    monkeypatch.setattr(CaseAdmin, "list_max_show_all", CAP - 1)


@pytest.fixture
def register(agency):
    """14 cases of the general queue (7 questions, 9 about the power supply)
    and 5 sealed reports received between them; subjects in no order of arrival."""
    general = []
    for n in range(14):
        if n % 3 == 0:
            fb.corruption_case(subject=f"ทุจริตค่าไฟฟ้า {n:02d}")
        stream = Case.Stream.QUESTION if n % 2 == 0 else Case.Stream.GENERAL
        topic = "ไฟฟ้าดับ" if n % 3 else "ถนนชำรุด"
        general.append(fb.case(stream=stream, subject=f"{topic} {(n * 5) % 14:02d}"))
    return general


def _newest_first(cases):
    """The queue's own order written out: newest received first, then the newest record."""
    stored = Case.objects.filter(pk__in=[c.pk for c in cases])
    return [c.subject for c in sorted(stored, key=lambda c: (c.received_at, c.pk), reverse=True)]


def _subjects(html):
    return re.findall(r'<td class="field-subject"><a href="[^"]*">([^<]*)</a>', html)


def _step(pattern, html):
    """The address of the page's "next" or "previous" link, None without one."""
    found = pattern.search(html)
    return unescape(found.group(1)) if found else None


def _walk(client, url, params=None):
    """Every page of a list, by its "next" link from the first: (subjects, html) per page."""
    pages = []
    response = client.get(url, params)
    while True:
        assert response.status_code == 200
        html = response.content.decode()
        pages.append((_subjects(html), html))
        step = _step(NEXT, html)
        if step is None:
            return pages
        response = client.get(url + step)


def test_next_leads_through_every_page_past_the_cap_to_the_last(client, triage_officer, register):
    login_staff(client, triage_officer)

    pages = _walk(client, GENERAL)

    expected = _newest_first(register)
    assert [subjects for subjects, _ in pages] == [
        expected[i : i + PER_PAGE] for i in range(0, len(expected), PER_PAGE)
    ]
    first_html, last_html = pages[0][1], pages[-1][1]
    assert "หน้าถัดไป" in first_html and "หน้าก่อนหน้า" not in first_html
    assert "มากกว่า 4 เรื่องร้องเรียน" in last_html
    assert _step(PREVIOUS, last_html) == "?p=4"
    assert "หน้าถัดไป" not in last_html  # the last page (5) has no next


def test_a_page_past_the_cap_numbers_its_neighbours_and_the_first_not_a_last(
    client, triage_officer, register
):
    login_staff(client, triage_officer)

    html = client.get(GENERAL, {"p": 4}).content.decode()

    assert _subjects(html) == _newest_first(register)[9:12]
    assert re.findall(r'<a role="button" href="\?p=(\d+)"', html) == ["1", "2", "3", "5"]
    assert '<a role="button" href="" aria-current="page">4</a>' in html
    assert _step(NEXT, html) == "?p=5" and _step(PREVIOUS, html) == "?p=3"


@pytest.mark.parametrize("page", [6, 40, 0, 10**19])  # 10**19: past any row the database numbers
def test_a_page_beyond_the_end_is_djangos_invalid_page(client, triage_officer, register, page):
    login_staff(client, triage_officer)

    response = client.get(GENERAL, {"p": page})

    assert response.status_code == 302 and response["Location"] == f"{GENERAL}?e=1"
    assert client.get(response["Location"]).status_code == 200


def test_no_page_of_the_general_queue_shows_a_sealed_report(
    client, triage_officer, integrity_officer, register
):
    for officer in (triage_officer, integrity_officer):
        login_staff(client, officer)
        for params in [None, {"q": "ไฟฟ้า"}, {"o": SUBJECT_COLUMN}]:
            pages = _walk(client, GENERAL, params)
            assert len(pages) > 2
            assert not any("ทุจริตค่าไฟฟ้า" in html for _, html in pages)


def test_the_integrity_officer_pages_the_sealed_queue_past_its_cap(
    client, integrity_officer, agency
):
    reports = [fb.corruption_case(subject=f"เรียกรับเงิน {n:02d}") for n in range(8)]
    fb.case(subject="ขอให้ซ่อมถนน")
    login_staff(client, integrity_officer)

    pages = _walk(client, CORRUPTION)

    expected = _newest_first(reports)
    assert [subjects for subjects, _ in pages] == [expected[0:3], expected[3:6], expected[6:8]]
    assert "มากกว่า 4 เรื่องร้องเรียนการทุจริต" in pages[-1][1]


@pytest.mark.parametrize(
    ("params", "kept"),
    [
        ({"stream": "question"}, lambda c: c.stream == Case.Stream.QUESTION),
        ({"q": "ไฟฟ้าดับ"}, lambda c: "ไฟฟ้าดับ" in c.subject),
        ({"o": SUBJECT_COLUMN}, lambda c: True),
    ],
    ids=["filtered", "searched", "sorted"],
)
def test_a_filtered_searched_or_sorted_list_pages_on_past_the_cap(
    client, triage_officer, register, params, kept
):
    login_staff(client, triage_officer)
    cases = [c for c in register if kept(c)]
    expected = _newest_first(cases)
    if "o" in params:
        expected = sorted(c.subject for c in cases)

    pages = _walk(client, GENERAL, params)

    assert len(cases) > CAP  # the list stops counting, and still pages
    assert [subjects for subjects, _ in pages] == [
        expected[i : i + PER_PAGE] for i in range(0, len(expected), PER_PAGE)
    ]
    step = parse_qs(urlsplit(_step(NEXT, pages[0][1])).query)
    assert all(step[name] == [str(value)] for name, value in params.items())


def _export(client, url, data):
    response = client.post(url, data)
    assert response.status_code == 200, response
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return sorted(row[4] for row in rows[1:])  # the subject column


def test_select_all_on_a_page_past_the_cap_exports_the_whole_filtered_list(
    client, triage_officer, register
):
    login_staff(client, triage_officer)
    questions = sorted(c.subject for c in register if c.stream == Case.Stream.QUESTION)
    page = f"{GENERAL}?stream=question&p=3"  # rows 7 on: past the count
    html = client.get(page).content.decode()
    shown = re.findall(r'name="_selected_action" value="(\d+)"', html)
    assert "เลือกเรื่องร้องเรียนทั้งหมดในรายการนี้ (มากกว่า 4)" in html and len(shown) == 1

    chosen = {"action": "export_csv", "index": "0", "_selected_action": shown}
    across = _export(client, page, {**chosen, "select_across": "1"})
    only_shown = _export(client, page, {**chosen, "select_across": "0"})

    assert across == questions  # all seven questions, from a page that shows one
    assert only_shown == _subjects(html)


def test_an_action_from_a_page_past_the_cap_returns_to_that_page(client, triage_officer, register):
    login_staff(client, triage_officer)
    page = f"{GENERAL}?q=%E0%B9%84%E0%B8%9F%E0%B8%9F%E0%B9%89%E0%B8%B2&p=3"

    response = client.post(page, {"action": "export_csv", "index": "0"})  # nothing chosen

    assert response.status_code == 302 and response["Location"] == page
    html = client.get(response["Location"]).content.decode()
    assert "ไม่มีรายการใดถูกเปลี่ยน" in html
    assert '<a role="button" href="" aria-current="page">3</a>' in html


def test_a_far_page_costs_the_queries_of_the_first_and_counts_no_further(
    client, triage_officer, register, monkeypatch
):
    # What drawing a page costs: none served as kept (kept_staff_pages).
    monkeypatch.setattr(CaseAdmin, "kept_page_key", lambda self, request: None)
    login_staff(client, triage_officer)
    client.get(GENERAL)  # the deadline counts, kept from here on until a case changes
    _, first = page_queries(client, GENERAL)
    _, far = page_queries(client, GENERAL, {"p": 5})
    for _ in range(6):
        fb.case()
    client.get(GENERAL)
    _, far_of_more = page_queries(client, GENERAL, {"p": 5})

    assert first == far == far_of_more <= 16
    with CaptureQueriesContext(connection) as queries:
        client.get(GENERAL, {"p": 7})
    (count,) = [q["sql"] for q in queries if "COUNT(*)" in q["sql"]]
    assert f"LIMIT {CAP + 1}" in count
    (rows,) = [q["sql"] for q in queries if "OFFSET" in q["sql"]]
    assert f"LIMIT {PER_PAGE + 1} OFFSET 18" in rows  # one row past the page: is there a next?
