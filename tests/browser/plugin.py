"""Browser test fixtures, a pytest plugin registered in tests/conftest.py, so
every folder's browser tests get them without importing them.

One headless Debian Chromium per test session (per xdist worker).

Tests here are marked ``browser`` and need the live server, hence the
transactional database; ``serialized_rollback`` puts the rows that data
migrations create (policies, stakeholder groups) back after each test, so the
other tests sharing the worker still find them.

Reusable fixtures:
- ``page_at(path, width=360)``: a fresh page (own context) at that width, Thai
  browser language, already loaded from the live server.
- ``axe_check(page)``: asserts that axe-core finds no WCAG 2.1 A/AA violation.
- ``browser``: the shared Chromium. Without chromium the test is skipped,
  saying why, on a developer's machine, and FAILS where ``CI=true``: a CI
  without a browser must not go green without running the journeys.

From another folder, mark the module ``pytest.mark.browser`` and
``pytest.mark.django_db(transaction=True, serialized_rollback=True)``.
"""

import os

import pytest

from tests.browser.helpers import CHROMIUM, shared_browser, shared_browser_stop
from tests.browser.helpers import axe_check as _axe_check

PHONE = 360
DESKTOP = 1280


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def chromium_require(chromium=CHROMIUM):
    """Nothing with a Chromium; without one, skip on a developer's machine and
    fail where CI=true, so a CI without a browser cannot pass untested."""
    if chromium is not None:
        return
    missing = "chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{missing}: CI must run the browser tests", pytrace=False)
    pytest.skip(f"{missing}; browser tests skipped")


@pytest.fixture(scope="session")
def browser(django_db_setup):
    chromium_require()
    yield shared_browser()
    shared_browser_stop()


@pytest.fixture
def page_at(transactional_db, browser, live_server):
    contexts = []

    def open_page(path, width=PHONE, *, height=800):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="th-TH", base_url=live_server.url
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.goto(path)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def axe_check():
    return _axe_check
