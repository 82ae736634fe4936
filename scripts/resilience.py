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
import os
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from resilience_phases import postgres_restart_phase, redis_down_phase
from resilience_processes import (
    DEFAULT_DATABASE_URL,
    base_environment,
    free_port,
    manage,
    production_environment,
    say,
    start_redis,
)


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
