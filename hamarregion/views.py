"""The portal's statement pages (accessibility and privacy) and the site search."""

import datetime

from django.conf import settings
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from hamarregion.ui import BreadcrumbsMixin

from .page_cache import PublicPageMixin
from .pagination import page_range
from .search.groups import expandable_kind, search_site
from .search.query import SiteSearchForm, make_query


def favicon(request):
    """Browsers, feed readers and bookmarks ask for /favicon.ico whatever a page links: they get
    the static file. Not a permanent redirect, since its address changes with its content."""
    return redirect(static("favicon.ico"))


class StatementView(PublicPageMixin, TemplateView):
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
    revised = datetime.date(2026, 12, 5)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["audit_log_retention_days"] = settings.AUDIT_LOG_RETENTION_DAYS
        context["invitation_valid_days"] = settings.INVITATION_VALID_DAYS
        return context


class SiteSearchView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    """One search box for the programme text, the commitments, the meetings and the funded
    projects. Cached like any public page: the answer is the same for every visitor, and the page
    cache keys on the address with these parameters."""

    template_name = "search/search.html"
    cache_query_params = (*SiteSearchForm.base_fields, "gruppe", "page")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = SiteSearchForm(self.request.GET)
        context["form"] = form
        text = form.cleaned_data["q"] if form.is_valid() else ""
        if not text:
            return context
        query = make_query(text)
        kind_key = self.request.GET.get("gruppe")
        groups = search_site(query, kind_key=kind_key, page_number=self.request.GET.get("page"))
        context["query"] = query
        context["groups"] = groups
        context["total"] = sum(group.count for group in groups)
        if expandable_kind(kind_key) is not None:
            page = groups[0].page
            context["expanded"] = groups[0]
            context["page_obj"] = page
            context["page_range"] = page_range(page)
        return context

    def get_breadcrumbs(self):
        return [(_("Søk"), None)]
