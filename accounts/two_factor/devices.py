"""Which second factors a person has: confirmed TOTP devices and passkeys, and a set of recovery
codes that only backs one of those up."""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

# The kinds of device a person may remove, by the name their address uses.
DEVICE_KINDS = {
    "app": TOTPDevice,
    "passnokkel": WebAuthnCredential,
    "koder": StaticDevice,
}
KIND_LABELS = {
    "app": _("autentiseringsapp"),
    "passnokkel": _("passnøkkel"),
    "koder": _("gjenopprettingskoder"),
}


def kind_of(device) -> str:
    return next(kind for kind, model in DEVICE_KINDS.items() if isinstance(device, model))


def totp_devices(person):
    return TOTPDevice.objects.devices_for_user(person, confirmed=True).order_by("created_at", "pk")


def passkeys(person):
    return WebAuthnCredential.objects.devices_for_user(person, confirmed=True).order_by(
        "created_at", "pk"
    )


def recovery_device(person) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=person).order_by("pk").first()


def recovery_codes_left(person) -> int:
    device = recovery_device(person)
    return device.token_set.count() if device else 0


def enrolled(person) -> bool:
    """Whether the person has an authenticator app or a passkey (one query). Recovery codes
    alone do not count: they back up one of these."""
    if not (person and person.is_authenticated):
        return False
    devices = [
        model.objects.filter(user=OuterRef("pk"), confirmed=True)
        for model in (TOTPDevice, WebAuthnCredential)
    ]
    return (
        get_user_model()
        .objects.filter(pk=person.pk)
        .filter(Exists(devices[0]) | Exists(devices[1]))
        .exists()
    )


def own_device(person, kind: str, pk: int):
    """The person's device of that kind, or None: someone else's is never found."""
    model = DEVICE_KINDS.get(kind)
    if model is None:
        return None
    return model.objects.filter(user=person, pk=pk).first()
