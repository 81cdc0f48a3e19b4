from .agency import Agency, MissionGroup
from .improvement import Improvement
from .policy import Policy

__all__ = ["Agency", "Improvement", "MissionGroup", "Policy"]
