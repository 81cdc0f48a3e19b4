from .survey import (
    Answer,
    Dimension,
    Item,
    OpenAnswer,
    OpenQuestion,
    Response,
    Survey,
)
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
