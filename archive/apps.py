from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ArchiveConfig(AppConfig):
    """The council's archive: Noark 5 export through KS Fiks Arkiv and the public post journal."""

    name = "archive"
    verbose_name = _("Arkiv")
