import hypothesis
import pytest
from django.contrib.auth import get_user_model

from tests import factories

# Browser fixtures (browser, page_at, axe_check) for every folder's browser tests.
pytest_plugins = ["tests.browser.plugin"]

# Property tests judge the code, not the machine: on a busy two-core runner,
# drawing examples and each example's database work can be slow for reasons of
# their own, and Hypothesis's timing checks then fail a correct property.
hypothesis.settings.register_profile(
    "portal",
    deadline=None,
    suppress_health_check=[hypothesis.HealthCheck.too_slow],
)
hypothesis.settings.load_profile("portal")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    # PBKDF2 at 1.5 M iterations costs ~0.8 s a login; tests need no such cost.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # Tasks run at once in tests; the durable queue is exercised where it matters.
    settings.TASKS = {
        "default": {
            "BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "sealed"],
        }
    }
    # Each test starts with empty rate-limit counters and no cached PDFs: the
    # database cache table is not emptied between transactional tests.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": str(tmp_path),
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"{tmp_path}-pages",
        },
    }


@pytest.fixture
def agency(db):
    return factories.agency()


@pytest.fixture
def triage_officer(db):
    return factories.staff_user(role=factories.roles.TRIAGE_OFFICER, username="triage")


@pytest.fixture
def integrity_officer(db):
    return factories.staff_user(role=factories.roles.INTEGRITY_OFFICER, username="integrity")


@pytest.fixture
def editor(db):
    return factories.staff_user(role=factories.roles.MISSION_GROUP_EDITOR, username="editor")


@pytest.fixture
def director(db):
    return factories.staff_user(role=factories.roles.DIRECTOR, username="director")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "x")


@pytest.fixture
def administrator(db):
    return factories.staff_user(role=factories.roles.ADMINISTRATOR, username="administrator")
