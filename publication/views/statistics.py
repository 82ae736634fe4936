"""The public statistics page: granted amounts by focus area, municipality and year, and the
applications per funding call, each as a chart and as a table, for one programme period or all.
"""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from hamarregion.formatting import format_nok, format_percent
from hamarregion.page_cache import PublicPageMixin
from hamarregion.ui import BreadcrumbsMixin
from programme.models import Programme

from .. import statistics
from ..charts import BarChart, bar_chart

ALL_PERIODS = "alle"


def period_label(programme: Programme) -> str:
    if programme.status == Programme.Status.ARCHIVED:
        return _("%(title)s (arkivert)") % {"title": programme.title}
    return programme.title


class PeriodForm(forms.Form):
    """The programme period, as a GET parameter a visitor can share: the published programme
    unless the visitor picks another period or all of them."""

    programme = forms.ChoiceField(
        label=gettext_lazy("Handlingsprogram"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Velg en periode fra listen.")},
    )

    def __init__(self, *args, programmes, default, **kwargs):
        super().__init__(*args, **kwargs)
        self.programmes = {programme.slug: programme for programme in programmes}
        self.default = default
        field = self.fields["programme"]
        field.choices = [(programme.slug, period_label(programme)) for programme in programmes]
        field.choices += [(ALL_PERIODS, _("Alle perioder"))]
        field.initial = default.slug if default else ALL_PERIODS
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def chosen(self) -> Programme | None:
        """The programme asked for, or None for all periods. A value that is not in the list
        gives a message at the field and the default period."""
        if not self.is_bound or not self.is_valid() or not self.cleaned_data["programme"]:
            return self.default
        if self.cleaned_data["programme"] == ALL_PERIODS:
            return None
        return self.programmes[self.cleaned_data["programme"]]


def grant_chart(chart_id: str, title: str, rows) -> BarChart:
    return bar_chart(
        chart_id=chart_id,
        title=title,
        items=[(row.label, row.amount, format_nok(row.amount)) for row in rows],
    )


def front_page_part(request) -> dict:
    """What the programme has funded so far, on the front page (registered with
    hamarregion.front_page): over every public period the funded projects, the amount granted
    and the municipalities involved; per focus area of the published period its projects and
    amount. Three queries, however many projects there are, once per content version."""
    figures = statistics.front_page_figures()
    return {
        "funded_totals": figures.totals,
        "funded_municipalities": figures.municipalities,
        "funded_period_title": figures.period_title,
        "funded_by_focus_area": figures.by_focus_area,
    }


class StatisticsView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    template_name = "publication/statistics/statistics.html"
    cache_query_params = tuple(PeriodForm.base_fields)

    def get_breadcrumbs(self):
        return [(_("Statistikk"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = list(Programme.objects.public().order_by("-start_year", "title"))
        default = next((p for p in programmes if p.status == Programme.Status.PUBLISHED), None)
        form = PeriodForm(self.request.GET or None, programmes=programmes, default=default)
        programme = form.chosen()
        period = programme.period if programme else _("alle perioder")

        figures = statistics.page_figures(programme)
        by_focus_area = figures.by_focus_area
        by_municipality = figures.by_municipality
        by_year = figures.by_year
        by_call = figures.by_call
        context.update(
            form=form,
            programme=programme,
            period=period,
            totals=figures.totals,
            by_focus_area=by_focus_area,
            by_municipality=by_municipality,
            by_year=by_year,
            by_call=[(row, share_label(row)) for row in by_call],
            focus_area_chart=grant_chart(
                "diagram-satsingsomrade",
                _("Innvilget beløp per satsingsområde, %(period)s") % {"period": period},
                by_focus_area,
            ),
            municipality_chart=grant_chart(
                "diagram-kommune",
                _("Innvilget beløp per prosjekteier, %(period)s") % {"period": period},
                by_municipality,
            ),
            year_chart=grant_chart(
                "diagram-ar",
                _("Innvilget beløp per vedtaksår, %(period)s") % {"period": period},
                by_year,
            ),
            call_count_chart=bar_chart(
                chart_id="diagram-soknader",
                title=_("Søknader sendt inn per utlysning, %(period)s") % {"period": period},
                items=[(row.label, row.applications, str(row.applications)) for row in by_call],
            ),
            call_share_chart=bar_chart(
                chart_id="diagram-andel",
                title=_("Andel innvilget av avgjorte søknader per utlysning, %(period)s")
                % {"period": period},
                items=[
                    (
                        row.label,
                        None if row.approved_share is None else row.approved_share * 100,
                        share_label(row),
                    )
                    for row in by_call
                ],
                scale_max=100,
            ),
        )
        return context


def share_label(row) -> str:
    if row.approved_share is None:
        return _("ingen avgjort")
    return format_percent(row.approved_share * 100)
