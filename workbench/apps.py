from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    """The secretariat's work queue (arbeidsliste): what needs doing today, across the
    applications, the follow-up of grants and the council's agenda."""

    name = "workbench"
    verbose_name = _("Arbeidsliste")
