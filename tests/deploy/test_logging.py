"""Structured logs: one JSON object per line with the request's fields, and no password reset
token, query string or visitor's address in them."""

import io
import json
import logging
from datetime import datetime

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from hamarregion.logging import JsonFormatter, PlainFormatter
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_lines():
    """What the django.request logger writes through the JSON formatter, one line per record,
    formatted while the request is handled (as on stdout)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def record(name="hamarregion.test", msg="Noe skjedde", args=(), level=logging.INFO, **extra):
    made = logging.LogRecord(name, level, __file__, 1, msg, args, None)
    made.__dict__.update(extra)
    return made


def reset_link(user) -> tuple[str, str]:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse("password_reset_confirm", kwargs={"uidb64": uidb64, "token": token}), token


def test_a_record_is_one_line_of_json_with_time_level_logger_and_message():
    line = JsonFormatter().format(record(msg="Søknad %s sendt inn", args=("42",)))

    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "INFO"
    assert entry["logger"] == "hamarregion.test"
    assert entry["message"] == "Søknad 42 sendt inn"
    assert datetime.fromisoformat(entry["time"]).utcoffset().total_seconds() == 0


def test_an_exception_is_kept_inside_the_one_line():
    try:
        raise ValueError("feil i beregningen")
    except ValueError:
        import sys

        failed = record(level=logging.ERROR, exc_info=sys.exc_info())

    line = JsonFormatter().format(failed)

    assert "\n" not in line
    assert "ValueError: feil i beregningen" in json.loads(line)["exception"]


def test_a_log_line_written_during_a_request_carries_the_request_fields(client, json_lines):
    response = client.get("/finnes-ikke/?e-post=ola@example.org", HTTP_X_REQUEST_ID="lb-1234abcd")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "lb-1234abcd"
    [entry] = json_lines()
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "django.request"
    assert entry["method"] == "GET"
    assert entry["path"] == "/finnes-ikke/"
    assert entry["status"] == 404
    assert entry["request_id"] == "lb-1234abcd"
    assert "ola@example.org" not in json.dumps(entry)


def test_a_request_without_a_usable_id_gets_one_of_its_own(client):
    first = client.get("/helse/live", HTTP_X_REQUEST_ID='"}, "level": "forged')
    second = client.get("/helse/live")

    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_access_log_record_of_gunicorn_becomes_the_request_fields():
    # gunicorn passes the request's atoms as the record's arguments (gunicorn/glogging.py).
    atoms = {"m": "GET", "U": "/handlingsprogram/", "s": "200", "D": 12345}
    atoms["{x-request-id}o"] = "abc123def456"
    access = record("gunicorn.access", "%(m)s %(U)s %(s)s", (atoms,))

    entry = json.loads(JsonFormatter().format(access))

    assert entry["message"] == "GET /handlingsprogram/ 200"
    assert entry["method"] == "GET"
    assert entry["path"] == "/handlingsprogram/"
    assert entry["status"] == 200
    assert entry["duration_ms"] == 12.3
    assert entry["request_id"] == "abc123def456"


def test_the_password_reset_token_is_redacted_from_the_access_log():
    user = UserFactory()
    link, token = reset_link(user)
    atoms = {"m": "GET", "U": link, "s": "302", "D": 900, "{x-request-id}o": "-"}
    access = record("gunicorn.access", "%(m)s %(U)s %(s)s", (atoms,))

    line = JsonFormatter().format(access)

    assert token not in line
    assert json.loads(line)["path"] == "/konto/nytt-passord/[redacted]/[redacted]/"
    assert json.loads(line)["message"] == "GET /konto/nytt-passord/[redacted]/[redacted]/ 302"


def test_the_password_reset_token_is_redacted_from_a_request_log_line(json_lines):
    user = UserFactory()
    link, token = reset_link(user)
    uidb64 = link.split("/")[3]

    # A mistyped reset link (one segment too many) is logged as «Not Found» with its path.
    response = Client().get(link + "ekstra/")

    assert response.status_code == 404
    [entry] = json_lines()
    assert token not in json.dumps(entry)
    assert uidb64 not in json.dumps(entry)
    assert entry["path"] == "/konto/nytt-passord/[redacted]/[redacted]/ekstra/"


def test_the_plain_development_format_redacts_the_token_too():
    user = UserFactory()
    link, token = reset_link(user)

    line = PlainFormatter("%(message)s").format(record(msg="Not Found: %s", args=(link,)))

    assert token not in line
    assert line == "Not Found: /konto/nytt-passord/[redacted]/[redacted]/"


def test_the_password_reset_done_page_is_not_redacted():
    done = reverse("password_reset_complete")

    line = JsonFormatter().format(record(msg=done))

    assert json.loads(line)["message"] == done


def test_an_invitation_links_token_is_redacted_but_the_people_pages_are_not():
    link = reverse("accounts:invitation-accept", kwargs={"token": "eyJpIjo1fQ:1abc:signatur"})
    people = reverse("accounts:invitation-resend", kwargs={"slug": "hamar", "pk": 5})

    json_line = json.loads(JsonFormatter().format(record(msg="GET %s 200", args=(link,))))
    plain_line = PlainFormatter("%(message)s").format(record(msg="Not Found: %s", args=(link,)))

    assert json_line["message"] == "GET /konto/invitasjon/[redacted]/ 200"
    assert plain_line == "Not Found: /konto/invitasjon/[redacted]/"
    assert json.loads(JsonFormatter().format(record(msg=people)))["message"] == people
