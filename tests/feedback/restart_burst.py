"""Citizens keep sending complaints with a photo while PostgreSQL is stopped and
started again (run by test_database_restart.py in a process of its own, on a
cluster of its own, with the production pool settings).

The phases follow events, not the clock: the database is stopped once the
burst is under way, started again once every sender has been refused while it
was down, and the burst ends once every sender has been served again (or
after DEADLINE seconds, which the test then reports). Half of the sendings
come from a browser that filed a case before, so it holds a session cookie.

Prints one JSON object: what each sending got back and in which phase it
started and ended, and what the database and the upload folder hold afterwards.
"""

import datetime as dt
import json
import os
import subprocess
import sys
import threading
import time
import uuid

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from feedback.models import Attachment, Case  # noqa: E402
from measures.models import Policy  # noqa: E402
from tests import factories  # noqa: E402
from tests.factories import feedback as fb  # noqa: E402

PG_CTL = sys.argv[1:]  # the pg_ctl command line without its action
SENDERS = 4
REFUSED_WHILE_DOWN = 2  # sendings each sender has refused with the database stopped
SERVED_AFTER = 2  # sendings each sender has stored once it is back
DEADLINE = 60  # seconds to wait for each phase before giving up (the test then fails)

phase = "up"  # up → stopping → down → starting → back
outcomes = []
progress = threading.Condition()


def pg_ctl(action):
    subprocess.run([*PG_CTL, "-m", "fast", "-w", action], check=True, capture_output=True)


def send(client, sender, returning):
    token = str(uuid.uuid4())
    details = f"ไฟส่องสว่างหน้าโรงเรียนดับ จุดที่ {token}"
    data = FORM | {
        "details": details,
        "submission_token": token,
        "attachments": [factories.jpeg_upload("lamp.jpg")],
    }
    started, started_in = time.monotonic(), phase
    try:
        response = client.post(reverse("feedback:submit"), data)
        status = response.status_code
        html = response.content.decode() if status != 302 else ""
    except Exception as error:  # an unhandled error: a 500 for the citizen
        status, html = 500, repr(error)
    finally:
        connections.close_all()  # as at the end of every request
    outcome = {
        "sender": sender,
        "returning": returning,
        "token": token,
        "started_in": started_in,
        "ended_in": phase,
        "at": round(started - T0, 2),
        "seconds": round(time.monotonic() - started, 2),
        "status": status,
        "form_back": token in html and details in html,
        "receipt": 'id="tracking-code"' in html,
    }
    with progress:
        outcomes.append(outcome)
        progress.notify_all()


def sender(n, returning_client, stop):
    returning = False
    while not stop.is_set():
        returning = not returning
        # Every other sending from a new visitor's browser, without a session.
        client = returning_client if returning else Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        send(client, n, returning)


def wait_until(condition):
    """True once condition(outcomes) holds; False after DEADLINE seconds."""
    with progress:
        return progress.wait_for(lambda: condition(outcomes), timeout=DEADLINE)


def each_sender(count, status_ok, started_in):
    def condition(seen):
        return all(
            sum(
                1
                for o in seen
                if o["sender"] == n and o["started_in"] == started_in and status_ok(o)
            )
            >= count
            for n in range(SENDERS)
        )

    return condition


Policy.objects.get_or_create(
    kind=Policy.Kind.PRIVACY,
    defaults={"title": "ประกาศความเป็นส่วนตัว", "body": "-", "version": "1"}
    | {"effective_on": dt.date(2025, 10, 1)},
)
factories.agency()
FORM = fb.form_data()  # read while the database is up: it looks up the privacy notice
T0 = time.monotonic()
returning_clients = []
for n in range(SENDERS):  # each returning browser files a case first: it has a session now
    returning_clients.append(Client(REMOTE_ADDR=f"198.51.100.{n + 1}"))
    send(returning_clients[-1], n, True)
stop = threading.Event()
threads = [
    threading.Thread(target=sender, args=(n, returning_clients[n], stop)) for n in range(SENDERS)
]
for thread in threads:
    thread.start()
reached = {"burst": wait_until(lambda seen: len(seen) >= 3 * SENDERS)}
phase = "stopping"
pg_ctl("stop")
phase = "down"
reached["down"] = wait_until(
    each_sender(REFUSED_WHILE_DOWN, lambda o: o["ended_in"] == "down", "down")
)
phase = "starting"
pg_ctl("start")
phase = "back"
reached["recovered"] = wait_until(
    each_sender(SERVED_AFTER, lambda o: o["status"] in (200, 302), "back")
)
stop.set()
for thread in threads:
    thread.join()

stored = {str(token) for token in Case.objects.values_list("submission_token", flat=True)}
root = os.path.join(settings.PRIVATE_MEDIA_ROOT, "feedback")  # PrivateStorage's folder
files = {
    os.path.relpath(os.path.join(folder, name), root)
    for folder, _dirs, names in os.walk(root)
    for name in names
}
print(
    json.dumps(
        {
            "reached": reached,
            "outcomes": outcomes,
            "stored_tokens": sorted(stored),
            "cases_without_attachment": Case.objects.filter(attachments__isnull=True).count(),
            "attachment_files": sorted(Attachment.objects.values_list("file", flat=True)),
            "files_on_disk": sorted(files),
        }
    )
)
