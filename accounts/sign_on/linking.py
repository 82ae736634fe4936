"""Who a single sign-on is for. The first sign-on of an address links the provider's `sub` to
the invited person with that address; later ones find the person by the link. Nobody is created:
a sign-on nobody was invited for is refused."""

from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Membership, Organisation, SignOnLink
from ..services import invitations_accept_for
from .providers import Provider


class Refusal:
    """The codes of the ValidationError a refused sign-on raises (and the audit log keeps)."""

    MISCONFIGURED = "misconfigured"
    NO_EMAIL = "no_email"
    UNVERIFIED_EMAIL = "unverified_email"
    OTHER_ORGANISATION = "other_organisation"
    NOT_INVITED = "not_invited"
    DEACTIVATED = "deactivated"
    LINKED_TO_ANOTHER = "linked_to_another"


def person_by_email(email: str):
    """The person with this address, regardless of case; never a username that looks like one."""
    if not email:
        return None
    return get_user_model()._default_manager.filter(email__iexact=email).order_by("pk").first()


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def _claim_matches(value, wanted: str) -> bool:
    if isinstance(value, list | tuple):
        return wanted in [str(item) for item in value]
    return value is not None and str(value) == wanted


def organisation_refusal(
    *, provider: Provider, organisation: Organisation, email: str, claims: Mapping
) -> ValidationError | None:
    """Whether the provider's word places the person in the organisation: the address's domain
    is one of the organisation's, and each claim the provider's settings require has its
    value. A provider that names neither cannot place anyone."""
    domains = provider.email_domains or tuple(organisation.domains)
    if not domains and not provider.required_claims:
        return ValidationError(
            _("Innlogging med %(provider)s er ikke satt opp riktig. Kontakt sekretariatet."),
            code=Refusal.MISCONFIGURED,
            params={"provider": provider.name},
        )
    claims_match = all(
        _claim_matches(claims.get(name), value) for name, value in provider.required_claims.items()
    )
    if (domains and email_domain(email) not in domains) or not claims_match:
        return ValidationError(
            _(
                "E-postadressen %(email)s hører ikke til %(organisation)s. Innlogging med "
                "%(provider)s er bare for ansatte der."
            ),
            code=Refusal.OTHER_ORGANISATION,
            params={"email": email, "organisation": organisation.name, "provider": provider.name},
        )
    return None


def _not_invited(email: str, organisation: Organisation) -> ValidationError:
    return ValidationError(
        _(
            "%(email)s har ingen bruker i portalen for %(organisation)s. Be en administrator "
            "i %(organisation)s om en invitasjon."
        ),
        code=Refusal.NOT_INVITED,
        params={"email": email or "?", "organisation": organisation.name},
    )


def sign_on_person(*, provider: Provider, subject: str, email: str, claims: Mapping):
    """The person a sign-on at `provider` for `subject` (the provider's `sub`) is for. Raises
    ValidationError, whose code is one of Refusal's, when the sign-on is refused."""
    email = (email or "").strip()
    organisation = Organisation.objects.filter(slug=provider.organisation).first()
    if organisation is None:
        raise ValidationError(
            _("Innlogging med %(provider)s er ikke satt opp riktig. Kontakt sekretariatet."),
            code=Refusal.MISCONFIGURED,
            params={"provider": provider.name},
        )
    if not email or "@" not in email:
        raise ValidationError(
            _("%(provider)s ga oss ingen e-postadresse, så vi vet ikke hvem du er i portalen."),
            code=Refusal.NO_EMAIL,
            params={"provider": provider.name},
        )
    if claims.get("email_verified") is False:
        raise ValidationError(
            _("%(provider)s har ikke bekreftet e-postadressen %(email)s."),
            code=Refusal.UNVERIFIED_EMAIL,
            params={"provider": provider.name, "email": email},
        )
    if refusal := organisation_refusal(
        provider=provider, organisation=organisation, email=email, claims=claims
    ):
        raise refusal
    with transaction.atomic():
        link = (
            SignOnLink.objects.select_for_update()
            .select_related("person")
            .filter(provider=provider.key, subject=subject)
            .first()
        )
        person = link.person if link else person_by_email(email)
        if person is None:
            raise _not_invited(email, organisation)
        if link is None and invitations_accept_for(person=person):
            # The provider vouches for the invited address: as good as the invitation's link.
            person.refresh_from_db()
        if not person.is_active:
            raise ValidationError(
                _(
                    "Brukeren for %(email)s er deaktivert. Ta kontakt med administratoren i "
                    "%(organisation)s hvis du skal ha tilgang igjen."
                ),
                code=Refusal.DEACTIVATED,
                params={"email": email, "organisation": organisation.name},
            )
        if (
            not Membership.objects.active()
            .filter(person=person, organisation=organisation)
            .exists()
        ):
            raise _not_invited(email, organisation)
        if link is None:
            if SignOnLink.objects.filter(provider=provider.key, person=person).exists():
                raise ValidationError(
                    _(
                        "Brukeren for %(email)s er allerede koblet til en annen konto hos "
                        "%(provider)s. Ta kontakt med sekretariatet."
                    ),
                    code=Refusal.LINKED_TO_ANOTHER,
                    params={"email": email, "provider": provider.name},
                )
            link = SignOnLink(person=person, provider=provider.key, subject=subject, email=email)
        link.last_used_at = timezone.now()
        try:
            link.save()
        except IntegrityError as error:
            # The same person's first sign-on in two tabs at once: the other one linked.
            raise ValidationError(
                _("Innloggingen med %(provider)s mislyktes. Prøv igjen."),
                code=Refusal.LINKED_TO_ANOTHER,
                params={"provider": provider.name},
            ) from error
    return person
