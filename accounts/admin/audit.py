from django.contrib import admin

from ..models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the log is evidence, so nobody edits or deletes a row by hand."""

    list_display = ["occurred_at", "kind", "person", "actor", "identifier", "client_address"]
    list_filter = ["kind", "occurred_at"]
    search_fields = ["person__email", "person__username", "identifier", "client_address"]
    date_hierarchy = "occurred_at"
    list_select_related = ["person", "actor"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
