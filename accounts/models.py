from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineCharField

from .roles import APPLYING_ROLES, STAFF_ROLES, Role


class Organisation(models.Model):
    """Where people belong: a member municipality, the secretariat, the council, or a partner
    such as the county. A municipality's organisation is the one its applications name."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("medlemskommune")
        SECRETARIAT = "secretariat", _("sekretariatet")
        COUNCIL = "council", _("regionrådet")
        PARTNER = "partner", _("partner")

    name = SingleLineCharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("adresse"), unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    email_domains = SingleLineCharField(
        _("e-postdomener"),
        max_length=500,
        blank=True,
        help_text=_(
            "Domenene organisasjonens ansatte har e-post på, skilt med komma, for eksempel "
            "hamar.kommune.no. Bare disse kan inviteres av organisasjonens administrator."
        ),
    )
    requires_second_factor = models.BooleanField(
        _("krev tofaktorinnlogging"),
        default=False,
        help_text=_("Alle i organisasjonen må bruke en engangskode eller passnøkkel."),
    )

    class Meta:
        verbose_name = _("organisasjon")
        verbose_name_plural = _("organisasjoner")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        """«Brukere», the page where the organisation's administrators manage its people."""
        return reverse("accounts:people", kwargs={"slug": self.slug})

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower() for d in self.email_domains.split(",") if d.strip()]


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True, person__is_active=True)

    def applying(self):
        return self.active().filter(role__in=APPLYING_ROLES)

    def staff(self):
        return self.active().filter(role__in=STAFF_ROLES)


class Membership(models.Model):
    """A person's place in an organisation, with the role it gives. Ending it keeps the row:
    what the person did stays recorded under their name."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisasjon"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    ended_at = models.DateTimeField(_("avsluttet"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("tilknytning")
        verbose_name_plural = _("tilknytninger")
        ordering = ["organisation", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation"],
                name="accounts_membership_unique_person_organisation",
                violation_error_message=_("Personen er allerede knyttet til denne organisasjonen."),
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_pending(self) -> bool:
        """Waiting for its invitation to be accepted (services/invitations.py)."""
        return not self.is_active and self.ended_at is None

    @property
    def gives_access(self) -> bool:
        return self.is_active and self.person.is_active


class AuditEvent(models.Model):
    """Who signed in, failed to, enrolled a second factor, was invited, given another role or
    deactivated: when, from which address, and who did it. Deleted after
    settings.AUDIT_LOG_RETENTION_DAYS by `manage.py purge_audit_log`."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("innlogging")
        LOGIN_FAILED = "login_failed", _("mislykket innlogging")
        LOGOUT = "logout", _("utlogging")
        SINGLE_SIGN_ON = "single_sign_on", _("innlogging med felles pålogging")
        SINGLE_SIGN_ON_REFUSED = "single_sign_on_refused", _("felles pålogging avvist")
        SECOND_FACTOR_ENROLLED = "second_factor_enrolled", _("tofaktor tatt i bruk")
        SECOND_FACTOR_REMOVED = "second_factor_removed", _("tofaktor fjernet")
        SECOND_FACTOR_FAILED = "second_factor_failed", _("feil engangskode eller passnøkkel")
        INVITED = "invited", _("invitert")
        INVITATION_ACCEPTED = "invitation_accepted", _("invitasjon tatt imot")
        ROLE_CHANGED = "role_changed", _("rolle endret")
        DEACTIVATED = "deactivated", _("deaktivert")
        REACTIVATED = "reactivated", _("aktivert igjen")
        INVITATION_REVOKED = "invitation_revoked", _("invitasjon trukket tilbake")
        SECOND_FACTOR_REQUIREMENT_CHANGED = (
            "second_factor_requirement",
            _("krav om tofaktor endret"),
        )
        NAME_CHANGED = "name_changed", _("navn endret")

    occurred_at = models.DateTimeField(_("tidspunkt"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("hendelse"), max_length=30, choices=Kind.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("person"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("utført av"),
    )
    # What was typed at a failed login, when it names no person: kept as typed, for the
    # secretariat to see which account someone tried.
    identifier = SingleLineCharField(_("brukernavn eller e-post"), max_length=254, blank=True)
    client_address = models.GenericIPAddressField(_("klientadresse"), null=True, blank=True)
    detail = SingleLineCharField(_("detaljer"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("hendelse i tilgangsloggen")
        verbose_name_plural = _("tilgangslogg")
        ordering = ["-occurred_at", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} – {self.person or self.identifier}"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        """Neither accepted nor revoked, and not yet expired."""
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mail inviting a person to an organisation with a role. The person and an inactive
    membership exist from the start; accepting the invitation activates them. The link's
    secret is kept only as a hash, and a new invitation to the same person and organisation
    voids the earlier link."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisasjon"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invitert av"),
    )
    created_at = models.DateTimeField(_("sendt"), auto_now_add=True)
    expires_at = models.DateTimeField(_("gyldig til"))
    accepted_at = models.DateTimeField(_("tatt imot"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)
    secret_hash = models.CharField(_("hash av lenkens hemmelighet"), max_length=64, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="accounts_invitation_not_both_accepted_and_revoked",
            ),
        ]

    def __str__(self):
        return f"{self.person.email} – {self.organisation}"

    def get_absolute_url(self):
        return self.organisation.get_absolute_url()

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def status_label(self) -> str:
        if self.accepted_at is not None:
            return _("tatt imot")
        if self.revoked_at is not None:
            return _("trukket tilbake")
        if self.is_expired:
            return _("utløpt")
        return _("venter")


class SignOnLink(models.Model):
    """A person's account at an identity provider: the provider's key in DJANGO_OIDC_PROVIDERS
    and the `sub` the provider gives the person. Made at the person's first single sign-on
    (matched by e-mail address then); later sign-ons find the person by it."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sign_on_links",
        verbose_name=_("person"),
    )
    provider = models.SlugField(_("identitetsleverandør"), max_length=50)
    subject = models.CharField(_("identifikator hos leverandøren"), max_length=255)
    email = models.EmailField(_("e-postadresse ved første pålogging"), blank=True)
    created_at = models.DateTimeField(_("koblet"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("sist brukt"), null=True, blank=True)

    class Meta:
        verbose_name = _("kobling til felles pålogging")
        verbose_name_plural = _("koblinger til felles pålogging")
        ordering = ["provider", "person"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="accounts_signonlink_unique_subject"
            ),
            models.UniqueConstraint(
                fields=["provider", "person"], name="accounts_signonlink_unique_person"
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.provider}"
