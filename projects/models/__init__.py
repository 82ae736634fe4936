from .application import Application, CostLine, FundingLine, StatusChange
from .attachment import Attachment
from .funding_call import FundingCall
from .municipality import Membership, Municipality

__all__ = [
    "Application",
    "Attachment",
    "CostLine",
    "FundingCall",
    "FundingLine",
    "Membership",
    "Municipality",
    "StatusChange",
]
