"""gunicorn with the production settings, as gunicorn.conf.py starts it: the probes answer over
plain HTTP, whitenoise serves hashed, compressed static files with a far-future lifetime, and
every log line is a JSON object with no password reset token in it."""

import json
import time

import pytest

from tests.deploy.servers import Gunicorn, production_environment

ONE_YEAR = 365 * 24 * 60 * 60


@pytest.fixture(scope="module")
def server(collected_static, tmp_path_factory):
    folder = tmp_path_factory.mktemp("gunicorn")
    # An empty SQLite file is enough: the probes and static files need no table.
    environment = production_environment(
        DATABASE_URL=f"sqlite:///{folder / 'empty.sqlite3'}",
        DJANGO_STATIC_ROOT=str(collected_static),
        DJANGO_PRIVATE_MEDIA_ROOT=str(folder / "private"),
        WEB_CONCURRENCY="1",
    )
    instance = Gunicorn(environment, folder / "gunicorn.log")
    try:
        yield instance.start()
    finally:
        instance.stop()


@pytest.fixture(scope="module")
def manifest(collected_static):
    return json.loads((collected_static / "staticfiles.json").read_text())["paths"]


def test_the_probes_answer_over_plain_http(server):
    live = server.request("GET", "/helse/live", secure=False)
    ready = server.request("GET", "/helse/klar", secure=False)

    assert (live.status, live.text) == (200, "ok\n")
    assert ready.status == 200
    assert json.loads(ready.body) == {"status": "ok", "database": "ok", "cache": "ok"}
    # Every other address is sent to HTTPS.
    assert server.request("GET", "/", secure=False).status == 301


def test_hashed_static_files_are_served_compressed_for_a_year(server, manifest):
    hashed = manifest["css/site.css"]
    assert hashed != "css/site.css"

    answer = server.request("GET", f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})

    assert answer.status == 200
    assert answer.headers["Content-Encoding"] == "gzip"
    assert answer.body[:2] == b"\x1f\x8b"
    cache_control = answer.headers["Cache-Control"]
    assert f"max-age={10 * ONE_YEAR}" in cache_control or f"max-age={ONE_YEAR}" in cache_control
    assert "immutable" in cache_control


def test_a_static_file_under_its_plain_name_is_not_kept_for_long(server):
    answer = server.request("GET", "/static/css/site.css")

    assert answer.status == 200
    assert "immutable" not in answer.headers["Cache-Control"]


def logged(server, request_id) -> dict:
    """The access line of the request with this id (gunicorn writes it just after answering)."""
    deadline = time.monotonic() + 5
    while True:
        found = [
            entry
            for entry in server.log_entries()
            if entry["logger"] == "gunicorn.access" and entry.get("request_id") == request_id
        ]
        if found or time.monotonic() > deadline:
            assert len(found) == 1, server.log()
            return found[0]
        time.sleep(0.1)


def test_every_log_line_is_json_and_the_access_lines_carry_the_request(server):
    server.request("GET", "/helse/live", secure=False, headers={"X-Request-ID": "probe-0001"})

    probe = logged(server, "probe-0001")
    assert probe["logger"] == "gunicorn.access"
    assert (probe["method"], probe["path"], probe["status"]) == ("GET", "/helse/live", 200)
    assert isinstance(probe["duration_ms"], float)
    assert {"time", "level", "logger", "message"} <= set(server.log_entries()[0])


def test_no_reset_token_or_query_string_reaches_the_log(server):
    token = "cz8w1k-0123456789abcdef0123456789abcdef"
    # Without its last slash: answered by a redirect, before any table is read.
    link = f"/konto/nytt-passord/MTIz/{token}?e-post=ola.nordmann@example.org"

    answer = server.request("GET", link, headers={"X-Request-ID": "reset-0001"})

    assert answer.status == 301
    entry = logged(server, "reset-0001")
    assert entry["path"] == "/konto/nytt-passord/[redacted]/[redacted]"
    assert token not in server.log()
    assert "MTIz" not in server.log()
    assert "ola.nordmann" not in server.log()
