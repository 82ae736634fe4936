"""The settings and the processes of the resilience check (scripts/resilience.py):
manage.py, gunicorn, a Redis server of its own and wrk, and the HTTP client that asks them."""

import os
import secrets
import shutil
import signal
import socket
import subprocess  # noqa: S404 - our own commands, no shell
import sys
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.client import HTTPConnection
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/hamarregion_resilience"
APPLICANT, APPLICANT_PASSWORD = "hamar", "demo-hamar"  # create_demo_accounts  # noqa: S105
TEMPLATE_DRAFT = "Bolyst i Hamarregionen"  # a complete draft made by create_demo_data


def now() -> float:
    return time.time()


def clock(moment: float) -> str:
    return datetime.fromtimestamp(moment, tz=UTC).strftime("%H:%M:%S.%f")[:-3]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def say(text: str = "") -> None:
    print(text, flush=True)


def manage(*args: str, environment: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def base_environment(database_url: str) -> dict[str, str]:
    keep = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "GUNICORN_", "REDIS_URL", "WEB_CONCURRENCY", "PORT"))
    }
    return {**keep, "DJANGO_SETTINGS_MODULE": "hamarregion.settings", "DATABASE_URL": database_url}


def production_environment(database_url: str, static_root: Path, **extra) -> dict[str, str]:
    return {
        **base_environment(database_url),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(static_root),
        # The submissions send e-mails; kept in the worker's memory instead of an SMTP server.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


@dataclass
class Process:
    """A child process in its own session, so that stopping it stops its children too."""

    command: list[str]
    environment: dict[str, str]
    log_path: Path
    popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        with self.log_path.open("ab") as log:
            self.popen = subprocess.Popen(  # noqa: S603
                self.command,
                cwd=PROJECT,
                env=self.environment,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return self

    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def stop(self) -> None:
        if not self.running():
            return
        os.killpg(self.popen.pid, signal.SIGTERM)
        try:
            self.popen.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=10)


def start_gunicorn(environment: dict[str, str], port: int, log_path: Path) -> Process:
    server = Process(
        [sys.executable, "-m", "gunicorn", "hamarregion.wsgi"],
        {**environment, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        log_path,
    ).start()
    deadline = now() + 60
    while now() < deadline:
        if not server.running():
            raise SystemExit(f"gunicorn stopped at start; see {log_path}")
        with suppress(OSError):
            if Client(port).get("/helse/klar").status == 200:
                return server
        time.sleep(0.2)
    server.stop()
    raise SystemExit(f"gunicorn was not ready within 60 s; see {log_path}")


def start_redis(port: int, folder: Path) -> Process:
    redis = Process(
        [
            shutil.which("redis-server") or "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        dict(os.environ),
        folder / "redis.log",
    ).start()
    deadline = now() + 10
    while now() < deadline:
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1) as s:
            s.sendall(b"PING\r\n")
            if s.recv(16).startswith(b"+PONG"):
                return redis
        time.sleep(0.1)
    raise SystemExit("the script's own redis-server did not start")


def run_wrk(url: str, seconds: int, connections: int, secure: bool) -> subprocess.Popen:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    if secure:
        command += ["-H", "X-Forwarded-Proto: https"]
    return subprocess.Popen(  # noqa: S603
        [*command, url], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def wrk_summary(output: str) -> str:
    wanted = ("requests in", "Non-2xx", "Socket errors", "Requests/sec")
    return "; ".join(line.strip() for line in output.splitlines() if any(w in line for w in wanted))


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    set_cookies: list[str]
    body: str


@dataclass
class Client:
    """Plain HTTP to one gunicorn, as the load balancer that ends TLS forwards it."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def request(self, method: str, path: str, form=None) -> Answer:
        connection = HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://127.0.0.1:{self.port}"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(
                response.status,
                {name.lower(): value for name, value in response.getheaders()},
                response.headers.get_all("Set-Cookie") or [],
                response.read().decode(errors="replace"),
            )
        finally:
            connection.close()
        for header in answer.set_cookies:
            jar = SimpleCookie()
            jar.load(header)
            self.cookies.update({name: morsel.value for name, morsel in jar.items()})
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, form) -> Answer:
        return self.request("POST", path, form)
