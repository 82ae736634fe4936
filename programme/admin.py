from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models
from django.forms import Textarea
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hamarregion.admin.actions import service_action
from hamarregion.admin.history import HistoryAdmin
from hamarregion.ui import add_service_error

from .admin_filters import FocusAreaFilter
from .forms import ProgrammeCopyForm
from .models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    SustainableDevelopmentGoal,
    Theme,
)
from .services import programme_change_status, programme_copy

# The English versions of the text the public pages show, out of the way of the Norwegian.
ENGLISH = _("Engelsk")
ENGLISH_HELP = _(
    "Engelsk versjon av teksten for de engelske sidene. Står et felt tomt, viser de engelske "
    "sidene den norske teksten og sier at den bare finnes på norsk."
)


def english_fieldset(*fields):
    return (ENGLISH, {"classes": ["collapse"], "description": ENGLISH_HELP, "fields": fields})


class FocusAreaInline(admin.TabularInline):
    model = FocusArea
    fields = ["name", "name_en", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True
    extra = 0


class ThemeInline(admin.TabularInline):
    model = Theme
    fields = ["name", "name_en", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True
    extra = 0


class NarrativeSectionInline(admin.StackedInline):
    model = NarrativeSection
    fieldsets = [
        (None, {"fields": ["title", "slug", "body", "order"]}),
        english_fieldset("title_en", "body_en"),
    ]
    extra = 0


class CommitmentInline(admin.TabularInline):
    """The focus area's commitments at a glance; updates and projects on each one's own page."""

    model = Commitment
    fields = ["text", "slug", "status", "progress", "order"]
    prepopulated_fields = {"slug": ["text"]}
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 60})}}
    show_change_link = True
    extra = 0


class CommitmentUpdateInline(admin.StackedInline):
    model = CommitmentUpdate
    fields = ["date", "text", "created_by"]
    readonly_fields = ["created_by"]
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 4, "cols": 80})}}
    extra = 0


class SubThemeInline(admin.TabularInline):
    model = SubTheme
    fields = ["name", "name_en", "slug", "order"]
    prepopulated_fields = {"slug": ["name"]}
    extra = 0


def _status_action(status, description):
    """An admin action that moves the selected periods to one status through the service."""
    return service_action(
        lambda programme: programme_change_status(programme=programme, status=status),
        name=f"make_{status}",
        description=description,
        done_message=lambda count: ngettext(
            "%(count)d handlingsprogram er endret.",
            "%(count)d handlingsprogram er endret.",
            count,
        ),
    )


@admin.register(Programme)
class ProgrammeAdmin(HistoryAdmin):
    list_display = ["title", "period", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "vision", "introduction"]
    readonly_fields = ["status", "updated_at"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [FocusAreaInline]
    actions = [
        _status_action(Programme.Status.PUBLISHED, _("Publiser valgte (det publiserte arkiveres)")),
        _status_action(Programme.Status.ARCHIVED, _("Flytt valgte til arkivet")),
        _status_action(Programme.Status.DRAFT, _("Gjør valgte til utkast (skjules for publikum)")),
        "copy_to_new_period",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", ("start_year", "end_year"), "status"]}),
        (_("Innhold"), {"fields": ["vision", "focus_areas_heading", "introduction"]}),
        english_fieldset("title_en", "vision_en", "focus_areas_heading_en", "introduction_en"),
        (_("Historikk"), {"classes": ["collapse"], "fields": ["updated_at"]}),
    ]

    @admin.display(description=_("periode"), ordering="start_year")
    def period(self, obj):
        return obj.period

    @admin.action(description=_("Kopier til ny periode"), permissions=["add"])
    def copy_to_new_period(self, request, queryset):
        """Asks for the new period's years and title on a page of its own, then copies the
        programme into a draft through programme_copy and opens it."""
        if queryset.count() != 1:
            self.message_user(request, _("Velg ett handlingsprogram å kopiere."), messages.ERROR)
            return None
        source = queryset.get()
        if "confirm" in request.POST:
            form = ProgrammeCopyForm(request.POST)
            if form.is_valid():
                try:
                    copy = programme_copy(source=source, **form.cleaned_data)
                except ValidationError as error:
                    add_service_error(form, error)
                else:
                    self.message_user(
                        request,
                        _(
                            "«%(copy)s» er laget som utkast fra «%(source)s». Rediger det, og "
                            "publiser det når det er klart; det publiserte programmet arkiveres da."
                        )
                        % {"copy": copy, "source": source},
                        messages.SUCCESS,
                    )
                    return redirect(reverse("admin:programme_programme_change", args=[copy.pk]))
        else:
            form = ProgrammeCopyForm(initial=ProgrammeCopyForm.initial_for(source))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Kopier «%(title)s» til ny periode") % {"title": source.title},
            "opts": self.opts,
            "source": source,
            "form": form,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/programme/programme/copy_to_new_period.html", context
        )


