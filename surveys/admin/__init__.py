"""The staff's working tool for surveys and working groups."""

from surveys.admin import moderation, rosters, rounds

__all__ = ["moderation", "rosters", "rounds"]
