"""Likert statistics: the one implementation lives in `portal.lib.likert`
(shared with the ratings of case handling); these names stay importable here."""

from portal.lib.likert import SCORES, LikertStat, likert_aggregates

__all__ = ["SCORES", "LikertStat", "likert_aggregates"]
