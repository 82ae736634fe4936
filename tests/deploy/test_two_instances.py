"""Two app servers on one PostgreSQL and one Redis, as behind a load balancer: an edit the
secretariat saves through one is served by the other on the next request, although the other
had the page in the shared cache."""

import os

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from hamarregion.page_cache.middleware import STATUS_HEADER
from programme.models import FocusArea
from tests.deploy.servers import HTML_FORMS, Gunicorn, form_fields, production_environment
from tests.second_factor import second_factor_device, unused_totp_code
from tests.shared_redis import KEY_PREFIX, REDIS_URL, delete_own_keys, redis_answers

PASSWORD = "to-instanser-samme-database"  # noqa: S105


pytestmark = [
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")),
        reason="needs DATABASE_URL on PostgreSQL: SQLite's test database is not shared "
        "between processes (CI's second run has it)",
    ),
    pytest.mark.skipif(not redis_answers(), reason="needs Redis on 127.0.0.1:6379"),
]


def database_url() -> str:
    """The test database (test_<name>), which both servers must read and write."""
    database = connection.settings_dict
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    return (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )


@pytest.fixture
def two_instances(django_db_serialized_rollback, transactional_db, collected_static, tmp_path):
    environment = production_environment(
        DATABASE_URL=database_url(),
        # The servers' keys under this worker's prefix, deleted afterwards with its other keys.
        REDIS_URL=REDIS_URL,
        REDIS_KEY_PREFIX=KEY_PREFIX,
        DJANGO_STATIC_ROOT=str(collected_static),
        # Attachments would be on storage both servers mount; here one folder.
        DJANGO_PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        # One worker each: two instances are already two processes that share only the
        # database and Redis, and each worker loads the whole app.
        WEB_CONCURRENCY="1",
    )
    instances = [Gunicorn(environment, tmp_path / f"gunicorn-{name}.log") for name in "ab"]
    try:
        yield [instance.start() for instance in instances]
    finally:
        for instance in instances:
            instance.stop()
        delete_own_keys()


@pytest.fixture
def secretariat_with_password(secretariat_user):
    # The servers use the production hashers, not the tests' fast MD5 one.
    secretariat_user.password = PBKDF2PasswordHasher().encode(PASSWORD, "twoinstancessalt")
    secretariat_user.save(update_fields=["password"])
    second_factor_device(secretariat_user)
    return secretariat_user


def log_in(server, username) -> dict[str, str]:
    page = server.request("GET", "/admin/login/")
    cookies = page.cookies()
    fields = dict(form_fields(page.text, "login-form"))
    fields.update(username=username, password=PASSWORD)
    answer = server.request("POST", "/admin/login/", cookies=cookies, form=fields)
    assert answer.status == 302, answer.text
    cookies = {**cookies, **answer.cookies()}
    # Staff pass a second factor before admin: the code their authenticator app shows now.
    verify = answer.headers["Location"]
    page = server.request("GET", verify, cookies=cookies)
    fields = dict(HTML_FORMS["form_with"](page.text, "code"))
    device = second_factor_device(get_user_model().objects.get(username=username))
    fields["code"] = unused_totp_code(device)
    answer = server.request("POST", verify, cookies=cookies, form=fields)
    assert answer.status == 302, answer.text
    return {**cookies, **answer.cookies()}


def test_an_edit_through_one_instance_is_served_by_the_other(
    programme_fixture, secretariat_with_password, two_instances
):
    a, b = two_instances
    focus_area = FocusArea.objects.select_related("programme").order_by("pk").first()
    public_page = focus_area.get_absolute_url()
    old_name, new_name = focus_area.name, "Befolkningsvekst og bolyst i hele regionen"

    # B has the page in the shared cache, with the old name.
    assert b.request("GET", public_page).status == 200
    warm = b.request("GET", public_page)
    assert warm.headers[STATUS_HEADER] == "hit"
    assert old_name in warm.text
    assert new_name not in warm.text

    # The secretariat renames the focus area in admin on A.
    cookies = log_in(a, secretariat_with_password.username)
    change_page = f"/admin/programme/focusarea/{focus_area.pk}/change/"
    form = a.request("GET", change_page, cookies=cookies)
    assert form.status == 200
    fields = [
        (name, new_name if name == "name" else value)
        for name, value in form_fields(form.text, "focusarea_form")
    ]
    saved = a.request("POST", change_page, cookies=cookies, form=[*fields, ("_save", "Lagre")])
    assert saved.status == 302, saved.text
    focus_area.refresh_from_db()
    assert focus_area.name == new_name

    # The very next anonymous request to B shows the new name.
    fresh = b.request("GET", public_page)
    assert fresh.status == 200
    assert fresh.headers[STATUS_HEADER] == "miss"
    assert new_name in fresh.text

    # And both servers logged JSON lines only, the admin's POST among them.
    posts = [
        entry
        for entry in a.log_entries()
        if entry["logger"] == "gunicorn.access" and entry["method"] == "POST"
    ]
    # The login, the second factor's code and the admin's save.
    assert [entry["status"] for entry in posts] == [302, 302, 302]
    assert b.log_entries()
