"""The bench database with its volume data, and the servers under load, gunicorn and nginx
(scripts/bench.py)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from email.message import Message
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
from prod import NGINX, nginx_config

# Run in `manage.py shell` with the servers' settings (the session's hash depends on the
# secret key). Makes the secretariat's bench user and a session for it, and finds the pages
# to load: the current programme, a focus area, a funded project, a filter and a search that
# match, and a sub-theme for the edit check.
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
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from programme.models import Programme, SubTheme
from publication.forms import ProjectFilterForm
from projects.models import Application

user, _ = get_user_model().objects.get_or_create(username=USERNAME)
user.is_staff, user.is_superuser, user.is_active = True, False, True
user.set_unusable_password()
user.save()
user.groups.set([Group.objects.get(name="Sekretariat")])
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = user._meta.pk.value_to_string(user)
session[BACKEND_SESSION_KEY] = "accounts.backends.EmailOrUsernameBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
# Staff pass a second factor before admin and the work queue: the session has passed the bench
# user's authenticator, as django-otp marks it at the code's step.
device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
session[DEVICE_ID_SESSION_KEY] = device.persistent_id
session.set_expiry(24 * 3600)
session.save()

programme = Programme.objects.current()
focus_area = programme.focus_areas.order_by("order", "pk").first() if programme else None
funded = Application.objects.funded().order_by("pk")
funded_count = funded.count()
project = funded[funded_count // 2] if funded_count else None

# A filter and a search a visitor might use, built from a real project so that they find
# something: its first focus area and its lead municipality; the longest word of its title.
catalogue = reverse("publication:project-list")
queries = {}
source = funded.filter(focus_areas__isnull=False).distinct()[funded_count // 3 :].first()
if source is not None:
    for page, query in {
        "catalogue filtered": {
            "focus_area": str(source.focus_areas.order_by("pk").first().pk),
            "municipality": source.lead_municipality.slug,
        },
        "catalogue search": {"q": max(source.title.split(), key=len).strip(".,:;!?«»()")},
    }.items():
        form = ProjectFilterForm(query)
        matches = form.filter(Application.objects.funded()).count()
        if form.is_valid():
            queries[page] = {"path": catalogue + "?" + urlencode(query), "matches": matches}

# The edit check renames a sub-theme the focus area's page shows.
sub_theme = (
    SubTheme.objects.filter(theme__focus_area=focus_area).order_by("pk").first()
    if focus_area else None
)

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
        "catalogue": catalogue,
        **{page: found["path"] for page, found in queries.items()},
        "project page": (
            reverse("publication:project-detail", kwargs={"pk": project.pk}) if project else None
        ),
        "statistics": reverse("publication:statistics"),
        "open data": reverse("publication:opendata"),
        "application list (admin)": reverse("admin:projects_application_changelist"),
        "work queue": reverse("workbench:work-queue"),
        "sub-theme (admin)": (
            reverse("admin:programme_subtheme_change", args=[sub_theme.pk]) if sub_theme else None
        ),
    },
    "matches": {page: found["matches"] for page, found in queries.items()},
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


# VACUUM as well as ANALYZE: after a bulk load autovacuum also sets the visibility map, which
# lets PostgreSQL count rows from an index alone; without it every COUNT reads the whole table.
ANALYZE_SCRIPT = "from django.db import connection\nconnection.cursor().execute('VACUUM ANALYZE')"


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
        # Fresh statistics and visibility maps for every table, as autovacuum would have made
        # them in production (it may be off or behind on a bench machine, and plans without
        # them are not real).
        say("VACUUM ANALYZE")
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


def start_nginx(
    name: str,
    upstreams: list[Server],
    static_root: Path,
    log_dir: Path,
    *,
    proxy_cache: bool = True,
) -> Server:
    """nginx from deploy/nginx's files (`make prod`'s configuration) in front of `upstreams`,
    in a folder of its own under the log folder, where its cache and logs stay."""
    folder = log_dir / f"nginx-{name}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    port = free_port()
    upstream_ports = [server.port for server in upstreams]
    config = nginx_config(folder, port, upstream_ports, static_root, proxy_cache=proxy_cache)
    run([NGINX, "-t", "-q", "-c", str(config)], dict(os.environ), capture=True)
    log = folder / "nginx.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [NGINX, "-c", str(config)],
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
        status = fetch(server.base + readiness_path, timeout=10, quiet=True).status
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


@dataclass
class Answer:
    status: int
    headers: Message
    body: bytes = b""

    @property
    def text(self) -> str:
        return self.body.decode(errors="replace")


def fetch(
    url: str,
    headers: dict | None = None,
    *,
    data: bytes | None = None,
    timeout: float = 60,
    quiet: bool = False,
) -> Answer:
    """One request (a POST when `data` is given), its redirects not followed. Status 0 when
    the server does not answer in time."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
    try:
        with OPENER.open(request, timeout=timeout) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())
    except (TimeoutError, urllib.error.URLError) as error:
        if not quiet:
            say(f"{url}: no answer ({error})")
        return Answer(0, Message())
