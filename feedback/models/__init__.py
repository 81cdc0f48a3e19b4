from .case import Attachment, Case, CorruptionReport, Note, Reply, Reporter
from .config import Category, FeedbackSettings, HandlingManual, Holiday
from .counter import Counter
from .reminders import ReminderRun
from .tally import MonthTally

__all__ = [
    "Attachment",
    "Case",
    "Category",
    "CorruptionReport",
    "Counter",
    "FeedbackSettings",
    "HandlingManual",
    "Holiday",
    "MonthTally",
    "Note",
    "ReminderRun",
    "Reply",
    "Reporter",
]
