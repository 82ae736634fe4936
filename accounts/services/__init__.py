from .invitation_acceptance import (
    invitation_accept,
    invitation_accept_signed_in,
    invitations_accept_for,
)
from .invitations import (
    InvitationLinkError,
    invitation_from_token,
    invitation_resend,
    invitation_revoke,
    invitation_send,
)
from .memberships import (
    membership_deactivate,
    membership_reactivate,
    membership_role_change,
    person_roles_sync,
)
from .people import organisation_second_factor_require, person_name_change

__all__ = [
    "InvitationLinkError",
    "invitation_accept",
    "invitation_accept_signed_in",
    "invitation_from_token",
    "invitation_resend",
    "invitation_revoke",
    "invitation_send",
    "invitations_accept_for",
    "membership_deactivate",
    "membership_reactivate",
    "membership_role_change",
    "organisation_second_factor_require",
    "person_name_change",
    "person_roles_sync",
]
