from .response import Answer, OpenAnswer, Response
from .survey import Dimension, Item, OpenQuestion, Survey
from .workinggroup import Attendance, Meeting, Membership, WorkingGroup

__all__ = [
    "Answer",
    "Attendance",
    "Dimension",
    "Item",
    "Meeting",
    "Membership",
    "OpenAnswer",
    "OpenQuestion",
    "Response",
    "Survey",
    "WorkingGroup",
]
