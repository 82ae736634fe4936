"""The one way anything writes to the audit log, and the receivers of Django's login signals."""

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from hamarregion.client_address import client_ip_address

from .backends import person_by_login
from .models import AuditEvent

logger = logging.getLogger(__name__)

Kind = AuditEvent.Kind


def audit_record(*, kind, person=None, actor=None, request=None, identifier="", detail=""):
    """Records one event. Who did it is the request's user unless `actor` says otherwise."""
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    return AuditEvent.objects.create(
        kind=kind,
        person=person if person is not None and person.pk else None,
        actor=actor,
        identifier=identifier[:254],
        client_address=client_ip_address(request) if request is not None else None,
        detail=detail[:500],
    )


@receiver(user_logged_in, dispatch_uid="accounts_audit_login")
def _logged_in(sender, request, user, **kwargs):
    backend = getattr(user, "backend", "") or ""
    kind = Kind.SINGLE_SIGN_ON if "oidc" in backend.lower() else Kind.LOGIN
    # A single sign-on's backend says which provider, and how the person signed in there.
    detail = getattr(user, "sign_on_detail", "")
    audit_record(kind=kind, person=user, actor=user, request=request, detail=detail)


@receiver(user_logged_out, dispatch_uid="accounts_audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(kind=Kind.LOGOUT, person=user, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="accounts_audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    typed = str(credentials.get("username") or credentials.get("email") or "")
    if not typed and "code_verifier" in credentials:
        return  # a single sign-on, refused: accounts/sign_on records it with the reason
    audit_record(
        kind=Kind.LOGIN_FAILED, person=person_by_login(typed), request=request, identifier=typed
    )
