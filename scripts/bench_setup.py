"""The bench database with its volume data, and the gunicorn servers under load
(scripts/bench.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from bench_support import (
    GUNICORN,
    ROOT,
    Config,
    ensure_postgres_database,
    free_port,
    manage,
    run,
    say,
)

# Run in `manage.py shell` with the servers' settings (the session's hash depends on the
# secret key). Makes the secretariat's bench user and a session for it, and finds the pages
# to load: the current programme, a focus area, a funded project and a filter that matches.
FACTS_SCRIPT = r"""
import json
from importlib import import_module
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from programme.models import Programme
from publication.forms import ProjectFilterForm
from projects.models import Application

user, _ = get_user_model().objects.get_or_create(username=USERNAME)
user.is_staff, user.is_superuser, user.is_active = True, False, True
user.set_unusable_password()
user.save()
user.groups.set([Group.objects.get(name="Sekretariat")])
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = user._meta.pk.value_to_string(user)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.set_expiry(24 * 3600)
session.save()

programme = Programme.objects.current()
focus_area = programme.focus_areas.order_by("order", "pk").first() if programme else None
funded = Application.objects.funded().order_by("pk")
funded_count = funded.count()
project = funded[funded_count // 2] if funded_count else None

# A filter a visitor might use, built from a real project so that it finds something: its
# first focus area, its lead municipality and the longest word of its title.
filtered = None
source = funded.filter(focus_areas__isnull=False).distinct()[funded_count // 3 :].first()
if source is not None:
    query = {
        "focus_area": str(source.focus_areas.order_by("pk").first().pk),
        "municipality": source.lead_municipality.slug,
        "q": max(source.title.split(), key=len).strip(".,:;!?«»()"),
    }
    form = ProjectFilterForm(query)
    matches = form.filter(Application.objects.funded()).count()
    if form.is_valid():
        filtered = {"query": query, "matches": matches}

print("BENCH-FACTS " + json.dumps({
    "vendor": connection.vendor,
    "applications": Application.objects.count(),
    "funded": funded_count,
    "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}",
    "paths": {
        "liveness": reverse("health-live"),
        "readiness": reverse("health-ready"),
        "front page": reverse("programme:home"),
        "programme": programme.get_absolute_url() if programme else None,
        "focus area": focus_area.get_absolute_url() if focus_area else None,
        "goals list": reverse("programme:goal-list"),
        "calls list": reverse("projects:call-list"),
        "catalogue": reverse("publication:project-list"),
        "catalogue filtered": (
            reverse("publication:project-list") + "?" + urlencode(filtered["query"])
            if filtered else None
        ),
        "project page": (
            reverse("publication:project-detail", kwargs={"pk": project.pk}) if project else None
        ),
        "application list (admin)": reverse("admin:projects_application_changelist"),
    },
    "filtered_matches": filtered["matches"] if filtered else None,
}))
"""

# seed_volume counts the applications in the volume's own calls; so does the bench.
COUNT_SCRIPT = """
from projects.volume import volume_applications
print("BENCH-COUNT", volume_applications().count())
"""


def tagged_line(output: str, tag: str) -> str:
    for line in output.splitlines():
        if line.startswith(tag + " "):
            return line[len(tag) + 1 :]
    sys.exit(f"bench: no {tag} line in the output:\n{output[-2000:]}")


ANALYZE_SCRIPT = "from django.db import connection\nconnection.cursor().execute('ANALYZE')"


def prepare_database(config: Config, dev_env: dict) -> None:
    if config.is_postgres:
        ensure_postgres_database(config.database_url)
    say("migrate and load_programme")
    manage("migrate", "--noinput", "-v", "0", env=dev_env)
    manage("load_programme", "-v", "0", env=dev_env)
    count = int(
        tagged_line(manage("shell", "-c", COUNT_SCRIPT, env=dev_env, capture=True), "BENCH-COUNT")
    )
    if count >= config.projects:
        say(f"the volume holds {count} applications: no seeding")
    else:
        say(f"the volume holds {count} applications: seed_volume --projects {config.projects}")
        started = time.monotonic()
        manage("seed_volume", "--projects", str(config.projects), env=dev_env)
        say(f"seeded in {time.monotonic() - started:.0f} s")
    if config.is_postgres:
        # Fresh statistics for every table, as autovacuum would have made them in production
        # (it may be off or behind on a bench machine, and plans without them are not real).
        say("ANALYZE")
        manage("shell", "-c", ANALYZE_SCRIPT, env=dev_env)


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen
    log: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            # The master was started in a session of its own: its workers go with it.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def gunicorn_settings(env: dict) -> dict:
    """The settings gunicorn.conf.py resolves to in this environment (workers, threads...)."""
    output = run([GUNICORN, "--print-config", "hamarregion.wsgi:application"], env, capture=True)
    settings = {}
    for line in output.splitlines():
        name, equals, value = line.partition("=")
        if equals:
            settings[name.strip()] = value.strip()
    return settings


def start_server(name: str, env: dict, log_dir: Path) -> Server:
    port = free_port()
    log = log_dir / f"gunicorn-{name}.log"
    command = [
        GUNICORN,
        "hamarregion.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
    ]
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Server(name, port, process, log)


def wait_ready(server: Server, readiness_path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        status, _ = probe(server.base + readiness_path, {}, timeout=10, quiet=True)
        if status == 200:
            return
        last = f"status {status}" if status else "no answer"
        time.sleep(0.5)
    tail = server.log.read_text(errors="replace")[-3000:] if server.log.exists() else ""
    sys.exit(f"bench: the {server.name} server is not ready ({last}). Its log:\n{tail}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


def probe(url: str, headers: dict, timeout: float = 60, quiet: bool = False) -> tuple[int, str]:
    """One request: its status and its X-Page-Cache header (redirects are not followed).
    Status 0 when the server does not answer in time."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server)
    try:
        with OPENER.open(request, timeout=timeout) as response:
            response.read()
            return response.status, response.headers.get("X-Page-Cache", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("X-Page-Cache", "")
    except (TimeoutError, urllib.error.URLError) as error:
        if not quiet:
            say(f"{url}: no answer ({error})")
        return 0, ""
