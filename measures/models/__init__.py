from .activity import (
    Activity,
    Attendee,
    EvidenceFile,
    Participation,
    participation_budget_threshold,
)
from .agency import Agency, MissionGroup
from .importing import MeasureImport
from .improvement import Improvement
from .indicator import Indicator
from .measure import Clause, Measure
from .outreach import Publication
from .policy import Policy
from .printout import MeasurePrint
from .stakeholder import StakeholderGroup
from .summary import PlannedItem, YearSummary

__all__ = [
    "Activity",
    "Agency",
    "Attendee",
    "Clause",
    "EvidenceFile",
    "Improvement",
    "Indicator",
    "Measure",
    "MeasureImport",
    "MeasurePrint",
    "MissionGroup",
    "Participation",
    "PlannedItem",
    "Policy",
    "Publication",
    "StakeholderGroup",
    "YearSummary",
    "participation_budget_threshold",
]
