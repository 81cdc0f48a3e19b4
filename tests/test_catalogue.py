"""The Thai catalogue, appended to by hand: every entry translated, none
fuzzy (Django skips fuzzy entries and shows English), no msgid twice
(msgfmt refuses the file)."""

import ast
import subprocess
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parent.parent / "locale/th/LC_MESSAGES/django.po"


def _entries():
    """(flags, msgid, [msgstr...]) of each entry, the header left out."""
    entries, flags, current, field = [], "", None, None
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if line.startswith("#,"):
            flags = line
        elif line.startswith(("msgid ", "msgctxt ")):
            if line.startswith("msgid ") and (current is None or current["msgstr"]):
                current = {"flags": flags, "msgid": "", "msgstr": []}
                entries.append(current)
                flags = ""
            field = "msgid" if line.startswith("msgid ") else None
            if field:
                current["msgid"] = ast.literal_eval(line[6:])
        elif line.startswith("msgstr"):
            current["msgstr"].append(ast.literal_eval(line.split(" ", 1)[1]))
            field = "msgstr"
        elif line.startswith('"') and field == "msgid":
            current["msgid"] += ast.literal_eval(line)
        elif line.startswith('"') and field == "msgstr":
            current["msgstr"][-1] += ast.literal_eval(line)
        elif not line.strip():
            field = None
    return [entry for entry in entries if entry["msgid"]]


def test_every_entry_is_translated_and_none_is_fuzzy():
    entries = _entries()
    assert len(entries) > 1000  # the parser read the file
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in entries if not all(s.strip() for s in e["msgstr"])] == []


def test_no_msgid_is_there_twice():
    msgids = [entry["msgid"] for entry in _entries()]
    assert sorted({m for m in msgids if msgids.count(m) > 1}) == []


def test_msgfmt_accepts_the_catalogue():
    try:
        checked = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(CATALOGUE)], capture_output=True, text=True
        )
    except FileNotFoundError:
        pytest.skip("msgfmt is not installed (apt-get install gettext)")
    assert checked.returncode == 0, checked.stderr
