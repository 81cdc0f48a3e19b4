from .access import AccessRecord, access_record, reveals_record
from .case import Attachment, Case, CorruptionReport, Reporter
from .channel import ListeningChannel
from .config import Category, FeedbackSettings, HandlingManual, Holiday
from .counter import Counter
from .data_request import DataRequest, DataRequestLink
from .entry import CaseEntry
from .faq import FAQ
from .follow_up import CitizenMessage, HandlingRating
from .reminders import ReminderRun
from .tally import MonthTally

__all__ = [
    "FAQ",
    "AccessRecord",
    "Attachment",
    "Case",
    "CaseEntry",
    "Category",
    "CitizenMessage",
    "CorruptionReport",
    "Counter",
    "DataRequest",
    "DataRequestLink",
    "FeedbackSettings",
    "HandlingManual",
    "HandlingRating",
    "Holiday",
    "ListeningChannel",
    "MonthTally",
    "ReminderRun",
    "Reporter",
    "access_record",
    "reveals_record",
]
