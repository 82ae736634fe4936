"""The load balancer's probes: /helse/live answers without touching anything, /helse/klar
answers 503 only when the database is gone, never because the cache is."""

import json
import socket

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

LIVE = "/helse/live"
READY = "/helse/klar"


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound for a moment, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down(settings):
    """The cache is Redis, and Redis does not answer: every cache call raises."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }


@pytest.fixture
def production(settings):
    """DEBUG off behind the HTTPS redirect, with the portal's real host name only."""
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.ALLOWED_HOSTS = ["portal.example.org"]


def test_the_health_urls_are_the_documented_paths():
    assert reverse("health-live") == LIVE
    assert reverse("health-ready") == READY


@pytest.mark.django_db
def test_live_answers_ok_without_a_query_a_session_or_the_cache(
    client, redis_down, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(LIVE)

    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    # A session read would add Vary: Cookie; a session or CSRF write would set a cookie.
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_live_answers_a_logged_in_visitor_without_a_query(
    secretariat_client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = secretariat_client.get(LIVE)

    assert response.status_code == 200


@pytest.mark.django_db
def test_live_answers_head_and_refuses_post(client):
    assert client.head(LIVE).status_code == 200
    assert client.post(LIVE).status_code == 405


@pytest.mark.django_db
def test_ready_reports_database_and_cache(client):
    response = client.get(READY)

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_ready_stays_ready_when_only_redis_is_down(client, redis_down):
    response = client.get(READY)

    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": "ok",
        "cache": "unavailable",
    }


@pytest.mark.django_db
def test_ready_answers_503_when_the_database_does_not_answer(client, monkeypatch):
    def refused(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refused)

    response = client.get(READY)

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["database"] == "unavailable"
    assert json.loads(response.content)["status"] == "unavailable"


@pytest.mark.django_db
@pytest.mark.parametrize("path", [LIVE, READY])
def test_probes_over_plain_http_are_answered_not_redirected(path, production):
    probe = Client(HTTP_HOST="portal.example.org")

    assert probe.get(path).status_code == 200
    # Every other page still goes to HTTPS.
    page = probe.get(reverse("programme:home"))
    assert page.status_code == 301
    assert page["Location"].startswith("https://portal.example.org/")


@pytest.mark.django_db
def test_a_probe_must_name_an_allowed_host(production):
    """What the README tells the operator: the probe sends the portal's host name."""
    probe = Client(HTTP_HOST="10.0.0.5:8000", raise_request_exception=False)

    assert probe.get(LIVE).status_code == 400
