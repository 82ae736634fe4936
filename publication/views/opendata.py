"""The open-data page and its downloads: each dataset as CSV and JSON, with its Table Schema.
Everything is drawn from publication.opendata, the one definition of the datasets."""

import csv

from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from hamarregion.page_cache import PublicPageMixin
from hamarregion.ui import BreadcrumbsMixin

from ..opendata import DATASETS, LICENCE


def open_to_all(response):
    # Public data without cookies: any site's script may read it (no credentials are shared).
    response["Access-Control-Allow-Origin"] = "*"
    return response


class DatasetMixin(PublicPageMixin):
    def get_dataset(self):
        try:
            return DATASETS[self.kwargs["dataset"]]
        except KeyError:
            raise Http404 from None


class OpenDataView(PublicPageMixin, BreadcrumbsMixin, TemplateView):
    template_name = "publication/opendata/opendata.html"

    def get_breadcrumbs(self):
        return [(_("Åpne data"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = list(DATASETS.values())
        context["licence"] = LICENCE
        return context


class DatasetCsvView(DatasetMixin, View):
    def get(self, request, *args, **kwargs):
        dataset = self.get_dataset()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{dataset.slug}.csv"'
        csv.writer(response).writerows(dataset.csv_rows())
        return open_to_all(response)


class DatasetJsonView(DatasetMixin, View):
    def get(self, request, *args, **kwargs):
        return open_to_all(
            JsonResponse(
                self.get_dataset().json_document(),
                json_dumps_params={"ensure_ascii": False, "indent": 1},
            )
        )


class DatasetSchemaView(DatasetMixin, View):
    def get(self, request, *args, **kwargs):
        return open_to_all(
            JsonResponse(
                self.get_dataset().table_schema(),
                json_dumps_params={"ensure_ascii": False, "indent": 1},
            )
        )
