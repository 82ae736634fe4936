"""django-axes, which counts failed sign-ins and locks out, with a bokmål name in admin: its own
app config has no verbose name, so admin showed its label, «Axes». Its models' names are
translated in locale/nb."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class SignInAttemptsConfig(AxesConfig):
    verbose_name = _("Innloggingsforsøk og sperringer")
