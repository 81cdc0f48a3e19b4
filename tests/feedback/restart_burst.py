"""Citizens keep sending complaints with a photo while PostgreSQL is stopped and
started again (run by test_database_restart.py in a process of its own, on a
cluster of its own, with the production pool settings).

Prints one JSON object: what each sending got back, and what the database and
the upload folder hold afterwards.
"""

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
from tests import factories  # noqa: E402
from tests.factories import feedback as fb  # noqa: E402

PG_CTL = sys.argv[1:]  # the pg_ctl command line without its action
SENDERS = 6
SECONDS = 20
DOWN_AT, UP_AT = 4, 8


def pg_ctl(action):
    subprocess.run([*PG_CTL, "-m", "fast", "-w", action], check=True, capture_output=True)


def sender(n, outcomes, stop):
    while not stop.is_set():
        # Each sending from a new visitor's browser (see the test's docstring).
        client = Client(REMOTE_ADDR=f"203.0.113.{n + 1}", raise_request_exception=False)
        token = str(uuid.uuid4())
        data = fb.form_data(
            details=f"ไฟส่องสว่างหน้าโรงเรียนดับ จุดที่ {token}",
            submission_token=token,
            attachments=[factories.jpeg_upload("lamp.jpg")],
        )
        started = time.monotonic()
        response = client.post(reverse("feedback:submit"), data)
        html = response.content.decode() if response.status_code not in (200, 302) else ""
        outcomes.append(
            {
                "token": token,
                "at": started - T0,
                "status": response.status_code,
                "form_back": token in html and "ไฟส่องสว่างหน้าโรงเรียนดับ" in html,
            }
        )
        connections.close_all()  # as at the end of every request


T0 = time.monotonic()
outcomes, stop = [], threading.Event()
threads = [threading.Thread(target=sender, args=(n, outcomes, stop)) for n in range(SENDERS)]
for thread in threads:
    thread.start()
time.sleep(DOWN_AT)
pg_ctl("stop")
time.sleep(UP_AT - DOWN_AT)
pg_ctl("start")
time.sleep(SECONDS - UP_AT)
stop.set()
for thread in threads:
    thread.join()

stored = {str(token) for token in Case.objects.values_list("submission_token", flat=True)}
root = os.path.join(settings.PRIVATE_MEDIA_ROOT, "feedback")
files = {
    os.path.relpath(os.path.join(folder, name), root)
    for folder, _dirs, names in os.walk(root)
    for name in names
}
print(
    json.dumps(
        {
            "outcomes": outcomes,
            "stored_tokens": sorted(stored),
            "cases_without_attachment": Case.objects.filter(attachments__isnull=True).count(),
            "attachment_files": sorted(Attachment.objects.values_list("file", flat=True)),
            "files_on_disk": sorted(files),
        }
    )
)
