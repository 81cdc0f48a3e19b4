from .activity import LARGE_BUDGET_BAHT, Activity, Attendee, EvidenceFile, Participation
from .agency import Agency, MissionGroup
from .improvement import Improvement
from .indicator import Indicator
from .measure import Clause, Measure
from .policy import Policy
from .stakeholder import StakeholderGroup

__all__ = [
    "LARGE_BUDGET_BAHT",
    "Activity",
    "Agency",
    "Attendee",
    "Clause",
    "EvidenceFile",
    "Improvement",
    "Indicator",
    "Measure",
    "MissionGroup",
    "Participation",
    "Policy",
    "StakeholderGroup",
]
