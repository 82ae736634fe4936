"""The portal's statement pages: accessibility (tilgjengelighetserklæring) and privacy."""

import datetime

from django.conf import settings
from django.views.generic import TemplateView


class StatementView(TemplateView):
    """A statement page that names the secretariat's inbox and the date it was last revised."""

    revised = datetime.date(2026, 11, 27)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["secretariat_email"] = settings.SECRETARIAT_EMAIL
        context["revised"] = self.revised
        return context


class AccessibilityStatementView(StatementView):
    template_name = "pages/accessibility_statement.html"


class PrivacyStatementView(StatementView):
    template_name = "pages/privacy_statement.html"
