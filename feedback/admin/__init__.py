"""Admin registrations: the case workflow, and the settings staff keep."""

from feedback.admin import case, config

__all__ = ["case", "config"]
