"""The catalogue's page as the tests read it: its address, the titles it lists, a select's
options; and the projects the tests make for it (tests/publication/conftest.py has the
fixtures)."""

from projects.workflow import PUBLIC_STATES, State
from tests.factories import funded_project
from tests.html import page_text, start_tags

LIST_URL = "/prosjekter/"
NON_PUBLIC_STATES = [state for state in State if state not in PUBLIC_STATES]
FUNDED_IN_ORDER = [state for state in State if state in PUBLIC_STATES]


def personal_data(state) -> dict:
    """Names, addresses and numbers that appear nowhere else, so that a leak is unmistakable."""
    number = list(State).index(state)
    return {
        "project_leader_name": f"Lederen Lise {state.value}",
        "project_leader_email": f"leder-{state.value}@kommune.example.org",
        "project_leader_phone": f"+47 911 11 1{number:02d}",
        "contact_name": f"Kontakten Knut {state.value}",
        "contact_email": f"kontakt-{state.value}@kommune.example.org",
        "contact_phone": f"+47 922 22 2{number:02d}",
    }


def title_for(state) -> str:
    return f"Prosjekt i tilstand {state.value}"


def titles_on(response) -> set[str]:
    text = page_text(response)
    return {title_for(state) for state in State if title_for(state) in text}


def listed_titles(response) -> list[str]:
    """The project titles the page lists, in order (the cards' headings)."""
    return [project.title for project in response.context["projects"]]


def get_list(client, **params):
    return client.get(LIST_URL, params)


def options(response, select_name) -> dict[str, bool]:
    """The options of one select in the page: {value: selected}."""
    found, current = {}, None
    for tag, attrs in start_tags(response):
        if tag == "select":
            current = attrs.get("name")
        elif tag == "option" and current == select_name:
            found[attrs.get("value")] = "selected" in attrs
    return found


def project_in(call, focus_area, title, **fields):
    project = funded_project(funding_call=call, title=title, **fields)
    project.focus_areas.set([focus_area])
    project.sub_themes.set([focus_area.themes.get().sub_themes.order_by("pk").first()])
    return project
