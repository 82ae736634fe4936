"""HTTP as a browser for the resilience check (scripts/resilience.py): the demo applicant
logs in and keeps submitting applications through the forms."""

import re
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser

from resilience_processes import APPLICANT, APPLICANT_PASSWORD, Client, now


class Forms(HTMLParser):
    """Every form of a page with the fields a browser would send (a select without a selected
    option sends its first one)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[tuple[str, str]]] = []
        self._textarea = None
        self._select = None
        self._select_first = None
        self._select_chosen = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "form":
            self.forms.append([])
        elif not self.forms:
            return
        elif tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.forms[-1].append(
                (name, attrs.get("value") or ("on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in attrs:
                self.forms[-1].append((self._select, value))
                self._select_chosen = True

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.forms[-1].append((self._textarea[0], self._textarea[1].removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.forms[-1].append((self._select, self._select_first))
            self._select = None


def form_with(html: str, field_name: str) -> list[tuple[str, str]]:
    parser = Forms()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == field_name for name, _ in fields):
            return [(name, value) for name, value in fields if "__prefix__" not in name]
    raise RuntimeError(f"no form with the field {field_name!r} on the page")


def log_in(client: Client) -> None:
    page = client.get("/konto/logg-inn/")
    fields = dict(form_with(page.body, "csrfmiddlewaretoken"))
    fields.update(username=APPLICANT, password=APPLICANT_PASSWORD)
    answer = client.post("/konto/logg-inn/", fields)
    if answer.status != 302:
        raise SystemExit(f"the applicant could not log in (HTTP {answer.status})")


def submission_fields(client: Client, template_pk: int) -> list[tuple[str, str]]:
    """The complete draft's edit form, turned into the fields of a new application: its cost
    and funding rows become new rows (no ids), everything else is kept."""
    page = client.get(f"/soknader/{template_pk}/rediger/")
    if page.status != 200:
        raise SystemExit(f"the template draft's edit page answered HTTP {page.status}")
    fields = []
    for name, value in form_with(page.body, "summary"):
        if name.endswith("-INITIAL_FORMS"):
            value = "0"
        elif re.search(r"-\d+-(id|application)$", name):
            continue
        fields.append((name, value))
    return fields


@dataclass
class Submissions:
    succeeded: list[tuple[int, str, float]] = field(default_factory=list)
    failed: list[tuple[str, str, float]] = field(default_factory=list)


def keep_submitting(client, template, run_id, stop: threading.Event, outcome: Submissions):
    from projects.management.commands.create_demo_data import OPEN_CALL

    number = 0
    while not stop.is_set():
        number += 1
        title = f"Robusthetstest {run_id} nr. {number}"
        step = "start"
        try:
            start = client.get(f"/mine-soknader/ny/{OPEN_CALL}/")
            if start.status != 200:
                raise RuntimeError(f"HTTP {start.status}")
            fields = dict(form_with(start.body, "creation_token"))
            fields["title"] = title
            created = client.post(f"/mine-soknader/ny/{OPEN_CALL}/", fields)
            found = re.search(r"/soknader/(\d+)/rediger/", created.headers.get("location", ""))
            if created.status != 302 or not found:
                raise RuntimeError(f"HTTP {created.status}")
            pk = int(found[1])
            step = "submit"
            form = [(n, title if n == "title" else v) for n, v in template]
            form.append(("submit", ""))
            sent = client.post(f"/soknader/{pk}/rediger/", form)
            if sent.status != 302 or "/rediger/" in sent.headers.get("location", ""):
                raise RuntimeError(f"HTTP {sent.status}")
            outcome.succeeded.append((pk, title, now()))
        except (OSError, RuntimeError) as error:
            outcome.failed.append((step, str(error), now()))
            time.sleep(0.2)
