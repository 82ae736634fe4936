"""`make run` on SQLite answers concurrent writes without «database is locked» errors: its
development server, on a database file, under failed logins from many threads at once (each
writes django-axes' attempt in a transaction that reads first)."""

import http.client
import re
import subprocess  # noqa: S404 - our own manage.py with the running interpreter
import sys
import threading
import time
from contextlib import suppress
from urllib.parse import urlencode

import pytest

from tests.deploy.servers import PROJECT, Gunicorn, free_port, production_environment

REQUESTS = 40
THREADS = 10


@pytest.fixture
def development_server(migrated_sqlite, tmp_path):
    environment = {
        **production_environment(DATABASE_URL=f"sqlite:///{migrated_sqlite}"),
        "DJANGO_DEBUG": "1",
    }
    port = free_port()
    log_path = tmp_path / "runserver.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=PROJECT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    # The request helpers of the gunicorn tests, pointed at the development server.
    server = Gunicorn(environment=environment, log_path=log_path, port=port, process=process)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with suppress(OSError):
                if server.request("GET", "/helse/live", secure=False).status == 200:
                    break
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        process.wait(timeout=20)


def failed_login(server, number):
    page = server.request("GET", "/konto/logg-inn/", secure=False)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    try:
        connection.request(
            "POST",
            "/konto/logg-inn/",
            body=urlencode(
                {"csrfmiddlewaretoken": token, "username": f"gjest-{number}", "password": "feil"}
            ),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={page.cookies()['csrftoken']}",
                "Origin": f"http://127.0.0.1:{server.port}",
            },
        )
        return connection.getresponse().status
    finally:
        connection.close()


def test_concurrent_failed_logins_on_sqlite_never_answer_500(development_server):
    statuses = []
    lock = threading.Lock()
    numbers = iter(range(REQUESTS))

    def worker():
        for number in numbers:
            status = failed_login(development_server, number)
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert len(statuses) == REQUESTS
    # 200: the form again with its error; 429: the address's ceiling of failed logins reached.
    assert set(statuses) <= {200, 429}, development_server.log()[-3000:]
    assert "database is locked" not in development_server.log()
