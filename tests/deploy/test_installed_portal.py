"""The portal as the README's deployment section installs it: the wheel in a
virtualenv of its own (/opt/portal), run with deploy/bin/portal-manage from a
folder far from the checkout, configured by a copy of .env.example, writing
only into its data folder (never into site-packages).

Offline and quick: the wheel goes in with --no-deps, and the new virtualenv
reads its dependencies from the project's .venv through a .pth line (a path
so added is not scanned for .pth files, so the editable install of the
checkout stays out of it). The wrapper runs as the current user here, not
through runuser as the portal user."""

import os
import subprocess
import sys
import sysconfig
import zipfile

import pytest

from tests.deploy.conftest import ROOT

SECRET = "install-test-only-5f0c2b8e9a7d4c1e8b6a3f2d9c7e1a4b6d8f0e2c4a6b8d0f"

RENDER = """
from django.conf import settings
from django.template.loader import get_template
from django.test import Client

response = Client().get("/", secure=True, HTTP_HOST="portal.example.go.th")
print(response.status_code)
print(get_template("base.html").origin.name)
print("ข้ามไปยังเนื้อหาหลัก" in response.text)  # "Skip to main content", from the .mo
print(response.text.split('rel="stylesheet" href="', 2)[2].split('"')[0])
print(settings.DATABASES["default"]["NAME"], settings.STATIC_ROOT)
print(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
"""

DEFAULTS = """
from django.apps import apps
from django.conf import settings
print(settings.DATABASES["default"]["NAME"], settings.STATIC_ROOT)
print(settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT)
print(apps.is_installed("demo"))
"""


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """The virtualenv's folder (/opt/portal in the README), the wheel installed in it."""
    venv = tmp_path_factory.mktemp("installed") / "opt-portal"
    subprocess.run([os.path.realpath(sys.executable), "-m", "venv", "--without-pip", venv],
                   check=True)  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", venv / "bin" / "python", "install",
         "--quiet", "--no-deps", "--no-index", wheel],
        check=True, capture_output=True,
    )  # fmt: skip
    (site_packages,) = venv.glob("lib/python3*/site-packages")
    dependencies = sysconfig.get_paths()["purelib"]
    (site_packages / "project-dependencies.pth").write_text(dependencies + "\n")
    return venv


@pytest.fixture
def server(installed, tmp_path):
    """deploy/bin/portal-manage pointed at this test's paths, and the data folder."""
    data = tmp_path / "var-lib-portal"
    data.mkdir()
    env_file = tmp_path / "portal.env"
    env_file.write_text(
        (ROOT / ".env.example").read_text()
        + f"\nDJANGO_SECRET_KEY={SECRET}\nPORTAL_DATA_DIR={data}\n"
        + f"DATABASE_URL=sqlite:///{data}/portal.sqlite3\n"
    )
    wrapper = (ROOT / "deploy" / "bin" / "portal-manage").read_text()
    assert "runuser -u portal -- /opt/portal/bin/portal-manage" in wrapper
    wrapper = wrapper.replace("/etc/portal.env", str(env_file))
    wrapper = wrapper.replace("runuser -u portal -- /opt/portal/", f"{installed}/")
    (tmp_path / "portal-manage").write_text(wrapper)
    (tmp_path / "portal-manage").chmod(0o755)
    return tmp_path / "portal-manage", data


def started(command, *args, cwd, env=None):
    return subprocess.Popen(
        [command, *args], cwd=cwd, env=env or {"PATH": "/usr/bin:/bin"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def finished(process):
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return out


def test_an_installed_portal_migrates_collects_and_serves_thai_pages_from_its_data_folder(
    installed, server, wheel, tmp_path
):
    portal_manage, data = server
    elsewhere = tmp_path / "home-of-the-officer"
    elsewhere.mkdir()

    finished(started(portal_manage, "check", "--deploy", "--fail-level", "WARNING", cwd=elsewhere))
    collecting = started(portal_manage, "collectstatic", "--no-input", cwd=elsewhere)
    finished(started(portal_manage, "migrate", "--no-input", cwd=elsewhere))  # beside it: 2 cores
    finished(collecting)
    rendered = finished(started(portal_manage, "shell", "--no-imports", "-c", RENDER,
                                cwd=elsewhere))  # fmt: skip

    status, template, thai, stylesheet, database_and_static, media = rendered.splitlines()
    (package,) = installed.glob("lib/python3*/site-packages/portal")
    assert status == "200"
    assert template == str(package / "site_files" / "templates" / "base.html")
    assert thai == "True"
    # The manifest collectstatic wrote into the data folder names the hashed copy.
    assert stylesheet.startswith("/static/css/site.") and stylesheet != "/static/css/site.css"
    assert (data / "static" / stylesheet.removeprefix("/static/")).is_file()
    assert database_and_static == f"{data}/portal.sqlite3 {data}/static"
    assert media == f"{data}/media {data}/private"
    in_wheel = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("portal/")}
    in_package = {
        path.relative_to(package.parent).as_posix()
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert in_package == in_wheel  # nothing written into site-packages


def test_an_installed_portal_writes_under_var_lib_portal_by_default(installed, tmp_path):
    # Development defaults (DJANGO_DEBUG unset): the wheel has no demo to add.
    shown = finished(started(installed / "bin" / "portal-manage", "shell", "--no-imports",
                             "-c", DEFAULTS, cwd=tmp_path))  # fmt: skip

    assert shown.splitlines() == [
        "/var/lib/portal/db.sqlite3 /var/lib/portal/static",
        "/var/lib/portal/media /var/lib/portal/private",
        "False",
    ]
