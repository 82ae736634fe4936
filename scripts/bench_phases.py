"""The three parts of a `make bench` run (scripts/bench.py), each with the servers it starts
and stops: one app server with nginx in front, two app servers behind nginx, and the edit
check."""

from __future__ import annotations

from contextlib import ExitStack

from bench_edit import EditCheck, edit_check
from bench_measure import BROWSER, Row, measure
from bench_setup import Server, fetch, start_nginx, start_server, wait_ready
from bench_support import Config, redis_command, settle_postgres

PUBLIC_PAGES = [
    "front page",
    "programme",
    "focus area",
    "goals list",
    "calls list",
    "catalogue",
    "catalogue filtered",
    "catalogue search",
    "project page",
    "statistics",
    "open data",
]
# Pages whose 304 answers are measured: the lightest page and the heaviest to render.
REVALIDATED_PAGES = ["front page", "catalogue"]
# Requests straight to gunicorn come as from the proxy that ends TLS in production; through
# nginx, nginx sets the header itself.
HTTPS = {"X-Forwarded-Proto": "https"}


class Bench:
    """What every part needs: the facts of the database, the servers' environment and where
    they keep their files."""

    def __init__(self, config: Config, facts: dict, env: dict, static_root, static_path, wrk):
        self.config, self.facts, self.env, self.wrk = config, facts, env, wrk
        self.static_root, self.static_path = static_root, static_path
        self.paths = facts["paths"]
        self.log_dir = config.output.parent

    @staticmethod
    def keep(stack: ExitStack, server: Server) -> Server:
        """The server, stopped with the stack, whatever stops the part."""
        stack.callback(server.stop)
        return server

    def nginx(self, stack: ExitStack, name: str, upstreams: list[Server], **options) -> Server:
        return self.keep(
            stack, start_nginx(name, upstreams, self.static_root, self.log_dir, **options)
        )

    def instances(self, stack: ExitStack, name: str, env: dict) -> tuple[Server, Server]:
        """Two gunicorn instances A and B with one environment, as two hosts would run them."""
        a = self.keep(stack, start_server(f"{name}-a", env, self.log_dir))
        return a, self.keep(stack, start_server(f"{name}-b", env, self.log_dir))

    def wait_ready(self, *servers: Server) -> None:
        for server in servers:
            wait_ready(server, self.paths["readiness"])

    def measure(self, rows: list[Row]) -> list[Row]:
        for row in rows:
            measure(row, self.wrk, self.config)
            if self.config.is_postgres:
                settle_postgres(self.config.database_url)
        return rows

    def one_server(self) -> list[Row]:
        """nginx in front of an app server with its page cache, as in production; the same
        pages from an app server without it; 304 answers; the secretariat's list."""
        paths, variants = self.paths, self.config.variants
        with ExitStack() as stack:
            uncached_env = {**self.env, "DJANGO_PAGE_CACHE_SECONDS": "0"}
            cached = self.keep(stack, start_server("cached", self.env, self.log_dir))
            uncached = self.keep(stack, start_server("uncached", uncached_env, self.log_dir))
            proxy = self.nginx(stack, "proxy", [cached])
            self.wait_ready(cached, uncached, proxy)
            # The static file before and after the pages through nginx: the ratios are taken to
            # the higher of the two, and a large difference says the machine was not quiet.
            static = ("static file", "static", self.static_path, {}, proxy.base)
            rows = [
                Row(*static),
                Row("liveness", "liveness", paths["liveness"], HTTPS, uncached.base),
            ]
            if "proxy" in variants:
                rows += [Row(page, "proxy", paths[page], {}, proxy.base) for page in PUBLIC_PAGES]
                rows.append(Row("static file (again)", *static[1:]))
            if "uncached" in variants:
                rows += [
                    Row(page, "uncached", paths[page], HTTPS, uncached.base)
                    for page in PUBLIC_PAGES
                ]
            if "revalidation" in variants:
                rows += [self.revalidation(page, cached) for page in REVALIDATED_PAGES]
            if "staff" in variants:
                staff = {**HTTPS, "Cookie": self.facts["session_cookie"]}
                rows += [
                    Row(page, "staff", paths[page], staff, uncached.base)
                    for page in ("application list (admin)", "work queue")
                ]
            return self.measure(rows)

    def revalidation(self, page: str, server: Server) -> Row:
        """A request that holds the page nginx kept, as nginx asks once the max-age is over."""
        etag = fetch(server.base + self.paths[page], {**BROWSER, **HTTPS}).headers.get("ETag", "")
        headers = {**HTTPS, "If-None-Match": etag}
        return Row(page, "revalidation", self.paths[page], headers, server.base, expect=304)

    def instance_env(self, **extra: str) -> dict:
        return {**self.env, "WEB_CONCURRENCY": str(self.config.instance_workers), **extra}

    def two_servers(self) -> list[Row]:
        """Each public page through nginx, without nginx's cache or the portal's, with one app
        server behind it and with two, on one PostgreSQL and one Redis."""
        env = self.instance_env(DJANGO_PAGE_CACHE_SECONDS="0")
        with ExitStack() as stack:
            a, b = self.instances(stack, "instance", env)
            one = self.nginx(stack, "one-instance", [a], proxy_cache=False)
            two = self.nginx(stack, "two-instances", [a, b], proxy_cache=False)
            self.wait_ready(a, b, one, two)
            rows = []
            for page in PUBLIC_PAGES:
                single = Row(page, "1 instance", self.paths[page], {}, one.base)
                rows += [single, Row(page, "2 instances", self.paths[page], {}, two.base)]
                rows[-1].baseline = single
            return self.measure(rows)

    def edit(self) -> EditCheck:
        """Two app servers with the page cache on behind nginx with its cache: an edit in admin
        on one shows through nginx within the max-age."""
        if not self.paths["sub-theme (admin)"]:
            return EditCheck("FAIL", "the programme has no sub-theme to rename")
        # Pages the first part kept in Redis carry its max-age of 60 s.
        redis_command(self.config.redis_url, ["FLUSHDB"])
        env = self.instance_env(
            DJANGO_PUBLIC_MAX_AGE=str(self.config.edit_max_age), DJANGO_PUBLIC_STALE_SECONDS="0"
        )
        with ExitStack() as stack:
            a, b = self.instances(stack, "edit", env)
            proxy = self.nginx(stack, "edit-proxy", [a, b])
            self.wait_ready(a, b, proxy)
            return edit_check(
                a,
                proxy,
                self.paths["focus area"],
                self.paths["sub-theme (admin)"],
                self.facts["session_cookie"],
                self.config.edit_max_age,
            )
