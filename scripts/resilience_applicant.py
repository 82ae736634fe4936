"""HTTP as a browser for the resilience check (scripts/resilience.py): the demo applicant
logs in and keeps submitting applications through the forms."""

import re
import threading
import time
from dataclasses import dataclass, field

from html_forms import form_with
from resilience_processes import APPLICANT, APPLICANT_PASSWORD, Client, now


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
