from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from projects.models import Membership, Municipality

SECRETARIAT_GROUP = "Sekretariat"
COUNCIL_GROUP = "Rådsmedlem"

# Username, password, group (staff) or municipality (applicant). For a developer's machine only.
DEMO_ACCOUNTS = [
    ("sekretariat", "demo-sekretariat", {"group": SECRETARIAT_GROUP}),
    ("raad", "demo-raad", {"group": COUNCIL_GROUP}),
    ("hamar", "demo-hamar", {"municipality": "hamar"}),
    ("loten", "demo-loten", {"municipality": "loten"}),
    ("ringsaker", "demo-ringsaker", {"municipality": "ringsaker"}),
    ("stange", "demo-stange", {"municipality": "stange"}),
]


def require_debug(what: str) -> None:
    if not settings.DEBUG:
        raise CommandError(
            f"{what} have known passwords and are only made while DEBUG is on "
            "(DJANGO_DEBUG=1). Refused."
        )


class Command(BaseCommand):
    help = (
        "Create the demo accounts listed in README.md (development only: refused unless DEBUG "
        "is on). Running it again resets their passwords, groups and municipalities."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, verbosity=1, **options):
        require_debug("Demo accounts")
        User = get_user_model()
        for username, password, role in DEMO_ACCOUNTS:
            group = municipality = None
            try:
                if "group" in role:
                    group = Group.objects.get(name=role["group"])
                else:
                    municipality = Municipality.objects.get(slug=role["municipality"])
            except (Group.DoesNotExist, Municipality.DoesNotExist):
                raise CommandError(f"{role} does not exist: run migrate first.") from None
            where = group.name if group else municipality.name
            if dry_run:
                exists = User.objects.filter(username=username).exists()
                self.stdout.write(f"Would {'reset' if exists else 'create'} {username} ({where}).")
                continue
            user, created = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.email = f"{username}@example.org"
            user.is_active = True
            user.is_staff = group is not None
            user.is_superuser = False
            user.save()
            user.groups.set([group] if group else [])
            if municipality:
                Membership.objects.filter(user=user).exclude(municipality=municipality).delete()
                Membership.objects.get_or_create(user=user, municipality=municipality)
            if verbosity >= 1:
                verb = "Created" if created else "Reset"
                self.stdout.write(f"{verb} {username} (password {password}): {where}.")
