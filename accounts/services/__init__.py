from .memberships import (
    membership_deactivate,
    membership_reactivate,
    membership_role_change,
    person_roles_sync,
)

__all__ = [
    "membership_deactivate",
    "membership_reactivate",
    "membership_role_change",
    "person_roles_sync",
]
