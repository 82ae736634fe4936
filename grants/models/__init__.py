from .change_requests import BudgetChangeLine, ChangeRequest
from .progress_reports import ProgressReminder, ProgressReport

__all__ = [
    "BudgetChangeLine",
    "ChangeRequest",
    "ProgressReminder",
    "ProgressReport",
]
