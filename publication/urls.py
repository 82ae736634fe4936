from django.urls import path

from .feeds import FundedProjectsFeed
from .views import catalogue, opendata, project_map, statistics

app_name = "publication"

urlpatterns = [
    path("prosjekter/", catalogue.ProjectListView.as_view(), name="project-list"),
    path("prosjekter/kart/", project_map.ProjectMapView.as_view(), name="project-map"),
    path("prosjekter/<int:pk>/", catalogue.ProjectDetailView.as_view(), name="project-detail"),
    path("prosjekter/feed/", FundedProjectsFeed(), name="project-feed"),
    path("statistikk/", statistics.StatisticsView.as_view(), name="statistics"),
    path("apne-data/", opendata.OpenDataView.as_view(), name="opendata"),
    path("apne-data/<slug:dataset>.csv", opendata.DatasetCsvView.as_view(), name="opendata-csv"),
    path("apne-data/<slug:dataset>.json", opendata.DatasetJsonView.as_view(), name="opendata-json"),
    path(
        "apne-data/<slug:dataset>/schema.json",
        opendata.DatasetSchemaView.as_view(),
        name="opendata-schema",
    ),
]
