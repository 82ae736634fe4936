"""The public post journal (offentlig journal): the council's registry entries as the archive
export sent them, by month, for anyone to read."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from hamarregion.page_cache import PublicPageMixin
from hamarregion.pagination import TolerantPaginationMixin
from hamarregion.ui import BreadcrumbsMixin

from .forms import JournalFilterForm
from .selectors import journal_entries, journal_months

PAGE_SIZE = 50


class JournalView(PublicPageMixin, BreadcrumbsMixin, TolerantPaginationMixin, ListView):
    """Newest first. An exempt entry shows its legal ground in place of its title."""

    template_name = "archive/registryentry_list.html"
    context_object_name = "entries"
    paginate_by = PAGE_SIZE
    cache_query_params = ("month", "page")

    def get_queryset(self):
        self.form = JournalFilterForm(self.request.GET or None, months=journal_months())
        self.month = self.form.chosen_month()
        return journal_entries(month=self.month)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["month"] = self.month
        return context

    def get_breadcrumbs(self):
        return [(_("Postjournal"), None)]
