from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hamarregion.admin.actions import service_action

from ..models import Membership, Organisation, SignOnLink
from ..roles import APPLYING_ROLES, Role
from ..services import (
    membership_deactivate,
    membership_reactivate,
    membership_role_change,
    person_roles_sync,
)
from ..two_factor.services import second_factors_reset
from .organisations import APPLYING_KINDS

User = get_user_model()


class MembershipInlineForm(forms.ModelForm):
    """A new row gives a membership; an existing one's role changes and ends through the
    actions under «Tilknytninger», which log them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for name in ("organisation", "role"):
                if name in self.fields:
                    self.fields[name].disabled = True


class MembershipInline(admin.TabularInline):
    """The secretariat gives the municipalities' and partners' people their roles; staff
    roles are a superuser's to give."""

    model = Membership
    form = MembershipInlineForm
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
            field.queryset = Organisation.objects.filter(kind__in=APPLYING_KINDS)
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
    # For a person who lost their phone, passkey and recovery codes, once the secretariat has
    # checked who asks: they enrol a new second factor at their next login.
    actions = [
        service_action(
            lambda person, request: second_factors_reset(
                person=person, actor=request.user, request=request
            ),
            name="reset_second_factors",
            description=_("Nullstill tofaktor"),
            done_message=lambda count: ngettext(
                "Tofaktoren til %(count)d person er nullstilt.",
                "Tofaktoren til %(count)d personer er nullstilt.",
                count,
            ),
            with_request=True,
        ),
    ]

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


def _role_action(role, description):
    return service_action(
        lambda membership, request: membership_role_change(
            membership_id=membership.pk, role=role, actor=request.user, request=request
        ),
        name=f"make_{role}",
        description=description,
        done_message=lambda count: ngettext(
            "%(count)d tilknytning har fått ny rolle.",
            "%(count)d tilknytninger har fått ny rolle.",
            count,
        ),
        with_request=True,
    )


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Read only: roles change and memberships end and start again through the actions, which
    call the same services as the portal's «Brukere» and log each change. The secretariat sees
    the municipalities' and partners' memberships; a superuser all."""

    list_display = ["person", "person_email", "organisation", "role", "is_active", "ended_at"]
    list_filter = ["organisation", "role", "is_active"]
    search_fields = ["person__email", "person__first_name", "person__last_name", "person__username"]
    list_select_related = ["person", "organisation"]
    actions = [
        _role_action(Role.ORGANISATION_ADMIN, _("Gjør til administrator for organisasjonen")),
        _role_action(Role.APPLICANT, _("Gjør til søker")),
        service_action(
            lambda membership, request: membership_deactivate(
                membership_id=membership.pk, actor=request.user, request=request
            ),
            name="deactivate",
            description=_("Deaktiver"),
            done_message=lambda count: ngettext(
                "%(count)d tilknytning er deaktivert.",
                "%(count)d tilknytninger er deaktivert.",
                count,
            ),
            with_request=True,
        ),
        service_action(
            lambda membership, request: membership_reactivate(
                membership_id=membership.pk, actor=request.user, request=request
            ),
            name="reactivate",
            description=_("Aktiver igjen"),
            done_message=lambda count: ngettext(
                "%(count)d tilknytning er aktivert igjen.",
                "%(count)d tilknytninger er aktivert igjen.",
                count,
            ),
            with_request=True,
        ),
    ]

    @admin.display(description=_("e-post"), ordering="person__email")
    def person_email(self, obj):
        return obj.person.email

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation__kind__in=APPLYING_KINDS)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Membership._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
