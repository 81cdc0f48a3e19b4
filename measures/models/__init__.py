from .agency import Agency, MissionGroup
from .policy import Policy

__all__ = ["Agency", "MissionGroup", "Policy"]
