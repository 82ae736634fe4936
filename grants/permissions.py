"""Who may do what in the follow-up of a grant. Small named checks; views and services call
them, beside those of projects.permissions."""

from projects.permissions import is_member_of
from projects.workflow import FOLLOW_UP_STATES


def can_follow_up(user, application) -> bool:
    """Applicants of the owning municipality, while the grant is followed up: they report
    progress and ask for changes."""
    return application.status in FOLLOW_UP_STATES and is_member_of(
        user, application.lead_municipality
    )
