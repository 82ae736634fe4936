from base64 import b32decode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Organisation
from accounts.roles import Role
from accounts.services import person_roles_sync
from hamarregion.demo import require_debug

# Username, password, name, organisation (slug), role. The README lists them; people and
# scripts log in with them. For a developer's machine only.
DEMO_PEOPLE = [
    ("sekretariat", "demo-sekretariat", ("Silje", "Berg"), "sekretariatet", Role.SECRETARIAT),
    ("raad", "demo-raad", ("Rolf", "Aasen"), "regionradet", Role.COUNCIL_MEMBER),
    ("hamar", "demo-hamar", ("Hanne", "Lie"), "hamar", Role.APPLICANT),
    ("hamar-admin", "demo-hamar-admin", ("Anders", "Holm"), "hamar", Role.ORGANISATION_ADMIN),
    ("loten", "demo-loten", ("Lars", "Moen"), "loten", Role.APPLICANT),
    ("ringsaker", "demo-ringsaker", ("Randi", "Bakken"), "ringsaker", Role.APPLICANT),
    ("stange", "demo-stange", ("Stian", "Dahl"), "stange", Role.APPLICANT),
]

# The demo staff's authenticator apps: fixed secrets (base32), which the README prints, so that
# anyone can pass the second factor admin asks of them (`oathtool --totp -b SECRET`).
DEMO_TOTP_SECRETS = {
    "sekretariat": "VXMFHYYKYHAITEY55PVPZ6XSGICU3SFM",
    "raad": "UVDCI43C3FDOOEW67A3USIV7FWHU3XSY",
}
DEMO_TOTP_DEVICE_NAME = "Demo (README)"


def demo_totp_device_set(person, secret: str) -> None:
    """The person's demo app, with the README's secret; their other devices stay."""
    TOTPDevice.objects.update_or_create(
        user=person,
        name=DEMO_TOTP_DEVICE_NAME,
        defaults={
            "key": b32decode(secret).hex(),
            "confirmed": True,
            "last_t": -1,
            "drift": 0,
            "throttling_failure_count": 0,
            "throttling_failure_timestamp": None,
        },
    )


class Command(BaseCommand):
    help = (
        "Create the demo people listed in README.md (development only: refused unless DEBUG "
        "is on), the staff among them with the README's authenticator app secret. Running it "
        "again resets their passwords, names, memberships and those secrets."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, verbosity=1, **options):
        require_debug("Demo accounts")
        User = get_user_model()
        for username, password, (first, last), slug, role in DEMO_PEOPLE:
            try:
                organisation = Organisation.objects.get(slug=slug)
            except Organisation.DoesNotExist:
                raise CommandError(
                    f"Organisation {slug} does not exist: run migrate first."
                ) from None
            where = f"{organisation.name}, {role.label}"
            if dry_run:
                exists = User.objects.filter(username=username).exists()
                verb = "reset" if exists else "create"
                self.stdout.write(f"Would {verb} {username} ({where}).")
                continue
            person, created = User.objects.get_or_create(username=username)
            person.set_password(password)
            person.first_name, person.last_name = first, last
            person.email = f"{username}@example.org"
            person.is_active = True
            person.is_superuser = False
            person.save()
            person.memberships.exclude(organisation=organisation).delete()
            Membership.objects.update_or_create(
                person=person,
                organisation=organisation,
                defaults={"role": role, "is_active": True, "ended_at": None},
            )
            person_roles_sync(person)
            secret = DEMO_TOTP_SECRETS.get(username)
            if secret:
                demo_totp_device_set(person, secret)
            if verbosity >= 1:
                verb = "Created" if created else "Reset"
                code = f", TOTP secret {secret}" if secret else ""
                self.stdout.write(f"{verb} {username} (password {password}{code}): {where}.")
