"""The load section of `make bench` (issue 13): N citizens press "send" at the
same instant, against gunicorn as a production host runs it (cores × 2 sync
workers, DJANGO_DEBUG=0), on PostgreSQL with the pool and on the SQLite
default of `make run`. Each citizen first loads the form (not timed), then
all send together: a complaint with a photo, then, in a second burst, a
survey answer sheet. Not a test: it asserts nothing, it reports.

Per burst it prints sent / stored, duplicates, errors (any answer but the
redirect to the receipt), lost (a receipt for something not stored) and the
latency of sending: p50, p95, p99, and p99 as a ratio of one unhurried
sending measured on the same server just before (the baseline).

    tests/with_postgres.sh .venv/bin/python -m tests.bench.load   # this section alone
    BENCH_LOAD_SIZES=50 .venv/bin/python -m tests.bench.load      # SQLite only, 50 at once

Each database runs in a child process of its own (Django is set up for one
database per process); PostgreSQL only when DATABASE_URL names one.
"""

import http.client
import io
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

HOST = "127.0.0.1"
SIZES = [int(n) for n in os.environ.get("BENCH_LOAD_SIZES", "50,200").split(",")]
WORKERS = (os.cpu_count() or 1) * 2
SINGLE_RUNS = 5
TARGET_P99_MS = 300  # at 50 senders on PostgreSQL (issue 13)
ROOT = Path(__file__).resolve().parents[2]


class Citizen:
    """One browser: loads a form, keeps its cookies, sends the form once."""

    def __init__(self, port):
        self.port, self.cookies = port, {}

    def request(self, method, path, body=b"", content_type=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=300)
        headers = {"Host": HOST, "Accept-Language": "th"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        page = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return response.status, page

    def load_form(self, path, token_field):
        status, page = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"{path} answered {status}")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        token = re.search(rf'name="{token_field}" value="([^"]+)"', page)
        return csrf, token.group(1) if token else None

    def send(self, path, fields, files=()):
        """POST `fields` (and `files`: (field, name, bytes, type)) as multipart;
        returns (status, seconds, what the page said when it was not the redirect)."""
        boundary = uuid.uuid4().hex
        body = io.BytesIO()
        for name, value in fields.items():
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            )
            body.write(f"{value}\r\n".encode())
        for field, filename, content, content_type in files:
            body.write(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            )
            body.write(content + b"\r\n")
        body.write(f"--{boundary}--\r\n".encode())
        started = time.perf_counter()
        status, page = self.request(
            "POST", path, body.getvalue(), f"multipart/form-data; boundary={boundary}"
        )
        return status, time.perf_counter() - started, _page_says(page) if status != 302 else ""


def _page_says(page):
    """The page's alert messages or its title: why a sending was not accepted."""
    alerts = re.findall(r'class="(?:alert|invalid-feedback)[^"]*"[^>]*>(.*?)</div>', page, re.S)
    text = " / ".join(alerts) or " ".join(re.findall(r"<title>(.*?)</title>", page, re.S))
    return re.sub(r"<[^>]+>|\s+", " ", text).strip()[:400]


def complaint(citizen, form_path, form, photo):
    """Load the complaint form; returns the sending of it with a photo, which
    gives (status, seconds, what the page said, submission token)."""
    csrf, token = citizen.load_form(form_path, "submission_token")
    # Each a case of its own: the same text many times a day is refused as a flood.
    details = f"{form['details']} เสาไฟต้นที่ {token[:8]}"
    fields = form | {"details": details, "submission_token": token, "csrfmiddlewaretoken": csrf}
    photos = [("attachments", "lamp.jpg", photo, "image/jpeg")]
    return lambda: (*citizen.send(form_path, fields, photos), token)


def answer_sheet(citizen, survey_path, items):
    """Load the survey; returns the sending of a full answer sheet."""
    csrf, token = citizen.load_form(survey_path, "token")
    fields = {"csrfmiddlewaretoken": csrf, "token": token}
    fields |= {f"item_{item.pk}": str(5 - i % 5) for i, item in enumerate(items)}
    return lambda: (*citizen.send(survey_path, fields), token)


def at_once(count, load):
    """`count` citizens each load their form, then all send together."""
    ready = threading.Barrier(count)
    results = []

    def run():
        try:
            send = load()
        except Exception:
            ready.abort()  # the others must not wait for this one for ever
            raise
        ready.wait()
        results.append(send())

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if len(results) != count:
        raise RuntimeError(f"{count - len(results)} of {count} citizens could not load the form")
    return results


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def start_server(database_url, media):
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    env = os.environ | {
        # The portal's settings, less the collected static files (site.py).
        "DJANGO_SETTINGS_MODULE": "tests.bench.site",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-not-a-secret",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_PRIVATE_MEDIA_ROOT": media,
        "DJANGO_MEDIA_ROOT": media,
        "DATABASE_URL": database_url,
        "DATABASE_POOL": "1",
        # Every citizen of the burst comes from 127.0.0.1.
        "PORTAL_CASES_PER_HOUR": "1000000",
        "PORTAL_CASE_ATTEMPTS_PER_HOUR": "1000000",
        "PORTAL_SURVEY_ANSWERS_PER_HOUR": "1000000",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            *(str(gunicorn), "--workers", str(WORKERS), "--bind", f"{HOST}:{port}"),
            *("--backlog", "2048", "--timeout", "300", "--log-level", "warning", "portal.wsgi"),
        ],
        env=env,
        cwd=ROOT,
    )
    for _ in range(600):
        try:
            if Citizen(port).request("GET", "/healthz")[0] == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not answer")


