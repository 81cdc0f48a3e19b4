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
import html.parser
import io
import logging
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import boto3
import requests
from django_otp.oath import totp
from moto.server import ThreadedMotoServer
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BUCKET = "portal-cluster"
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


def say(message):
    print(f"cluster: {message}", flush=True)


def check(condition, message):
    if not condition:
        raise SystemExit(f"cluster: FAILED: {message}")
    say(f"ok — {message}")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def pg_bin():
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent  # /usr/local/bin may hold links to a few
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if not candidates:
        raise SystemExit("cluster: PostgreSQL server binaries not found (Debian: postgresql)")
    return candidates[0].parent


class Cluster:
    def __init__(self, folder):
        self.folder = folder
        self.processes = []
        self.logs = []

    def run(self, *command, env=None, **kwargs):
        return subprocess.run(command, check=True, env=env, **kwargs)

    def start(self, name, *command, env=None, cwd=ROOT):
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 closed in stop()
        self.logs.append(log)
        process = subprocess.Popen(command, env=env, cwd=cwd, stdout=log, stderr=log)
        self.processes.append((name, process))
        return process

    def stop(self):
        for _name, process in reversed(self.processes):
            process.terminate()
        for _name, process in reversed(self.processes):
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)
            if process.poll() is None:
                process.kill()
        for log in self.logs:
            log.close()

    def tail(self, name, lines=30):
        path = self.folder / f"{name}.log"
        if path.exists():
            text = path.read_text(errors="replace").splitlines()[-lines:]
            print(f"--- {name}.log ---\n" + "\n".join(text))


