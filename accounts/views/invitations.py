"""The page an invitation's link opens: a new person chooses name and password and is signed
in; a person who already signs in accepts after signing in. A link that cannot be used gets a
page saying why, and changes nothing."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, resolve_url
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from hamarregion.ui import add_service_error, has_errors, service_error_message

from ..forms import InvitationAcceptForm
from ..services import (
    InvitationLinkError,
    invitation_accept,
    invitation_accept_signed_in,
    invitation_from_token,
)
from ..services.invitations import accepts_with_password
from ..two_factor.access import second_factor_exempt

# The backend a person accepting with a new password is signed in by.
BACKEND = "accounts.backends.EmailOrUsernameBackend"

# The status of the page for a link that cannot be used: gone when it was good once.
LINK_ERROR_STATUS = {
    InvitationLinkError.INVALID: 404,
    InvitationLinkError.EXPIRED: 410,
    InvitationLinkError.USED: 410,
    InvitationLinkError.REVOKED: 410,
}


# Reached before any second factor: a new person has none yet, and one who must have it is
# sent to enrol on the next page.
@second_factor_exempt
@method_decorator(never_cache, name="dispatch")
class InvitationAcceptView(View):
    template_name = "accounts/invitation_accept.html"

    def dispatch(self, request, *args, token, **kwargs):
        try:
            self.invitation = invitation_from_token(token)
        except InvitationLinkError as error:
            return self.link_error(error)
        self.token = token
        self.with_password = accepts_with_password(self.invitation.person)
        return super().dispatch(request, *args, **kwargs)

    def link_error(self, error: InvitationLinkError):
        return TemplateResponse(
            self.request,
            "accounts/invitation_invalid.html",
            {"reason": error.reason},
            status=LINK_ERROR_STATUS[error.reason],
        )

    def render(self, form=None):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "invitation": self.invitation,
                "organisation": self.invitation.organisation,
                "with_password": self.with_password,
                "signed_in_as_invited": self.request.user.pk == self.invitation.person_id,
                "form": form,
                "show_error_summary": has_errors(form),
            },
        )

    def get(self, request, *args, **kwargs):
        person = self.invitation.person
        form = None
        if self.with_password:
            form = InvitationAcceptForm(
                initial={"first_name": person.first_name, "last_name": person.last_name}
            )
        return self.render(form)

    def post(self, request, *args, **kwargs):
        if not self.with_password:
            return self.accept_signed_in()
        form = InvitationAcceptForm(request.POST)
        if not form.is_valid():
            return self.render(form)
        try:
            invitation_accept(
                token=self.token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password"],
                request=request,
            )
        except InvitationLinkError as error:
            return self.link_error(error)
        except ValidationError as error:
            add_service_error(form, error)
            return self.render(form)
        person = self.invitation.person
        person.refresh_from_db()
        login(request, person, backend=BACKEND)
        return self.welcome()

    def accept_signed_in(self):
        try:
            invitation_accept_signed_in(
                token=self.token, person=self.request.user, request=self.request
            )
        except InvitationLinkError as error:
            return self.link_error(error)
        except ValidationError as error:
            messages.error(self.request, service_error_message(error))
            return redirect(self.request.path)
        return self.welcome()

    def welcome(self):
        messages.success(
            self.request,
            _("Velkommen! Du er nå bruker i %(organisation)s.")
            % {"organisation": self.invitation.organisation.name},
        )
        return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))
