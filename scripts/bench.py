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
import secrets
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from bench_measure import Row, measure, reference_rps, table, verdict
from bench_setup import (
    FACTS_SCRIPT,
    Server,
    gunicorn_settings,
    prepare_database,
    start_server,
    tagged_line,
    wait_ready,
)
from bench_support import (
    BENCH_USERNAME,
    ROOT,
    Config,
    ensure_wrk,
    manage,
    redis_command,
    say,
    settle_postgres,
)

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
