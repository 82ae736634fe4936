"""Enrolling, checking and removing a person's second factors. Each enrolment, removal and
refused code is written to the audit log."""

import re
import time
from binascii import Error as BinasciiError
from binascii import unhexlify
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamarregion.throttle import count_request, pseudonym

from ..audit import Kind, audit_record
from .devices import DEVICE_KINDS, KIND_LABELS, StaticDevice, enrolled, kind_of, own_device

RECOVERY_CODE_COUNT = 10
# After this many wrong codes within the window, a person's codes are refused until it ends
# (counted in the cache, as the password reset requests are). Each device also doubles its own
# wait after every wrong code (django-otp's throttling).
FAILURE_LIMIT = 5
FAILURE_WINDOW = timedelta(minutes=15)
TOTP_CODE = re.compile(r"^\d{6}$")


def normalised_code(code: str) -> str:
    """As typed, without the spaces and hyphens people copy along, in lower case (recovery
    codes are lower case)."""
    return re.sub(r"[\s-]", "", code or "").lower()


def _device_detail(device) -> str:
    """How the audit log names a device: its kind and name, «autentiseringsapp: Telefon»."""
    return f"{KIND_LABELS[kind_of(device)]}: {device.name}"


def _failure_key(person) -> str:
    return "second-factor-failures:" + pseudonym(str(person.pk), purpose="second-factor")


def second_factor_check(*, person, code: str, request=None):
    """The person's device that accepts `code`: a one-time code from an authenticator app (six
    digits), or a recovery code, which is used up. Refuses every code, right or wrong, once the
    person has typed FAILURE_LIMIT wrong ones within the window."""
    code = normalised_code(code)
    key = _failure_key(person)
    if (cache.get(key) or 0) >= FAILURE_LIMIT:
        audit_record(
            kind=Kind.SECOND_FACTOR_FAILED,
            person=person,
            actor=person,
            request=request,
            detail=_("avvist: for mange feil koder"),
        )
        raise ValidationError(
            _("For mange feil koder. Vent et kvarter og prøv igjen."), code="locked"
        )
    is_one_time_code = bool(TOTP_CODE.match(code))
    model = TOTPDevice if is_one_time_code else StaticDevice
    matched = None
    if code:
        with transaction.atomic():
            devices = model.objects.devices_for_user(person, confirmed=True).select_for_update()
            matched = next((device for device in devices if device.verify_token(code)), None)
    if matched is not None:
        cache.delete(key)
        return matched
    count_request(key, FAILURE_WINDOW)
    audit_record(
        kind=Kind.SECOND_FACTOR_FAILED,
        person=person,
        actor=person,
        request=request,
        detail=_("feil engangskode") if is_one_time_code else _("feil gjenopprettingskode"),
    )
    raise ValidationError(
        {
            "code": _(
                "Koden stemmer ikke. Skriv den nyeste koden fra appen, eller en ubrukt "
                "gjenopprettingskode."
            )
        },
        code="invalid",
    )


def _matching_step(device: TOTPDevice, code: str) -> int | None:
    """The time step `code` belongs to, within the device's tolerance, or None."""
    if not TOTP_CODE.match(code):
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        return None
    return totp.t()


def totp_device_enrol(*, person, key: str, code: str, name: str = "", request=None) -> TOTPDevice:
    """Saves the authenticator app whose secret `key` (hex) the person was shown, once they
    typed a code it made: only a confirmed device is ever stored."""
    try:
        valid_key = len(unhexlify(key)) == 20
    except (BinasciiError, TypeError, ValueError):
        valid_key = False
    if not valid_key:
        raise ValidationError(_("Hemmeligheten er ugyldig. Last siden på nytt."), code="key")
    device = TOTPDevice(
        user=person, key=key, name=name.strip() or _("Autentiseringsapp"), confirmed=False
    )
    step = _matching_step(device, normalised_code(code))
    if step is None:
        raise ValidationError(
            {"code": _("Koden stemmer ikke. Skriv de seks sifrene appen viser nå.")},
            code="invalid",
        )
    with transaction.atomic():
        # The code typed here cannot be used again to pass the second factor.
        device.last_t = step
        device.confirmed = True
        device.save()
        audit_record(
            kind=Kind.SECOND_FACTOR_ENROLLED,
            person=person,
            actor=person,
            request=request,
            detail=_("autentiseringsapp: %(name)s") % {"name": device.name},
        )
    return device


def passkey_enrolled(*, person, device, request=None) -> None:
    """django-otp-webauthn saved a passkey the person registered; it goes to the log."""
    audit_record(
        kind=Kind.SECOND_FACTOR_ENROLLED,
        person=person,
        actor=person,
        request=request,
        detail=_("passnøkkel: %(name)s") % {"name": device.name},
    )


def recovery_codes_replace(*, person, request=None) -> list[str]:
    """New recovery codes for the person, replacing any they had; the codes are returned to be
    shown once."""
    with transaction.atomic():
        if not enrolled(person):
            raise ValidationError(
                _("Ta i bruk en autentiseringsapp eller en passnøkkel før gjenopprettingskoder."),
                code="not_enrolled",
            )
        device = StaticDevice.objects.filter(user=person).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=person, name=_("Gjenopprettingskoder"))
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
        device.throttle_reset()
        audit_record(
            kind=Kind.SECOND_FACTOR_ENROLLED,
            person=person,
            actor=person,
            request=request,
            detail=_("%(count)s nye gjenopprettingskoder") % {"count": len(codes)},
        )
    return codes


def second_factor_remove(*, person, kind: str, device_id: int, request=None) -> None:
    """Removes one of the person's devices. Without an app or passkey left, the recovery codes
    go too: they only back one of those up."""
    if kind not in DEVICE_KINDS:
        raise ValidationError(_("Ukjent type."), code="kind")
    with transaction.atomic():
        device = own_device(person, kind, device_id)
        if device is None:
            raise ValidationError(_("Fant ikke denne tofaktoren."), code="missing")
        removed = [device]
        device.delete()
        if not enrolled(person):
            removed += list(StaticDevice.objects.filter(user=person))
            StaticDevice.objects.filter(user=person).delete()
        for gone in removed:
            audit_record(
                kind=Kind.SECOND_FACTOR_REMOVED,
                person=person,
                actor=person,
                request=request,
                detail=_device_detail(gone),
            )


def second_factors_reset(*, person, actor, request=None) -> None:
    """Removes every second factor of a person who lost them (for the secretariat or a
    superuser to call after checking who asks). The person enrols a new one at their next
    login."""
    with transaction.atomic():
        for model in DEVICE_KINDS.values():
            for device in model.objects.filter(user=person):
                device.delete()
                audit_record(
                    kind=Kind.SECOND_FACTOR_REMOVED,
                    person=person,
                    actor=actor,
                    request=request,
                    detail=_("%(device)s (nullstilt)") % {"device": _device_detail(device)},
                )
