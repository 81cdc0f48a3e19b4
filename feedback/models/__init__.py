from .case import Attachment, Case, CorruptionReport, Note, Reply, Reporter
from .config import Category, ClientThrottle, FeedbackSettings, HandlingManual, Holiday

__all__ = [
    "Attachment",
    "Case",
    "Category",
    "ClientThrottle",
    "CorruptionReport",
    "FeedbackSettings",
    "HandlingManual",
    "Holiday",
    "Note",
    "Reply",
    "Reporter",
]
