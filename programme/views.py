from django.db.models import Prefetch
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView

from hamarregion import front_page
from hamarregion.content_language import Text, text_of
from hamarregion.page_cache import PublicPageMixin
from hamarregion.ui import BreadcrumbsMixin

from .models import Commitment, Programme, SustainableDevelopmentGoal
from .selectors import focus_areas_with_themes, goal_contributions, with_narrative


def programme_list_crumb():
    return (_("Handlingsprogram"), reverse("programme:programme-list"))


def goal_list_crumb():
    return (_("Bærekraftsmål"), reverse("programme:goal-list"))


class ProgrammeVisibilityMixin:
    """Published and archived periods for everyone; drafts too for staff who edit the programme."""

    def get_programme_queryset(self):
        return Programme.objects.visible_to(self.request.user)


class HomeView(PublicPageMixin, TemplateView):
    template_name = "programme/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = Programme.objects.with_progress().current()
        context["programme"] = programme
        if programme:
            # The cards show the themes and sub-themes only.
            context["focus_areas"] = focus_areas_with_themes().filter(programme=programme)
        # Below the programme, what other apps show on the front page (the upcoming meetings).
        context.update(front_page.parts_context(self.request))
        return context


class ProgrammeListView(PublicPageMixin, BreadcrumbsMixin, ProgrammeVisibilityMixin, ListView):
    context_object_name = "programmes"

    def get_breadcrumbs(self):
        return [(_("Handlingsprogram"), None)]

    def get_queryset(self):
        return self.get_programme_queryset().order_by("-start_year", "title")


class ProgrammeDetailView(PublicPageMixin, BreadcrumbsMixin, ProgrammeVisibilityMixin, DetailView):
    context_object_name = "programme"

    def get_breadcrumbs(self):
        return [programme_list_crumb(), (text_of(self.object, "title"), None)]

    def get_queryset(self):
        return self.get_programme_queryset().with_progress()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The page lists all the goals once, not each focus area's.
        context["focus_areas"] = with_narrative(
            focus_areas_with_themes().with_progress().filter(programme=self.object)
        )
        context["goals"] = SustainableDevelopmentGoal.objects.all()
        return context


class FocusAreaDetailView(PublicPageMixin, BreadcrumbsMixin, ProgrammeVisibilityMixin, DetailView):
    context_object_name = "focus_area"

    def get_breadcrumbs(self):
        programme = self.object.programme
        return [
            programme_list_crumb(),
            (text_of(programme, "title"), programme.get_absolute_url()),
            (text_of(self.object, "name"), None),
        ]

    def get_object(self, queryset=None):
        # The period and the focus area in one query: the period must be one the visitor may see.
        focus_area = (
            with_narrative(focus_areas_with_themes())
            .with_progress()
            .prefetch_related(
                "sustainable_development_goals",
                Prefetch("commitments", queryset=Commitment.objects.for_public_page()),
            )
            .filter(
                programme__in=self.get_programme_queryset(),
                programme__slug=self.kwargs["programme_slug"],
                slug=self.kwargs["slug"],
            )
            .first()
        )
        if focus_area is None:
            raise Http404
        return focus_area

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programme"] = self.object.programme
        context["sibling_focus_areas"] = self.object.programme.focus_areas.order_by("order", "pk")
        return context


class GoalListView(PublicPageMixin, BreadcrumbsMixin, ListView):
    model = SustainableDevelopmentGoal
    context_object_name = "goals"

    def get_breadcrumbs(self):
        return [(_("Bærekraftsmål"), None)]


class GoalDetailView(PublicPageMixin, BreadcrumbsMixin, ProgrammeVisibilityMixin, DetailView):
    model = SustainableDevelopmentGoal
    context_object_name = "goal"
    slug_field = "number"
    slug_url_kwarg = "number"

    def get_breadcrumbs(self):
        return [goal_list_crumb(), (Text(str(self.object)), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(goal_contributions(self.object, programmes=self.get_programme_queryset()))
        return context
