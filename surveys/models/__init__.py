from .finding import Finding
from .meeting import Attendance, Meeting
from .response import Answer, OpenAnswer, Response
from .survey import Dimension, Item, OpenQuestion, Survey
from .workinggroup import Membership, WorkingGroup

__all__ = [
    "Answer",
    "Attendance",
    "Dimension",
    "Finding",
    "Item",
    "Meeting",
    "Membership",
    "OpenAnswer",
    "OpenQuestion",
    "Response",
    "Survey",
    "WorkingGroup",
]
