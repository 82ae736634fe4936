"""The secretariat's view of what went to the archive: the exports, read only, and the registry
entries, where an entry is marked exempt from the public post journal. The zip of one case is
offered from the case page (templates/admin/projects/application/includes/case.html links to
it by name)."""

import logging

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hamarregion.admin.history import HistoryAdmin
from projects.admin.case_records import SecretariatReadOnly
from projects.models import Application
from projects.permissions import is_secretariat
from projects.services.documents import DocumentUnavailable

from .cases import case_key
from .models import ArchiveExport, RegistryEntry
from .services import case_archive_zip

logger = logging.getLogger(__name__)


class EntryInline(admin.TabularInline):
    model = RegistryEntry
    fields = ["journal_date", "entry_type", "title", "party", "exemption_ground"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ArchiveExport)
class ArchiveExportAdmin(SecretariatReadOnly, admin.ModelAdmin):
    list_display = ["created_at", "command", "destination"]
    list_select_related = ["created_by"]
    search_fields = ["command", "destination"]
    fields = ["created_at", "created_by", "command", "destination"]
    readonly_fields = fields
    inlines = [EntryInline]


@admin.register(RegistryEntry)
class RegistryEntryAdmin(SecretariatReadOnly, HistoryAdmin):
    """Read only but for the exemption, which the secretariat sets."""

    list_display = ["journal_date", "entry_type", "title", "party", "exemption_ground"]
    list_filter = ["entry_type", ("exemption_ground", admin.EmptyFieldListFilter)]
    list_select_related = ["document__application"]
    search_fields = ["title", "party", "exemption_ground"]
    date_hierarchy = "journal_date"
    fieldsets = [
        (None, {"fields": ["journal_date", "entry_type", "title", "party", "case", "export"]}),
        (_("Offentlighet"), {"fields": ["exemption_ground"]}),
        (_("Sendt til arkivet"), {"fields": ["document", "attachments"]}),
    ]
    readonly_fields = [
        "journal_date",
        "entry_type",
        "title",
        "party",
        "case",
        "export",
        "document",
        "attachments",
    ]

    def has_change_permission(self, request, obj=None):
        return is_secretariat(request.user)

    @admin.display(description=_("sak"))
    def case(self, obj):
        application = obj.document.application
        url = reverse("admin:projects_application_change", args=[application.pk])
        return format_html('<a href="{}">{}</a>', url, application)

    def get_urls(self):
        return [
            path(
                "sak/<int:application_pk>/arkivuttrekk/",
                self.admin_site.admin_view(self.case_zip_view),
                name="archive_registryentry_case_zip",
            ),
            *super().get_urls(),
        ]

    def case_zip_view(self, request, application_pk):
        """The case's messages as one zip, as the export would write them. A copy to read or
        file by hand: it is not recorded as sent, so the export still sends the case."""
        if not is_secretariat(request.user):
            raise PermissionDenied
        application = get_object_or_404(
            Application.objects.select_related("lead_municipality"), pk=application_pk
        )
        back = reverse("admin:projects_application_change", args=[application.pk])
        if not application.documents.exists():
            messages.error(request, gettext("Saken har ingen dokumenter å arkivere ennå."))
            return redirect(back)
        try:
            content = case_archive_zip(application=application, user=request.user)
        except DocumentUnavailable:
            logger.exception("Could not make the archive zip of application %s", application.pk)
            messages.error(
                request, gettext("Dokumentene kan ikke lages akkurat nå. Prøv igjen senere.")
            )
            return redirect(back)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{case_key(application)}.zip"'
        response["Cache-Control"] = "private, no-store"
        return response
