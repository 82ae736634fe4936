from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hamarregion.admin.actions import service_action
from hamarregion.admin.history import HistoryAdmin
from hamarregion.admin.readers import InlineReaderHelpTexts, ReaderHelpTexts
from hamarregion.fields import BoundedModelMultipleChoiceField
from hamarregion.formatting import format_datetime
from projects.permissions import is_secretariat

from . import admin_pages
from .models import AgendaItem, Guest, Meeting
from .permissions import can_read_meeting_pack
from .services import meeting_publish_minutes, meeting_unpublish_minutes

# The secretariat's pages beside a meeting's change page: (path, view, URL name's suffix).
SECRETARIAT_PAGES = [
    ("saksliste-fra-innstillinger/", admin_pages.agenda_view, "agenda"),
    ("inhabilitet/", admin_pages.disqualifications_view, "disqualifications"),
    ("vedtak/", admin_pages.decisions_view, "decisions"),
]


class AgendaItemInline(InlineReaderHelpTexts, admin.StackedInline):
    model = AgendaItem
    reader_help_texts = {"description": ""}
    fields = ["number", "title", "description", ("focus_areas", "guests"), "applications"]
    autocomplete_fields = ["focus_areas", "applications", "guests"]
    formfield_overrides = {
        models.ManyToManyField: {"form_class": BoundedModelMultipleChoiceField},
    }
    extra = 0


class MinutesFilter(admin.SimpleListFilter):
    title = _("protokoll")
    parameter_name = "protokoll"

    def lookups(self, request, model_admin):
        return [
            ("publisert", _("Publisert")),
            ("ikke-publisert", _("Skrevet, ikke publisert")),
            ("mangler", _("Ikke skrevet")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "publisert":
            return queryset.with_public_minutes()
        if self.value() == "ikke-publisert":
            return queryset.filter(minutes_published_at__isnull=True).exclude(minutes="")
        if self.value() == "mangler":
            return queryset.filter(minutes="")
        return queryset


@admin.register(Meeting)
class MeetingAdmin(ReaderHelpTexts, HistoryAdmin):
    list_display = ["title", "starts_at", "place", "minutes_status"]
    list_filter = [MinutesFilter]
    date_hierarchy = "starts_at"
    search_fields = ["title", "place", "description", "agenda_items__title"]
    readonly_fields = ["minutes_published_at", "updated_at"]
    inlines = [AgendaItemInline]
    actions = [
        service_action(
            lambda meeting: meeting_publish_minutes(meeting=meeting),
            name="meeting_publish_minutes",
            description=_("Publiser protokollen for valgte møter"),
            done_message=lambda count: ngettext(
                "Protokollen er publisert for %(count)d møte.",
                "Protokollen er publisert for %(count)d møter.",
                count,
            ),
        ),
        service_action(
            lambda meeting: meeting_unpublish_minutes(meeting=meeting),
            name="meeting_unpublish_minutes",
            description=_("Trekk tilbake protokollen for valgte møter (skjules for publikum)"),
            done_message=lambda count: ngettext(
                "Protokollen er trukket tilbake for %(count)d møte.",
                "Protokollen er trukket tilbake for %(count)d møter.",
                count,
            ),
        ),
    ]
    reader_help_texts = {
        "description": "",
        "minutes": _("Protokollen vises offentlig når den er publisert."),
    }
    fieldsets = [
        (None, {"fields": ["title", ("starts_at", "place"), "description"]}),
        (
            _("Protokoll"),
            {
                "description": _(
                    "Protokollen er offentlig først når den er publisert. Publiser den med "
                    "handlingen «Publiser protokollen» i møtelisten."
                ),
                "fields": ["minutes", "minutes_published_at"],
            },
        ),
        (_("Historikk"), {"classes": ["collapse"], "fields": ["updated_at"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if self.has_change_permission(request, obj):
            return self.fieldsets
        # A reader is told what the minutes' state means, not how to publish them.
        minutes = {"fields": ["minutes", "minutes_published_at"]}
        return [self.fieldsets[0], (_("Protokoll"), minutes), *self.fieldsets[2:]]

    def get_urls(self):
        return [
            path(
                f"<path:object_id>/{route}",
                self.admin_site.admin_view(self.secretariat_page(view)),
                name=f"meetings_meeting_{suffix}",
            )
            for route, view, suffix in SECRETARIAT_PAGES
        ] + super().get_urls()

    def secretariat_page(self, view):
        def run(request, object_id):
            if not is_secretariat(request.user) or not self.has_change_permission(request):
                raise PermissionDenied
            meeting = self.get_object(request, unquote(object_id))
            if meeting is None:
                raise Http404
            return view(self, request, meeting)

        return run

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        # An id that is no number finds no meeting: the admin answers it as it does any other.
        if can_read_meeting_pack(request.user) and str(object_id).isdigit():
            extra_context["pack_url"] = reverse("meetings:meeting-pack", args=[object_id])
        if is_secretariat(request.user) and self.has_change_permission(request):
            extra_context["secretariat_links"] = [
                (_("Sett opp saksliste fra innstilte saker"), "agenda"),
                (_("Inhabilitet"), "disqualifications"),
                (_("Registrer møtets vedtak"), "decisions"),
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description=_("protokoll"), ordering="minutes_published_at")
    def minutes_status(self, obj):
        if obj.minutes_published_at:
            return _("Publisert %(when)s") % {"when": format_datetime(obj.minutes_published_at)}
        if obj.minutes:
            return _("Ikke publisert")
        return _("Ikke skrevet")


@admin.register(Guest)
class GuestAdmin(HistoryAdmin):
    list_display = ["name", "role"]
    search_fields = ["name", "role"]
    fields = ["name", "role"]
