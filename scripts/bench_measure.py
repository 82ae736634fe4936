"""Each row of `make bench` (scripts/bench.py): its wrk run, its verdict against the targets,
and the table of figures."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field

from bench_setup import Server, probe, tagged_line
from bench_support import LUA_SCRIPT, REQUEST_TIMEOUT_S, Config, say, settle_postgres

# Targets from issue 6, item 7.
CACHED_RATIO = 0.8
PUBLIC_P95_MS = 50.0
STAFF_P95_MS = 250.0


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
