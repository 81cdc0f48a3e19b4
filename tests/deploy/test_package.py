"""What `pip install .` installs (the apps with their templates, static files
and compiled catalogues, not the demo), and the locks installed before it
(every dependency pinned, every file's hash): a server's, and `make install`'s
with the test tools besides."""

import os
import re
import subprocess
import sys
import tomllib
import zipfile

import pytest

from tests.deploy.conftest import APPS, ROOT

PIN = re.compile(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)")


def normalized(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_wheel_holds_every_module_of_the_apps_and_no_demo_or_tests(wheel):
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


def test_the_wheel_carries_the_templates_static_files_and_compiled_catalogues(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    packaged = "portal/site_files/"

    for folder in ["templates", "static"]:
        in_checkout = {
            packaged + path.relative_to(ROOT).as_posix()
            for path in (ROOT / folder).rglob("*")
            if path.is_file()
        }
        assert in_checkout - names == set()
    assert packaged + "locale/th/LC_MESSAGES/django.mo" in names
    assert packaged + "locale/django/th/LC_MESSAGES/django.mo" in names


def test_an_installed_wheel_finds_its_templates_static_files_and_thai_outside_the_checkout(
    wheel, tmp_path
):
    installed = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(installed)
    probe = (
        "import sys; sys.path.insert(0, sys.argv[1]); import django; django.setup()\n"
        "import portal\n"
        "from django.contrib.staticfiles import finders\n"
        "from django.template.loader import get_template\n"
        "from django.utils import translation\n"
        "translation.activate('th')\n"
        "print(portal.__file__)\n"
        "print(get_template('surveys/survey_answer.html').origin.name)\n"
        "print(finders.find('css/site.css'))\n"
        "print(translation.gettext('Send my answer'))\n"
        "print(translation.gettext('Enter a valid domain name.'))\n"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "package-test-only",
        "DJANGO_ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
    }
    found = subprocess.run(
        [sys.executable, "-c", probe, str(installed)],
        cwd=tmp_path,  # nowhere near the checkout
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.splitlines()

    package, template, stylesheet, thai, django_thai = found
    files = installed / "portal" / "site_files"
    assert package == str(installed / "portal" / "__init__.py")
    assert template == str(files / "templates" / "surveys" / "survey_answer.html")
    assert stylesheet == str(files / "static" / "css" / "site.css")
    assert thai == "ส่งคำตอบ"
    assert django_thai == "กรุณากรอกชื่อโดเมนให้ถูกต้อง"  # locale/django: Django's own strings


def locked(lock):
    """{name: version} of a lock file."""
    text = (ROOT / lock).read_text()
    return {normalized(name): version for name, version in PIN.findall(text)}


def test_the_locks_pin_every_dependency_at_the_version_of_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    server, development = locked("requirements-lock.txt"), locked("requirements-dev-lock.txt")

    for requirement in project["dependencies"]:
        name, version = PIN.fullmatch(requirement).groups()
        assert server.get(normalized(name)) == version, f"{requirement}: run `make lock`"
    for requirement in project["dependencies"] + project["optional-dependencies"]["dev"]:
        name, version = PIN.fullmatch(requirement).groups()
        assert development.get(normalized(name)) == version, f"{requirement}: run `make lock`"


def test_a_server_installs_no_test_tools_and_the_same_versions_as_development():
    server, development = locked("requirements-lock.txt"), locked("requirements-dev-lock.txt")

    assert not {"pytest", "playwright", "moto", "ruff", "hypothesis", "flask"} & server.keys()
    assert {name: development.get(name) for name in server} == server


@pytest.mark.parametrize("lock", ["requirements-lock.txt", "requirements-dev-lock.txt"])
def test_every_locked_release_carries_its_hashes(lock):
    entries = re.split(r"\n(?=\S)", (ROOT / lock).read_text())
    releases = [entry for entry in entries if PIN.match(entry)]

    assert len(releases) > 40
    assert [entry.split()[0] for entry in releases if "--hash=sha256:" not in entry] == []
