"""The portal on several hosts, rehearsed on this machine: `make test-cluster`.

Starts a PostgreSQL primary with a streaming replica, Redis, an S3-compatible
server (moto, offline), two web processes on two ports and two task workers,
all sharing those services as two hosts behind a load balancer would. Then a
citizen and an officer alternate between the two web hosts:

- a complaint with a photo filed on one host; its receipt read on the other;
- the photo stored in the bucket, not on either host's disk, and opened by
  the officer (password and second factor) through the other host;
- a survey answered; public pages answered from the replica;
- the annual report approved and rendered by a worker, the activity photos
  from the bucket present in the PDF;
- the daily reminders run on both hosts at once, queued once per officer;
- /healthz of both hosts reports the database and the cache.

It prints each check as it passes and exits non-zero at the first failure.
Every process it starts is stopped, and its folder removed, at the end.
"""

import contextlib
import io
import logging
import os
import shutil
import subprocess
import tempfile
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import requests
from django_otp.oath import totp
from moto.server import ThreadedMotoServer
from pypdf import PdfReader

from tests.cluster.browsing import jpeg_bytes, post_form
from tests.cluster.processes import (
    DB_USER,
    PYTHON,
    ROOT,
    Cluster,
    free_port,
    manage,
    pg_bin,
    postgres,
    shell,
    stop_postgres,
    wait_until,
)

BUCKET = "portal-cluster"
S3_KEYS = {"aws_access_key_id": "cluster", "aws_secret_access_key": "cluster-secret"}


def say(message):
    print(f"cluster: {message}", flush=True)


def check(condition, message):
    if not condition:
        raise SystemExit(f"cluster: FAILED: {message}")
    say(f"ok — {message}")


@dataclass
class Run:
    """What the steps share: the services, the environment both hosts run with."""

    cluster: Cluster
    bin_dir: Path
    s3: object = None
    env: dict = field(default_factory=dict)
    hosts: list = field(default_factory=list)
    logins: dict = field(default_factory=dict)
    citizen: requests.Session = field(default_factory=requests.Session)
    officer: requests.Session = field(default_factory=requests.Session)

    def count(self, model_path):
        module, name = model_path.rsplit(".", 1)
        return int(shell(self.env, f"from {module} import {name}; print({name}.objects.count())"))


