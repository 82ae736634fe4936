"""The people who have an account at the test provider, and what the provider says of how each
signed in. Shared by the provider (its users and its ID tokens) and the tests."""

from dataclasses import dataclass

PASSWORD = "provider-passord-for-tester"  # noqa: S105 - a test provider's users
CLIENT_ID = "hamarregion-portal"
CLIENT_SECRET = "hemmelig-klient-for-tester"  # noqa: S105


@dataclass(frozen=True)
class ProviderPerson:
    email: str
    name: str
    # RFC 8176 authentication method references the provider puts in the ID token.
    amr: tuple[str, ...] = ("pwd",)
    acr: str = ""

    @property
    def username(self) -> str:
        return self.email


INVITED = ProviderPerson("kari.nordmann@hamar.kommune.no", "Kari Nordmann")
WITH_MFA = ProviderPerson("mona.mfa@hamar.kommune.no", "Mona Mfa", amr=("pwd", "mfa"))
WITH_ACR = ProviderPerson("arne.acr@hamar.kommune.no", "Arne Acr", acr="substantial")
UNKNOWN = ProviderPerson("ukjent.person@hamar.kommune.no", "Ukjent Person")
OTHER_ORGANISATION = ProviderPerson("lise.loten@loten.kommune.no", "Lise Løten")
DEACTIVATED = ProviderPerson("dag.deaktivert@hamar.kommune.no", "Dag Deaktivert")

PEOPLE = (INVITED, WITH_MFA, WITH_ACR, UNKNOWN, OTHER_ORGANISATION, DEACTIVATED)
BY_EMAIL = {person.email: person for person in PEOPLE}
