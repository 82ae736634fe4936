"""The audit log: each security-relevant event leaves a row with time, person, who did it and
the client's address; the secretariat reads and filters it in admin; old rows are purged."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Membership
from accounts.roles import Role
from tests.factories import DEFAULT_PASSWORD
from tests.html import page_text

pytestmark = pytest.mark.django_db

Kind = AuditEvent.Kind
LOGIN = "/konto/logg-inn/"


def behind_one_proxy(settings):
    """As in production behind nginx: the client is the last X-Forwarded-For entry."""
    settings.TRUSTED_PROXY_COUNT = 1
    return {"HTTP_X_FORWARDED_FOR": "10.9.9.9, 203.0.113.7", "REMOTE_ADDR": "192.0.2.10"}


def test_a_login_leaves_a_row_with_the_client_address(client, hamar_user, settings):
    client.post(
        LOGIN,
        {"username": hamar_user.email, "password": DEFAULT_PASSWORD},
        **behind_one_proxy(settings),
    )

    event = AuditEvent.objects.get(kind=Kind.LOGIN)
    assert (event.person, event.actor, event.client_address) == (
        hamar_user,
        hamar_user,
        "203.0.113.7",
    )


def test_a_failed_login_leaves_a_row_with_what_was_typed_and_the_client_address(
    client, hamar_user, settings
):
    client.post(
        LOGIN,
        {"username": hamar_user.email.upper(), "password": "feil"},
        **behind_one_proxy(settings),
    )
    client.post(LOGIN, {"username": "ukjent@example.org", "password": "feil"})

    known, unknown = AuditEvent.objects.filter(kind=Kind.LOGIN_FAILED).order_by("pk")
    assert (known.person, known.client_address) == (hamar_user, "203.0.113.7")
    assert (unknown.person, unknown.identifier, unknown.client_address) == (
        None,
        "ukjent@example.org",
        "127.0.0.1",
    )


def test_an_invitation_a_role_change_and_a_deactivation_each_leave_a_row(
    hamar_admin_client, hamar_admin, hamar, hamar_user, settings
):
    headers = behind_one_proxy(settings)
    slug = hamar.organisation.slug
    membership = Membership.objects.get(person=hamar_user)

    hamar_admin_client.post(
        reverse("accounts:people", kwargs={"slug": slug}),
        {"email": "ny@hamar.kommune.no", "role": Role.APPLICANT},
        **headers,
    )
    hamar_admin_client.post(
        reverse("accounts:membership-role", kwargs={"slug": slug, "pk": membership.pk}),
        {"role": Role.ORGANISATION_ADMIN},
        **headers,
    )
    hamar_admin_client.post(
        reverse("accounts:membership-deactivate", kwargs={"slug": slug, "pk": membership.pk}),
        **headers,
    )

    rows = {
        event.kind: event
        for event in AuditEvent.objects.filter(
            kind__in=[Kind.INVITED, Kind.ROLE_CHANGED, Kind.DEACTIVATED]
        )
    }
    assert set(rows) == {Kind.INVITED, Kind.ROLE_CHANGED, Kind.DEACTIVATED}
    assert rows[Kind.INVITED].person.email == "ny@hamar.kommune.no"
    assert rows[Kind.INVITED].detail == "Hamar: søker"
    assert rows[Kind.ROLE_CHANGED].person == rows[Kind.DEACTIVATED].person == hamar_user
    assert rows[Kind.ROLE_CHANGED].detail == "Hamar: søker → administrator for organisasjonen"
    for event in rows.values():
        assert (event.actor, event.client_address) == (hamar_admin, "203.0.113.7")
        assert event.occurred_at is not None


def test_the_secretariat_reads_and_filters_the_log_in_admin(
    secretariat_client, hamar_user, loten_user
):
    Client().post(LOGIN, {"username": hamar_user.email, "password": DEFAULT_PASSWORD})
    Client().post(LOGIN, {"username": loten_user.email, "password": "feil"})
    url = reverse("admin:accounts_auditevent_changelist")

    everything = secretariat_client.get(url)
    failed = secretariat_client.get(url, {"kind__exact": Kind.LOGIN_FAILED})
    hamars = secretariat_client.get(url, {"person__id__exact": hamar_user.pk})
    day = timezone.localdate()
    today = secretariat_client.get(
        url,
        {
            "occurred_at__year": day.year,
            "occurred_at__month": day.month,
            "occurred_at__day": day.day,
        },
    )
    yesterday = day - timedelta(days=1)
    before = secretariat_client.get(
        url,
        {
            "occurred_at__year": yesterday.year,
            "occurred_at__month": yesterday.month,
            "occurred_at__day": yesterday.day,
        },
    )
    searched = secretariat_client.get(url, {"q": loten_user.email})

    assert everything.status_code == 200
    # The two logins above, and the secretariat's own (its client was signed in).
    assert everything.context["cl"].result_count == 3
    assert [e.kind for e in failed.context["cl"].result_list] == [Kind.LOGIN_FAILED]
    assert [e.person for e in hamars.context["cl"].result_list] == [hamar_user]
    assert today.context["cl"].result_count == 3
    assert before.context["cl"].result_count == 0
    assert [e.person for e in searched.context["cl"].result_list] == [loten_user]
    filters = page_text(everything)
    for title in ("hendelse", "person", "tidspunkt"):
        assert f"Etter {title}" in filters


def test_nobody_edits_or_deletes_a_row_and_council_members_do_not_read_it(
    secretariat_client, council_client, hamar_user
):
    from accounts.audit import audit_record

    event = audit_record(kind=Kind.LOGIN, person=hamar_user)
    change = reverse("admin:accounts_auditevent_change", args=[event.pk])

    assert secretariat_client.get(change).status_code == 200
    assert secretariat_client.post(change, {"detail": "endret"}).status_code == 403
    assert (
        secretariat_client.post(
            reverse("admin:accounts_auditevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert council_client.get(reverse("admin:accounts_auditevent_changelist")).status_code == 403
    assert AuditEvent.objects.get(pk=event.pk).detail == ""


def aged(days, *, kind=Kind.LOGIN):
    event = AuditEvent.objects.create(kind=kind)
    AuditEvent.objects.filter(pk=event.pk).update(occurred_at=timezone.now() - timedelta(days=days))
    return event


def purge(*args, verbosity=1):
    out = StringIO()
    call_command("purge_audit_log", *args, stdout=out, verbosity=verbosity)
    return out.getvalue()


def test_purge_deletes_the_rows_older_than_the_retention_period(settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 30
    old, older = aged(31), aged(400)
    kept = [aged(29), aged(0)]

    output = purge()

    assert output.startswith("Deleted 2 audit log rows from before ")
    assert set(AuditEvent.objects.all()) == set(kept)
    assert not AuditEvent.objects.filter(pk__in=[old.pk, older.pk]).exists()


def test_purge_keeps_a_year_by_default(settings):
    assert settings.AUDIT_LOG_RETENTION_DAYS == 365
    aged(364)
    aged(366)

    purge()

    assert AuditEvent.objects.count() == 1


def test_a_dry_run_counts_and_deletes_nothing(settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 30
    aged(31)

    output = purge("--dry-run")

    assert output.startswith("Dry run: would delete 1 audit log rows from before ")
    assert AuditEvent.objects.count() == 1


def test_purge_is_silent_at_verbosity_0(settings):
    aged(1000)

    assert purge(verbosity=0) == ""
    assert not AuditEvent.objects.exists()


def test_purge_refuses_a_retention_below_one_day(settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 0
    aged(5)

    with pytest.raises(CommandError, match="at least 1 day"):
        purge()
    assert AuditEvent.objects.count() == 1
