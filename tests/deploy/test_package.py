"""What `pip install .` installs (the apps, not the demo), and the lock `make install`
installs first (every dependency pinned, every file's hash)."""

import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["portal", "measures", "feedback", "surveys"]
PIN = re.compile(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)")


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_wheel_holds_every_module_of_the_apps_and_no_demo_or_tests(tmp_path):
    # Built from a copy: setuptools writes build/ and *.egg-info beside the sources.
    source = tmp_path / "source"
    for name in ["pyproject.toml", "README.md", "LICENSE"]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    for app in [*APPS, "demo", "tests"]:
        shutil.copytree(ROOT / app, source / app, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", tmp_path, source],
        check=True,
        capture_output=True,
    )
    wheel = next(tmp_path.glob("ita_portal-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())

    in_checkout = {
        path.relative_to(ROOT).as_posix()
        for app in APPS
        for path in (ROOT / app).rglob("*.py")
        if "__pycache__" not in path.parts
    }
    assert in_checkout - names == set()
    assert "measures/migrations/0001_initial.py" in names
    assert not [name for name in names if name.startswith(("demo/", "tests/"))]


def test_the_lock_pins_every_dependency_at_the_version_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = (ROOT / "requirements-lock.txt").read_text()
    locked = {normalized(name): version for name, version in PIN.findall(lock)}

    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name, version = PIN.fullmatch(requirement).groups()
        assert locked.get(normalized(name)) == version, f"{requirement}: run `make lock`"


def test_every_locked_release_carries_its_hashes():
    entries = re.split(r"\n(?=\S)", (ROOT / "requirements-lock.txt").read_text())
    releases = [entry for entry in entries if PIN.match(entry)]

    assert len(releases) > 50
    assert [entry.split()[0] for entry in releases if "--hash=sha256:" not in entry] == []
