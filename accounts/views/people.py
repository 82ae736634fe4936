"""«Brukere»: an organisation's administrator lists its people, invites colleagues, changes
their role, deactivates and reactivates them, and requires a second factor. Every action is a
service in services/; these views find the organisation and the row among those the signed-in
person administers, and nowhere else."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from hamarregion.fields import MAX_ID
from hamarregion.ui import BreadcrumbsMixin, add_service_error, has_errors, service_error_message

from ..forms import InvitationForm, RoleForm, SecondFactorRequirementForm
from ..models import Invitation, Membership
from ..roles import Role
from ..selectors import organisation_people, organisations_administered_by
from ..services import (
    invitation_resend,
    invitation_revoke,
    invitation_send,
    membership_deactivate,
    membership_reactivate,
    membership_role_change,
    organisation_second_factor_require,
)


class OrganisationAdminMixin(LoginRequiredMixin):
    """The organisation in the address, if the signed-in person administers it; 403 for any
    other address, whether an organisation has it or not."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.organisation = (
            organisations_administered_by(request.user).filter(slug=kwargs["slug"]).first()
        )
        if self.organisation is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def people_url(self):
        return self.organisation.get_absolute_url()


class PeopleView(OrganisationAdminMixin, BreadcrumbsMixin, TemplateView):
    template_name = "accounts/people.html"

    def get_context_data(self, invitation_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        invitation_form = invitation_form or InvitationForm()
        second_factor_form = SecondFactorRequirementForm(
            initial={"required": self.organisation.requires_second_factor}
        )
        context.update(
            organisation=self.organisation,
            memberships=organisation_people(self.organisation),
            invitation_form=invitation_form,
            second_factor_form=second_factor_form,
            role_choices=RoleForm.base_fields["role"].choices,
            invitation_valid_days=settings.INVITATION_VALID_DAYS,
            show_error_summary=has_errors(invitation_form),
        )
        return context

    def get_breadcrumbs(self):
        return [(_("Brukere i %(name)s") % {"name": self.organisation.name}, None)]

    def post(self, request, *args, **kwargs):
        """The invitation form."""
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                invitation_send(
                    organisation_id=self.organisation.pk,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    actor=request.user,
                    request=request,
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("Invitasjonen er sendt til %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect(self.people_url())
        return self.render_to_response(self.get_context_data(invitation_form=form))


class PeopleActionView(OrganisationAdminMixin, View):
    """A button on the list: POST only, then back to the list with what happened or why not."""

    http_method_names = ["post"]
    done = ""

    def post(self, request, *args, **kwargs):
        try:
            self.act(request, **kwargs)
        except ValidationError as error:
            messages.error(request, service_error_message(error))
        else:
            messages.success(request, self.done)
        return redirect(self.people_url())

    def membership(self, pk) -> Membership:
        """A membership of this organisation; any other id is not found."""
        if pk > MAX_ID:
            raise Http404
        membership = self.organisation.memberships.select_related("person").filter(pk=pk).first()
        if membership is None:
            raise Http404
        return membership

    def invitation(self, pk) -> Invitation:
        if pk > MAX_ID:
            raise Http404
        invitation = self.organisation.invitations.filter(pk=pk).first()
        if invitation is None:
            raise Http404
        return invitation

    def act(self, request, **kwargs):
        raise NotImplementedError


class MembershipRoleView(PeopleActionView):
    done = gettext_lazy("Rollen er endret.")

    def act(self, request, *, pk, **kwargs):
        membership = self.membership(pk)
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise ValidationError(_("Velg en rolle fra listen."))
        membership_role_change(
            membership_id=membership.pk,
            role=form.cleaned_data["role"],
            actor=request.user,
            request=request,
        )
        self.done = _("%(name)s har nå rollen «%(role)s».") % {
            "name": membership.person.get_full_name() or membership.person.email,
            "role": Role(form.cleaned_data["role"]).label,
        }


class MembershipDeactivateView(PeopleActionView):
    def act(self, request, *, pk, **kwargs):
        membership = self.membership(pk)
        membership_deactivate(membership_id=membership.pk, actor=request.user, request=request)
        self.done = _("%(name)s er deaktivert og har ikke lenger tilgang.") % {
            "name": membership.person.get_full_name() or membership.person.email
        }


class MembershipReactivateView(PeopleActionView):
    def act(self, request, *, pk, **kwargs):
        membership = self.membership(pk)
        membership_reactivate(membership_id=membership.pk, actor=request.user, request=request)
        self.done = _("%(name)s er aktivert igjen.") % {
            "name": membership.person.get_full_name() or membership.person.email
        }


class InvitationResendView(PeopleActionView):
    def act(self, request, *, pk, **kwargs):
        invitation = invitation_resend(
            invitation_id=self.invitation(pk).pk, actor=request.user, request=request
        )
        self.done = _("En ny invitasjon er sendt til %(email)s.") % {
            "email": invitation.person.email
        }


class InvitationRevokeView(PeopleActionView):
    def act(self, request, *, pk, **kwargs):
        invitation = invitation_revoke(
            invitation_id=self.invitation(pk).pk, actor=request.user, request=request
        )
        self.done = _("Invitasjonen til %(email)s er trukket tilbake.") % {
            "email": invitation.person.email
        }


class SecondFactorRequirementView(PeopleActionView):
    def act(self, request, **kwargs):
        form = SecondFactorRequirementForm(request.POST)
        form.is_valid()  # a missing box is False, as a browser sends an unticked one
        required = bool(form.cleaned_data.get("required"))
        organisation_second_factor_require(
            organisation_id=self.organisation.pk,
            required=required,
            actor=request.user,
            request=request,
        )
        if required:
            self.done = _("Alle i %(name)s må nå logge inn med tofaktor.")
        else:
            self.done = _("Tofaktorinnlogging er ikke lenger påkrevd i %(name)s.")
        self.done %= {"name": self.organisation.name}
