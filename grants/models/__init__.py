"""The follow-up after a grant, one module per concern."""

from .change_requests import BudgetChangeLine, ChangeRequest
from .payment_requests import CostStatementLine, PaymentRequest, PaymentRequestAttachment
from .progress_reports import ProgressReminder, ProgressReport

__all__ = [
    "BudgetChangeLine",
    "ChangeRequest",
    "CostStatementLine",
    "PaymentRequest",
    "PaymentRequestAttachment",
    "ProgressReminder",
    "ProgressReport",
]