@admin.register(FocusArea)
class FocusAreaAdmin(HistoryAdmin):
    list_display = ["name", "programme", "order"]
    list_editable = ["order"]
    list_filter = ["programme"]
    list_select_related = ["programme"]
    search_fields = ["name", "sections__body", "themes__name", "themes__sub_themes__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["programme"]
    filter_horizontal = ["sustainable_development_goals"]
    inlines = [ThemeInline, NarrativeSectionInline, CommitmentInline]
    fieldsets = [
        (None, {"fields": ["programme", "name", "slug", "order", "sustainable_development_goals"]}),
        english_fieldset("name_en"),
    ]


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin):
    list_display = ["name", "focus_area", "programme", "order"]
    list_editable = ["order"]
    list_filter = ["focus_area__programme", ("focus_area", FocusAreaFilter)]
    list_select_related = ["focus_area__programme"]
    search_fields = ["name", "sub_themes__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["focus_area"]
    inlines = [SubThemeInline]
    fieldsets = [
        (None, {"fields": ["focus_area", "name", "slug", "order"]}),
        english_fieldset("name_en"),
    ]

    @admin.display(description=_("handlingsprogram"), ordering="focus_area__programme")
    def programme(self, obj):
        return obj.focus_area.programme


@admin.register(SubTheme)
class SubThemeAdmin(HistoryAdmin):
    list_display = ["name", "theme", "order"]
    list_editable = ["order"]
    list_filter = ["theme__focus_area__programme", "theme"]
    list_select_related = ["theme"]
    search_fields = ["name", "theme__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["theme"]
    fieldsets = [
        (None, {"fields": ["theme", "name", "slug", "order"]}),
        english_fieldset("name_en"),
    ]


@admin.register(SustainableDevelopmentGoal)
class SustainableDevelopmentGoalAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]
    list_display_links = ["number", "name"]
    search_fields = ["name"]


@admin.register(Commitment)
class CommitmentAdmin(HistoryAdmin):
    list_display = ["short_text", "focus_area", "programme", "status", "progress_percent"]
    list_filter = ["status", "focus_area__programme", ("focus_area", FocusAreaFilter)]
    list_select_related = ["focus_area__programme"]
    search_fields = ["text", "focus_area__name"]
    prepopulated_fields = {"slug": ["text"]}
    autocomplete_fields = ["focus_area", "projects"]
    inlines = [CommitmentUpdateInline]
    fieldsets = [
        (None, {"fields": ["focus_area", "text", "slug", "order"]}),
        english_fieldset("text_en"),
        (_("Oppfølging"), {"fields": ["status", "progress", "projects"]}),
    ]

    @admin.display(description=_("forpliktelse"), ordering="text")
    def short_text(self, obj):
        return str(obj)

    @admin.display(description=_("handlingsprogram"), ordering="focus_area__programme")
    def programme(self, obj):
        return obj.focus_area.programme

    @admin.display(description=_("framdrift"), ordering="progress")
    def progress_percent(self, obj):
        return f"{obj.progress}\u00a0%"

    def save_formset(self, request, form, formset, change):
        """An update is signed by whoever wrote it; the admin form does not ask."""
        updates = formset.save(commit=False)
        for deleted in formset.deleted_objects:
            deleted.delete()
        for update in updates:
            if update.created_by_id is None:
                update.created_by = request.user
            update.save()
        formset.save_m2m()
