from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from ..models import Membership, Organisation, SignOnLink
from ..roles import APPLYING_ROLES, Role
from ..services import person_roles_sync

User = get_user_model()


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "email_domains", "requires_second_factor"]
    list_filter = ["kind", "requires_second_factor"]
    search_fields = ["name", "email_domains"]
    prepopulated_fields = {"slug": ["name"]}


class MembershipInline(admin.TabularInline):
    """The secretariat gives the municipalities' and partners' people their roles; staff
    roles are a superuser's to give."""

    model = Membership
    fk_name = "person"
    extra = 1
    fields = ["organisation", "role", "is_active", "created_at", "ended_at"]
    # Ending a membership goes through membership_deactivate, which logs it.
    readonly_fields = ["is_active", "created_at", "ended_at"]
    verbose_name = _("tilknytning til organisasjon")
    verbose_name_plural = _("tilknytninger til organisasjoner")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if request.user.is_superuser:
            return field
        if db_field.name == "organisation":
            field.queryset = Organisation.objects.filter(
                kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.PARTNER]
            )
        elif db_field.name == "role":
            field.choices = [(v, label) for v, label in Role.choices if v in APPLYING_ROLES]
        return field


class SignOnLinkInline(admin.TabularInline):
    """The person's accounts at the identity providers, linked at their first single sign-on.
    Removing one lets the next sign-on with the person's address link anew: for when the
    provider gave the address to another account."""

    model = SignOnLink
    fk_name = "person"
    extra = 0
    fields = ["provider", "subject", "email", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


admin.site.unregister(User)


@admin.register(User)
class PortalUserAdmin(UserAdmin):
    """Superusers manage everything; the secretariat manages the municipalities' and
    partners' people only, and cannot give anyone staff, superuser, group or permission
    rights."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "memberships__organisation", "memberships__role"]
    search_fields = ["username", "first_name", "last_name", "email"]

    applicant_fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personlige opplysninger"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Tilgang"), {"fields": ["is_active"]}),
        (_("Viktige datoer"), {"fields": ["last_login", "date_joined"]}),
    ]

    def get_inlines(self, request, obj):
        # Most people sign in with a password: their page has no empty sign-on section.
        if obj is not None and obj.sign_on_links.exists():
            return [*self.inlines, SignOnLinkInline]
        return self.inlines

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
        return ["is_active", "memberships__organisation", "memberships__role"]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        person_roles_sync(form.instance)
