"""`make bench`: the production stack under concurrent load, one table of figures.

Prepares a database with the volume data (PostgreSQL `hamarregion_bench` on 127.0.0.1 unless
BENCH_DATABASE_URL says otherwise) and runs wrk, in three parts (scripts/bench_phases.py):

1. nginx from deploy/nginx's files in front of a gunicorn server with the page cache on: a
   hashed static file from nginx (the ceiling) and each public page from nginx's warm cache;
   each public page from a gunicorn server with the page cache off; 304 answers to
   If-None-Match; the secretariat's application list and work queue; the liveness endpoint;
2. each public page through nginx without caches, with one gunicorn instance behind it and
   with two, on one PostgreSQL and one Redis;
3. an edit in admin on one instance, seen through nginx with its cache within the max-age.

Prints requests per second, p50/p95 latency, the ratio of each row's throughput to the static
file's and a verdict against the targets; writes the same to var/bench/last.md.

Standard library only; Django is reached through manage.py subprocesses. Run by `make bench`
with the project's virtual environment. Exit status 1 when a row FAILs (answers other than the
expected status, connection errors, requests over 5 s or none finished: its figures mean
nothing) or the edit check could not be made, 0 otherwise, misses included.
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

from bench_measure import failed, instance_rises, table
from bench_phases import Bench
from bench_setup import FACTS_SCRIPT, gunicorn_settings, prepare_database, tagged_line
from bench_support import (
    BENCH_USERNAME,
    ROOT,
    Config,
    ensure_wrk,
    manage,
    redis_command,
    say,
)
from prod import NGINX

# The static file of the ceiling row: the site's stylesheet, under its hashed name.
STATIC_FILE = "css/site.css"


def described_servers(env: dict) -> str:
    settings = gunicorn_settings(env)
    return (
        f"{settings.get('workers')} {settings.get('worker_class')} workers × "
        f"{settings.get('threads')} threads"
    )


def main() -> int:
    config = Config.from_env()
    wrk_path = ensure_wrk()
    if not Path(NGINX).exists():
        sys.exit("bench: nginx is missing. Install it with `sudo apt-get install -y nginx`.")
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
        # Behind nginx as `make prod` runs it: TLS would end at nginx, which speaks plain HTTP
        # here, and nginx appends the client's address.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
    }
    edit = None
    try:
        say("collectstatic into a temporary STATIC_ROOT")
        manage("collectstatic", "--noinput", "-v", "0", env=prod_env)
        manifest = json.loads((static_root / "staticfiles.json").read_text())
        static_path = "/static/" + manifest["paths"][STATIC_FILE]
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
        missing = [page for page, path in facts["paths"].items() if not path]
        if missing:
            sys.exit(f"bench: the database has nothing to show for {', '.join(missing)}.")
        bench = Bench(config, facts, prod_env, static_root, static_path, wrk_path)
        described = described_servers(prod_env)
        instance = described_servers(bench.instance_env())
        redis_command(config.redis_url, ["FLUSHDB"])
        say(f"wrk -t{config.threads} -c{config.connections} -d{config.duration}s per row")
        load_before = os.getloadavg()
        rows = bench.one_server()
        if "instances" in config.variants:
            rows += bench.two_servers()
        if "edit" in config.variants:
            edit = bench.edit()
            say(edit.line(config.edit_max_age))
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=False,
    ).stdout.strip()
    matches = ", ".join(f"{page} {count}" for page, count in facts["matches"].items())
    header = [
        f"# make bench, {datetime.now():%Y-%m-%d %H:%M} (commit {commit or 'unknown'})",
        "",
        f"- database: {facts['vendor']}, {facts['applications']} applications, "
        f"{facts['funded']} funded projects in the catalogue ({matches} matches)",
        f"- gunicorn: {described} per server (gunicorn.conf.py), DEBUG off, {os.cpu_count()} "
        f"cores; load average {load_before[0]:.2f} before, {load_after[0]:.2f} after",
        "- nginx: deploy/nginx's files as `make prod` runs them, 1 worker process; static file: "
        f"{static_path}; every row asks for gzip, as browsers do",
        f"- wrk: {config.threads} threads, {config.connections} connections "
        f"({config.staff_connections} for the staff row), "
        f"{config.warmup} s warm-up and {config.duration} s per row",
        "- ÷ static: the row's requests per second over the static file's (the higher of its "
        "two rows); cache: nginx's X-Proxy-Cache, else the portal's X-Page-Cache, after the "
        "warm-up",
        "",
    ]
    lines = [*header, *table(rows), ""]
    if "instances" in config.variants or edit:
        lines += [
            "## Several app servers",
            "",
            f"An instance is one gunicorn with {instance} (BENCH_INSTANCE_WORKERS): half of "
            "this machine's cores, so that two use all of them, as two hosts of half the size "
            "would. nginx takes them in turn (deploy/nginx/hamarregion.conf's upstream), "
            "without its cache; the portal's page cache is off.",
            "",
            *instance_rises(rows),
            *([edit.line(config.edit_max_age)] if edit else []),
            "",
        ]
    text = "\n".join(lines)
    print(text)
    config.output.write_text(text, encoding="utf-8")
    say(f"table written to {config.output}")
    return 1 if failed(rows) or (edit and edit.verdict == "FAIL") else 0


if __name__ == "__main__":
    sys.exit(main())
