import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from projects.volume import VolumeError, seed_volume, volume_applications


class Command(BaseCommand):
    help = (
        "Fill the database with realistic volume for benchmarks and tests (development only: "
        "refused unless DEBUG is on). Makes the 2022–2023 programme (loaded if missing) and "
        "--programmes - 1 archived periods before it, funding calls in each (two open, one "
        "awaiting decisions, the rest closed), and applications in every workflow state with "
        "plans, timelines, recommendations, decisions, payments and final reports. Idempotent: "
        "--projects is the number of applications the volume's calls hold when it is done, so "
        "running it again adds nothing and a larger --projects adds the difference. The same "
        "--seed gives the same applications. The volume's calls have slugs starting «volum-»; "
        "its people (volum-*) cannot log in."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--projects",
            type=int,
            required=True,
            help="Applications the volume's calls hold when done, e.g. 10000.",
        )
        parser.add_argument(
            "--programmes",
            type=int,
            default=5,
            help="Programme periods: the current one and the archived ones before it (5).",
        )
        parser.add_argument("--seed", type=int, default=1, help="Random seed (1).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be made, change nothing."
        )

    def handle(self, *args, projects, programmes, seed, dry_run=False, verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError(
                "seed_volume fills the database with invented applications and is only run "
                "while DEBUG is on (DJANGO_DEBUG=1), never on a production database. Refused."
            )
        if dry_run:
            existing = volume_applications().count()
            self.stdout.write(
                f"Would make up to {programmes} programme periods with their calls and add "
                f"{max(0, projects - existing)} applications ({existing} there already)."
            )
            return
        started = time.perf_counter()
        try:
            counts = seed_volume(projects=projects, programmes=programmes, seed=seed)
        except VolumeError as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        if verbosity >= 1:
            self.stdout.write(
                f"{counts['applications_created']} applications added in {seconds:.1f} s; the "
                f"volume now holds {counts['applications']} applications in "
                f"{counts['funding_calls']} calls over {counts['programmes']} programme periods."
            )
        if verbosity >= 2:
            for state, number in sorted(counts["by_state"].items()):
                self.stdout.write(f"  {state}: {number}")
            for kind, number in sorted(counts["created"].items()):
                self.stdout.write(f"  {kind} added: {number}")
