"""gunicorn behind nginx as deploy/ configures them: nginx refuses an oversized body before
reading it, with a readable page; the client's address the portal counts failed logins by is
the one nginx saw, whatever the client put in X-Forwarded-For; gunicorn listens on the loopback
interface only; Redis has a memory limit that evicts. Skipped where nginx is not installed
(CI installs Debian's package)."""

import gzip
import http.client
import json
import re
import runpy
import shutil
import socket
import subprocess  # noqa: S404 - nginx, redis-server and our own manage.py
import sys
import threading
import time
from contextlib import suppress
from pathlib import Path
from urllib.parse import urlencode

import pytest
import redis

from tests.deploy.servers import PROJECT, Gunicorn, free_port, production_environment

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# `make prod`'s own configuration around the deploy files (scripts/prod.py).
nginx_config = runpy.run_path(str(PROJECT / "scripts" / "prod.py"))["nginx_config"]
DEPLOY = PROJECT / "deploy"
USERNAME, PASSWORD = "hamar-test", "Riktig-passord-2026"

needs_nginx = pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise AssertionError(f"nothing listens on {port}")


@pytest.fixture(scope="module")
def stack(collected_static, migrated_database, tmp_path_factory):
    folder = tmp_path_factory.mktemp("stack")
    shutil.copyfile(migrated_database, folder / "db.sqlite3")
    environment = production_environment(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_STATIC_ROOT=str(collected_static),
        DJANGO_PRIVATE_MEDIA_ROOT=str(folder / "private"),
        DJANGO_TRUSTED_PROXY_COUNT="1",
        # TLS ends at nginx in production; here nginx speaks plain HTTP on the loopback.
        DJANGO_SECURE_SSL_REDIRECT="0",
        WEB_CONCURRENCY="1",
        # nginx keeps public pages this long; the portal renders each request itself.
        DJANGO_PUBLIC_MAX_AGE="2",
        DJANGO_PUBLIC_STALE_SECONDS="0",
        DJANGO_PAGE_CACHE_SECONDS="0",
    )
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.contrib.auth.models import User; "
            f"User.objects.create_user({USERNAME!r}, password={PASSWORD!r})",
        ],
        cwd=PROJECT,
        env=environment,
        check=True,
        capture_output=True,
        timeout=300,
    )
    app = Gunicorn(environment, folder / "gunicorn.log").start()
    port = free_port()
    check = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-c", str(nginx_config(folder, port, app.port, collected_static))],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    nginx = subprocess.Popen(  # noqa: S603
        [NGINX, "-c", str(folder / "nginx.conf")], stderr=subprocess.STDOUT
    )
    try:
        wait_for_port(port)
        yield {"port": port, "app": app, "folder": folder, "static_root": collected_static}
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)
        app.stop()


def through_nginx(stack, method, path, *, body=None, headers=None, source="127.0.0.1"):
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack["port"], timeout=30, source_address=(source, 0)
    )
    try:
        connection.request(
            method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})}
        )
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def log_in(stack, password, *, forwarded_for=None, source="127.0.0.1"):
    status, headers, page = through_nginx(stack, "GET", "/konto/logg-inn/", source=source)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    sent = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Origin": "http://127.0.0.1",
    }
    if forwarded_for:
        sent["X-Forwarded-For"] = forwarded_for
    body = urlencode({"csrfmiddlewaretoken": token, "username": USERNAME, "password": password})
    return through_nginx(stack, "POST", "/konto/logg-inn/", body=body, headers=sent, source=source)[
        0
    ]


@needs_nginx
def test_nginx_refuses_an_oversized_body_by_its_length_before_reading_it(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack["port"], timeout=10)
    try:
        connection.putrequest("POST", "/soknader/1/vedlegg/")
        connection.putheader("Content-Type", "multipart/form-data; boundary=x")
        connection.putheader("Content-Length", str(200 * 1024 * 1024))
        connection.endheaders()
        # Not a byte of the 200 MB is sent: the answer comes on the headers alone.
        response = connection.getresponse()
        status, page = response.status, response.read().decode()
    finally:
        connection.close()

    assert status == 413
    assert "Forespørselen er for stor" in page
    assert "/soknader/1/vedlegg/" not in stack["app"].log()


