"""Pages of a year that fills with cases (issue 16): the statistics page, the
evidence page and the staff's case list, measured in this process with
Django's test client at each stage of the report section (a year without
cases, then 20 000 cases): queries and milliseconds per request beside the
bare view (tests/bench/urls.py) measured in the same stage, with the page
cache off so that each request renders.
"""

import statistics
import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

REPEAT = 7
FISCAL_YEAR = 2569
STAFF = "bench-triage"
TARGET = 0.1  # the staff's case list against the bare view (issue 16)


def _clients():
    from django.contrib.auth import get_user_model

    from measures.models import Indicator
    from portal.lib import roles
    from tests import factories
    from tests.login import login_staff

    Indicator.objects.get_or_create(
        assessment_year=FISCAL_YEAR,
        code="O16",
        defaults={
            "title": "การเปิดโอกาสให้เกิดการมีส่วนร่วม",
            "url": "/activities/",
            "where_to_look": "ตารางกิจกรรมปีงบประมาณ ๒๕๖๙",
        },
    )
    officer = get_user_model().objects.filter(username=STAFF).first()
    officer = officer or factories.staff_user(role=roles.TRIAGE_OFFICER, username=STAFF)
    staff = Client()
    login_staff(staff, officer)
    return Client(), staff


def _measure(client, url):
    """(queries, median milliseconds) of GET `url`, after one request to warm up."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"{url}: {response.status_code}")
    reset_queries()  # a full log (DEBUG keeps the last 9 000) would count nothing
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    timings = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    return len(queries), statistics.median(timings)


def year_pages_measure(stage):
    """One stage's rows: (stage, page, queries, ms, bare ms)."""
    with override_settings(
        ROOT_URLCONF="tests.bench.urls", PORTAL_PAGE_CACHE_SECONDS=0, ALLOWED_HOSTS=["*"]
    ):
        public, staff = _clients()
        pages = [
            ("statistics", public, reverse("feedback:statistics_year", args=[FISCAL_YEAR])),
            ("evidence", public, reverse("measures:evidence_index", args=[FISCAL_YEAR])),
            ("staff case list", staff, reverse("admin:feedback_case_changelist")),
        ]
        rows = []
        for name, client, url in pages:
            _bare_queries, bare_ms = _measure(public, "/bench/bare/")
            queries, ms = _measure(client, url)
            rows.append((stage, name, queries, ms, bare_ms))
    return rows


def year_pages_print(rows, *, judged):
    """Print the rows; the target is judged on the stage named `judged`."""
    print(
        f"\npages of the year (in process, median of {REPEAT}, page cache off, "
        "each beside the bare view measured just before it):"
    )
    for stage, name, queries, ms, bare_ms in rows:
        print(
            f"  {stage:<14} {name:<16} {queries:3d} queries  {ms:7.1f} ms  "
            f"{bare_ms / ms:5.2f} of bare ({bare_ms:.1f} ms)"
        )
    ratio = next(
        b / ms for stage, name, _q, ms, b in rows if (stage, name) == (judged, "staff case list")
    )
    print(
        f"  {'met   ' if ratio >= TARGET else 'MISSED'} staff case list with {judged} "
        f">= {TARGET} of the bare view"
    )
