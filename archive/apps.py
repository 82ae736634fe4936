from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hamarregion import content_version


class ArchiveConfig(AppConfig):
    """The council's archive: Noark 5 export through KS Fiks Arkiv and the public post journal."""

    name = "archive"
    verbose_name = _("Arkiv")

    def ready(self):
        # The public post journal shows this app's rows: an export or an entry marked exempt
        # invalidates the cached pages.
        content_version.register(self.label)
