from .clusters import Cluster, ClusterField, ClusterMember
from .meetings import AnnualMeeting, RatReminder, RatSettings
from .members import BusinessMembership
from .record import BoardMember, Cooperative, CooperativeEvent, MemberCount

__all__ = [
    "AnnualMeeting",
    "BoardMember",
    "BusinessMembership",
    "Cluster",
    "ClusterField",
    "ClusterMember",
    "Cooperative",
    "CooperativeEvent",
    "MemberCount",
    "RatReminder",
    "RatSettings",
]