@needs_nginx
def test_behind_nginx_a_forged_forwarded_address_does_not_escape_the_lockout(stack):
    """Each failure claims another address in X-Forwarded-For; nginx appends the real one, and
    the portal (DJANGO_TRUSTED_PROXY_COUNT=1) counts that one."""
    statuses = [
        log_in(stack, "feil-passord", forwarded_for=f"203.0.113.{number}") for number in range(5)
    ]

    refused = log_in(stack, PASSWORD, forwarded_for="198.51.100.1")
    from_another_client = log_in(stack, PASSWORD, source="127.0.0.2")

    assert statuses == [200, 200, 200, 200, 429]
    assert refused == 429
    assert from_another_client == 302


def test_gunicorn_listens_on_the_loopback_interface_for_the_proxy_only(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.delenv("GUNICORN_BIND", raising=False)

    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))

    assert config["bind"] == ["127.0.0.1:8123"]


def test_the_container_and_the_units_bind_where_only_the_proxy_reaches():
    container = (DEPLOY / "Containerfile").read_text()
    unit = (DEPLOY / "systemd" / "hamarregion@.service").read_text()
    assert "GUNICORN_BIND=unix:/run/hamarregion/gunicorn.sock" in container
    assert "EXPOSE" not in container
    assert "GUNICORN_BIND" not in unit and "Environment=PORT=%i" in unit


def test_the_container_image_holds_every_app_of_the_project():
    container = (DEPLOY / "Containerfile").read_text()
    apps = sorted(
        {path.parent.name for path in PROJECT.glob("*/apps.py")} | {"hamarregion", "templates"}
    )

    assert apps, "no app found"
    assert [app for app in apps if f"COPY {app}/ {app}/" not in container] == []


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server is not installed")
def test_redis_as_deployed_has_a_memory_limit_and_evicts_the_least_recently_used(tmp_path):
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [
            shutil.which("redis-server"),
            str(DEPLOY / "redis" / "hamarregion.conf"),
            "--port",
            str(port),
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        client = redis.Redis(port=port)
        assert client.config_get("maxmemory-policy") == {"maxmemory-policy": "allkeys-lru"}
        assert int(client.config_get("maxmemory")["maxmemory"]) == 256 * 1024 * 1024
        assert client.config_get("save") == {"save": ""}
    finally:
        server.terminate()
        server.wait(timeout=10)


def requests_reaching_the_app(stack, path) -> int:
    """How many requests for `path` gunicorn answered (its access lines, written as it answers)."""
    time.sleep(0.2)
    return sum(
        1
        for entry in stack["app"].log_entries()
        if entry["logger"] == "gunicorn.access" and entry.get("path") == path
    )


@needs_nginx
def test_nginx_serves_an_anonymous_public_page_from_its_cache_within_the_max_age(stack):
    path = "/barekraftsmal/"

    first = through_nginx(stack, "GET", path)
    second = through_nginx(stack, "GET", path)

    assert (first[0], first[1]["X-Proxy-Cache"]) == (200, "MISS")
    assert (second[0], second[1]["X-Proxy-Cache"]) == (200, "HIT")
    assert second[2] == first[2]
    assert requests_reaching_the_app(stack, path) == 1
    # The portal's answer names the request it logged; the kept copy no request of anyone's.
    logged = [
        entry.get("request_id")
        for entry in stack["app"].log_entries()
        if entry["logger"] == "gunicorn.access" and entry.get("path") == path
    ]
    assert logged == [first[1]["X-Request-ID"]]
    assert "X-Request-ID" not in second[1]


@needs_nginx
def test_a_burst_for_a_page_not_kept_makes_one_request_to_the_app(stack):
    path = "/personvern/"
    answers = []

    def ask():
        answers.append(through_nginx(stack, "GET", path)[0])

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == [200] * 8
    assert requests_reaching_the_app(stack, path) == 1


@needs_nginx
def test_a_visitor_with_a_session_is_never_served_or_stored_by_nginx(stack):
    path = "/utlysninger/"
    through_nginx(stack, "GET", path)

    with_session = through_nginx(stack, "GET", path, headers={"Cookie": "sessionid=abc"})
    anonymous = through_nginx(stack, "GET", path)

    assert with_session[1]["X-Proxy-Cache"] == "BYPASS"
    assert anonymous[1]["X-Proxy-Cache"] == "HIT"
    assert requests_reaching_the_app(stack, path) == 2


@needs_nginx
def test_nginx_keeps_each_language_by_its_address_and_lets_the_old_cookie_through(stack):
    path = "/tilgjengelighet/"
    bokmal = [through_nginx(stack, "GET", path) for _ in range(2)]
    english = [through_nginx(stack, "GET", f"/en{path}") for _ in range(2)]

    with_old_cookie = through_nginx(stack, "GET", path, headers={"Cookie": "django_language=en"})

    assert [page[1]["X-Proxy-Cache"] for page in bokmal + english] == ["MISS", "HIT"] * 2
    assert '<html lang="nb">' in bokmal[1][2] and '<html lang="en">' in english[1][2]
    assert bokmal[0][1]["Vary"] == english[0][1]["Vary"] == "Accept-Encoding"
    assert with_old_cookie[0] == 302
    assert with_old_cookie[1]["Location"] == f"/en{path}"
    assert with_old_cookie[1]["X-Proxy-Cache"] == "BYPASS"


@needs_nginx
def test_an_edit_shows_through_nginx_once_the_max_age_has_passed(stack):
    path = "/moter/"
    before = through_nginx(stack, "GET", path)
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from datetime import timedelta; from django.utils import timezone; "
            "from meetings.models import Meeting; Meeting.objects.create(title='Ekstramøte i "
            "regionrådet', starts_at=timezone.now() + timedelta(days=3), place='Hamar')",
        ],
        cwd=PROJECT,
        env=stack["app"].environment,
        check=True,
        capture_output=True,
        timeout=120,
    )

    edited = time.monotonic()
    kept = through_nginx(stack, "GET", path)
    # nginx keeps the page for DJANGO_PUBLIC_MAX_AGE (2 s in this stack), counted in whole
    # seconds from when it stored it; the bound below leaves room for a slow machine.
    after = kept
    while "Ekstramøte i regionrådet" not in after[2] and time.monotonic() - edited < 10:
        time.sleep(0.25)
        after = through_nginx(stack, "GET", path)
    shown_after = time.monotonic() - edited

    assert "Ekstramøte i regionrådet" not in before[2]
    assert "Ekstramøte i regionrådet" in after[2]
    assert after[1]["X-Proxy-Cache"] in {"EXPIRED", "MISS"}
    assert shown_after <= 5, f"the edit showed {shown_after:.1f} s after it was made"


