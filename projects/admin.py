from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from hamarregion.formatting import format_nok

from .models import (
    Application,
    Attachment,
    CostLine,
    FundingCall,
    FundingLine,
    Membership,
    Municipality,
    StatusChange,
)
from .permissions import is_secretariat, roles_for
from .services import TransitionNotAllowed, application_transition
from .workflow import TRANSITIONS, Role, transitions_from

User = get_user_model()


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "number", "is_member", "is_active"]
    list_filter = ["is_member", "is_active"]
    search_fields = ["name", "number"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "number", "is_member", "is_active"]


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "opens_at", "closes_at", "budget", "is_published"]
    list_filter = ["is_published", "programme"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["focus_areas"]
    date_hierarchy = "closes_at"
    fieldsets = [
        (None, {"fields": ["programme", "title", "slug", "is_published"]}),
        (_("Frist"), {"fields": ["opens_at", "closes_at"]}),
        (_("Økonomi"), {"fields": ["budget_frame", "max_amount", "max_share_percent"]}),
        (_("Innhold"), {"fields": ["description", "focus_areas"]}),
    ]

    @admin.display(description=_("ramme"), ordering="budget_frame")
    def budget(self, obj):
        return format_nok(obj.budget_frame)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CostLineInline(ReadOnlyInline):
    model = CostLine
    fields = ["item", "amount"]


class FundingLineInline(ReadOnlyInline):
    model = FundingLine
    fields = ["source", "description", "amount"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["original_name", "content_type", "size", "uploaded_at"]


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    fields = ["created_at", "actor", "from_status", "to_status", "comment"]
    readonly_fields = fields


class TransitionForm(forms.Form):
    comment = forms.CharField(
        label=_("Melding til søkeren"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """The secretariat reads applications as submitted; the status changes only through the
    workflow buttons on the change page."""

    list_display = ["title", "lead_municipality", "funding_call", "status", "submitted_at"]
    list_filter = ["status", "funding_call", "lead_municipality"]
    list_select_related = ["lead_municipality", "funding_call"]
    search_fields = ["title", "summary", "lead_municipality__name"]
    date_hierarchy = "submitted_at"
    inlines = [CostLineInline, FundingLineInline, AttachmentInline, StatusChangeInline]
    fieldsets = [
        (None, {"fields": ["title", "status", "funding_call", "lead_municipality", "summary"]}),
        (
            _("Samarbeid og kontakt"),
            {
                "fields": [
                    "partner_municipalities",
                    "partner_organisations",
                    ("project_leader_name", "project_leader_email", "project_leader_phone"),
                    ("contact_name", "contact_email", "contact_phone"),
                ]
            },
        ),
        (
            _("Prosjektet"),
            {
                "fields": [
                    "phase",
                    ("start_date", "end_date"),
                    "background",
                    "main_goal",
                    "sub_goals",
                    "expected_results",
                    "target_group",
                    "anchoring",
                    "organisation",
                ]
            },
        ),
        (
            _("Handlingsprogrammet"),
            {"fields": ["focus_areas", "sub_themes", "sustainable_development_goals"]},
        ),
        (
            _("Historikk"),
            {"fields": ["created_by", "created_at", "updated_at", "submitted_at"]},
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        return [
            field
            for fieldset in self.fieldsets
            for entry in fieldset[1]["fields"]
            for field in (entry if isinstance(entry, tuple) else (entry,))
        ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/behandle/<str:action>/",
                self.admin_site.admin_view(self.transition_view),
                name="projects_application_transition",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        application = self.get_object(request, object_id)
        if application is not None:
            roles = roles_for(request.user, application) & {Role.SECRETARIAT}
            extra_context["workflow_actions"] = [
                (
                    t,
                    reverse(
                        "admin:projects_application_transition", args=[application.pk, t.action]
                    ),
                )
                for t in transitions_from(application.status)
                if t.roles & roles
            ]
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request, pk, action):
        application = get_object_or_404(Application, pk=pk)
        transition = TRANSITIONS.get(action)
        if transition is None or not is_secretariat(request.user):
            raise PermissionDenied
        change_url = reverse("admin:projects_application_change", args=[pk])
        form = TransitionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                application_transition(
                    application=application,
                    action=action,
                    user=request.user,
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            except TransitionNotAllowed as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect(change_url)
            else:
                self.message_user(
                    request,
                    _("«%(action)s» er utført for «%(title)s».")
                    % {"action": transition.label, "title": application.title},
                    messages.SUCCESS,
                )
                return redirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": application,
            "transition": transition,
            "form": form,
            "change_url": change_url,
            "title": transition.label,
        }
        return TemplateResponse(request, "admin/projects/application/transition.html", context)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["municipality"]
    verbose_name = _("kommune brukeren kan søke for")
    verbose_name_plural = _("kommuner brukeren kan søke for")


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Superusers manage everything; the secretariat manages the municipalities' applicant
    accounts only, and cannot give anyone staff, superuser, group or permission rights."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "memberships__municipality"]

    applicant_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personlige opplysninger"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Tilgang"), {"fields": ["is_active"]}),
        (_("Viktige datoer"), {"fields": ["last_login", "date_joined"]}),
    ]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(is_staff=False, is_superuser=False)

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.applicant_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return super().get_readonly_fields(request, obj)
        return ["last_login", "date_joined"]

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return self.list_filter
        return ["is_active", "memberships__municipality"]
