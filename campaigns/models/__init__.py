from campaigns.models.action import (
    Action,
    ActionStatus,
    LocationVisibility,
    Organisation,
    Relationship,
)
from campaigns.models.campaign import Campaign, CampaignQuerySet, Demand
from campaigns.models.pledge import Pledge
from campaigns.models.update import Update

__all__ = [
    "Action",
    "ActionStatus",
    "Campaign",
    "CampaignQuerySet",
    "Demand",
    "LocationVisibility",
    "Organisation",
    "Pledge",
    "Relationship",
    "Update",
]
