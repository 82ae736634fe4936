import json
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programme.models import Commitment, FocusArea, Programme, SustainableDevelopmentGoal

GOALS_FIXTURE = "barekraftsmal"
PROGRAMME_FIXTURES = {"2022-2023": "handlingsprogram-2022-2023"}

# The UN goals each focus area serves. The programme says the goals underlie the council's
# work but names none per focus area; these are the ones its text for each plainly serves. They
# are kept here, not in the fixture, which holds the council's own text.
# - Befolkningsvekst: jobs moved to the region (8); roads, rail, broadband and charging (9);
#   fighting exclusion, an inclusive region (10); an attractive region to live in (11).
# - Kompetanse og næringsutvikling: supply of competence (4); future jobs and growth (8);
#   innovation strategies (9); networks across business, public sector and academia (17).
# - Profilering og markedsføring: attracting people and businesses (8, 11).
# - Diskusjonsarena: dialogue with the state, the county, LO and NHO (16, 17).
FOCUS_AREA_GOALS = {
    "2022-2023": {
        "befolkningsvekst": (8, 9, 10, 11),
        "kompetanse-og-naeringsutvikling": (4, 8, 9, 17),
        "profilering-og-markedsforing": (8, 11),
        "diskusjonsarena": (16, 17),
    },
}


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
        commitments_missing = []
        for slug, fixture in PROGRAMME_FIXTURES.items():
            if reload or not Programme.objects.filter(slug=slug).exists():
                fixtures.append(fixture)
            elif not Commitment.objects.filter(focus_area__programme__slug=slug).exists():
                # Loaded before the fixtures had commitments: add them, keep the rest.
                commitments_missing.append(fixture)
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
            for fixture in commitments_missing:
                self.stdout.write(f"Would add the commitments of {fixture}.")
            self.stdout.write("Would link the focus areas of a period without goals to them.")
            return
        # The follow-up (status and progress) is the secretariat's, not the council's text.
        follow_up = list(Commitment.objects.all())
        call_command("loaddata", *fixtures, verbosity=verbosity)
        Commitment.objects.bulk_update(follow_up, ["status", "progress"])
        for fixture in commitments_missing:
            added = self.add_commitments(fixture)
            if verbosity >= 1:
                self.stdout.write(f"Added {added} commitments from {fixture}.")
        for slug in PROGRAMME_FIXTURES:
            linked = self.link_goals(slug)
            if linked and verbosity >= 1:
                self.stdout.write(f"Linked {linked} focus areas of {slug} to their UN goals.")

    def link_goals(self, slug) -> int:
        """Link the period's focus areas to the goals in FOCUS_AREA_GOALS, unless one of them
        has goals already: then the secretariat has chosen them."""
        focus_areas = FocusArea.objects.filter(programme__slug=slug)
        if focus_areas.filter(sustainable_development_goals__isnull=False).exists():
            return 0
        goals = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.all()}
        linked = 0
        for focus_area in focus_areas.filter(slug__in=FOCUS_AREA_GOALS.get(slug, {})):
            numbers = FOCUS_AREA_GOALS[slug][focus_area.slug]
            focus_area.sustainable_development_goals.set(goals[number] for number in numbers)
            linked += 1
        return linked

    def add_commitments(self, fixture) -> int:
        """Save the fixture's commitments whose focus area is still there."""
        path = Path(settings.FIXTURE_DIRS[0], f"{fixture}.json")
        entries = [
            entry
            for entry in json.loads(path.read_text(encoding="utf-8"))
            if entry["model"] == "programme.commitment"
            and FocusArea.objects.filter(
                slug=entry["fields"]["focus_area"][0],
                programme__slug=entry["fields"]["focus_area"][1],
            ).exists()
        ]
        for deserialized in serializers.deserialize("json", json.dumps(entries)):
            deserialized.save()
        return len(entries)
