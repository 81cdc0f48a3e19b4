from .agency import Agency, MissionGroup
from .improvement import Improvement
from .policy import Policy
from .stakeholder import StakeholderGroup

__all__ = ["Agency", "Improvement", "MissionGroup", "Policy", "StakeholderGroup"]
