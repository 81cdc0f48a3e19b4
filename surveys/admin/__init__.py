"""The staff's working tool for surveys and working groups."""

from surveys.admin import rosters, rounds

__all__ = ["rosters", "rounds"]
