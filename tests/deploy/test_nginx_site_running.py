"""deploy/nginx/portal.conf served by Debian's nginx, as a load balancer and a
citizen meet it: the site on free ports of 127.0.0.1 instead of 80 and 443,
in front of a stand-in for gunicorn that answers with what it was asked.

A load balancer probes each host by its bare address, often over plain HTTP:
the probe must reach the app (portal/health.py) and not be redirected or
answered by another server of nginx; everything else goes to HTTPS."""

import http.client
import http.server
import re
import socket
import ssl
import subprocess
import threading
import time

import pytest

from tests.deploy.test_deploy_files import site_with_certificate, tool

UPSTREAM = "http://127.0.0.1:8000"


class StandInApp(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self._answer()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        self._answer(f" {length} bytes")

    def _answer(self, extra=""):
        proto = self.headers.get("X-Forwarded-Proto", "-")
        body = f"app {self.command} {self.path} proto={proto}{extra}".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, process):
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"nginx does not listen on {port}")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(http port, https port, media folder) of the site running under nginx."""
    nginx = tool("nginx")
    tmp_path = tmp_path_factory.mktemp("nginx")
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInApp)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    http_port, https_port = free_port(), free_port()
    media = tmp_path / "media"
    media.mkdir()
    text = site_with_certificate(tmp_path)
    assert UPSTREAM in text and "/var/lib/portal/media/" in text
    text = text.replace(UPSTREAM, f"http://127.0.0.1:{app.server_port}")
    text = text.replace("/var/lib/portal/media/", f"{media}/")
    text = re.sub(r"listen 80\b", f"listen 127.0.0.1:{http_port}", text)
    text = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https_port}", text)
    # No IPv6 needed here (a sandbox may have none).
    text = "\n".join(line for line in text.splitlines() if "listen [::]" not in line)
    (tmp_path / "portal.conf").write_text(text)
    temp = " ".join(
        f"{kind}_temp_path {tmp_path}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ access_log off; {temp} include {tmp_path}/portal.conf; }}\n"
    )
    # One process, as the user running the test: no worker switching to `nobody`.
    process = subprocess.Popen(
        [nginx, "-p", tmp_path, "-c", tmp_path / "nginx.conf",
         "-g", "daemon off; master_process off;"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for_port(https_port, process)
        yield http_port, https_port, media
    finally:
        process.terminate()
        process.wait(timeout=10)
        app.shutdown()


def ask(port, path, *, tls=False, method="GET", body=None, host=None):
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    answer = response.status, response.getheader("Location"), response.read()
    connection.close()
    return answer


def test_a_health_probe_by_bare_address_over_http_reaches_the_app(site):
    http_port, _, _ = site

    status, location, body = ask(http_port, "/healthz")

    assert (status, location) == (200, None)
    assert body == b"app GET /healthz proto=-"


def test_a_health_probe_by_bare_address_over_https_reaches_the_app(site):
    _, https_port, _ = site

    status, _, body = ask(https_port, "/healthz", tls=True)

    assert (status, body) == (200, b"app GET /healthz proto=https")


def test_every_other_plain_http_request_is_sent_to_https(site):
    http_port, _, _ = site

    status, location, _ = ask(http_port, "/feedback/?x=1", host="portal.example.go.th")

    assert (status, location) == (301, "https://portal.example.go.th/feedback/?x=1")


def test_a_complaint_with_photos_passes_and_published_files_come_from_disk(site):
    _, https_port, media = site
    (media / "emblem.png").write_bytes(b"\x89PNG emblem")
    photos = b"x" * (12 * 1024 * 1024)  # over nginx's default of 1 MB

    status, _, body = ask(https_port, "/feedback/new/", tls=True, method="POST", body=photos)
    media_status, _, media_body = ask(https_port, "/media/emblem.png", tls=True)

    assert status == 200
    assert body == f"app POST /feedback/new/ proto=https {len(photos)} bytes".encode()
    assert (media_status, media_body) == (200, b"\x89PNG emblem")
