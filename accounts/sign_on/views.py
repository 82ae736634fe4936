"""mozilla-django-oidc's two views, made to serve several providers. The start view takes the
provider from its address and notes it, with the page's language, beside the state, nonce and
PKCE verifier the library keeps in the session; the callback finds the provider by the state it
gets back. One callback address serves every provider, outside the language prefixes, so the
redirect URI registered at each provider never changes."""

from urllib.parse import parse_qs, urlencode, urlsplit

from django.contrib import auth, messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from ..second_factor import SIGN_ON_SECOND_FACTOR_SESSION_KEY
from .backends import sign_on_refused
from .providers import provider_by_key

STATES_KEY = "oidc_states"  # the library's


class SignOnStartView(OIDCAuthenticationRequestView):
    """Sends the visitor to the provider's authorization endpoint."""

    def __init__(self, **kwargs):
        # The library's reads one provider's endpoint from settings; setup() reads the address's.
        View.__init__(self, **kwargs)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.provider = provider_by_key(kwargs.get("provider"))
        if self.provider is None:
            raise Http404
        self.OIDC_OP_AUTH_ENDPOINT = self.provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.provider.client_id

    def get_settings(self, attr, *args):
        return self.provider.oidc_settings().get(attr) or import_from_settings(attr, *args)

    def get(self, request, provider):
        response = super().get(request)
        state = parse_qs(urlsplit(response.url).query)["state"][0]
        request.session[STATES_KEY][state].update(
            provider=self.provider.key, language=translation.get_language()
        )
        request.session.modified = True
        return response


class SignOnCallbackView(OIDCAuthenticationCallbackView):
    """Where each provider sends the visitor back, with a code and the state."""

    def get(self, request):
        states = request.session.get(STATES_KEY)
        started = states.get(request.GET.get("state", "")) if isinstance(states, dict) else None
        self.provider = provider_by_key(started.get("provider")) if started else None
        self.language = (started or {}).get("language") or translation.get_language()
        with translation.override(self.language):
            if self.provider is None:
                # Not started in this browser, used already, or forged: the library would
                # answer 400; the visitor gets the login page and a word of what happened.
                sign_on_refused(
                    request,
                    provider=None,
                    reason="unknown state",
                    message=_("Innloggingen kunne ikke fullføres. Start den på nytt her."),
                )
                return self.login_failure()
            request.sign_on_provider = self.provider
            return super().get(request)

    def login_success(self):
        """The library's, but the person is always logged in anew, so that each sign-on is in
        the audit log; and the session notes whether the provider vouched for a second factor."""
        success_url = self.success_url
        auth.login(self.request, self.user)
        if getattr(self.user, "sign_on_second_factor", False):
            self.request.session[SIGN_ON_SECOND_FACTOR_SESSION_KEY] = True
        return HttpResponseRedirect(success_url)

    @property
    def failure_url(self):
        url = reverse("login")
        next_url = self.request.session.get("oidc_login_next")
        return f"{url}?{urlencode({'next': next_url})}" if next_url else url

    def login_failure(self):
        if not hasattr(self.request, "sign_on_refusal"):
            # The provider sent an error back (the person cancelled, say), or no code.
            sign_on_refused(
                self.request,
                provider=self.provider,
                reason="provider: " + self.request.GET.get("error", "no code")[:100],
                message=_("Innloggingen med %(provider)s ble avbrutt eller mislyktes. Prøv igjen.")
                % {"provider": self.provider.name},
            )
        messages.error(self.request, self.request.sign_on_refusal)
        return super().login_failure()
