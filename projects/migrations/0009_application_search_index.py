"""A GIN index for the catalogue's full-text search, on PostgreSQL only.

The expression is the one projects.selectors.search_vector() makes (title and summary,
Norwegian configuration), written out here so that this migration stays as it was when it ran.
SQLite has no GIN index or tsvector; there the search is a plain substring match.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEX = GinIndex(
    SearchVector("title", "summary", config="norwegian"), name="application_search_norwegian"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("projects", "Application"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("projects", "Application"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("projects", "0008_decision_meeting")]

    operations = [migrations.RunPython(create_index, drop_index)]
