from .case import Attachment, Case, CorruptionReport, Note, Reply, Reporter
from .config import Category, FeedbackSettings, HandlingManual, Holiday

__all__ = [
    "Attachment",
    "Case",
    "Category",
    "CorruptionReport",
    "FeedbackSettings",
    "HandlingManual",
    "Holiday",
    "Note",
    "Reply",
    "Reporter",
]