def postgres(cluster, bin_dir):
    """A primary and a streaming replica, each on a socket in the cluster folder."""
    folder = cluster.folder
    for sub in ("primary", "replica", "sock-primary", "sock-replica"):
        (folder / sub).mkdir()
    if AS_POSTGRES:
        shutil.chown(folder, "postgres")
        for sub in ("primary", "replica", "sock-primary", "sock-replica"):
            shutil.chown(folder / sub, "postgres")
    user = "postgres" if AS_POSTGRES else os.environ.get("USER", "postgres")
    cluster.run(
        *AS_POSTGRES, str(bin_dir / "initdb"), "-D", str(folder / "primary" / "data"),
        "-U", user, "--auth=trust", "--locale=C.UTF-8", "--encoding=UTF8",
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    options = "-c listen_addresses='' -c fsync=off -c max_connections=100"
    cluster.run(
        *AS_POSTGRES, str(bin_dir / "pg_ctl"), "-D", str(folder / "primary" / "data"), "-w",
        "-l", str(folder / "primary.log"), "-o", f"-k {folder / 'sock-primary'} {options}",
        "start", stdout=subprocess.DEVNULL,
    )  # fmt: skip
    cluster.run(
        *AS_POSTGRES, str(bin_dir / "pg_basebackup"), "-h", str(folder / "sock-primary"),
        "-U", user, "-D", str(folder / "replica" / "data"), "-R", "-X", "stream",
    )  # fmt: skip
    cluster.run(
        *AS_POSTGRES, str(bin_dir / "pg_ctl"), "-D", str(folder / "replica" / "data"), "-w",
        "-l", str(folder / "replica.log"), "-o", f"-k {folder / 'sock-replica'} {options}",
        "start", stdout=subprocess.DEVNULL,
    )  # fmt: skip
    cluster.run(
        *AS_POSTGRES, str(bin_dir / "createdb"), "-h", str(folder / "sock-primary"),
        "-U", user, "portal",
    )  # fmt: skip
    return (
        f"postgres://{user}@/portal?host={folder / 'sock-primary'}",
        f"postgres://{user}@/portal?host={folder / 'sock-replica'}",
    )


def stop_postgres(cluster, bin_dir):
    for data in ("replica", "primary"):
        subprocess.run(
            [*AS_POSTGRES, str(bin_dir / "pg_ctl"), "-D", str(cluster.folder / data / "data"),
             "-m", "immediate", "stop"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip


class Forms(html.parser.HTMLParser):
    """The forms of a page, with the values a browser would send unchanged:
    text as given, the first option of each radio group and select."""

    def __init__(self, page):
        super().__init__()
        self.forms = []
        self._select = None
        self._textarea = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action", ""), "fields": {}, "names": set()})
            return
        if not self.forms:
            return
        fields, names = self.forms[-1]["fields"], self.forms[-1]["names"]
        name = attrs.get("name")
        if tag == "input" and name:
            names.add(name)
            kind = attrs.get("type", "text")
            if kind == "radio":
                fields.setdefault(name, attrs.get("value", "on"))
            elif kind == "checkbox":
                if "checked" in attrs:
                    fields[name] = attrs.get("value", "on")
            elif kind not in ("submit", "file", "button"):
                fields[name] = attrs.get("value", "")
        elif tag == "select" and name:
            names.add(name)
            self._select = name
        elif tag == "option" and self._select and attrs.get("value"):
            fields.setdefault(self._select, attrs["value"])
        elif tag == "textarea" and name:
            names.add(name)
            self._textarea = name
            fields[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def having(self, field):
        for form in self.forms:
            if field in form["names"]:
                return form
        raise SystemExit(f"cluster: FAILED: no form with a field {field!r} on the page")


def post_form(session, page_response, field, overrides, files=None, base=None):
    form = Forms(page_response.text).having(field)
    action = urllib.parse.urljoin(page_response.url, form["action"] or page_response.url)
    if base:  # send it to the other host
        action = base + urllib.parse.urlsplit(action).path
    data = form["fields"] | overrides
    headers = {"Referer": page_response.url}
    return session.post(action, data=data, files=files, headers=headers, allow_redirects=True)


def jpeg_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(buffer, format="JPEG")
    return buffer.getvalue()


def manage(env, *args, **kwargs):
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True,
        text=True, **kwargs,
    )  # fmt: skip


def shell(env, code):
    return manage(env, "shell", "--no-imports", "-c", code).stdout.strip()


def wait_until(predicate, what, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException):
            if predicate():
                return
        time.sleep(0.5)
    raise SystemExit(f"cluster: FAILED: timed out waiting for {what}")


def main():
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's request log
    folder = Path(tempfile.mkdtemp(prefix="portal-cluster."))
    os.chmod(folder, 0o755)
    cluster = Cluster(folder)
    bin_dir = pg_bin()
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    try:
        say(f"folder {folder}")
        primary_url, replica_url = postgres(cluster, bin_dir)
        say("PostgreSQL primary and streaming replica started")
        redis_socket = folder / "redis.sock"
        cluster.start(
            "redis", shutil.which("redis-server") or "/usr/bin/redis-server", "--port", "0",
            "--unixsocket", str(redis_socket), "--save", "", "--appendonly", "no",
        )  # fmt: skip
        moto.start()
        s3_host, s3_port = moto.get_host_and_port()
        s3_endpoint = f"http://{s3_host}:{s3_port}"
        s3 = boto3.client(
            "s3", endpoint_url=s3_endpoint, region_name="us-east-1",
            aws_access_key_id="cluster", aws_secret_access_key="cluster-secret",
        )  # fmt: skip
        s3.create_bucket(Bucket=BUCKET)
        wait_until(redis_socket.exists, "Redis")
        say("Redis and the S3-compatible server started")

        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("DJANGO_", "DATABASE_", "PORTAL_", "REDIS_"))
        } | {
            "DJANGO_DEBUG": "1",  # the demo's known logins exist only in development
            "DATABASE_URL": primary_url,
            "DATABASE_REPLICA_URL": replica_url,
            "REDIS_URL": f"unix://{redis_socket}",
            "PORTAL_S3_BUCKET": BUCKET,
            "PORTAL_S3_ENDPOINT_URL": s3_endpoint,
            "PORTAL_S3_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "cluster",
            "AWS_SECRET_ACCESS_KEY": "cluster-secret",
            "DJANGO_MEDIA_ROOT": str(folder / "no-media"),
            "DJANGO_PRIVATE_MEDIA_ROOT": str(folder / "no-private"),
            "PYTHONUNBUFFERED": "1",
        }
        manage(env, "migrate", "--no-input")
        manage(env, "createcachetable")
        seeded = manage(env, "seed_demo", timeout=900).stdout
        logins = {
            line.split()[0]: line.split()[1]
            for line in seeded.splitlines()
            if line.startswith("  ") and len(line.split()) >= 3
        }
        check("triage" in logins, "the demo agency is seeded on the primary")

        ports = [free_port(), free_port()]
        hosts = [f"http://127.0.0.1:{port}" for port in ports]
        for number, port in enumerate(ports, start=1):
            cluster.start(
                f"web{number}", PYTHON, "-m", "gunicorn", "portal.wsgi", "--workers", "1",
                "--bind", f"127.0.0.1:{port}", env=env,
            )  # fmt: skip
            cluster.start(
                f"worker{number}", PYTHON, "manage.py", "db_worker", "--queue-name", "*",
                env=env,
            )  # fmt: skip
        for host in hosts:
            wait_until(lambda host=host: requests.get(f"{host}/healthz").ok, f"{host}/healthz")
            health = requests.get(f"{host}/healthz").json()
            check(
                health["database"] == "ok" and health["cache"] == "ok",
                f"{host}/healthz reports the database and Redis: {health}",
            )
        a, b = hosts

        # A citizen files a complaint with a photo on host A; the receipt comes from B.
        citizen = requests.Session()
        form_page = citizen.get(f"{a}/feedback/?accepted=1")
        check(form_page.ok, "the complaint form opens on host A")
        marker = f"cluster-{os.getpid()}"
        photo = jpeg_bytes()
        filed = post_form(
            citizen, form_page, "subject",
            {
                "subject": f"ไฟถนนดับ {marker}",
                "details": "ไฟถนนหน้าโรงเรียนดับมาสามคืน ขอให้ซ่อมด้วย",
                "name": "นายสมชาย ทดสอบ",
                "email": "somchai@example.org",
                "phone": "0812345678",
                "certified_true": "on",
                "stream": "general",
            },
            files={"attachments": ("photo.jpg", photo, "image/jpeg")},
            base=b,
        )  # fmt: skip
        check(
            filed.ok and "/feedback/receipt/" in filed.url,
            f"the complaint sent to host B gives a receipt ({filed.url})",
        )
        case_id, tracking_code = shell(
            env,
            "from feedback.models import Case;"
            f"case = Case.objects.get(subject__endswith={marker!r});"
            "print(case.pk, case.tracking_code)",
        ).split()
        receipt = citizen.get(a + urllib.parse.urlsplit(filed.url).path)
        check(
            receipt.ok and tracking_code in receipt.text,
            "host A shows the receipt with its tracking code, read from the primary",
        )
        objects = [item["Key"] for item in s3.list_objects_v2(Bucket=BUCKET).get("Contents", [])]
        private = [key for key in objects if key.startswith("private/")]
        check(len(private) == 1, f"the photo is in the bucket's private prefix ({private})")
        on_disk = [p for p in folder.glob("no-*/**/*") if p.is_file()]
        check(not on_disk, "no host keeps a file on its own disk")

        # The officer signs in on B (password, then the second factor) and opens the photo on A.
        officer = requests.Session()
        login_page = officer.get(f"{b}/admin/login/")
        second_step = post_form(
            officer, login_page, "password",
            {"username": "triage", "password": logins["triage"]},
        )  # fmt: skip
        key = shell(env, "from demo.second_factor import DEMO_KEY_HEX; print(DEMO_KEY_HEX)")
        signed_in = post_form(
            officer, second_step, "code", {"code": f"{totp(bytes.fromhex(key)):06d}"}, base=a
        )
        check(
            signed_in.ok and "/admin/" in signed_in.url, "the officer signs in with a second factor"
        )
        change = officer.get(f"{a}/admin/feedback/case/{case_id}/change/")
        check(change.ok and marker in change.text, "the case filed on B opens on host A")
        attachment_id = shell(
            env,
            "from feedback.models import Attachment;"
            f"print(Attachment.objects.get(case_id={case_id}).pk)",
        )
        download = officer.get(f"{b}/feedback/attachments/{attachment_id}/")
        stored = s3.get_object(Bucket=BUCKET, Key=private[0])["Body"].read()
        check(
            download.ok and download.content == stored,
            "the officer downloads the photo through host B, streamed from the bucket",
        )

        # A survey answered; public pages read from the replica.
        slug = shell(
            env, "from surveys.models import Survey; print(Survey.objects.open().first().slug)"
        )
        survey_page = citizen.get(f"{b}/surveys/{slug}/")
        before = int(
            shell(env, "from surveys.models import Response; print(Response.objects.count())")
        )
        answered = post_form(citizen, survey_page, "token", {}, base=a)
        after = int(
            shell(env, "from surveys.models import Response; print(Response.objects.count())")
        )
        check(answered.ok and after == before + 1, "a survey answer sent to host A is stored once")
        in_recovery = subprocess.run(
            [str(bin_dir / "psql"), "-h", str(folder / "sock-replica"), "-U",
             "postgres" if AS_POSTGRES else os.environ.get("USER", "postgres"), "-d", "portal",
             "-tAc", "SELECT pg_is_in_recovery()"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
        anonymous = requests.Session()
        check(
            in_recovery == "t" and anonymous.get(f"{a}/measures/").ok and anonymous.get(f"{b}/").ok,
            "public pages answer from the streaming replica",
        )

        # The report: approved, rendered by a worker, photos from the bucket in the PDF.
        version_id = shell(
            env,
            "from django.contrib.auth import get_user_model;"
            "from portal.report.services import annual_report_get_or_create, annual_report_approve;"
            "from portal.lib.thai import FiscalYear;"
            "report = annual_report_get_or_create(fiscal_year=FiscalYear.current().be_year - 1);"
            "director = get_user_model().objects.get(username='director');"
            "print(annual_report_approve(report=report, by=director).pk)",
        )

        def rendered():
            return (
                shell(
                    env,
                    "from portal.report.models import AnnualReportVersion;"
                    f"v = AnnualReportVersion.objects.get(pk={version_id}); print(bool(v.pdf))",
                )
                == "True"
            )

        wait_until(rendered, "a worker to render the annual report", timeout=600)
        pdf_key = shell(
            env,
            "from portal.report.models import AnnualReportVersion;"
            f"print(AnnualReportVersion.objects.get(pk={version_id}).pdf.name)",
        )
        pdf = s3.get_object(Bucket=BUCKET, Key=f"public/{pdf_key}")["Body"].read()
        images = sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages)
        check(images > 0, f"the report rendered by a worker holds {images} photos from the bucket")

        # Reminders: the daily timer fires on both hosts at once.
        timers = [
            subprocess.Popen([PYTHON, "manage.py", "feedback_remind_due"], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
            for _ in hosts
        ]  # fmt: skip
        outputs = [timer.communicate(timeout=120)[0] for timer in timers]
        queued = [int(output.split()[0]) for output in outputs]
        check(
            sorted(queued)[0] == 0 and sorted(queued)[1] > 0,
            f"reminders queued once, by one host only ({queued})",
        )
        say("all checks passed")
    except BaseException:
        for name, _process in cluster.processes:
            cluster.tail(name)
        raise
    finally:
        cluster.stop()
        with contextlib.suppress(Exception):
            moto.stop()
        stop_postgres(cluster, bin_dir)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
