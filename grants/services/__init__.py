"""Writes that carry the rules of the follow-up after a grant, one module per concern."""

from .payment_requests import (
    final_payment_refusal,
    payment_request_approve,
    payment_request_attachment_add,
    payment_request_refusal,
    payment_request_return,
    payment_request_submit,
    requestable_amount,
)

__all__ = [
    "final_payment_refusal",
    "payment_request_approve",
    "payment_request_attachment_add",
    "payment_request_refusal",
    "payment_request_return",
    "payment_request_submit",
    "requestable_amount",
]
