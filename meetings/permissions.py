"""Who may read the council's meeting pack and declare a conflict of interest in it."""

from projects.permissions import is_council_member, is_secretariat


def can_read_meeting_pack(user) -> bool:
    """The meeting pack (the cases' papers before the meeting): council members and the
    secretariat; applicants never, not even of the cases on the agenda."""
    return is_council_member(user) or is_secretariat(user)


def can_declare_disqualification(user) -> bool:
    """A council member declares their own conflict of interest; the secretariat records others'
    in admin."""
    return is_council_member(user)
