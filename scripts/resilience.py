#!/usr/bin/env python3
"""Resilience check, run by hand as root (README, «Drift / production»):

    sudo .venv/bin/python scripts/resilience.py

1. PostgreSQL restart under load. gunicorn (production settings, DEBUG off, page cache off so
   every page reads the database) serves a throwaway database with the programme and the demo
   accounts. wrk loads a public page and the readiness endpoint while an applicant keeps
   submitting applications through HTTP, as the browser does (start form, then the edit form
   with «Send inn søknaden»). Meanwhile PostgreSQL is restarted (`pg_ctlcluster 15 main
   restart`). Printed: the error answers, when they came compared to the restart, whether the
   portal recovered without help, and whether every application that got a success answer is
   stored as submitted.
2. Redis down. A second gunicorn caches the public pages in a Redis server of this script's own
   (a real server that goes away, so the shared Redis of the machine is never touched); the
   script stops it under load and shows that pages are answered 200, uncached, and cached again
   once it is back.

Exit status 0 when no application was lost, the portal recovered by itself and no page failed
while Redis was down; 1 otherwise. The PostgreSQL restart disconnects every client of the
cluster for a second or two: run it where nothing else depends on that.
"""

import argparse
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess  # noqa: S404 - our own commands, no shell
import sys
import tempfile
import threading
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hamarregion_resilience"
APPLICANT, APPLICANT_PASSWORD = "hamar", "demo-hamar"  # create_demo_accounts  # noqa: S105
TEMPLATE_DRAFT = "Bolyst i Hamarregionen"  # a complete draft made by create_demo_data


def now() -> float:
    return time.time()


def clock(moment: float) -> str:
    return datetime.fromtimestamp(moment, tz=UTC).strftime("%H:%M:%S.%f")[:-3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def say(text: str = "") -> None:
    print(text, flush=True)


# --- Processes -------------------------------------------------------------------------------


def manage(*args: str, environment: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def base_environment(database_url: str) -> dict[str, str]:
    keep = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "REDIS_URL", "WEB_CONCURRENCY", "PORT"))
    }
    return {**keep, "DJANGO_SETTINGS_MODULE": "hamarregion.settings", "DATABASE_URL": database_url}


