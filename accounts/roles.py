"""The roles a membership gives, and what each role brings with it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    APPLICANT = "applicant", _("søker")
    ORGANISATION_ADMIN = "organisation_admin", _("administrator for organisasjonen")
    SECRETARIAT = "secretariat", _("sekretariat")
    COUNCIL_MEMBER = "council_member", _("rådsmedlem")


# An organisation administrator is an applicant too.
APPLYING_ROLES = frozenset({Role.APPLICANT, Role.ORGANISATION_ADMIN})
# Roles that read every case: they work in admin and need a second factor.
STAFF_ROLES = frozenset({Role.SECRETARIAT, Role.COUNCIL_MEMBER})

# The permission group each staff role puts its person in (made by projects' migration 0002).
STAFF_ROLE_GROUPS = {
    Role.SECRETARIAT: "Sekretariat",
    Role.COUNCIL_MEMBER: "Rådsmedlem",
}
