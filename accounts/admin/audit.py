from django.contrib import admin

from ..models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the log is evidence, so nobody edits or deletes a row by hand (old rows go by
    `manage.py purge_audit_log`). The secretariat filters it by kind, person and date."""

    list_display = [
        "occurred_at",
        "kind",
        "person",
        "actor",
        "identifier",
        "client_address",
        "detail",
    ]
    list_filter = [
        "kind",
        ("person", admin.RelatedOnlyFieldListFilter),
        ("occurred_at", admin.DateFieldListFilter),
    ]
    search_fields = [
        "person__email",
        "person__username",
        "person__first_name",
        "person__last_name",
        "actor__email",
        "identifier",
        "client_address",
        "detail",
    ]
    date_hierarchy = "occurred_at"
    list_select_related = ["person", "actor"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