@needs_nginx
def test_nginx_serves_static_files_itself_hashed_ones_immutable_and_gzipped(stack):
    manifest = json.loads((stack["static_root"] / "staticfiles.json").read_text())
    hashed = "/static/" + manifest["paths"]["css/site.css"]

    compressed = through_nginx_raw(stack, hashed, {"Accept-Encoding": "gzip"})
    plain = through_nginx_raw(stack, "/static/css/site.css", {})

    assert compressed[0] == 200
    assert compressed[1]["Content-Encoding"] == "gzip"
    assert "immutable" in compressed[1]["Cache-Control"]
    assert gzip.decompress(compressed[2]) == (stack["static_root"] / "css/site.css").read_bytes()
    assert plain[0] == 200
    assert "immutable" not in plain[1]["Cache-Control"]
    assert requests_reaching_the_app(stack, hashed) == 0


def through_nginx_raw(stack, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", stack["port"], timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1", **headers})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@needs_nginx
def test_nginx_keeps_one_gzip_copy_of_a_page_for_every_browser_and_one_plain_copy(stack):
    path = "/handlingsprogram/"

    chromium = through_nginx_raw(stack, path, {"Accept-Encoding": "gzip, deflate, br, zstd"})
    firefox = through_nginx_raw(stack, path, {"Accept-Encoding": "gzip, deflate, br"})
    plain = [through_nginx_raw(stack, path, {}) for _ in range(2)]

    caching = [answer[1]["X-Proxy-Cache"] for answer in (chromium, firefox, *plain)]
    assert caching == ["MISS", "HIT", "MISS", "HIT"]
    assert chromium[1]["Content-Encoding"] == firefox[1]["Content-Encoding"] == "gzip"
    assert chromium[1]["Vary"] == "Accept-Encoding"
    assert "Content-Encoding" not in plain[1][1]
    assert gzip.decompress(firefox[2]) == plain[1][2]
    assert requests_reaching_the_app(stack, path) == 2
