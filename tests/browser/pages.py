"""The pages the browser suite visits, each named for its test id, with the data they show."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from meetings.services import meeting_publish_minutes
from programme.models import Programme, SustainableDevelopmentGoal
from tests.factories import AgendaItemFactory, GuestFactory, MeetingFactory


def meetings_for(project, focus_area):
    """A held meeting with an agenda item, a guest and published minutes, in which `project` was
    decided, and an upcoming meeting for the front page and the meeting list."""
    held = Meeting.objects.filter(title="Regionrådsmøte med protokoll").first()
    if held is None:
        held = MeetingFactory(
            title="Regionrådsmøte med protokoll",
            minutes="### Sak 1: Utviklingsmidler\n\n**Vedtak:** Søknadene innvilges.",
        )
        AgendaItemFactory(
            meeting=held,
            number=1,
            title="Søknader om utviklingsmidler",
            description="Sekretariatets innstillinger.",
            focus_areas=[focus_area],
            applications=[project],
            guests=[GuestFactory(name="Statsforvalteren i Innlandet", role="statsforvalter")],
        )
        meeting_publish_minutes(meeting=held)
        MeetingFactory(
            title="Neste regionrådsmøte",
            starts_at=timezone.now() + timedelta(days=14),
            place="Ringsaker rådhus, Brumunddal",
            minutes="",
        )
    return held


def public_pages(open_call, project):
    """(id, path) for every public page. Needs the programme fixture, an open call and a funded
    project."""
    programme = Programme.objects.published().get()
    focus_areas = list(programme.focus_areas.order_by("order"))
    goal = SustainableDevelopmentGoal.objects.order_by("number").first()
    # The goal's page with something in every section: a focus area, its sub-themes and
    # commitments, and the funded project.
    goal.focus_areas.add(focus_areas[0])
    project.sustainable_development_goals.add(goal)
    meeting = meetings_for(project, focus_areas[-1])
    pages = [
        ("forside", reverse("programme:home")),
        ("handlingsprogram-liste", reverse("programme:programme-list")),
        ("handlingsprogram", programme.get_absolute_url()),
    ]
    pages += [(f"satsingsomrade-{area.order}", area.get_absolute_url()) for area in focus_areas]
    pages += [
        ("barekraftsmal-liste", reverse("programme:goal-list")),
        ("barekraftsmal", goal.get_absolute_url()),
        ("utlysninger", reverse("projects:call-list")),
        ("utlysning", open_call.get_absolute_url()),
        ("prosjekter", reverse("publication:project-list")),
        (
            "prosjekter-filtrert",
            f"{reverse('publication:project-list')}?focus_area={focus_areas[0].pk}",
        ),
        ("prosjekter-kart", reverse("publication:project-map")),
        ("prosjekt", reverse("publication:project-detail", args=[project.pk])),
        ("statistikk", reverse("publication:statistics")),
        ("statistikk-alle-perioder", f"{reverse('publication:statistics')}?programme=alle"),
        ("apne-data", reverse("publication:opendata")),
        ("moter", reverse("meetings:meeting-list")),
        ("mote", meeting.get_absolute_url()),
        ("postjournal", reverse("archive:journal")),
        # Hits in all four groups: programme text, commitments, the meeting and the project.
        ("sok", f"{reverse('search')}?q=Hamar"),
        ("logg-inn", reverse("login")),
        ("glemt-passord", reverse("password_reset")),
        ("glemt-passord-sendt", reverse("password_reset_done")),
        ("tilgjengelighet", reverse("accessibility-statement")),
        ("personvern", reverse("privacy-statement")),
    ]
    return pages


# The public page ids, known before the data exists, so each page gets a test id of its own.
PUBLIC_PAGE_IDS = [
    "forside",
    "handlingsprogram-liste",
    "handlingsprogram",
    "satsingsomrade-1",
    "satsingsomrade-2",
    "satsingsomrade-3",
    "satsingsomrade-4",
    "barekraftsmal-liste",
    "barekraftsmal",
    "utlysninger",
    "utlysning",
    "prosjekter",
    "prosjekter-filtrert",
    "prosjekter-kart",
    "prosjekt",
    "statistikk",
    "statistikk-alle-perioder",
    "apne-data",
    "moter",
    "mote",
    "sok",
    "logg-inn",
    "glemt-passord",
    "glemt-passord-sendt",
    "tilgjengelighet",
    "personvern",
]


def applicant_pages(open_call, draft, submitted, in_progress):
    """{id: path} for the pages of «Mine søknader»: a draft's edit page and its steps, a
    submitted application's page, withdrawal and receipt, an ongoing project's page and report,
    and the password change."""
    if submitted.submitted_at is None:
        submitted.submitted_at = timezone.now()
        submitted.save(update_fields=["submitted_at"])
    pages = {
        "mine-soknader": reverse("projects:my-applications"),
        "ny-soknad": reverse("projects:application-start", args=[open_call.slug]),
        "rediger": reverse("projects:application-edit", args=[draft.pk]),
    }
    pages.update(
        {
            f"steg-{slug}": reverse("projects:application-step", args=[draft.pk, slug])
            for slug in ("prosjekt", "mal", "planer", "vedlegg")
        }
    )
    pages.update(
        {
            "oppsummering": reverse("projects:application-summary", args=[draft.pk]),
            "soknad": reverse("projects:application-detail", args=[submitted.pk]),
            "soknad-innvilget": reverse("projects:application-detail", args=[in_progress.pk]),
            "kvittering": reverse("projects:application-receipt", args=[submitted.pk]),
            "trekk-soknad": reverse("projects:application-withdraw", args=[submitted.pk]),
            "sluttrapport": reverse("projects:final-report", args=[in_progress.pk]),
            "passord": reverse("password_change"),
        }
    )
    return pages


APPLICANT_PAGE_IDS = [
    "mine-soknader",
    "ny-soknad",
    "rediger",
    "steg-prosjekt",
    "steg-mal",
    "steg-planer",
    "steg-vedlegg",
    "oppsummering",
    "soknad",
    "soknad-innvilget",
    "kvittering",
    "trekk-soknad",
    "sluttrapport",
    "passord",
]
