from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    """The follow-up after a grant: payment requests, progress reports and change requests."""

    name = "grants"
    verbose_name = _("Oppfølging av tilskudd")
