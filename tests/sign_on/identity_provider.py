"""The test OpenID Connect provider (tests/sign_on/provider_site) as a running server: started once
per test session (per xdist worker) on a free port with a database of its own, and stopped after.
`sign_in_at_provider` goes through its login form as a browser would, with `requests`."""

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from tests.sign_on.provider_site.people import CLIENT_ID, CLIENT_SECRET, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PROVIDER_SETTINGS = "tests.sign_on.provider_site.settings"
# Where the portal's test client (Django's, host "testserver") is sent back to.
TEST_CLIENT_REDIRECT_URI = "http://testserver/konto/felles-innlogging/tilbake/"
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningProvider:
    base_url: str
    folder: Path
    environment: dict

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/openid"

    def entry(self, key="hamar-test", **overrides) -> dict:
        """The provider as one entry of DJANGO_OIDC_PROVIDERS, for Hamar kommune."""
        return {
            "key": key,
            "name": "Hamar kommune (testleverandør)",
            "organisation": "hamar",
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "signing_algorithm": "RS256",
            "scopes": "openid email profile",
            **overrides,
        }

    def manage(self, *arguments: str) -> None:
        subprocess.run(  # noqa: S603 - the test's own interpreter and arguments
            [sys.executable, "-m", "django", *arguments],
            cwd=ROOT,
            env=self.environment,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def allow_redirect_uri(self, uri: str) -> None:
        """Registers another address of the portal (the live server's) with the client."""
        self.manage("provider_setup", "--redirect-uri", uri)

    def subject_of(self, person) -> str:
        """The `sub` the provider gives a person: its user's id (django-oidc-provider's default)."""
        with sqlite3.connect(self.folder / "provider.sqlite3") as database:
            row = database.execute(
                "SELECT id FROM auth_user WHERE email = ?", [person.email]
            ).fetchone()
        return str(row[0])

    def requests_received(self, path: str = "") -> list[dict]:
        """What the provider received, oldest first (provider_site/record.py)."""
        log = self.folder / "requests.jsonl"
        if not log.exists():
            return []
        entries = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
        return [entry for entry in entries if entry["path"].startswith(path)]


def _wait_until_up(process, base_url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"The test provider stopped at start:\n{log.read_text()}")
        try:
            if requests.get(f"{base_url}/openid/jwks", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    pytest.fail(f"The test provider did not answer within {STARTUP_SECONDS} s:\n{log.read_text()}")


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    """django-oidc-provider on 127.0.0.1 and a free port, as a separate Django: `manage.py
    runserver --noreload` in a subprocess, with its own SQLite file, RSA key and users."""
    folder = tmp_path_factory.mktemp("identity-provider")
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": PROVIDER_SETTINGS,
        "PROVIDER_DATABASE": str(folder / "provider.sqlite3"),
        "PROVIDER_REQUEST_LOG": str(folder / "requests.jsonl"),
        "PYTHONPATH": str(ROOT),
    }
    port = _free_port()
    provider = RunningProvider(f"http://127.0.0.1:{port}", folder, environment)
    provider.manage("provider_setup", "--redirect-uri", TEST_CLIENT_REDIRECT_URI)
    log = folder / "server.log"
    with log.open("w") as output:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "django", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        _wait_until_up(process, provider.base_url, log)
        yield provider
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def sign_in_at_provider(http: requests.Session, url: str, email: str, password=PASSWORD) -> str:
    """Follows `url` (the authorization request) at the provider, fills in its login form when
    it shows it, and returns the address the provider sends the browser back to."""
    provider_origin = re.match(r"https?://[^/]+", url).group(0)
    for _step in range(10):
        response = http.get(url, allow_redirects=False, timeout=10)
        if response.status_code == 200 and 'id="provider-login"' in response.text:
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
            response = http.post(
                url,
                data={
                    "csrfmiddlewaretoken": token.group(1),
                    "username": email,
                    "password": password,
                },
                headers={"Referer": url},
                allow_redirects=False,
                timeout=10,
            )
        if response.status_code not in (301, 302):
            raise AssertionError(f"The provider answered {response.status_code}: {response.text}")
        url = urljoin(url, response.headers["Location"])
        if not url.startswith(provider_origin):
            return url
    raise AssertionError("The provider kept redirecting.")
