"""The pages the browser suite visits, each named for its test id, with the data they show."""

from django.urls import reverse

from programme.models import Programme, SustainableDevelopmentGoal


def public_pages(open_call, project):
    """(id, path) for every public page. Needs the programme fixture, an open call and a funded
    project."""
    programme = Programme.objects.published().get()
    focus_areas = list(programme.focus_areas.order_by("order"))
    goal = SustainableDevelopmentGoal.objects.order_by("number").first()
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
        ("prosjekter", reverse("projects:project-list")),
        (
            "prosjekter-filtrert",
            f"{reverse('projects:project-list')}?focus_area={focus_areas[0].pk}",
        ),
        ("prosjekt", reverse("projects:project-detail", args=[project.pk])),
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
    "prosjekt",
    "logg-inn",
    "glemt-passord",
    "glemt-passord-sendt",
    "tilgjengelighet",
    "personvern",
]
