from .case import Attachment, Case, Note, Reply, Reporter
from .config import Category, ClientThrottle, FeedbackSettings, HandlingManual, Holiday

__all__ = [
    "Attachment",
    "Case",
    "Category",
    "ClientThrottle",
    "FeedbackSettings",
    "HandlingManual",
    "Holiday",
    "Note",
    "Reply",
    "Reporter",
]
