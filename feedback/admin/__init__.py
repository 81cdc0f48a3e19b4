"""Admin registrations: the general queue, the corruption queue, and the settings staff keep."""

from feedback.admin import case, config, corruption, faq

__all__ = ["case", "config", "corruption", "faq"]
