"""The files in deploy/ are checked by the tools that will read them: nginx
parses the site, systemd verifies the units (with the paths of this checkout).
The installed portal they run is tried in test_installed_portal.py."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def tool(name):
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/sbin")
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: .ci/run installs it")
        pytest.skip(f"{name} is not installed")
    return path


def site_with_certificate(tmp_path):
    """deploy/nginx/portal.conf with a self-signed certificate made for it."""
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=portal.example.go.th", "-keyout", key, "-out", cert],
        check=True, capture_output=True,
    )  # fmt: skip
    site = (DEPLOY / "nginx" / "portal.conf").read_text()
    site = site.replace("/etc/ssl/portal/fullchain.pem", str(cert))
    return site.replace("/etc/ssl/portal/privkey.pem", str(key))


def test_the_nginx_site_is_valid(tmp_path):
    nginx = tool("nginx")
    site = site_with_certificate(tmp_path)
    (tmp_path / "portal.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{ access_log off; include {tmp_path}/portal.conf; }}\n"
    )

    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "client_max_body_size 60m" in site


def test_the_systemd_units_verify(tmp_path):
    analyze = tool("systemd-analyze")
    env_file = tmp_path / "portal.env"
    env_file.write_text("DJANGO_DEBUG=0\n")
    units = sorted((DEPLOY / "systemd").iterdir())
    assert {unit.name for unit in units} == {
        "portal-web.service",
        "portal-worker.service",
        "portal-daily.service",
        "portal-daily.timer",
        "portal-weekly.service",
        "portal-weekly.timer",
    }
    venv = Path(sys.executable).parent.parent
    for unit in units:
        text = unit.read_text()
        # systemd-analyze finds each ExecStart's program: the venv's gunicorn and
        # portal-manage (pyproject's console script), installed in /opt/portal.
        text = text.replace("/opt/portal/", f"{venv}/")
        (tmp_path / unit.name).write_text(text.replace("/etc/portal.env", str(env_file)))

    result = subprocess.run(
        [analyze, "verify", *(str(tmp_path / unit.name) for unit in units)],
        capture_output=True, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr, result.stderr


def test_the_daily_timer_runs_the_daily_jobs_the_readme_names():
    daily = (DEPLOY / "systemd" / "portal-daily.service").read_text()
    for command in (
        "feedback_remind_due",
        "feedback_purge_expired --apply",
        "axes_reset_logs",
        "storage_prune",
    ):
        assert f"ExecStart=/opt/portal/bin/portal-manage {command}" in daily


def test_the_weekly_timer_mails_the_to_do_digest_on_monday_mornings():
    weekly = (DEPLOY / "systemd" / "portal-weekly.service").read_text()
    timer = (DEPLOY / "systemd" / "portal-weekly.timer").read_text()
    assert "ExecStart=/opt/portal/bin/portal-manage todo_digest" in weekly
    assert "OnCalendar=Mon *-*-* 07:30:00 Asia/Bangkok" in timer
    assert "portal-weekly.timer" in (ROOT / "README.md").read_text()


def test_root_s_portal_manage_says_when_the_portal_user_cannot_run_the_virtualenv(tmp_path):
    # On Debian 12 a CPython 3.13 installed by root lands in /root by default,
    # which the portal user may not enter: the wrapper names the cause.
    venv = tmp_path / "opt-portal"
    (venv / "bin").mkdir(parents=True)
    for name in ("python", "portal-manage"):
        (venv / "bin" / name).write_text("#!/bin/sh\nexit 126\n")
        (venv / "bin" / name).chmod(0o755)
    env_file = tmp_path / "portal.env"
    env_file.write_text(f"PORTAL_DATA_DIR={tmp_path}\n")
    wrapper = (DEPLOY / "bin" / "portal-manage").read_text()
    wrapper = wrapper.replace("/etc/portal.env", str(env_file))
    wrapper = wrapper.replace("runuser -u portal -- /opt/portal/", f"{venv}/")
    (tmp_path / "portal-manage").write_text(wrapper)
    (tmp_path / "portal-manage").chmod(0o755)

    result = subprocess.run(
        [tmp_path / "portal-manage", "migrate"], capture_output=True, text=True, cwd=tmp_path
    )

    assert result.returncode == 1
    assert "the portal user cannot run /opt/portal/bin/python" in result.stderr
    assert "under /root?" in result.stderr


def test_the_services_are_confined(tmp_path):
    # Tried for real on Debian 13 under systemd: pages, the health check, the
    # worker's PDF rendering, Tesseract, the daily and weekly jobs all run so.
    # --threshold counts tenths: 30 is an exposure of 3.0 ("OK"; they had 8.5).
    analyze = tool("systemd-analyze")
    services = sorted((DEPLOY / "systemd").glob("*.service"))

    result = subprocess.run(
        [analyze, "security", "--offline=true", "--threshold=30", "--no-pager", *services],
        capture_output=True, text=True,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" OK ") == len(services) == 4, result.stdout
