"""PostgreSQL stopped and started again in the middle of a burst of complaints:
each sending is stored whole or refused with its form back; nothing is left
half-written; the portal recovers by itself.

Each sending comes from a browser without a session. A citizen who already
has one is not covered yet: the staff second-factor middleware loads the
session from the database before the view runs, so with the database away
that citizen gets the error page instead of the form.
"""

import getpass
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _pg_bin():
    if shutil.which("initdb") and shutil.which("pg_ctl"):
        return Path(shutil.which("initdb")).parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return candidates[0].parent if candidates else None


@pytest.fixture
def cluster():
    """A PostgreSQL cluster of this test's own, which it may stop and start."""
    pg_bin = _pg_bin()
    if pg_bin is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    folder = Path(tempfile.mkdtemp(prefix="portal-restart."))
    as_user, user = [], getpass.getuser()
    if os.getuid() == 0:  # PostgreSQL refuses to run as root
        as_user, user = ["runuser", "-u", "postgres", "--"], "postgres"
        shutil.chown(folder, "postgres")
    data = folder / "data"
    subprocess.run(
        [
            *as_user,
            pg_bin / "initdb",
            "-D",
            data,
            "-U",
            user,
            "--auth=trust",
            "--locale=C.UTF-8",
            "--encoding=UTF8",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-k {folder} -c listen_addresses='' -c fsync=off"
    pg_ctl = [*as_user, str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options]
    pg_ctl += ["-l", str(folder / "server.log")]
    subprocess.run([*pg_ctl, "-w", "start"], check=True, capture_output=True)
    yield {"url": f"postgres://{user}@/postgres?host={folder}", "pg_ctl": pg_ctl}
    subprocess.run([*pg_ctl, "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


def test_a_database_restart_mid_burst_loses_nothing_and_leaves_nothing_half_written(
    cluster, tmp_path
):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "DJANGO_SETTINGS", "PORTAL_"))
    } | {
        "DATABASE_URL": cluster["url"],
        "DATABASE_POOL_TIMEOUT": "2",
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "PORTAL_CASES_PER_HOUR": "100000",
        "PORTAL_CASE_ATTEMPTS_PER_HOUR": "100000",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    run = subprocess.run(
        [sys.executable, "-m", "tests.feedback.restart_burst", *cluster["pg_ctl"]],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.splitlines()[-1])
    outcomes = result["outcomes"]
    stored = set(result["stored_tokens"])
    refused = [o for o in outcomes if o["status"] not in (200, 302)]
    assert refused, "the database was never seen away: the test proved nothing"
    for outcome in outcomes:
        if outcome["status"] in (200, 302):  # the receipt, or the way to it
            assert outcome["token"] in stored
        else:
            assert outcome["status"] == 503 and outcome["form_back"], outcome
            assert outcome["token"] not in stored
    assert result["cases_without_attachment"] == 0
    assert result["attachment_files"] == result["files_on_disk"]  # no orphan file
    # Back by itself within the pool's reconnection window (5 s) of the restart.
    after_restart = [o for o in outcomes if o["at"] > 8 + 6]
    assert after_restart and all(o["status"] in (200, 302) for o in after_restart)
