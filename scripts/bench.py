"""`make bench`: the production server under concurrent load, one table of figures.

Prepares a database with the volume data (PostgreSQL `hamarregion_bench` on 127.0.0.1 unless
BENCH_DATABASE_URL says otherwise), starts two gunicorn servers with DEBUG off on it, one with
the anonymous page cache on (Redis) and one with it off, and runs wrk against the liveness
endpoint, each public page in both variants and the secretariat's application list. Prints
requests per second, p50/p95 latency, the ratio of each row's throughput to the liveness
endpoint's and a verdict against the targets; writes the same table to var/bench/last.md.

Standard library only; Django is reached through manage.py subprocesses. Run by `make bench`
with the project's virtual environment. Exit status 1 when a row FAILs (answers that are not
2xx, connection errors, requests over 5 s or none finished: its figures mean nothing), 0
otherwise, misses included.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA_SCRIPT = Path(__file__).resolve().parent / "bench.lua"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")

# A bench database of its own: never the developer's DATABASE_URL, which the volume data
# would fill with 10,000 invented projects.
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hamarregion_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/5"
BENCH_USERNAME = "bench-sekretariat"

# A request that takes longer under load counts as an error (wrk's timeout), and so does a row
# in which no request finished: its latency figures would describe no request at all.
REQUEST_TIMEOUT_S = 5

# Targets from issue 6, item 7.
CACHED_RATIO = 0.8
PUBLIC_P95_MS = 50.0
STAFF_P95_MS = 250.0


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        sys.exit(f"bench: {name} must be a whole number, not {value!r}.")
    if number < 1:
        sys.exit(f"bench: {name} must be at least 1, not {number}.")
    return number


VARIANTS = ("cached", "uncached", "staff")


def env_variants() -> set[str]:
    """BENCH_VARIANTS picks rows for a quicker run; the liveness row is always measured."""
    value = os.environ.get("BENCH_VARIANTS", "").strip()
    if not value:
        return set(VARIANTS)
    chosen = {item.strip() for item in value.split(",") if item.strip()}
    unknown = chosen - set(VARIANTS)
    if unknown:
        sys.exit(f"bench: BENCH_VARIANTS takes {', '.join(VARIANTS)}, not {', '.join(unknown)}.")
    return chosen


@dataclass
class Config:
    database_url: str
    redis_url: str
    projects: int
    duration: int
    warmup: int
    connections: int
    staff_connections: int
    threads: int
    output: Path
    variants: set[str]

    @classmethod
    def from_env(cls) -> Config:
        return cls(
            database_url=os.environ.get("BENCH_DATABASE_URL") or DEFAULT_DATABASE_URL,
            redis_url=os.environ.get("BENCH_REDIS_URL") or DEFAULT_REDIS_URL,
            projects=env_int("BENCH_PROJECTS", 10_000),
            duration=env_int("BENCH_DURATION", 10),
            warmup=env_int("BENCH_WARMUP", 3),
            connections=env_int("BENCH_CONNECTIONS", 8),
            # The secretariat is a few people: its list is measured with as many at once.
            staff_connections=env_int("BENCH_STAFF_CONNECTIONS", 2),
            threads=env_int("BENCH_THREADS", 2),
            output=Path(os.environ.get("BENCH_OUTPUT") or ROOT / "var" / "bench" / "last.md"),
            variants=env_variants(),
        )

    @property
    def is_postgres(self) -> bool:
        return urllib.parse.urlsplit(self.database_url).scheme in {
            "postgres",
            "postgresql",
            "pgsql",
        }


def say(message: str) -> None:
    print(f"[bench {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def run(command: list[str], env: dict, *, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603 (our own commands, no shell)
        command, cwd=ROOT, env=env, text=True, capture_output=capture, check=False
    )
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout[-4000:] + result.stderr[-4000:])
        sys.exit(f"bench: {' '.join(command[:4])} … failed with status {result.returncode}.")
    return result.stdout if capture else ""


def manage(*args: str, env: dict, capture: bool = False) -> str:
    return run([PYTHON, "manage.py", *args], env, capture=capture)


# --- tools and services ------------------------------------------------------------------


def ensure_wrk() -> str:
    wrk = shutil.which("wrk")
    if wrk:
        return wrk
    if os.geteuid() != 0:
        sys.exit("bench: wrk is missing. Install it with `sudo apt-get install -y wrk`.")
    say("wrk is missing: apt-get install -y wrk")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    if subprocess.run(["apt-get", "install", "-y", "wrk"], env=apt_env, check=False).returncode:  # noqa: S607
        subprocess.run(["apt-get", "update"], env=apt_env, check=True)  # noqa: S607
        subprocess.run(["apt-get", "install", "-y", "wrk"], env=apt_env, check=True)  # noqa: S607
    return shutil.which("wrk") or sys.exit("bench: wrk is still missing after apt-get.")


def postgres_sql(url: str, statement: str) -> subprocess.CompletedProcess:
    """Run SQL with psql in the server's `postgres` database; the bench database's name is the
    psql variable `name`, which psql quotes itself in :'name' and :"name"."""
    parts = urllib.parse.urlsplit(url)
    env = {**os.environ}
    if parts.password:
        env["PGPASSWORD"] = urllib.parse.unquote(parts.password)
    command = [
        "psql",
        "-h",
        parts.hostname or "127.0.0.1",
        "-p",
        str(parts.port or 5432),
        "-U",
        urllib.parse.unquote(parts.username or "postgres"),
        "-d",
        "postgres",
        "-v",
        "ON_ERROR_STOP=1",
        "-v",
        f"name={parts.path.lstrip('/')}",
        "-At",
    ]
    return subprocess.run(  # noqa: S603
        command, input=statement, env=env, text=True, capture_output=True, check=False
    )


def ensure_postgres_database(url: str) -> None:
    """Create the bench database when it does not exist (trust or password auth)."""
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[A-Za-z0-9_]+", name):
        sys.exit(f"bench: database name {name!r} must be letters, digits and underscores.")
    if not shutil.which("psql"):
        sys.exit("bench: psql is missing (apt-get install postgresql-client).")
    found = postgres_sql(url, "SELECT 1 FROM pg_database WHERE datname = :'name';")
    if found.returncode != 0:
        sys.exit(f"bench: PostgreSQL is not reachable: {found.stderr.strip()}")
    if found.stdout.strip() != "1":
        say(f"creating PostgreSQL database {name}")
        created = postgres_sql(url, 'CREATE DATABASE :"name";')
        if created.returncode != 0:
            sys.exit(f"bench: could not create {name}: {created.stderr.strip()}")


def settle_postgres(url: str, wait: float = 5) -> None:
    """Let the bench database's queries finish before the next row, and cancel those still
    running after `wait` seconds: a row whose requests timed out leaves its queries running
    in PostgreSQL, and they would slow the rows after it."""
    active = (
        "FROM pg_stat_activity WHERE datname = :'name' AND state = 'active' "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if postgres_sql(url, f"SELECT count(*) {active};").stdout.strip() in {"0", ""}:
            return
        time.sleep(0.5)
    cancelled = postgres_sql(
        url, f"SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) {active};"
    )
    say(f"cancelled {cancelled.stdout.strip()} queries still running after the row")


def redis_command(url: str, *commands: list[str]) -> None:
    """Send commands to Redis in its wire protocol (no client library needed for a flush)."""
    parts = urllib.parse.urlsplit(url)
    database = parts.path.lstrip("/") or "0"
    prelude = [["AUTH", urllib.parse.unquote(parts.password)]] if parts.password else []
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 5) as s:
            for command in [*prelude, ["SELECT", database], *commands]:
                wire = f"*{len(command)}\r\n" + "".join(
                    f"${len(word.encode())}\r\n{word}\r\n" for word in command
                )
                s.sendall(wire.encode())
                reply = s.recv(1024)
                if not reply.startswith(b"+"):
                    sys.exit(f"bench: Redis answered {reply!r} to {command[0]}.")
    except OSError as error:
        sys.exit(
            f"bench: Redis is not reachable at {url}: {error}. Start it or set BENCH_REDIS_URL."
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the database -----------------------------------------------------------------------

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


# --- the servers -------------------------------------------------------------------------


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


# --- the load ----------------------------------------------------------------------------


@dataclass
class Row:
    page: str
    variant: str
    path: str
    headers: dict = field(default_factory=dict)
    target: str = ""
    status: int = 0
    cache: str = ""
    result: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.result["requests"] / (self.result["duration_us"] / 1e6)

    @property
    def p50(self) -> float:
        return self.result["p50_us"] / 1000

    @property
    def p95(self) -> float:
        return self.result["p95_us"] / 1000

    @property
    def errors(self) -> int:
        r = self.result
        return r["non2xx"] + r["connect"] + r["read"] + r["write"] + r["timeout"]


def wrk(wrk_path: str, url: str, headers: dict, seconds: int, connections: int, config: Config):
    command = [
        wrk_path,
        f"-t{min(config.threads, connections)}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        f"{REQUEST_TIMEOUT_S}s",
        "-s",
        str(LUA_SCRIPT),
    ]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603
        [*command, url], text=True, capture_output=True, check=True
    ).stdout
    return json.loads(tagged_line(output, "BENCH-RESULT"))


def measure(row: Row, server: Server, wrk_path: str, config: Config) -> None:
    """Probe, warm up, probe again for the cache header, then the measured run."""
    url = server.base + row.path
    row.status, row.cache = probe(url, row.headers)
    connections = config.staff_connections if row.variant == "staff" else config.connections
    wrk(wrk_path, url, row.headers, config.warmup, connections, config)
    if config.is_postgres:
        settle_postgres(config.database_url)
    if row.variant == "cached":
        # After the warm-up the page must come from the cache; the column shows whether it did.
        _, row.cache = probe(url, row.headers)
    row.result = wrk(wrk_path, url, row.headers, config.duration, connections, config)
    say(
        f"{row.variant:9} {row.page:28} {row.rps:8.0f} rps  p50 {row.p50:6.1f} ms"
        f"  p95 {row.p95:6.1f} ms  errors {row.errors}"
    )


def verdict(row: Row, liveness_rps: float) -> tuple[str, str]:
    """(target, verdict) of a row. Errors make a row FAIL: figures of error pages mean nothing."""
    failed = "FAIL" if row.errors or row.status != 200 or not row.result["requests"] else ""
    if row.variant == "liveness":
        return "reference", failed or "—"
    if row.variant == "staff":
        target, ok = f"p95 < {STAFF_P95_MS:.0f} ms", row.p95 < STAFF_P95_MS
    elif row.variant == "cached" and row.cache == "hit":
        target = f"ratio ≥ {CACHED_RATIO:.1f}"
        ok = liveness_rps > 0 and row.rps / liveness_rps >= CACHED_RATIO
    else:
        # Uncached pages, and a cached-variant page the cache did not serve (say, one with a
        # query string), answer to the latency target.
        target, ok = f"p95 < {PUBLIC_P95_MS:.0f} ms", row.p95 < PUBLIC_P95_MS
    return target, failed or ("PASS" if ok else "MISS")


def reference_rps(rows: list[Row]) -> float:
    return max(row.rps for row in rows if row.variant == "liveness")


def table(rows: list[Row]) -> list[str]:
    liveness_rps = reference_rps(rows)
    head = [
        "page",
        "variant",
        "rps",
        "p50 ms",
        "p95 ms",
        "ratio",
        "errors",
        "cache",
        "target",
        "verdict",
    ]
    body = []
    for row in rows:
        target, result = verdict(row, liveness_rps)
        errors = str(row.errors)
        if row.status != 200:
            errors += f" (status {row.status})" if row.status else " (no answer)"
        elif not row.result["requests"]:
            errors += " (none finished)"
        body.append(
            [
                row.page,
                row.variant,
                f"{row.rps:.0f}",
                f"{row.p50:.1f}",
                f"{row.p95:.1f}",
                f"{row.rps / liveness_rps:.2f}" if liveness_rps else "—",
                errors,
                row.cache or "—",
                target,
                result,
            ]
        )
    widths = [max(len(line[i]) for line in [head, *body]) for i in range(len(head))]
    numeric = {2, 3, 4, 5}

    def line(cells):
        padded = [
            cell.rjust(widths[i]) if i in numeric else cell.ljust(widths[i])
            for i, cell in enumerate(cells)
        ]
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            "-" * (w + 1) + ":" if i in numeric else "-" * (w + 2) for i, w in enumerate(widths)
        )
        + "|"
    )
    return [line(head), rule, *(line(cells) for cells in body)]


PUBLIC_PAGES = [
    "front page",
    "programme",
    "focus area",
    "goals list",
    "calls list",
    "catalogue",
    "catalogue filtered",
    "project page",
]


def build_rows(facts: dict) -> list[Row]:
    paths = facts["paths"]
    missing = [page for page in PUBLIC_PAGES if not paths[page]]
    if missing:
        sys.exit(f"bench: the database has nothing to show for {', '.join(missing)}.")
    # Behind the proxy that ends TLS, as in production: without it every page is a redirect.
    https = {"X-Forwarded-Proto": "https"}
    # The liveness endpoint before and after the cached pages: the ratios are taken to the
    # higher of the two, and a large difference between them says the machine was not quiet.
    rows = [Row("liveness", "liveness", paths["liveness"], https)]
    rows += [Row(page, "cached", paths[page], https) for page in PUBLIC_PAGES]
    rows.append(Row("liveness (again)", "liveness", paths["liveness"], https))
    rows += [Row(page, "uncached", paths[page], https) for page in PUBLIC_PAGES]
    staff = {**https, "Cookie": facts["session_cookie"]}
    rows.append(Row("application list (admin)", "staff", paths["application list (admin)"], staff))
    return rows


def main() -> int:
    config = Config.from_env()
    wrk_path = ensure_wrk()
    log_dir = config.output.parent
    log_dir.mkdir(parents=True, exist_ok=True)
    base_env = {**os.environ, "DATABASE_URL": config.database_url}
    dev_env = {**base_env, "DJANGO_DEBUG": "1"}
    prepare_database(config, dev_env)

    static_root = Path(tempfile.mkdtemp(prefix="hamarregion-bench-static-"))
    prod_env = {
        **base_env,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_STATIC_ROOT": str(static_root),
        "REDIS_URL": config.redis_url,
    }
    servers: list[Server] = []
    try:
        say("collectstatic into a temporary STATIC_ROOT")
        manage("collectstatic", "--noinput", "-v", "0", env=prod_env)
        facts = json.loads(
            tagged_line(
                manage(
                    "shell",
                    "-c",
                    f"USERNAME = {BENCH_USERNAME!r}\n" + FACTS_SCRIPT,
                    env=prod_env,
                    capture=True,
                ),
                "BENCH-FACTS",
            )
        )
        server_settings = gunicorn_settings(prod_env)
        described = (
            f"{server_settings.get('workers')} {server_settings.get('worker_class')} workers × "
            f"{server_settings.get('threads')} threads, max_requests "
            f"{server_settings.get('max_requests')} (gunicorn.conf.py)"
        )
        redis_command(config.redis_url, ["FLUSHDB"])
        cached = start_server("cached", prod_env, log_dir)
        servers.append(cached)
        uncached = start_server("uncached", {**prod_env, "DJANGO_PAGE_CACHE_SECONDS": "0"}, log_dir)
        servers.append(uncached)
        for server in servers:
            wait_ready(server, facts["paths"]["readiness"])
        say(
            f"servers ready: {described}; "
            f"wrk -t{config.threads} -c{config.connections} -d{config.duration}s per row"
        )
        load_before = os.getloadavg()
        rows = [
            row
            for row in build_rows(facts)
            if row.variant == "liveness" or row.variant in config.variants
        ]
        for row in rows:
            measure(
                row, uncached if row.variant in {"uncached", "staff"} else cached, wrk_path, config
            )
            if config.is_postgres:
                settle_postgres(config.database_url)
        load_after = os.getloadavg()
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(static_root, ignore_errors=True)

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=False,
    ).stdout.strip()
    header = [
        f"# make bench, {datetime.now():%Y-%m-%d %H:%M} (commit {commit or 'unknown'})",
        "",
        f"- database: {facts['vendor']}, {facts['applications']} applications, "
        f"{facts['funded']} funded projects in the catalogue",
        f"- gunicorn: {described} per server, DEBUG off, "
        f"{os.cpu_count()} cores; load average {load_before[0]:.2f} before, "
        f"{load_after[0]:.2f} after",
        f"- wrk: {config.threads} threads, {config.connections} connections "
        f"({config.staff_connections} for the staff row), "
        f"{config.warmup} s warm-up and {config.duration} s per row",
        f"- catalogue filtered: {facts['paths']['catalogue filtered']} "
        f"({facts['filtered_matches']} matches)",
        "- ratio: the row's requests per second over the liveness endpoint's (the higher of its "
        "two rows); cache: the X-Page-Cache header after the warm-up",
        "",
    ]
    lines = [*header, *table(rows), ""]
    text = "\n".join(lines)
    print(text)
    config.output.write_text(text, encoding="utf-8")
    say(f"table written to {config.output}")
    return 1 if any(verdict(row, reference_rps(rows))[1] == "FAIL" for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
