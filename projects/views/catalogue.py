"""The public pages of funded projects: the catalogue and a page per project.

Only Application.objects.funded() is ever read here, and only fields fit for the public: no
project leader, contact person, recommendation, comment or actor.
"""

from django.db.models import F, Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from hamarregion.page_cache import PublicPageMixin
from hamarregion.pagination import TolerantPaginationMixin
from programme.models import FocusArea, SubTheme
from programme.views import BreadcrumbsMixin

from ..forms_catalogue import ProjectFilterForm
from ..models import Application, StatusChange
from ..workflow import State

PAGE_SIZE = 20

# The steps of a project the public may follow, with the label the project page gives each.
PUBLIC_TIMELINE = {
    "approve": _("Innvilget av regionrådet"),
    "start_project": _("Prosjektet startet"),
    "approve_report": _("Prosjektet avsluttet"),
}


def projects_crumb():
    return (_("Prosjekter"), reverse("projects:project-list"))


def newest_decision_first(queryset):
    return queryset.order_by(F("decision__decided_on").desc(nulls_last=True), "-pk")


def catalogue_projects():
    """Funded projects with what a catalogue entry shows, in a fixed number of queries."""
    return newest_decision_first(
        Application.objects.funded()
        .select_related("lead_municipality", "decision")
        .prefetch_related(
            "partner_municipalities",
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("order", "pk")),
        )
    )


class ProjectListView(PublicPageMixin, BreadcrumbsMixin, TolerantPaginationMixin, ListView):
    template_name = "projects/catalogue/project_list.html"
    context_object_name = "projects"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        self.form = ProjectFilterForm(self.request.GET or None)
        return self.form.filter(catalogue_projects())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = self.form
        context["is_filtered"] = bool(self.form.active_filters())
        return context

    def get_breadcrumbs(self):
        return [(_("Prosjekter"), None)]


class ProjectDetailView(PublicPageMixin, BreadcrumbsMixin, DetailView):
    template_name = "projects/catalogue/project_detail.html"
    context_object_name = "project"

    def get_queryset(self):
        return (
            Application.objects.funded()
            .select_related("lead_municipality", "decision__meeting", "final_report")
            .prefetch_related(
                "partner_municipalities",
                Prefetch(
                    "focus_areas",
                    queryset=FocusArea.objects.select_related("programme").order_by("order", "pk"),
                ),
                Prefetch(
                    "sub_themes",
                    queryset=SubTheme.objects.select_related(
                        "theme__focus_area__programme"
                    ).order_by("theme__focus_area__order", "theme__order", "order", "pk"),
                ),
                "sustainable_development_goals",
                Prefetch(
                    "status_changes",
                    # Dates only: never who took the step or what they wrote.
                    queryset=StatusChange.objects.filter(action__in=PUBLIC_TIMELINE)
                    .only("pk", "application_id", "action", "created_at")
                    .order_by("created_at", "pk"),
                    to_attr="public_changes",
                ),
            )
        )

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
        return [projects_crumb(), (self.object.title, None)]


def public_timeline(project, decision) -> list[tuple[str, object]]:
    """(label, date) for the decision, the start and the completion, as far as the project has
    come. The decision is dated by the council's meeting, not by when it was recorded."""
    timeline = []
    for change in project.public_changes:
        when = change.created_at
        if change.action == "approve" and decision is not None:
            when = decision.decided_on
        timeline.append((PUBLIC_TIMELINE[change.action], when))
    return timeline
