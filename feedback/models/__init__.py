from .access import AccessRecord, access_record
from .case import Attachment, Case, CorruptionReport, Note, Reply, Reporter
from .config import Category, FeedbackSettings, HandlingManual, Holiday
from .counter import Counter
from .follow_up import CitizenMessage, HandlingRating
from .reminders import ReminderRun
from .tally import MonthTally

__all__ = [
    "AccessRecord",
    "Attachment",
    "Case",
    "Category",
    "CitizenMessage",
    "CorruptionReport",
    "Counter",
    "FeedbackSettings",
    "HandlingManual",
    "HandlingRating",
    "Holiday",
    "MonthTally",
    "Note",
    "ReminderRun",
    "Reply",
    "Reporter",
    "access_record",
]
