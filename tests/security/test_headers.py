"""Every response carries the security headers: public pages, login, admin, downloads, 404."""

import pytest

from tests.factories import ApplicationFactory, AttachmentFactory

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'self'",
    "object-src": "'none'",
}


def directives(header):
    parsed = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        if name:
            parsed[name] = value.strip()
    return parsed


@pytest.fixture
def responses(client, hamar_client, secretariat_client, hamar, hamar_user):
    attachment = AttachmentFactory(
        application=ApplicationFactory(lead_municipality=hamar, created_by=hamar_user)
    )
    return {
        "public page": client.get("/"),
        "login page": client.get("/konto/logg-inn/"),
        "admin login page": client.get("/admin/login/"),
        "admin page": secretariat_client.get("/admin/"),
        "file download": hamar_client.get(attachment.get_absolute_url()),
        "404": client.get("/finnes-ikke/"),
    }


def test_the_pages_answer_as_expected(responses):
    statuses = {name: response.status_code for name, response in responses.items()}

    assert statuses == {
        "public page": 200,
        "login page": 200,
        "admin login page": 200,
        "admin page": 200,
        "file download": 200,
        "404": 404,
    }


@pytest.mark.parametrize(
    "page", ["public page", "login page", "admin login page", "admin page", "file download", "404"]
)
def test_every_response_has_the_security_headers(responses, page):
    response = responses[page]

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "page", ["public page", "login page", "admin login page", "admin page", "file download", "404"]
)
def test_every_response_has_the_content_security_policy(responses, page):
    policy = responses[page]["Content-Security-Policy"]

    assert directives(policy) == EXPECTED_CSP
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
