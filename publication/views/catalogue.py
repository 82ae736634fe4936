"""The public pages of funded projects: the catalogue and a page per project.

Only Application.objects.funded() is ever read here, and only fields fit for the public: no
project leader, contact person, recommendation, comment or actor.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from hamarregion import content_version
from hamarregion.content_language import Text
from hamarregion.page_cache import PublicPageMixin
from hamarregion.pagination import TolerantPaginationMixin
from hamarregion.ui import BreadcrumbsMixin
from projects.workflow import Action, State

from ..forms import ProjectFilterForm
from ..selectors import catalogue_cards, catalogue_counted, project_pages

PAGE_SIZE = 20
# An unused count goes after a day; any change to the content replaces it at once.
COUNT_CACHE_SECONDS = 24 * 3600

# The steps of a project the public may follow (selectors.PUBLIC_STEPS), with the label the
# project page gives each.
PUBLIC_TIMELINE = {
    Action.APPROVE: _("Innvilget av regionrådet"),
    Action.START_PROJECT: _("Prosjektet startet"),
    Action.APPROVE_REPORT: _("Prosjektet avsluttet"),
}


def projects_crumb():
    return (_("Prosjekter"), reverse("publication:project-list"))


class ProjectListView(PublicPageMixin, BreadcrumbsMixin, TolerantPaginationMixin, ListView):
    template_name = "publication/catalogue/project_list.html"
    context_object_name = "projects"
    paginate_by = PAGE_SIZE
    cache_query_params = (*ProjectFilterForm.base_fields, "page")

    def get_queryset(self):
        self.form = ProjectFilterForm(self.request.GET or None)
        return self.form.filter(catalogue_cards())

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        filters = self.form.active_filters()
        if not filters:
            # Known with the form's choices, kept in the cache: no COUNT over every project.
            paginator.count = self.form.choices.project_count
        elif "q" not in filters:
            # The choices make a bounded set of combinations, and counting one reads every
            # project it matches (75 ms at 100,000 projects): counted once per content version.
            paginator.count = content_version.cached(
                "catalogue:count:" + "&".join(f"{k}={v}" for k, v in sorted(filters.items())),
                self.count_matches,
                timeout=COUNT_CACHE_SECONDS,
            )
        else:
            paginator.count = self.count_matches()
        return paginator

    def count_matches(self) -> int:
        return self.form.filter(catalogue_counted()).count()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["active_filters"] = active_filters = removable_filters(self.form)
        context["is_filtered"] = bool(active_filters)
        return context

    def get_breadcrumbs(self):
        return [(_("Prosjekter"), None)]


class ProjectDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    template_name = "publication/catalogue/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return project_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context["decision"] = project.decision_or_none()
        context["timeline"] = public_timeline(project, context["decision"])
        context["results"] = (
            project.final_report_or_none() if project.status == State.COMPLETED else None
        )
        return context

    def get_breadcrumbs(self):
        return [projects_crumb(), (Text(self.object.title), None)]


def removable_filters(form) -> list[dict]:
    """Each filter that applies, with the address of the catalogue without it: the other filters
    that apply stay, the first page is shown, and what could not be used is left out."""
    active = form.active_filter_values()
    base = reverse("publication:project-list")
    filters = []
    for name, label, value_label, _value in active:
        others = urlencode([(other, value) for other, _l, _v, value in active if other != name])
        filters.append(
            {
                "name": name,
                "label": label,
                "value": value_label,
                "remove_url": f"{base}?{others}" if others else base,
            }
        )
    return filters


def public_timeline(project, decision) -> list[tuple[str, object]]:
    """(label, date) for the decision, the start and the completion, as far as the project has
    come. The decision is dated by the council's meeting, not by when it was recorded."""
    timeline = []
    for change in project.public_changes:
        when = change.created_at
        if change.action == Action.APPROVE and decision is not None:
            when = decision.decided_on
        timeline.append((PUBLIC_TIMELINE[change.action], when))
    return timeline
