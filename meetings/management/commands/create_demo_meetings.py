from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from meetings.models import AgendaItem, Guest, Meeting
from meetings.services import meeting_publish_minutes
from programme.models import Programme
from projects.models import Application, Decision

# The call whose decisions create_demo_data records; its decisions are linked to the first meeting.
DECIDED_CALL = "utviklingsmidler-varen-2026"
OPEN_CALL = "utviklingsmidler-2026"

GUESTS = [
    ("LO", "regionleder i LO Innlandet"),
    ("NHO", "regiondirektør i NHO Innlandet"),
    ("Statsforvalteren i Innlandet", "assisterende statsforvalter"),
]

MINUTES = """Til stede: ordførerne og kommunedirektørene i Hamar, Løten, Ringsaker og Stange.

### Sak 1: Godkjenning av innkalling og saksliste

**Vedtak:** Innkalling og saksliste godkjennes.

### Sak 2: Søknader om utviklingsmidler

Sekretariatet la fram sine innstillinger.

**Vedtak:** Regionrådet slutter seg til sekretariatets innstillinger.

### Sak 3: Diskusjonsarena – kompetansebehov i arbeidslivet

LO og NHO innledet om rekruttering og kompetansebehov i regionen. Rådet vil følge opp
temaet i arbeidet med kompetanse og næringsutvikling.
"""

DRAFT_MINUTES = """Til stede: ordførerne i Hamar, Løten, Ringsaker og Stange.

### Sak 1: Regionvekstavtale – status i Mjøsby-samarbeidet

Utkast: protokollen godkjennes i neste møte.
"""


class Command(BaseCommand):
    help = (
        "Create demo meetings for `make run`: a past meeting with published minutes and the "
        "demo decisions, a past meeting whose minutes are not yet published, and an upcoming "
        "meeting (development only: refused unless DEBUG is on). Does nothing where meetings "
        "exist. Run after create_demo_data to link its decisions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, verbosity=1, **options):
        if not settings.DEBUG:
            raise CommandError("Demo meetings are only made while DEBUG is on. Refused.")
        if Meeting.objects.exists():
            if verbosity >= 1:
                self.stdout.write("Meetings exist already; nothing done.")
            return
        programme = Programme.objects.filter(slug="2022-2023").first()
        if programme is None:
            raise CommandError("Run load_programme first.")
        decisions = Decision.objects.filter(application__funding_call__slug=DECIDED_CALL)
        if dry_run:
            self.stdout.write(
                "Would create three guests and three meetings (one with published minutes "
                f"and {decisions.count()} demo decisions, one with unpublished minutes, one "
                "upcoming)."
            )
            return

        focus_areas = list(programme.focus_areas.order_by("order"))
        guests = {
            name: Guest.objects.get_or_create(name=name, defaults={"role": role})[0]
            for name, role in GUESTS
        }
        today = timezone.localdate()
        decided_on = min((d.decided_on for d in decisions), default=today - timedelta(days=80))

        held = self.meeting(
            "Regionrådsmøte", decided_on, "Hamar rådhus, bystyresalen", minutes=MINUTES
        )
        self.item(held, 1, "Godkjenning av innkalling og saksliste")
        self.item(
            held,
            2,
            "Søknader om utviklingsmidler",
            "Sekretariatets innstillinger til søknadene i utlysningen våren 2026.",
            focus_areas=focus_areas[:2],
            applications=Application.objects.filter(decision__in=decisions),
        )
        self.item(
            held,
            3,
            "Diskusjonsarena: kompetansebehov i arbeidslivet",
            "Innledninger fra arbeidstaker- og arbeidsgiversiden, deretter drøfting.",
            focus_areas=[focus_areas[1], focus_areas[-1]],
            guests=[guests["LO"], guests["NHO"]],
        )
        # Demo seeding, as create_demo_data fills in its applications: the decisions were
        # recorded before this meeting existed.
        decisions.update(meeting=held)
        meeting_publish_minutes(meeting=held)

        unpublished = self.meeting(
            "Regionrådsmøte",
            today - timedelta(days=20),
            "Løten kommunehus",
            minutes=DRAFT_MINUTES,
        )
        self.item(
            unpublished,
            1,
            "Regionvekstavtale – status i Mjøsby-samarbeidet",
            "Regionrådet vil jobbe for regionvekstavtaler gjennom Mjøsby-samarbeidet.",
            focus_areas=[focus_areas[0], focus_areas[-1]],
            guests=[guests["Statsforvalteren i Innlandet"]],
        )

        upcoming = self.meeting(
            "Regionrådsmøte", today + timedelta(days=14), "Ringsaker rådhus, Brumunddal"
        )
        self.item(upcoming, 1, "Godkjenning av protokoll fra forrige møte")
        self.item(
            upcoming,
            2,
            "Søknader om utviklingsmidler 2026–2027",
            "Søknadene i den åpne utlysningen. Innstillingene sendes ut med innkallingen.",
            focus_areas=focus_areas[:3],
            # Not decided yet: the public meeting page does not show them.
            applications=Application.objects.filter(funding_call__slug=OPEN_CALL),
        )
        self.item(
            upcoming,
            3,
            "Diskusjonsarena: samferdsel og ny E6 gjennom regionen",
            focus_areas=[focus_areas[-1]],
            guests=[guests["NHO"], guests["Statsforvalteren i Innlandet"]],
        )
        if verbosity >= 1:
            self.stdout.write(
                f"Created meetings {held} (minutes published, {decisions.count()} decisions), "
                f"{unpublished} (minutes not published) and {upcoming} (upcoming)."
            )

    def meeting(self, title, day, place, minutes=""):
        starts_at = timezone.make_aware(datetime.combine(day, time(10, 0)))
        return Meeting.objects.create(
            title=title,
            starts_at=starts_at,
            place=place,
            description="Møtet er åpent for publikum.",
            minutes=minutes,
        )

    def item(
        self, meeting, number, title, description="", focus_areas=(), applications=(), guests=()
    ):
        item = AgendaItem.objects.create(
            meeting=meeting, number=number, title=title, description=description
        )
        item.focus_areas.set(focus_areas)
        item.applications.set(applications)
        item.guests.set(guests)
        return item
