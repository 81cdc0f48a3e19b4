"""The pages section of `make bench`: gunicorn (2 sync workers) serves the
benchmark's database; a small load generator on 127.0.0.1 measures each
public page and, interleaved with it, a bare Django view returning a Thai
list after one query (tests/bench/urls.py). Prints req/s and the ratio to
the bare view per page, with the page's size. Beside the public pages, the
triage officer's case list (signed in, second factor passed) over the large
year's cases: loaded here when the report section did not run.

    tests/with_postgres.sh .venv/bin/python -m tests.bench --pages-only
"""

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

HOST = "127.0.0.1"
THREADS = 4
SECONDS = float(os.environ.get("BENCH_PAGE_SECONDS", "2"))
ROUNDS = int(os.environ.get("BENCH_PAGE_ROUNDS", "2"))
BARE = "/bench/bare/"
TARGETS = {"read": 0.5, "form": 0.2, "staff": 0.1, "admin": 0}
STAFF = "bench-triage"
SECRET_KEY = "bench-only-not-a-secret"  # the server's: it signs the staff session


def public_pages():
    """(name, path, kind) of each public page, on the first published rows."""
    from django.db.models import Count
    from django.urls import reverse

    from feedback.models import Case
    from measures.models import Activity, Indicator, Measure
    from portal.lib import thai
    from surveys.models import Survey, WorkingGroup

    measure = Measure.objects.published().first()
    activity = Activity.objects.published().order_by("-held_on").first()
    survey = Survey.objects.open().first()
    group = WorkingGroup.objects.published().first()
    indicator = Indicator.objects.order_by("-assessment_year").first()
    # The year with the most cases (the report section's, if it ran).
    busiest = Case.objects.values("fiscal_year").annotate(n=Count("pk")).order_by("-n").first()
    statistics_year = busiest["fiscal_year"] if busiest else thai.FiscalYear.current().be_year
    pages = [
        ("home", reverse("portal:home"), "read"),
        ("measures", reverse("measures:measure_list"), "read"),
        ("a measure", measure and measure.get_absolute_url(), "read"),
        ("activities", reverse("measures:activity_list"), "read"),
        ("an activity", activity and activity.get_absolute_url(), "read"),
        ("you said, we did", reverse("measures:improvement_list"), "read"),
        ("statistics", reverse("feedback:statistics_year", args=[statistics_year]), "read"),
        ("surveys", reverse("surveys:survey_list"), "read"),
        ("working groups", reverse("surveys:workinggroup_list"), "read"),
        ("a working group", group and group.get_absolute_url(), "read"),
        (
            "evidence",
            indicator and reverse("measures:evidence_index", args=[indicator.assessment_year]),
            "read",
        ),
        ("feedback form", reverse("feedback:submit"), "form"),
        ("a survey form", survey and survey.get_absolute_url(), "form"),
    ]
    return [(name, path, kind) for name, path, kind in pages if path]


def staff_pages():
    """(name, path, kind) of the staff pages measured, with 20 000 cases or more
    (the triage list's first page and a page past its count's cap, seen again;
    the first page drawn afresh), and the admin's index for scale."""
    from django.urls import reverse

    cases = reverse("admin:feedback_case_changelist")
    return [
        ("staff case list", cases, "staff"),
        # Past the 1 000 cases the list counts (portal.lib.admin_count): rows 1 476-1 500.
        ("case list, page 60", f"{cases}?p=60", "staff"),
        # No target: the list drawn, as on the first visit after any record
        # changed (portal.lib.kept_staff_pages keeps it for its viewer until then).
        ("case list, drawn", "/bench/case-list-drawn/", "admin"),
        # No target: what any admin page costs (sign-in checks, menus), for scale.
        ("staff index", reverse("admin:index"), "admin"),
    ]


def large_year():
    """The report section's 20 000 cases, loaded now if it did not run
    (`--pages-only`); the number in the triage queue. Settled after the demo's
    cases too, as autovacuum keeps a production table."""
    import random

    from feedback.models import Case
    from tests.bench.report import settle
    from tests.bench.year import CASES, add_cases

    if Case.objects.count() < CASES:
        add_cases(random.Random(2569), CASES, Case.objects.count() + 1)
    settle()
    return Case.objects.general().count()


