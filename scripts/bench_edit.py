"""The edit check of `make bench` (scripts/bench.py): the secretariat renames a sub-theme in
admin on one app server, and the focus area's page, which nginx had kept, shows the new name
through nginx within the max-age, whichever app server nginx then asks."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from bench_setup import Answer, Server, fetch
from html_forms import form_fields, set_cookies

POLL_SECONDS = 0.2
# nginx counts a kept page's age in whole seconds from when it stored it.
NGINX_CLOCK_SECONDS = 1
# How long after the max-age the check goes on looking, to say how late a late edit showed.
LATE_SECONDS = 10


@dataclass
class AdminSession:
    """The secretariat's bench user in admin on one app server, as a browser behind the
    proxy that ends TLS."""

    server: Server
    cookies: dict[str, str]

    def request(self, path: str, fields: list[tuple[str, str]] | None = None) -> Answer:
        headers = {
            "X-Forwarded-Proto": "https",
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
        }
        data = None
        if fields is not None:
            data = urlencode(fields).encode()
            origin = f"https://127.0.0.1:{self.server.port}"
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": origin,
                    "Referer": origin + path,
                }
            )
        answer = fetch(self.server.base + path, headers, data=data)
        self.cookies.update(set_cookies(answer.headers))
        return answer

    def rename(self, change_path: str, form_id: str, new_name) -> tuple[int, str]:
        """Saves the change form with `new_name(name)` in its name field: the status of the
        save and the name the form held before."""
        form = self.request(change_path)
        if form.status != 200:
            return form.status, ""
        fields = form_fields(form.text, form_id)
        before = dict(fields).get("name", "")
        fields = [(key, new_name(value) if key == "name" else value) for key, value in fields]
        return self.request(change_path, [*fields, ("_save", "Lagre")]).status, before


@dataclass
class EditCheck:
    verdict: str
    detail: str

    def line(self, max_age: int) -> str:
        return (
            f"- edit in admin on instance A, seen through nginx (cache on) in front of A and B "
            f"with max-age {max_age} s: {self.detail} — {self.verdict}"
        )


def edit_check(
    instance_a: Server, proxy: Server, page: str, change_path: str, cookie: str, max_age: int
) -> EditCheck:
    """Loads `page` through the proxy until nginx keeps it, renames the sub-theme at
    `change_path` on instance A and asks the proxy for the page until the new name shows."""
    fetch(proxy.base + page)
    kept = fetch(proxy.base + page)
    if kept.status != 200 or kept.headers.get("X-Proxy-Cache") != "HIT":
        cache = kept.headers.get("X-Proxy-Cache")
        return EditCheck("FAIL", f"nginx did not keep the page (status {kept.status}, {cache})")
    cookie_name, _, cookie_value = cookie.partition("=")
    admin = AdminSession(instance_a, {cookie_name: cookie_value})
    marker = f"(bench {datetime.now():%H:%M:%S})"
    saved, before = admin.rename(change_path, "subtheme_form", lambda name: f"{name} {marker}")
    edited = time.monotonic()
    if saved != 302 or not before:
        return EditCheck("FAIL", f"the renamed sub-theme was not saved (status {saved})")
    try:
        limit = max_age + NGINX_CLOCK_SECONDS
        while time.monotonic() - edited < limit + LATE_SECONDS:
            seen = fetch(proxy.base + page)
            if seen.status == 200 and marker in seen.text:
                shown = time.monotonic() - edited
                outcome = "PASS" if shown <= limit + POLL_SECONDS else "MISS"
                status = seen.headers.get("X-Proxy-Cache", "")
                return EditCheck(outcome, f"shown after {shown:.1f} s (nginx {status})")
            time.sleep(POLL_SECONDS)
        return EditCheck("MISS", f"not shown {limit + LATE_SECONDS} s after the edit")
    finally:
        admin.rename(change_path, "subtheme_form", lambda _: before)
