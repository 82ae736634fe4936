"""Writes that carry the rules of applying for and handling development funds."""

from .acceptance import (
    acceptance_deadline_move,
    acceptance_deadline_refusal,
    acceptance_reminders_due,
    acceptance_reminders_send,
    grant_accept,
)
from .appeals import (
    appeal_deadline,
    appeal_forward,
    appeal_outcomes,
    appeal_refusal,
    appeal_register,
    appeal_settle,
)
from .applications import (
    REQUIRED_FOR_SUBMISSION,
    TransitionNotAllowed,
    application_create,
    application_submission_errors,
    application_transition,
    attachment_add,
    attachment_delete,
    funding_call_open_error,
    transition_refusal,
)
from .case import (
    application_decide,
    application_recommend,
    call_budget,
    final_report_save,
    funding_call_frame_check,
    payment_refusal,
    payment_register,
    report_reminders_due,
    report_reminders_send,
)
from .case_handler import case_handler_assign
from .documents import document_pdf
from .drafts import application_autosave, application_save_draft
from .messages import message_send, message_thread, thread_is_open
from .notes import case_note_add
from .plan_rules import PLAN_RULES

__all__ = [
    "PLAN_RULES",
    "acceptance_deadline_move",
    "acceptance_deadline_refusal",
    "acceptance_reminders_due",
    "acceptance_reminders_send",
    "REQUIRED_FOR_SUBMISSION",
    "TransitionNotAllowed",
    "appeal_deadline",
    "appeal_forward",
    "appeal_outcomes",
    "appeal_refusal",
    "appeal_register",
    "appeal_settle",
    "case_handler_assign",
    "application_create",
    "application_autosave",
    "application_decide",
    "application_recommend",
    "application_save_draft",
    "application_submission_errors",
    "application_transition",
    "attachment_add",
    "attachment_delete",
    "call_budget",
    "case_note_add",
    "document_pdf",
    "final_report_save",
    "funding_call_frame_check",
    "funding_call_open_error",
    "grant_accept",
    "message_send",
    "message_thread",
    "payment_refusal",
    "payment_register",
    "report_reminders_due",
    "report_reminders_send",
    "thread_is_open",
    "transition_refusal",
]