def production_environment(database_url: str, static_root: Path, **extra) -> dict[str, str]:
    return {
        **base_environment(database_url),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(static_root),
        # The submissions send e-mails; kept in the worker's memory instead of an SMTP server.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


@dataclass
class Process:
    """A child process in its own session, so that stopping it stops its children too."""

    command: list[str]
    environment: dict[str, str]
    log_path: Path
    popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        with self.log_path.open("ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=PROJECT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def stop(self) -> None:
        if not self.running():
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)


def start_gunicorn(environment: dict[str, str], port: int, log_path: Path) -> Process:
    server = Process(
        [sys.executable, "-m", "gunicorn", "hamarregion.wsgi"],
        {**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        log_path,
    ).start()
    deadline = now() + 60
    while now() < deadline:
        if not server.running():
            raise SystemExit(f"gunicorn stopped at start; see {log_path}")
        with suppress(OSError):
            if Client(port).get("/helse/klar").status == 200:
                return server
        time.sleep(0.2)
    server.stop()
    raise SystemExit(f"gunicorn was not ready within 60 s; see {log_path}")


def start_redis(port: int, folder: Path) -> Process:
    redis = Process(
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        dict(os.environ),
        folder / "redis.log",
    ).start()
    deadline = now() + 10
    while now() < deadline:
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return redis
        time.sleep(0.1)
    raise SystemExit("the script's own redis-server did not start")


def run_wrk(url: str, seconds: int, connections: int, secure: bool) -> subprocess.Popen:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if secure:
        command += ["-H", "X-Forwarded-Proto: https"]
    return subprocess.Popen(  # noqa: S603
        [*command, url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def wrk_summary(output: str) -> str:
    wanted = ("requests in", "Non-2xx", "Socket errors", "Requests/sec")
    return "; ".join(line.strip() for line in output.splitlines() if any(w in line for w in wanted))


# --- HTTP as a browser -----------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    set_cookies: list[str]
    body: str


@dataclass
class Client:
    """Plain HTTP to one gunicorn, as the load balancer that ends TLS forwards it."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form=None) -> Answer:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                {name.lower(): value for name, value in response.getheaders()},
                response.headers.get_all("Set-Cookie") or [],
                response.read().decode(errors="replace"),
            )
        finally:
            connection.close()
        for header in answer.set_cookies:
            jar = SimpleCookie()
            jar.load(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form) -> Answer:
        return self.request("POST", path, form)


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


# --- Phase 1: PostgreSQL restart ------------------------------------------------------------


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


def access_log(path: Path, since: float) -> list[dict]:
    entries = []
    for line in path.read_text(errors="replace").splitlines():
        with suppress(ValueError):
            entry = json.loads(line)
            if entry.get("logger") != "gunicorn.access":
                continue
            entry["at"] = datetime.fromisoformat(entry["time"]).timestamp()
            if entry["at"] >= since:
                entries.append(entry)
    return entries


def postgres_restart_phase(args, database_url, static_root, folder, redis_port) -> bool:
    import django

    port = free_port()
    environment = production_environment(
        database_url,
        static_root,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_PAGE_CACHE_SECONDS="0",
        DJANGO_PRIVATE_MEDIA_ROOT=str(folder / "private"),
        WEB_CONCURRENCY=str(args.workers),
    )
    log_path = folder / "gunicorn-postgres.log"
    server = start_gunicorn(environment, port, log_path)
    master_pid = server.popen.pid
    try:
        # The script itself reads the database through Django (development settings) to check
        # what the servers stored.
        sys.path.insert(0, str(PROJECT))
        os.environ.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="hamarregion.settings")
        django.setup()
        from projects.models import Application

        template_pk = Application.objects.get(title=TEMPLATE_DRAFT).pk
        client = Client(port)
        log_in(client)
        template = submission_fields(client, template_pk)
        run_id = secrets.token_hex(3)

        say(f"Phase 1: PostgreSQL restart under load ({args.duration} s), gunicorn on :{port}")
        began = now()
        stop = threading.Event()
        outcome = Submissions()
        writer = threading.Thread(
            target=keep_submitting, args=(client, template, run_id, stop, outcome)
        )
        page_load = run_wrk(f"http://127.0.0.1:{port}{args.page}", args.duration, 8, True)
        ready_load = run_wrk(f"http://127.0.0.1:{port}/helse/klar", args.duration, 2, False)
        writer.start()
        time.sleep(args.restart_after)
        restart_began = now()
        restart = subprocess.run(  # noqa: S603
            shlex.split(args.pg_restart), capture_output=True, text=True, check=False
        )
        restart_ended = now()
        page_out, _ = page_load.communicate()
        ready_out, _ = ready_load.communicate()
        # A few more submissions after the load, then the writer stops.
        time.sleep(2)
        stop.set()
        writer.join(timeout=60)
        ended = now()

        say(
            f"  restart: `{args.pg_restart}` from {clock(restart_began)} to "
            f"{clock(restart_ended)} ({restart_ended - restart_began:.2f} s), "
            f"exit status {restart.returncode}"
        )
        if restart.returncode != 0:
            say(f"  restart failed: {restart.stderr.strip() or restart.stdout.strip()}")
        say(f"  wrk {args.page}: {wrk_summary(page_out)}")
        say(f"  wrk /helse/klar: {wrk_summary(ready_out)}")

        entries = access_log(log_path, began)
        errors = [e for e in entries if e.get("status", 0) >= 400]
        by_path = {}
        for entry in errors:
            key = f"{entry['path']} {entry['status']}"
            by_path[key] = by_path.get(key, 0) + 1
        say(
            f"  answers logged: {len(entries)}; non-2xx/3xx: {len(errors)}"
            + (f" ({', '.join(f'{k}: {n}' for k, n in sorted(by_path.items()))})" if errors else "")
        )
        if errors:
            first, last = errors[0]["at"], errors[-1]["at"]
            say(
                f"  errors from {clock(first)} to {clock(last)}: "
                f"{first - restart_began:+.2f} s after the restart began, "
                f"{last - restart_ended:+.2f} s after it ended"
            )
        late = [e for e in errors if e["at"] > restart_ended + args.grace]
        still = [Client(port).get(path).status for path in (args.page, "/helse/klar")]
        same_master = server.running() and server.popen.pid == master_pid
        recovered = not late and still == [200, 200] and same_master
        say(
            f"  errors later than {args.grace:g} s after the restart: {len(late)}; now "
            f"{args.page} {still[0]}, /helse/klar {still[1]}; gunicorn not restarted: "
            f"{same_master} -> recovered by itself: {'yes' if recovered else 'NO'}"
        )

        from django.db import connection

        connection.close()
        pks = {pk for pk, _, _ in outcome.succeeded}
        stored = dict(
            Application.objects.filter(pk__in=pks, status="submitted").values_list("pk", "title")
        )
        missing = [(pk, title) for pk, title, _ in outcome.succeeded if stored.get(pk) != title]
        failed_at = [at for _, _, at in outcome.failed]
        say(
            f"  applications: {len(outcome.succeeded)} submitted with a success answer, "
            f"{len(outcome.failed)} attempts failed"
            + (
                f" (from {clock(min(failed_at))} to {clock(max(failed_at))}: "
                + "; ".join(sorted({f"{s}: {e}" for s, e, _ in outcome.failed}))
                + ")"
                if failed_at
                else ""
            )
            + f"; missing or not submitted: {len(missing)} {missing if missing else ''}".rstrip()
        )
        say(f"  ({ended - began:.0f} s; gunicorn's log: {log_path})")
        return recovered and not missing and restart.returncode == 0 and bool(outcome.succeeded)
    finally:
        server.stop()


# --- Phase 2: Redis down ---------------------------------------------------------------------


def page_states(port: int, page: str, count: int) -> tuple[list[int], list[str]]:
    answers = [Client(port).get(page) for _ in range(count)]
    return [a.status for a in answers], [a.headers.get("x-page-cache", "-") for a in answers]


def redis_down_phase(args, database_url, static_root, folder, redis_port, redis) -> bool:
    port = free_port()
    environment = production_environment(
        database_url,
        static_root,
        REDIS_URL=f"redis://127.0.0.1:{redis_port}/0",
        DJANGO_PAGE_CACHE_SECONDS="600",
        DJANGO_PRIVATE_MEDIA_ROOT=str(folder / "private"),
        WEB_CONCURRENCY=str(args.workers),
    )
    server = start_gunicorn(environment, port, folder / "gunicorn-redis.log")
    try:
        say(f"Phase 2: Redis down (the script's own redis-server on :{redis_port})")
        statuses, states = page_states(port, args.page, 3)
        say(f"  Redis up:   {args.page} {statuses}, X-Page-Cache {states}")
        redis.stop()
        stopped = now()
        load = run_wrk(f"http://127.0.0.1:{port}{args.page}", 6, 8, True)
        statuses_down, states_down = page_states(port, args.page, 20)
        ready = Client(port).get("/helse/klar")
        load_out, _ = load.communicate()
        say(
            f"  Redis down: {args.page} {sorted(set(statuses_down))} for "
            f"{len(statuses_down)} requests, X-Page-Cache {sorted(set(states_down))}; "
            f"/helse/klar {ready.status} {ready.body.strip()}"
        )
        say(f"  wrk while down: {wrk_summary(load_out)}")
        errors_down = [
            e for e in access_log(folder / "gunicorn-redis.log", stopped) if e["status"] >= 400
        ]
        redis.start()
        time.sleep(6)  # the page cache tries Redis again 5 s after a failure
        statuses_back, states_back = page_states(port, args.page, 3)
        say(f"  Redis back: {args.page} {statuses_back}, X-Page-Cache {states_back}")
        say(f"  error answers while Redis was down: {len(errors_down)}")
        return (
            not errors_down
            and set(statuses_down) == {200}
            and "Non-2xx" not in load_out
            and ready.status == 200
            and states_back[-1] == "hit"
        )
    finally:
        server.stop()


# --- Set-up ---------------------------------------------------------------------------------


def prepare_database(database_url: str) -> None:
    import psycopg2

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin = psycopg2.connect(
        dbname="postgres",
        user=parts.username,
        password=parts.password,
        host=parts.hostname,
        port=parts.port or 5432,
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    # The demo accounts and calls are made only while DEBUG is on: this set-up step only.
    development = {**base_environment(database_url), "DJANGO_DEBUG": "1"}
    for command in ("migrate", "load_programme", "create_demo_accounts", "create_demo_data"):
        manage(command, "--noinput" if command == "migrate" else "-v1", environment=development)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("RESILIENCE_DATABASE_URL"))
    parser.add_argument("--pg-restart", default="pg_ctlcluster 15 main restart")
    parser.add_argument("--page", default="/", help="the public page under load")
    parser.add_argument("--duration", type=int, default=20, help="seconds of load")
    parser.add_argument("--restart-after", type=float, default=6, help="seconds into the load")
    parser.add_argument("--grace", type=float, default=2.0, help="seconds allowed to recover")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-redis", action="store_true")
    args = parser.parse_args()
    database_url = args.database_url or DEFAULT_DATABASE_URL
    if not database_url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("--database-url must be a PostgreSQL database")
    for tool in ("wrk", "redis-server"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is missing (apt-get install -y {tool.split('-')[0]})")
    if not args.skip_postgres and os.geteuid() != 0:
        raise SystemExit("run as root: the script restarts PostgreSQL (or use --skip-postgres)")

    folder = Path(tempfile.mkdtemp(prefix="hamarregion-resilience-"))
    say(f"Database {urlsplit(database_url).path.lstrip('/')}: migrate, programme, demo data")
    prepare_database(database_url)
    static_root = folder / "static"
    manage(
        "collectstatic",
        "--noinput",
        environment=production_environment(database_url, static_root),
    )
    redis_port = free_port()
    redis = start_redis(redis_port, folder)
    results = {}
    try:
        if not args.skip_postgres:
            results["postgres"] = postgres_restart_phase(
                args, database_url, static_root, folder, redis_port
            )
        if not args.skip_redis:
            results["redis"] = redis_down_phase(
                args, database_url, static_root, folder, redis_port, redis
            )
    finally:
        redis.stop()
    say(
        "Result: "
        + ", ".join(f"{name} {'passed' if ok else 'FAILED'}" for name, ok in results.items())
    )
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