def report(label, sent, stored, duplicates, results, single):
    """Prints one burst; returns its p99 in ms and whether nothing was lost."""
    ok = [r for r in results if r[0] == 302]
    seconds = [r[1] for r in results]
    p50, p95, p99 = (percentile(seconds, f) * 1000 for f in (0.5, 0.95, 0.99))
    lost = max(len(ok) - stored, 0)
    print(
        f"  {label:<20} stored {stored:>3}/{sent:<3} duplicates {duplicates}  "
        f"errors {sent - len(ok):>3}  lost {lost}  "
        f"p50 {p50:6.0f} ms  p95 {p95:6.0f} ms  p99 {p99:6.0f} ms  "
        f"p99/single {p99 / (single * 1000):5.1f}"
    )
    refusals = {}
    for status, _seconds, says, _token in results:
        if status != 302:
            refusals[(status, says)] = refusals.get((status, says), 0) + 1
    for (status, says), count in sorted(refusals.items()):
        print(f"    {count} × {status}: {says}")
    return p99, stored == sent == len(ok) and duplicates == 0


def stored_of(kind, results, responses_before):
    """(stored, duplicates) of a burst, counted in the database."""
    from feedback.models import Case
    from surveys.models import Response

    if kind == "survey answer":
        return Response.objects.count() - responses_before, 0
    rows = Case.objects.filter(submission_token__in=[r[3] for r in results])
    stored = rows.count()
    twins = stored - rows.values("submission_token").distinct().count()
    same_number = stored - rows.values("fiscal_year", "number").distinct().count()
    return stored, twins + same_number


def bench_database(database_url):
    """Runs in the child process: Django set up for `database_url`."""
    from tests.bench.environment import django_setup

    django_setup()
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from surveys.models import Response
    from tests import factories
    from tests.factories import feedback as fb
    from tests.factories import surveys as sf

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    factories.agency()
    survey = sf.survey(dimensions=(("ด้านกระบวนการ", 5), ("ด้านเจ้าหน้าที่", 5)))
    items = sf.items_of(survey)
    survey_path = reverse("surveys:survey_answer", kwargs={"slug": survey.slug})
    form_path = reverse("feedback:submit") + "?accepted=1"
    photo = factories.jpeg_upload("lamp.jpg", size=(800, 600)).read()
    form = fb.form_data()
    kinds = {
        "complaint + photo": lambda citizen: complaint(citizen, form_path, form, photo),
        "survey answer": lambda citizen: answer_sheet(citizen, survey_path, items),
    }
    missed = []
    with tempfile.TemporaryDirectory() as media:
        server, port = start_server(database_url, media)
        try:
            print(
                f"\n{connection.vendor}: gunicorn {WORKERS} sync workers, DJANGO_DEBUG=0; "
                f"the citizens run on the same machine (load average {os.getloadavg()[0]:.1f})"
            )
            for kind, load in kinds.items():
                for _warm in range(2):
                    load(Citizen(port))()
                single = statistics.median(load(Citizen(port))()[1] for _ in range(SINGLE_RUNS))
                print(f"  {kind}: one unhurried sending {single * 1000:.0f} ms", end="")
                print(f" (median of {SINGLE_RUNS}, the baseline)")
                for size in SIZES:
                    before = Response.objects.count()
                    results = at_once(size, lambda load=load: load(Citizen(port)))
                    stored, duplicates = stored_of(kind, results, before)
                    p99, whole = report(
                        f"{size} at once", size, stored, duplicates, results, single
                    )
                    missed += [] if whole else [f"{kind}, {size} at once: not all stored"]
                    if connection.vendor == "postgresql" and size == 50 and p99 > TARGET_P99_MS:
                        missed.append(f"{kind}, 50 at once: p99 {p99:.0f} ms")
        finally:
            server.terminate()
            server.wait(timeout=60)
    print("  load targets met" if not missed else f"  LOAD TARGETS MISSED: {'; '.join(missed)}")


def bench_load():
    """The section: each database in a process of its own."""
    print(f"\nload: {', '.join(map(str, SIZES))} citizens sending at once (issue 13)")
    print(
        f"targets: stored = sent, 0 duplicates, 0 errors; p99 < {TARGET_P99_MS} ms "
        f"at 50 at once on PostgreSQL"
    )
    databases = []
    given = os.environ.get("DATABASE_URL", "")
    if given.startswith("postgres"):
        databases.append(_database_of_its_own(given, "bench_load"))
    with tempfile.TemporaryDirectory() as folder:
        databases.append(f"sqlite:///{folder}/portal.sqlite3")
        for url in databases:
            subprocess.run(
                [sys.executable, "-m", "tests.bench.load", "--database", url],
                env=os.environ | {"DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings"},
                cwd=ROOT,
                check=True,
            )


def _database_of_its_own(url, name):
    """A fresh database beside the one DATABASE_URL names, on the same server."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    query = dict(urllib.parse.parse_qsl(parts.query))
    with psycopg.connect(
        dbname="postgres",  # the one database every cluster has
        user=parts.username,
        host=query.get("host") or parts.hostname,
        port=parts.port,
        autocommit=True,
    ) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


if __name__ == "__main__":
    if sys.argv[1:2] == ["--database"]:
        bench_database(sys.argv[2])
    else:
        bench_load()
