"""The two phases of the resilience check (scripts/resilience.py): PostgreSQL restarted under
load, and Redis stopped under load."""

import json
import os
import secrets
import shlex
import subprocess  # noqa: S404 - our own commands, no shell
import sys
import threading
import time
from contextlib import suppress
from datetime import datetime
from pathlib import Path

from resilience_applicant import Submissions, keep_submitting, log_in, submission_fields
from resilience_processes import (
    PROJECT,
    TEMPLATE_DRAFT,
    Client,
    clock,
    free_port,
    now,
    production_environment,
    run_wrk,
    say,
    start_gunicorn,
    wrk_summary,
)


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
