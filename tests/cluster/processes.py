"""Starting and stopping the cluster's services, each logging to its own file."""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
# PostgreSQL refuses to run as root: as root, its clusters belong to "postgres".
AS_POSTGRES = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
DB_USER = "postgres" if AS_POSTGRES else os.environ.get("USER", "postgres")


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
    user = DB_USER
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
