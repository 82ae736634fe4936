"""gunicorn instances started as in production, and plain HTTP requests to them."""

import contextlib
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess  # noqa: S404 - our own manage.py and gunicorn with the running interpreter
import sys
import time
from dataclasses import dataclass, field
from email.message import Message
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path

from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
STARTUP_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(**extra) -> dict[str, str]:
    """The environment of a production process: DEBUG off with a key and local host names,
    none of the test run's own DJANGO_* variables."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "REDIS_URL", "WEB_CONCURRENCY"))
    }
    environment.pop("DATABASE_URL", None)
    environment.update(
        DJANGO_SETTINGS_MODULE="hamarregion.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        **extra,
    )
    return environment


def collectstatic(static_root: Path) -> None:
    """What a release does before gunicorn starts: CompressedManifestStaticFilesStorage
    refuses to render a page without its manifest."""
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=PROJECT,
        env=production_environment(DJANGO_STATIC_ROOT=str(static_root)),
        check=True,
        capture_output=True,
        timeout=120,
    )


@dataclass
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()

    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for header in self.headers.get_all("Set-Cookie") or []:
            jar.load(header)
        return {name: morsel.value for name, morsel in jar.items()}


@dataclass
class Gunicorn:
    """One app server: `gunicorn hamarregion.wsgi` in the project folder, which reads
    gunicorn.conf.py, with its log (stdout and stderr) in a file."""

    environment: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    def start(self) -> "Gunicorn":
        environment = {**self.environment, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                [sys.executable, "-m", "gunicorn", "hamarregion.wsgi"],
                cwd=PROJECT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.wait_until_ready()
        return self

    def wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn stopped at start:\n{self.log()}")
            with contextlib.suppress(OSError):
                if self.request("GET", "/helse/klar", secure=False).status == 200:
                    return
            time.sleep(0.2)
        raise AssertionError(f"gunicorn not ready in {STARTUP_SECONDS} s:\n{self.log()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # The whole session: the master and its workers.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def log_entries(self) -> list[dict]:
        """Every line gunicorn and Django wrote, each parsed as the JSON object it must be."""
        return [json.loads(line) for line in self.log().splitlines() if line.strip()]

    def request(self, method, path, *, secure=True, cookies=None, form=None, headers=None):
        """One request without following redirects. `secure` sends X-Forwarded-Proto: https,
        as the load balancer that ends TLS does."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if secure:
            sent["X-Forwarded-Proto"] = "https"
        if cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        body = None
        if form is not None:
            from urllib.parse import urlencode

            body = urlencode(form, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"https://127.0.0.1:{self.port}"
            sent["Referer"] = f"https://127.0.0.1:{self.port}{path}"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()


class FormFields(HTMLParser):
    """The fields a browser would post from the form with this id: inputs with their values
    (checked boxes only), text areas and the selected options of selects."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
            return
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"submit", "button", "file", "image", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            self.fields.append((name, attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.fields.append((self._select, attrs.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # The HTML parser keeps the newline browsers drop after <textarea>.
            self.fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_fields(html: str, form_id: str) -> list[tuple[str, str]]:
    parser = FormFields(form_id)
    parser.feed(html)
    # Admin inline formsets also hold an empty template form that the page's script copies.
    return [(name, value) for name, value in parser.fields if "__prefix__" not in name]
