"""Passing the second factor in tests: the codes an authenticator app would show, and a client
logged in as a person with a second factor passed, as staff must be to reach admin."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP

from accounts.permissions import requires_second_factor
from tests.factories import TOTPDeviceFactory


def totp_code(device, at: float | None = None) -> str:
    """The code the device's app shows at `at` (now by default)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    return f"{totp.token():0{device.digits}d}"


def unused_totp_code(device) -> str:
    """A code the device accepts now: the current one, or, when that was used already (a test
    that logs in twice within half a minute), the next, which the device's tolerance of one
    step accepts; past that, the test waits."""
    device.refresh_from_db()
    now = time.time()
    current = int((now - device.t0) // device.step)
    wanted = max(current, device.last_t + 1)
    if wanted > current + device.tolerance:
        time.sleep(device.t0 + (wanted - device.tolerance) * device.step - now + 0.1)
    return totp_code(device, at=device.t0 + wanted * device.step)


def second_factor_device(user):
    """The person's authenticator app, made when they have none."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDeviceFactory(user=user)


def pass_second_factor(client, user):
    """Marks the client's session as django_otp.login does after a code: verified with a real
    device of the person's."""
    device = second_factor_device(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def log_in(client, user):
    """force_login, and for a person who must use a second factor (staff), one passed."""
    client.force_login(user)
    if requires_second_factor(user):
        pass_second_factor(client, user)
    return client
