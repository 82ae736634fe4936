from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Organisations and the people who belong to them: memberships with a role, invitations,
    single sign-on, the second factor and the audit log of who signed in."""

    name = "accounts"
    verbose_name = _("Organisasjoner og brukere")

    def ready(self):
        from hamarregion.admin.site import require_for_admin

        from . import audit  # noqa: F401 - connects the login signals' receivers
        from .second_factor import second_factor_verified
        from .sign_on import checks, receivers  # noqa: F401 - registers them

        # Staff reach admin only after a second factor (accounts/two_factor/); the middleware
        # sends them to pass it, this holds admin shut if a page escaped it.
        require_for_admin(second_factor_verified)
