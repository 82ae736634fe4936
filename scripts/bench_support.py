"""Settings of `make bench` (scripts/bench.py) from the environment, and the tools it
drives: manage.py, wrk, PostgreSQL and Redis."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
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


VARIANTS = ("proxy", "uncached", "revalidation", "staff", "instances", "edit")


def env_variants() -> set[str]:
    """BENCH_VARIANTS picks rows for a quicker run; the static file and the liveness rows are
    always measured."""
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
    instance_workers: int
    edit_max_age: int

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
            # Absolute: nginx reads its configuration next to it, from its own working folder.
            output=Path(
                os.environ.get("BENCH_OUTPUT") or ROOT / "var" / "bench" / "last.md"
            ).resolve(),
            variants=env_variants(),
            # An instance of the several-servers rows has half the machine, as if each ran on
            # a host of its own: two of them then use all of its cores (README, «Benchmark»).
            instance_workers=env_int("BENCH_INSTANCE_WORKERS", max(1, (os.cpu_count() or 2) // 2)),
            # The edit check's servers let nginx keep a page this long, not 60 s, so that the
            # check need not wait a minute.
            edit_max_age=env_int("BENCH_EDIT_MAX_AGE", 2),
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
