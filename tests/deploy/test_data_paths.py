"""Where the portal writes (portal.lib.env.data_paths_from_env): one data
folder, never the installed package; the checkout keeps its var/ and its
db.sqlite3 beside manage.py, so `make run` finds the demo where it was."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.lib.env import data_paths_from_env

VARIABLES = [
    "PORTAL_DATA_DIR",
    "DJANGO_STATIC_ROOT",
    "DJANGO_MEDIA_ROOT",
    "DJANGO_PRIVATE_MEDIA_ROOT",
]


@pytest.fixture(autouse=True)
def _no_paths_given(monkeypatch):
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)


def as_strings(paths):
    return [str(paths.sqlite), str(paths.static), str(paths.media), str(paths.private)]


def test_an_installed_portal_writes_under_var_lib_portal():
    assert as_strings(data_paths_from_env(checkout=None)) == [
        "/var/lib/portal/db.sqlite3",
        "/var/lib/portal/static",
        "/var/lib/portal/media",
        "/var/lib/portal/private",
    ]


def test_a_checkout_writes_under_its_var_folder_with_its_database_beside_manage_py():
    assert as_strings(data_paths_from_env(checkout=Path("/home/dev/portal"))) == [
        "/home/dev/portal/db.sqlite3",
        "/home/dev/portal/var/static",
        "/home/dev/portal/var/media",
        "/home/dev/portal/var/private",
    ]


@pytest.mark.parametrize("checkout", [None, Path("/home/dev/portal")])
def test_the_data_folder_from_the_environment_holds_everything(monkeypatch, checkout):
    monkeypatch.setenv("PORTAL_DATA_DIR", "/srv/data")

    assert as_strings(data_paths_from_env(checkout=checkout)) == [
        "/srv/data/db.sqlite3",
        "/srv/data/static",
        "/srv/data/media",
        "/srv/data/private",
    ]


def test_one_folder_moves_on_its_own_and_an_empty_value_means_the_default(monkeypatch):
    monkeypatch.setenv("PORTAL_DATA_DIR", "")
    monkeypatch.setenv("DJANGO_PRIVATE_MEDIA_ROOT", "/mnt/encrypted/private")

    paths = data_paths_from_env(checkout=None)

    assert (paths.static, paths.private) == (
        Path("/var/lib/portal/static"),
        Path("/mnt/encrypted/private"),
    )


def test_a_relative_folder_is_refused_rather_than_read_from_wherever_a_command_starts(
    monkeypatch,
):
    monkeypatch.setenv("PORTAL_DATA_DIR", "var/portal")

    with pytest.raises(ImproperlyConfigured, match="PORTAL_DATA_DIR must be an absolute path"):
        data_paths_from_env(checkout=None)
