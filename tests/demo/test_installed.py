"""The demo is a development tool: production settings do not install it.

Settings are read once per process, so each case runs manage.py in its own.
"""

from tests.portal.test_settings import SECRET, manage

PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": SECRET,
    "DJANGO_ALLOWED_HOSTS": "portal.example.org",
    "PORTAL_SITE_URL": "https://portal.example.org",
}
INSTALLED = "from django.apps import apps; print(apps.is_installed('demo'))"


def test_production_settings_do_not_install_the_demo():
    result = manage("shell", "--no-imports", "-c", INSTALLED, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_seed_demo_is_an_unknown_command_on_a_production_host():
    result = manage("seed_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "Unknown command: 'seed_demo'" in result.stderr
    assert "Demo agency ready" not in result.stdout


def test_development_settings_install_the_demo():
    result = manage("shell", "--no-imports", "-c", INSTALLED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_a_staging_host_opts_in_and_seed_demo_still_asks_for_force():
    staging = PRODUCTION | {"DJANGO_DEMO": "1"}
    installed = manage("shell", "--no-imports", "-c", INSTALLED, **staging)
    assert installed.stdout.strip() == "True", installed.stderr

    refused = manage("seed_demo", **staging)
    assert refused.returncode != 0
    assert "Use --force to seed anyway" in refused.stderr
