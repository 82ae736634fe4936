"""Organisations and people's memberships in them."""

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Organisation
from accounts.roles import Role
from tests.factories.base import ModelFactory
from tests.factories.users import UserFactory


class OrganisationFactory(ModelFactory):
    """A partner. The migrations make the four member municipalities' organisations, the
    secretariat's («sekretariatet») and the council's («regionradet»)."""

    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    slug = factory.Sequence(lambda n: f"organisasjon-{n}")
    kind = Organisation.Kind.PARTNER


class MembershipFactory(ModelFactory):
    """An applicant of an organisation; MembershipFactory(person=…, municipality=hamar) for a
    municipality's."""

    class Meta:
        model = Membership

    class Params:
        municipality = None

    person = factory.SubFactory(UserFactory)
    organisation = factory.LazyAttribute(
        lambda o: o.municipality.organisation if o.municipality else OrganisationFactory()
    )
    role = Role.APPLICANT


class TOTPDeviceFactory(ModelFactory):
    """A confirmed authenticator app; its codes come from tests.second_factor.totp_code."""

    class Meta:
        model = TOTPDevice

    user = factory.SubFactory(UserFactory)
    name = "Telefon"
    confirmed = True
