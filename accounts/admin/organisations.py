"""Organisations in admin, and the secretariat's page that invites an organisation's first
administrator (or anyone else) through the same service as the portal's «Brukere»."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamarregion.ui import add_service_error

from ..forms import APPLYING_ROLE_CHOICES, InvitationForm
from ..models import Organisation
from ..roles import Role
from ..services import invitation_send, organisation_second_factor_require
from ..services.memberships import ROLES_BY_KIND

# The organisations whose people the secretariat manages; the secretariat's and the council's
# own are a superuser's.
APPLYING_KINDS = [Organisation.Kind.MUNICIPALITY, Organisation.Kind.PARTNER]


def manages_people_of(user, organisation) -> bool:
    return user.is_superuser or organisation.kind in APPLYING_KINDS


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "email_domains", "requires_second_factor", "invite_link"]
    list_filter = ["kind", "requires_second_factor"]
    search_fields = ["name", "email_domains"]
    prepopulated_fields = {"slug": ["name"]}
    # Its page on the portal («Brukere») is its administrators', not the secretariat's.
    view_on_site = False

    @admin.display(description=gettext_lazy("invitasjon"))
    def invite_link(self, obj):
        if obj.kind not in APPLYING_KINDS:
            return ""
        url = reverse("admin:accounts_organisation_invite", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Inviter administrator"))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "invite_url": reverse("admin:accounts_organisation_invite", args=[object_id]),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        """A changed second-factor requirement goes through its service, which logs it."""
        if not (change and "requires_second_factor" in form.changed_data):
            return super().save_model(request, obj, form, change)
        required = obj.requires_second_factor
        obj.requires_second_factor = form.initial["requires_second_factor"]
        super().save_model(request, obj, form, change)
        organisation_second_factor_require(
            organisation_id=obj.pk, required=required, actor=request.user, request=request
        )
        obj.requires_second_factor = required

    def get_urls(self):
        return [
            path(
                "<path:object_id>/inviter/",
                self.admin_site.admin_view(self.invite_view),
                name="accounts_organisation_invite",
            ),
            *super().get_urls(),
        ]

    def role_choices(self, request, organisation):
        """The roles the organisation gives; the staff roles only a superuser gives."""
        if request.user.is_superuser:
            given = ROLES_BY_KIND[organisation.kind]
            return [(role.value, role.label) for role in Role if role in given]
        return APPLYING_ROLE_CHOICES

    def invite_view(self, request, object_id):
        if not self.has_change_permission(request):
            raise PermissionDenied
        organisation = self.get_object(request, unquote(object_id))
        if organisation is None:
            raise Http404
        if not self.has_change_permission(request, organisation) or not manages_people_of(
            request.user, organisation
        ):
            raise PermissionDenied
        choices = self.role_choices(request, organisation)
        first_role = (
            Role.ORGANISATION_ADMIN if organisation.kind in APPLYING_KINDS else choices[0][0]
        )
        form = InvitationForm(
            request.POST if request.method == "POST" else None,
            role_choices=choices,
            initial={"role": first_role},
        )
        change_url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
        if form.is_bound and form.is_valid():
            try:
                invitation_send(
                    organisation_id=organisation.pk,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    actor=request.user,
                    request=request,
                    within_domains=False,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                self.message_user(
                    request,
                    _("Invitasjonen er sendt til %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                    messages.SUCCESS,
                )
                return redirect(change_url)
        return TemplateResponse(
            request,
            "admin/accounts/organisation/invite.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "original": organisation,
                "change_url": change_url,
                "title": _("Inviter til %(name)s") % {"name": organisation.name},
                "form": form,
                "valid_days": settings.INVITATION_VALID_DAYS,
            },
        )
