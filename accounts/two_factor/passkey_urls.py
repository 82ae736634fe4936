"""django-otp-webauthn's addresses, under its own namespace (its template tags reverse
«otp_webauthn:…»), served by the portal's views of its ceremonies."""

from django.urls import path

from . import passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path(
        "registrering/start/",
        passkeys.PasskeyRegistrationBegin.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registrering/fullfor/",
        passkeys.PasskeyRegistrationComplete.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "bekreftelse/start/",
        passkeys.PasskeyVerificationBegin.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "bekreftelse/fullfor/",
        passkeys.PasskeyVerificationComplete.as_view(),
        name="credential-authentication-complete",
    ),
    path("tekster.js", passkeys.passkey_messages, name="js-i18n-catalog"),
]
