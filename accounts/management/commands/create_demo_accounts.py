from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

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


class Command(BaseCommand):
    help = (
        "Create the demo people listed in README.md (development only: refused unless DEBUG "
        "is on). Running it again resets their passwords, names and memberships."
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
            if verbosity >= 1:
                verb = "Created" if created else "Reset"
                self.stdout.write(f"{verb} {username} (password {password}): {where}.")
