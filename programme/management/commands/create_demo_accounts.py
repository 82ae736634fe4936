from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

SECRETARIAT_GROUP = "Sekretariat"

# Username, password, group. Known passwords: for a developer's machine only.
DEMO_ACCOUNTS = [
    ("sekretariat", "demo-sekretariat", SECRETARIAT_GROUP),
]


class Command(BaseCommand):
    help = (
        "Create the demo accounts listed in README.md (development only: refused unless DEBUG "
        "is on). Running it again resets their passwords and groups."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo accounts have known passwords and are only made while DEBUG is on "
                "(DJANGO_DEBUG=1). Refused."
            )
        User = get_user_model()
        for username, password, group_name in DEMO_ACCOUNTS:
            try:
                group = Group.objects.get(name=group_name)
            except Group.DoesNotExist:
                raise CommandError(
                    f"The group {group_name!r} does not exist: run migrate first."
                ) from None
            exists = User.objects.filter(username=username).exists()
            if dry_run:
                verb = "reset" if exists else "create"
                self.stdout.write(f"Would {verb} {username} in the group {group_name}.")
                continue
            user, created = User.objects.get_or_create(username=username)
            user.set_password(password)
            user.is_active = True
            user.is_staff = True
            user.is_superuser = False
            user.save()
            user.groups.set([group])
            if options["verbosity"] >= 1:
                verb = "Created" if created else "Reset"
                self.stdout.write(f"{verb} {username} (password {password}) in {group_name}.")
