"""The follow-up after a grant, one module per concern."""

from .payment_requests import CostStatementLine, PaymentRequest, PaymentRequestAttachment

__all__ = ["CostStatementLine", "PaymentRequest", "PaymentRequestAttachment"]
