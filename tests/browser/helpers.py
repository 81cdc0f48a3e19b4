"""Plain helpers for browser tests (fixtures wrapping them live in plugin.py)."""

import os
import shutil
from functools import cache
from pathlib import Path

from django.conf import settings

# Keep Chromium quiet and offline on a closed network.
QUIET_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

CHROMIUM = shutil.which("chromium")

_shared = {}


def shared_browser():
    """One headless Chromium per test process, however many modules ask for it
    (a fixture imported into another module is a second fixture to pytest)."""
    if "browser" not in _shared:
        from django.db import connections
        from playwright.sync_api import sync_playwright

        # Playwright's sync API keeps an event loop running in this thread.
        # Django then refuses database access from the test body without this
        # switch, and its connection handler (an asgiref Local) hands out other
        # connection objects than before: carry over the snapshot of the
        # migrated database that serialized_rollback restores after each flush.
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        snapshots = {
            alias: connections[alias]._test_serialized_contents
            for alias in connections
            if hasattr(connections[alias], "_test_serialized_contents")
        }
        playwright = sync_playwright().start()
        for alias, contents in snapshots.items():
            connections[alias]._test_serialized_contents = contents
        _shared["playwright"] = playwright
        _shared["browser"] = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_FLAGS)
    return _shared["browser"]


def shared_browser_stop():
    if "browser" in _shared:
        from django.db import connections

        # Close the connections opened while the loop ran, or PostgreSQL
        # refuses to drop the test database at the end of the session.
        connections.close_all()
        _shared.pop("browser").close()
        _shared.pop("playwright").stop()


WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# WCAG 2.2 AA (target size) and axe's best practices (e.g. empty table headers).
WCAG_22_AA_AND_BEST_PRACTICE = [*WCAG_21_AA, "wcag22aa", "best-practice"]


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    # The vendored axe-core (static/vendor/VERSIONS.txt), newer than the one
    # bundled with axe-playwright-python.
    return Axe.from_file(Path(settings.BASE_DIR) / "static/vendor/axe-core/axe.min.js")


def axe_violations(page, *, context=None, tags=WCAG_21_AA):
    options = {"runOnly": {"type": "tag", "values": tags}, "resultTypes": ["violations"]}
    return _axe().run(page, context=context, options=options).response["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    at {', '.join(map(str, node['target']))}: {summary}")
        if len(violation["nodes"]) > 5:
            lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


def axe_check(page, *, context=None, tags=WCAG_21_AA):
    """Assert that axe-core finds no violation of the rules `tags` select (WCAG
    2.1 A/AA by default) on the page."""
    violations = axe_violations(page, context=context, tags=tags)
    assert not violations, (
        f"axe-core found {len(violations)} violation(s) of {', '.join(tags)} on {page.url} "
        f"at {page.viewport_size['width']} px:\n{describe_violations(violations)}"
    )


def no_horizontal_scroll(page):
    """True when nothing on the page is wider than the screen (WCAG 1.4.10 reflow)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def double_click_sending(page, button):
    """Click `button` twice with the mouse, each click sending the form (a
    POST), as a hurried person does: a locator's click would wait for the first
    click's page. Call it while the test holds a row the server needs, so that
    the first sending is still on its way when the second leaves and both
    reach the server."""
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    for _click in range(2):
        with page.expect_request(lambda request: request.method == "POST"):
            page.mouse.click(x, y)