def staff_cookie():
    """A triage officer's session cookie, signed in with the second factor
    passed (tests/login.py), as the Cookie header of the staff pages."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from portal.lib import roles
    from tests import factories
    from tests.login import login_staff

    officer = get_user_model().objects.filter(username=STAFF).first()
    officer = officer or factories.staff_user(role=roles.TRIAGE_OFFICER, username=STAFF)
    client = Client()
    with override_settings(SECRET_KEY=SECRET_KEY):
        login_staff(client, officer)
    return "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())


def _get(path, cookie=None):
    connection = http.client.HTTPConnection(HOST, _port, timeout=30)
    headers = {"Host": HOST, "Accept-Language": "th"} | ({"Cookie": cookie} if cookie else {})
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def load(path, seconds=SECONDS, cookie=None):
    """Requests per second over `seconds` with THREADS clients; bounded in time."""
    done, failed = [0], [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def client():
        while time.monotonic() < stop:
            status, _body = _get(path, cookie)
            with lock:
                done[0] += 1
                failed[0] += status != 200

    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failed[0]:
        raise RuntimeError(f"{path}: {failed[0]} of {done[0]} requests failed")
    return done[0] / (time.monotonic() - started)


def _free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(database_name):
    """gunicorn on the bench's database, as a production host runs it."""
    from django.conf import settings

    # The bench's own database on the server the bench was given.
    given = urllib.parse.urlsplit(os.environ.get("DATABASE_URL", ""))
    url = given._replace(path=f"/{database_name}").geturl()
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        url = f"sqlite:///{database_name}"
    port = _free_port()
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "tests.bench.site",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": SECRET_KEY,
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": url,
        "DATABASE_POOL": "1",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "--workers",
            "2",
            "--bind",
            f"{HOST}:{port}",
            "--log-level",
            "warning",
            "portal.wsgi",
        ],
        env=env,
        cwd=Path(__file__).resolve().parents[2],
    )
    global _port
    _port = port
    for _ in range(200):
        try:
            if _get(BARE)[0] == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not answer")


def bench_pages(database_name):
    from measures.models import Activity, Measure
    from surveys.models import Response

    cases = large_year()
    pages = public_pages() + staff_pages()
    cookie = staff_cookie()
    cookies = {"staff": cookie, "admin": cookie}
    server = start_server(database_name)
    try:
        answers = {name: _get(path, cookies.get(kind)) for name, path, kind in pages}
        # A page that does not answer 200 here is named, not measured.
        skipped = {name: status for name, (status, _body) in answers.items() if status != 200}
        pages = [page for page in pages if page[0] not in skipped]
        sizes = {name: len(body) for name, (_status, body) in answers.items()}
        load(BARE, 1)  # warm both workers
        results = {name: [] for name, _path, _kind in pages}
        bare_rates = []
        for _round in range(ROUNDS):
            for name, path, kind in pages:
                bare_rate = load(BARE)
                bare_rates.append(bare_rate)
                results[name].append((load(path, cookie=cookies.get(kind)), bare_rate))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        f"\npages: gunicorn 2 sync workers, DJANGO_DEBUG=0, pool; {THREADS} client threads, "
        f"{SECONDS:g} s per measure, {ROUNDS} rounds, each page right after the bare view"
    )
    print(
        f"data: {Measure.objects.count()} measures, {Activity.objects.count()} activities, "
        f"{Response.objects.count()} survey answers, {cases:,} cases in the triage queue"
    )
    print(f"bare view (Thai list, one query): {max(bare_rates):.0f} req/s at best")
    missed = []
    for name, _path, kind in pages:
        rate = max(page for page, _bare in results[name])
        ratio = max(page / bare for page, bare in results[name])
        ok = ratio >= TARGETS[kind]
        missed += [] if ok else [name]
        verdict = "" if ok else "MISSED"
        target = f"target {TARGETS[kind]}" if TARGETS[kind] else "no target"
        print(
            f"  {name:<18} {rate:7.0f} req/s  {ratio:5.2f} of bare  "
            f"{sizes[name] / 1024:6.1f} KB  ({kind}, {target}) {verdict}"
        )
    for name, status in skipped.items():
        print(f"  {name:<18} not measured: it answered {status}")
    print("page targets met" if not missed else f"PAGE TARGETS MISSED: {', '.join(missed)}")


_port = None
