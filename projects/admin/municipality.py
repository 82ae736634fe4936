from django.contrib import admin

from hamarregion.admin.history import HistoryAdmin

from ..models import Municipality


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin):
    list_display = ["name", "number", "organisation_number", "is_member", "is_active"]
    list_filter = ["is_member", "is_active"]
    search_fields = ["name", "number", "organisation_number"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "number", "organisation_number", "is_member", "is_active"]