def start_services(run, moto):
    folder = run.cluster.folder
    primary_url, replica_url = postgres(run.cluster, run.bin_dir)
    say("PostgreSQL primary and streaming replica started")
    redis_socket = folder / "redis.sock"
    run.cluster.start(
        "redis", shutil.which("redis-server") or "/usr/bin/redis-server", "--port", "0",
        "--unixsocket", str(redis_socket), "--save", "", "--appendonly", "no",
    )  # fmt: skip
    moto.start()
    s3_host, s3_port = moto.get_host_and_port()
    endpoint = f"http://{s3_host}:{s3_port}"
    run.s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1", **S3_KEYS)
    run.s3.create_bucket(Bucket=BUCKET)
    wait_until(redis_socket.exists, "Redis")
    say("Redis and the S3-compatible server started")
    ours = ("DJANGO_", "DATABASE_", "PORTAL_", "REDIS_")
    run.env = {k: v for k, v in os.environ.items() if not k.startswith(ours)} | {
        "DJANGO_DEBUG": "1",  # the demo's known logins exist only in development
        "DATABASE_URL": primary_url,
        "DATABASE_REPLICA_URL": replica_url,
        "REDIS_URL": f"unix://{redis_socket}",
        "PORTAL_S3_BUCKET": BUCKET,
        "PORTAL_S3_ENDPOINT_URL": endpoint,
        "PORTAL_S3_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": S3_KEYS["aws_access_key_id"],
        "AWS_SECRET_ACCESS_KEY": S3_KEYS["aws_secret_access_key"],
        "DJANGO_MEDIA_ROOT": str(folder / "no-media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(folder / "no-private"),
        "PYTHONUNBUFFERED": "1",
    }


def start_hosts(run):
    manage(run.env, "migrate", "--no-input")
    manage(run.env, "createcachetable")
    seeded = manage(run.env, "seed_demo", timeout=900).stdout
    run.logins = {
        line.split()[0]: line.split()[1]
        for line in seeded.splitlines()
        if line.startswith("  ") and len(line.split()) >= 3
    }
    check("triage" in run.logins, "the demo agency is seeded on the primary")
    for number in (1, 2):
        port = free_port()
        run.cluster.start(
            f"web{number}", PYTHON, "-m", "gunicorn", "portal.wsgi", "--workers", "1",
            "--bind", f"127.0.0.1:{port}", env=run.env,
        )  # fmt: skip
        run.cluster.start(
            f"worker{number}", PYTHON, "manage.py", "db_worker", "--queue-name", "*", env=run.env
        )
        run.hosts.append(f"http://127.0.0.1:{port}")
    for host in run.hosts:
        wait_until(lambda host=host: requests.get(f"{host}/healthz").ok, f"{host}/healthz")
        health = requests.get(f"{host}/healthz").json()
        check(
            health["database"] == "ok" and health["cache"] == "ok",
            f"{host}/healthz reports the database and Redis: {health}",
        )


def file_a_complaint(run):
    """On host A's form, sent to host B; the receipt read back from host A."""
    a, b = run.hosts
    form_page = run.citizen.get(f"{a}/feedback/?accepted=1")
    check(form_page.ok, "the complaint form opens on host A")
    marker = f"cluster-{os.getpid()}"
    filed = post_form(
        run.citizen, form_page, "subject",
        {
            "subject": f"ไฟถนนดับ {marker}",
            "details": "ไฟถนนหน้าโรงเรียนดับมาสามคืน ขอให้ซ่อมด้วย",
            "name": "นายสมชาย ทดสอบ", "email": "somchai@example.org", "phone": "0812345678",
            "certified_true": "on", "privacy_acknowledged": "on", "stream": "general",
        },
        files={"attachments": ("photo.jpg", jpeg_bytes(), "image/jpeg")},
        base=b,
    )  # fmt: skip
    check(
        filed.ok and "/feedback/receipt/" in filed.url,
        f"the complaint sent to host B gives a receipt ({filed.url})",
    )
    case_id, tracking_code = shell(
        run.env,
        "from feedback.models import Case;"
        f"case = Case.objects.get(subject__endswith={marker!r});"
        "print(case.pk, case.tracking_code)",
    ).split()
    receipt = run.citizen.get(a + urllib.parse.urlsplit(filed.url).path)
    check(
        receipt.ok and tracking_code in receipt.text,
        "host A shows the receipt with its tracking code, read from the primary",
    )
    objects = [item["Key"] for item in run.s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
    private = [key for key in objects if key.startswith("private/")]
    check(len(private) == 1, f"the photo is in the bucket's private prefix ({private})")
    on_disk = [p for p in run.cluster.folder.glob("no-*/**/*") if p.is_file()]
    check(not on_disk, "no host keeps a file on its own disk")
    return case_id, marker, private[0]


def officer_opens_it(run, case_id, marker, photo_key):
    """Signs in on B (password, second factor on A) and opens the case and photo."""
    a, b = run.hosts
    login_page = run.officer.get(f"{b}/admin/login/")
    second_step = post_form(
        run.officer,
        login_page,
        "password",
        {"username": "triage", "password": run.logins["triage"]},
    )
    key = shell(run.env, "from demo.second_factor import DEMO_KEY_HEX; print(DEMO_KEY_HEX)")
    code = f"{totp(bytes.fromhex(key)):06d}"
    signed_in = post_form(run.officer, second_step, "code", {"code": code}, base=a)
    check(signed_in.ok and "/admin/" in signed_in.url, "the officer signs in with a second factor")
    change = run.officer.get(f"{a}/admin/feedback/case/{case_id}/change/")
    check(change.ok and marker in change.text, "the case filed on B opens on host A")
    attachment_id = shell(
        run.env,
        "from feedback.models import Attachment;"
        f"print(Attachment.objects.get(case_id={case_id}).pk)",
    )
    download = run.officer.get(f"{b}/feedback/attachments/{attachment_id}/")
    stored = run.s3.get_object(Bucket=BUCKET, Key=photo_key)["Body"].read()
    check(
        download.ok and download.content == stored,
        "the officer downloads the photo through host B, streamed from the bucket",
    )


def officer_sees_a_later_case_on_both_hosts(run):
    """The case list is kept on each host for the officer who saw it
    (portal.lib.kept_staff_pages); a case filed afterwards shows on the very
    next visit to either host: the records' versions are in Redis."""
    a, b = run.hosts
    lists = [f"{host}/admin/feedback/case/" for host in run.hosts]
    seen_before = [run.officer.get(url) for url in lists * 2]  # the second visits are kept
    check(all(page.ok for page in seen_before), "the officer's case list opens on both hosts")
    marker = f"cluster-later-{os.getpid()}"
    form_page = run.citizen.get(f"{b}/feedback/?accepted=1")
    filed = post_form(
        run.citizen, form_page, "subject",
        {
            "subject": f"ท่อประปาแตก {marker}",
            "details": "ท่อประปาหน้าตลาดแตก น้ำไหลตลอดคืน ขอให้ซ่อมด้วย",
            "name": "นางสาวมาลี ทดสอบ", "email": "malee@example.org", "phone": "0898765432",
            "certified_true": "on", "privacy_acknowledged": "on", "stream": "general",
        },
        base=a,
    )  # fmt: skip
    seen = [marker in run.officer.get(url).text for url in lists]
    check(
        filed.ok and all(seen),
        "a case filed on host A shows at once in the case list each host had kept",
    )


def answer_a_survey_and_read_the_replica(run):
    a, b = run.hosts
    slug = shell(run.env, "from surveys.models import Survey; print(Survey.objects.open()[0].slug)")
    survey_page = run.citizen.get(f"{b}/surveys/{slug}/")
    before = run.count("surveys.models.Response")
    answered = post_form(run.citizen, survey_page, "token", {}, base=a)
    after = run.count("surveys.models.Response")
    check(answered.ok and after == before + 1, "a survey answer sent to host A is stored once")
    in_recovery = subprocess.run(
        [str(run.bin_dir / "psql"), "-h", str(run.cluster.folder / "sock-replica"), "-U", DB_USER,
         "-d", "portal", "-tAc", "SELECT pg_is_in_recovery()"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    anonymous = requests.Session()
    check(
        in_recovery == "t" and anonymous.get(f"{a}/measures/").ok and anonymous.get(f"{b}/").ok,
        "public pages answer from the streaming replica",
    )


def render_the_report(run):
    version_id = shell(
        run.env,
        "from django.contrib.auth import get_user_model;"
        "from portal.report.services import annual_report_get_or_create, annual_report_approve;"
        "from portal.lib.thai import FiscalYear;"
        "report = annual_report_get_or_create(fiscal_year=FiscalYear.current().be_year - 1);"
        "director = get_user_model().objects.get(username='director');"
        "print(annual_report_approve(report=report, by=director).pk)",
    )
    stored_pdf = (
        "from portal.report.models import AnnualReportVersion;"
        f"print(AnnualReportVersion.objects.get(pk={version_id}).pdf.name)"
    )
    wait_until(lambda: shell(run.env, stored_pdf), "a worker to render the report", timeout=600)
    key = f"public/{shell(run.env, stored_pdf)}"
    pdf = run.s3.get_object(Bucket=BUCKET, Key=key)["Body"].read()
    images = sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)
    check(images > 0, f"the report rendered by a worker holds {images} photos from the bucket")


def remind_from_both_hosts(run):
    timers = [
        subprocess.Popen([PYTHON, "manage.py", "feedback_remind_due"], cwd=ROOT, env=run.env,
                         stdout=subprocess.PIPE, text=True)
        for _ in run.hosts
    ]  # fmt: skip
    queued = sorted(int(timer.communicate(timeout=120)[0].split()[0]) for timer in timers)
    check(queued[0] == 0 and queued[1] > 0, f"reminders queued once, by one host only ({queued})")


def main():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    folder = Path(tempfile.mkdtemp(prefix="portal-cluster."))
    os.chmod(folder, 0o755)
    run = Run(cluster=Cluster(folder), bin_dir=pg_bin())
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    try:
        say(f"folder {folder}")
        start_services(run, moto)
        start_hosts(run)
        officer_opens_it(run, *file_a_complaint(run))
        officer_sees_a_later_case_on_both_hosts(run)
        answer_a_survey_and_read_the_replica(run)
        render_the_report(run)
        remind_from_both_hosts(run)
        say("all checks passed")
    except BaseException:
        for name, _process in run.cluster.processes:
            run.cluster.tail(name)
        raise
    finally:
        run.cluster.stop()
        with contextlib.suppress(Exception):
            moto.stop()
        stop_postgres(run.cluster, run.bin_dir)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
