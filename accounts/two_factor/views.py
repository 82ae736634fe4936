"""The second factor's pages: the overview where a person enrols and removes devices, the page
that asks for one after the password, enrolling an authenticator app, and recovery codes."""

import secrets
from base64 import b32encode
from binascii import unhexlify

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamarregion.ui import BreadcrumbsMixin, add_service_error

from ..permissions import requires_second_factor
from ..second_factor import second_factor_verified
from . import devices, services
from .access import second_factor_exempt, with_next
from .forms import SecondFactorForm, TOTPEnrolForm
from .session import mark_verified, verified_recently

# The secret of the authenticator app being enrolled, until the person confirms it with a code.
PENDING_KEY_SESSION_KEY = "accounts_totp_pending_key"


@method_decorator(never_cache, name="dispatch")
@second_factor_exempt
class SecondFactorPage(LoginRequiredMixin, BreadcrumbsMixin):
    """A page of the second factor: for the signed-in person, never kept by a cache, with the
    address the person goes on to afterwards (`next`, on this site only)."""

    # Whether the person must have passed a second factor they have before the page.
    requires_verification = True

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if (
            self.requires_verification
            and devices.enrolled(request.user)
            and not second_factor_verified(request)
        ):
            return HttpResponseRedirect(
                with_next(reverse("accounts:second-factor-verify"), request.get_full_path())
            )
        return super().dispatch(request, *args, **kwargs)

    def next_url(self) -> str:
        candidate = self.request.POST.get("next") or self.request.GET.get("next") or ""
        if url_has_allowed_host_and_scheme(
            candidate,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return candidate
        return ""

    def get_breadcrumbs(self):
        return [(_("Tofaktor"), None)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = self.next_url()
        return context


class SecondFactorView(SecondFactorPage, TemplateView):
    """The person's devices, with the ways to add and remove them. A person who must use a
    second factor and has none is sent here, and told so."""

    template_name = "accounts/second_factor.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        person = self.request.user
        context.update(
            totp_devices=devices.totp_devices(person),
            passkeys=devices.passkeys(person),
            recovery_device=devices.recovery_device(person),
            recovery_codes_left=devices.recovery_codes_left(person),
            enrolled=devices.enrolled(person),
            required=requires_second_factor(person),
        )
        # After a new passkey: recovery codes, unless the person has them.
        after = (
            "accounts:second-factor"
            if context["recovery_codes_left"]
            else "accounts:recovery-codes"
        )
        context["after_passkey_url"] = with_next(reverse(after), context["next"])
        return context


class SecondFactorVerifyView(SecondFactorPage, FormView):
    """After the password: a one-time code, a recovery code or a passkey. Also where a person
    who passed one earlier confirms it is still them (`again`), before removing a device."""

    template_name = "accounts/second_factor_verify.html"
    form_class = SecondFactorForm
    requires_verification = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not devices.enrolled(request.user):
            return HttpResponseRedirect(
                with_next(reverse("accounts:second-factor"), self.next_url())
            )
        if (
            request.method == "GET"
            and second_factor_verified(request)
            and not request.GET.get("again")
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            device = services.second_factor_check(
                person=self.request.user, code=form.cleaned_data["code"], request=self.request
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        mark_verified(self.request, device)
        return super().form_valid(form)

    def get_success_url(self):
        return self.next_url() or resolve_url(settings.LOGIN_REDIRECT_URL)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["has_passkeys"] = devices.passkeys(self.request.user).exists()
        context["again"] = bool(self.request.GET.get("again"))
        return context


def qr_code_svg(uri: str) -> str:
    """The QR code as inline SVG, made here: the secret never leaves the portal."""
    code = segno.make(uri, error="m")
    svg = code.svg_inline(
        scale=5, border=2, dark="#000", light="#fff", title=_("QR-kode for autentiseringsappen")
    )
    # segno writes the markup itself, from a URI it encodes: no text of anyone else in it.
    return mark_safe(svg)  # noqa: S308  # nosec B308, B703


class TOTPEnrolView(SecondFactorPage, FormView):
    """An authenticator app: the QR code and the secret to type, and the code that proves the
    app has it. The device is stored only then."""

    template_name = "accounts/second_factor_totp.html"
    form_class = TOTPEnrolForm

    def pending_key(self) -> str:
        session = self.request.session
        if not session.get(PENDING_KEY_SESSION_KEY):
            session[PENDING_KEY_SESSION_KEY] = secrets.token_hex(20)
        return session[PENDING_KEY_SESSION_KEY]

    def form_valid(self, form):
        try:
            device = services.totp_device_enrol(
                person=self.request.user,
                key=self.pending_key(),
                code=form.cleaned_data["code"],
                name=form.cleaned_data["name"],
                request=self.request,
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        del self.request.session[PENDING_KEY_SESSION_KEY]
        mark_verified(self.request, device)
        messages.success(self.request, _("Autentiseringsappen er tatt i bruk."))
        if devices.recovery_codes_left(self.request.user):
            return HttpResponseRedirect(self.next_url() or reverse("accounts:second-factor"))
        return HttpResponseRedirect(with_next(reverse("accounts:recovery-codes"), self.next_url()))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        key = self.pending_key()
        unsaved = TOTPDevice(user=self.request.user, key=key)
        secret = b32encode(unhexlify(key)).decode()
        context.update(
            qr_code=qr_code_svg(unsaved.config_url),
            secret_groups=[secret[i : i + 4] for i in range(0, len(secret), 4)],
            secret=secret,
        )
        return context

    def get_breadcrumbs(self):
        return [
            (_("Tofaktor"), reverse("accounts:second-factor")),
            (_("Autentiseringsapp"), None),
        ]


class RecoveryCodesView(SecondFactorPage, TemplateView):
    """New recovery codes, shown once when made; the page otherwise says how many are left."""

    template_name = "accounts/second_factor_recovery_codes.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not devices.enrolled(request.user):
            return HttpResponseRedirect(reverse("accounts:second-factor"))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        codes = services.recovery_codes_replace(person=request.user, request=request)
        return self.render_to_response(self.get_context_data(codes=codes))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["codes_left"] = devices.recovery_codes_left(self.request.user)
        return context

    def get_breadcrumbs(self):
        return [
            (_("Tofaktor"), reverse("accounts:second-factor")),
            (_("Gjenopprettingskoder"), None),
        ]


class SecondFactorRemoveView(SecondFactorPage, TemplateView):
    """Removes one of the person's devices, after they have passed a second factor within
    session.RECENT: someone who found the session open cannot take the factor away."""

    template_name = "accounts/second_factor_remove.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.device = devices.own_device(request.user, kwargs["kind"], kwargs["pk"])
            if self.device is None:
                raise Http404
            if not verified_recently(request):
                url = reverse("accounts:second-factor-verify")
                return HttpResponseRedirect(with_next(url, request.path, again=1))
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, kind, pk):
        try:
            services.second_factor_remove(
                person=request.user, kind=kind, device_id=pk, request=request
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Tofaktoren er fjernet."))
        return HttpResponseRedirect(reverse("accounts:second-factor"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        kind = self.kwargs["kind"]
        context.update(
            device=self.device,
            kind_label=devices.KIND_LABELS[kind],
            # Removing the last app or passkey takes the recovery codes with it.
            last_one=kind != "koder"
            and devices.totp_devices(self.request.user).count()
            + devices.passkeys(self.request.user).count()
            == 1,
        )
        return context

    def get_breadcrumbs(self):
        return [
            (_("Tofaktor"), reverse("accounts:second-factor")),
            (_("Fjern"), None),
        ]
