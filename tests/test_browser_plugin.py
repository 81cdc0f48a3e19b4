"""The browser plugin's rule for a machine without Chromium."""

import pytest

from tests.browser.plugin import chromium_require


def test_without_chromium_ci_fails(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI must run the browser tests"):
        chromium_require(None)


def test_without_chromium_a_developer_machine_skips(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="browser tests skipped"):
        chromium_require(None)


def test_with_chromium_nothing_happens(monkeypatch):
    monkeypatch.setenv("CI", "true")
    assert chromium_require("/usr/bin/chromium") is None
