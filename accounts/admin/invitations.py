from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hamarregion.admin.actions import service_action

from ..models import Invitation
from ..services import invitation_resend, invitation_revoke
from .organisations import APPLYING_KINDS


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read only: invitations are sent from an organisation's page here or from the portal's
    «Brukere», and revoked or sent again by the actions. The link's secret is never shown (only
    its hash is kept)."""

    list_display = [
        "person_email",
        "organisation",
        "role",
        "status",
        "invited_by",
        "created_at",
        "expires_at",
    ]
    list_filter = ["organisation", "role"]
    search_fields = ["person__email", "person__first_name", "person__last_name"]
    list_select_related = ["person", "organisation", "invited_by"]
    date_hierarchy = "created_at"
    fields = [
        "person",
        "organisation",
        "role",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    readonly_fields = fields
    actions = [
        service_action(
            lambda invitation, request: invitation_resend(
                invitation_id=invitation.pk, actor=request.user, request=request
            ),
            name="resend",
            description=_("Send invitasjonen på nytt"),
            done_message=lambda count: ngettext(
                "%(count)d invitasjon er sendt på nytt.",
                "%(count)d invitasjoner er sendt på nytt.",
                count,
            ),
            with_request=True,
        ),
        service_action(
            lambda invitation, request: invitation_revoke(
                invitation_id=invitation.pk, actor=request.user, request=request
            ),
            name="revoke",
            description=_("Trekk tilbake"),
            done_message=lambda count: ngettext(
                "%(count)d invitasjon er trukket tilbake.",
                "%(count)d invitasjoner er trukket tilbake.",
                count,
            ),
            with_request=True,
        ),
    ]

    @admin.display(description=_("e-post"), ordering="person__email")
    def person_email(self, obj):
        return obj.person.email

    @admin.display(description=_("status"))
    def status(self, obj):
        return obj.status_label

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(organisation__kind__in=APPLYING_KINDS)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
