"""Prepares the test provider's database: tables, an RSA signing key, the portal as a client
with its redirect addresses, and the people of people.py as users. Run again with
--redirect-uri only, it adds that address to the client."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from oidc_provider.models import Client, ResponseType, RSAKey

from tests.sign_on.provider_site.people import CLIENT_ID, CLIENT_SECRET, PASSWORD, PEOPLE


class Command(BaseCommand):
    help = "Sets up the test OpenID Connect provider."

    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", action="append", default=[])

    def handle(self, *args, redirect_uri, **options):
        call_command("migrate", verbosity=0)
        if not RSAKey.objects.exists():
            call_command("creatersakey", stdout=self.stdout)
        client, _created = Client.objects.get_or_create(
            client_id=CLIENT_ID,
            defaults={
                "name": "Hamarregionen portal",
                "client_type": "confidential",
                "client_secret": CLIENT_SECRET,
                "jwt_alg": "RS256",
                "require_consent": False,
                "_scope": "openid email profile",
            },
        )
        client.response_types.add(ResponseType.objects.get(value="code"))
        uris = [uri for uri in client._redirect_uris.splitlines() if uri]
        client._redirect_uris = "\n".join(uris + [u for u in redirect_uri if u not in uris])
        client.save()
        User = get_user_model()
        for person in PEOPLE:
            first, _space, last = person.name.partition(" ")
            user, created = User.objects.get_or_create(
                username=person.username,
                defaults={"email": person.email, "first_name": first, "last_name": last},
            )
            if created:
                user.set_password(PASSWORD)
                user.save()
