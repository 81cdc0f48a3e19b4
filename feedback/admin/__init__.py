"""Admin registrations: the general queue, the corruption queue, and the settings staff keep."""

from feedback.admin import case, channel, config, corruption, data_request, faq

__all__ = ["case", "channel", "config", "corruption", "data_request", "faq"]
