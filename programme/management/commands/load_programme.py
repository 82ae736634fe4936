from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programme.models import Programme

GOALS_FIXTURE = "barekraftsmal"
PROGRAMME_FIXTURES = {"2022-2023": "handlingsprogram-2022-2023"}


class Command(BaseCommand):
    help = (
        "Load the UN's sustainable development goals and the council's programme periods from "
        "fixtures/. A period already in the database is left as the secretariat edited it, "
        "unless --reload is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reload",
            action="store_true",
            help="Load every period again, putting back the council's text over any edits.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be loaded, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, reload=False, dry_run=False, verbosity=1, **options):
        fixtures = [GOALS_FIXTURE]
        for slug, fixture in PROGRAMME_FIXTURES.items():
            if reload or not Programme.objects.filter(slug=slug).exists():
                fixtures.append(fixture)
            elif verbosity >= 1:
                self.stdout.write(f"Programme {slug} is already loaded; kept as it is.")
        other_published = Programme.objects.published().exclude(slug__in=PROGRAMME_FIXTURES)
        if len(fixtures) > 1 and other_published.exists():
            raise CommandError(
                f"«{other_published.get()}» is published, and the fixtures publish their own "
                "period: move it to the archive in admin first, or load without --reload."
            )
        if dry_run:
            self.stdout.write("Would load: " + ", ".join(fixtures))
            return
        call_command("loaddata", *fixtures, verbosity=verbosity)
