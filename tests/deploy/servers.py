"""gunicorn instances started as in production, and plain HTTP requests to them."""

import contextlib
import http.client
import json
import os
import runpy
import secrets
import signal
import socket
import subprocess  # noqa: S404 - our own manage.py and gunicorn with the running interpreter
import sys
import time
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
STARTUP_SECONDS = 60
# The fields of a form and the cookies of an answer, read as `make bench` reads them too.
HTML_FORMS = runpy.run_path(str(PROJECT / "scripts" / "html_forms.py"))


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
        return HTML_FORMS["set_cookies"](self.headers)


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


form_fields = HTML_FORMS["form_fields"]
