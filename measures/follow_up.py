"""How the monitoring committee found each improvement when it followed it up.

Seed 003, การกำกับและติดตาม. The committee is a working group and its findings
live in `surveys`, which depends on `measures`; measures never imports it.
So surveys registers a source when its app is ready, and the public board and
`measures.year` read the findings here, as plain data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class FollowUp:
    improvement_id: int
    committee: str
    committee_path: str
    found_on: dt.date
    reported_by: str
    text: str
    status: str
    status_label: str
    is_done: bool = False
    is_late: bool = False

    def as_dict(self):
        return asdict(self)


# (improvement ids, last day or None) -> the public findings on them, oldest first
Source = Callable[[list[int], dt.date | None], Iterable[FollowUp]]
_SOURCES: list[Source] = []


def follow_up_source_register(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def follow_ups(improvement_ids, *, until=None) -> dict[int, list[FollowUp]]:
    """The public findings on each improvement, oldest first; with `until`
    (a date, excluded) only those found before it, so a year's report does
    not print what was found after the year ended."""
    found = defaultdict(list)
    ids = list(improvement_ids)
    if not ids:
        return found
    for source in _SOURCES:
        for follow_up in source(ids, until):
            found[follow_up.improvement_id].append(follow_up)
    return found
