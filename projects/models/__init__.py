from .acceptance import AcceptanceReminder, GrantAcceptance
from .appeal import Appeal, AppealRoute
from .application import Application, CostLine, FundingLine
from .assessment import AssessmentCriterion, Score
from .attachment import Attachment
from .case import Decision, FinalReport, Payment, Recommendation, ReportReminder
from .correspondence import CaseNote, Message, MessageAttachment
from .documents import CaseDocument
from .funding_call import FundingCall
from .municipality import Municipality
from .status_change import StatusChange

__all__ = [
    "AcceptanceReminder",
    "GrantAcceptance",
    "Appeal",
    "AppealRoute",
    "AssessmentCriterion",
    "Application",
    "Attachment",
    "CaseDocument",
    "CaseNote",
    "Message",
    "MessageAttachment",
    "Decision",
    "FinalReport",
    "Payment",
    "Recommendation",
    "ReportReminder",
    "Score",
    "CostLine",
    "FundingCall",
    "FundingLine",
    "Municipality",
    "StatusChange",
]
