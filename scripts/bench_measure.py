"""Each row of `make bench` (scripts/bench.py): its wrk run, its verdict against the targets,
and the table of figures."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field

from bench_setup import fetch, tagged_line
from bench_support import LUA_SCRIPT, REQUEST_TIMEOUT_S, Config, say, settle_postgres

# Targets from issue 6, item 7 and issue 18, items 4 and 7.
PROXY_RATIO = 0.8
PUBLIC_P95_MS = 50.0
STAFF_P95_MS = 250.0
# Two instances count as a rise when they serve this much more than one: less is within what
# two runs of the same row differ by on a machine shared with other work.
INSTANCE_RISE = 1.1

# Every row asks as browsers do, for gzip: nginx serves a static file's .gz copy and the portal
# sends public pages compressed (hamarregion/page_cache/encoding.py).
BROWSER = {"Accept-Encoding": "gzip"}

# What serves each kind of row, as the table says it.
SERVED_BY = {
    "static": "nginx, static file",
    "liveness": "gunicorn",
    "proxy": "nginx cache, warm",
    "uncached": "gunicorn, page cache off",
    "revalidation": "gunicorn, If-None-Match",
    "staff": "gunicorn, logged in",
    "1 instance": "nginx → 1 instance, no caches",
    "2 instances": "nginx → 2 instances, no caches",
}


@dataclass
class Row:
    page: str
    variant: str
    path: str
    headers: dict = field(default_factory=dict)
    base: str = ""
    # The status every answer must have: 304 for revalidation, 200 for the others.
    expect: int = 200
    # A two-instance row's one-instance row, which it must outserve.
    baseline: Row | None = None
    status: int = 0
    cache: str = ""
    result: dict = field(default_factory=dict)

    def __post_init__(self):
        self.headers = {**BROWSER, **self.headers}

    @property
    def rps(self) -> float:
        if not self.result.get("duration_us"):
            return 0.0
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
        return r["unexpected"] + r["connect"] + r["read"] + r["write"] + r["timeout"]


def wrk(wrk_path: str, row: Row, seconds: int, connections: int, config: Config) -> dict:
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
    for name, value in row.headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603
        [*command, row.base + row.path, "--", str(row.expect)],
        text=True,
        capture_output=True,
        check=True,
    ).stdout
    return json.loads(tagged_line(output, "BENCH-RESULT"))


def cache_status(headers) -> str:
    """nginx's cache status where nginx answered, else the portal's page cache status."""
    if headers.get("X-Proxy-Cache"):
        return f"nginx {headers['X-Proxy-Cache']}"
    return f"app {headers['X-Page-Cache']}" if headers.get("X-Page-Cache") else ""


def measure(row: Row, wrk_path: str, config: Config) -> None:
    """Probe, warm up, probe again for the cache status, then the measured run."""
    url = row.base + row.path
    row.status = fetch(url, row.headers).status
    connections = config.staff_connections if row.variant == "staff" else config.connections
    wrk(wrk_path, row, config.warmup, connections, config)
    if config.is_postgres:
        settle_postgres(config.database_url)
    # After the warm-up a cached page must come from the cache; the column shows whether it did.
    row.cache = cache_status(fetch(url, row.headers).headers)
    row.result = wrk(wrk_path, row, config.duration, connections, config)
    say(
        f"{row.variant:12} {row.page:28} {row.rps:8.0f} rps  p50 {row.p50:6.1f} ms"
        f"  p95 {row.p95:6.1f} ms  errors {row.errors}"
    )


def verdict(row: Row, static_rps: float) -> tuple[str, str]:
    """(target, verdict) of a row. Errors make a row FAIL: figures of error pages mean nothing."""
    failed = "FAIL" if row.errors or row.status != row.expect or not row.result["requests"] else ""
    if row.variant == "static":
        return "reference", failed or "—"
    if row.variant == "proxy":
        target = f"ratio ≥ {PROXY_RATIO:.1f}"
        ok = static_rps > 0 and row.rps / static_rps >= PROXY_RATIO
    elif row.variant == "uncached":
        target, ok = f"p95 < {PUBLIC_P95_MS:.0f} ms", row.p95 < PUBLIC_P95_MS
    elif row.variant == "staff":
        target, ok = f"p95 < {STAFF_P95_MS:.0f} ms", row.p95 < STAFF_P95_MS
    elif row.variant == "2 instances" and row.baseline is not None:
        target = f"≥ {INSTANCE_RISE:.1f} × 1 instance"
        ok = row.baseline.rps > 0 and row.rps / row.baseline.rps >= INSTANCE_RISE
    else:
        # Liveness, revalidation and one instance are figures to compare with, not targets.
        return "—", failed or "—"
    return target, failed or ("PASS" if ok else "MISS")


def reference_rps(rows: list[Row]) -> float:
    return max((row.rps for row in rows if row.variant == "static"), default=0.0)


def failed(rows: list[Row]) -> bool:
    static_rps = reference_rps(rows)
    return any(verdict(row, static_rps)[1] == "FAIL" for row in rows)


def instance_rises(rows: list[Row]) -> list[str]:
    """A line per page measured with one and with two instances: how much the second added."""
    return [
        f"- {row.page}: {row.baseline.rps:.0f} → {row.rps:.0f} requests/s, "
        f"× {row.rps / row.baseline.rps:.2f}; p95 {row.baseline.p95:.1f} → {row.p95:.1f} ms"
        for row in rows
        if row.variant == "2 instances" and row.baseline is not None and row.baseline.rps
    ]


def ratio_text(rps: float, static_rps: float) -> str:
    """A row's throughput over the static file's: as a decimal down to a tenth, below that as
    a fraction (1/980), which a decimal would round to nothing."""
    if not static_rps:
        return "—"
    if not rps:
        return "0"
    ratio = rps / static_rps
    return f"{ratio:.2f}" if ratio >= 0.1 else f"1/{static_rps / rps:.0f}"


def table(rows: list[Row]) -> list[str]:
    static_rps = reference_rps(rows)
    head = [
        "page",
        "served by",
        "rps",
        "p50 ms",
        "p95 ms",
        "÷ static",
        "errors",
        "cache",
        "target",
        "verdict",
    ]
    body = []
    for row in rows:
        target, result = verdict(row, static_rps)
        errors = str(row.errors)
        if row.status != row.expect:
            errors += f" (status {row.status})" if row.status else " (no answer)"
        elif not row.result["requests"]:
            errors += " (none finished)"
        body.append(
            [
                row.page,
                SERVED_BY[row.variant],
                f"{row.rps:.0f}",
                f"{row.p50:.1f}",
                f"{row.p95:.1f}",
                ratio_text(row.rps, static_rps),
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
