import uuid

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField
from programme.models import FocusArea, SubTheme, SustainableDevelopmentGoal

from ..permissions import is_council_member, is_secretariat, secretariat_people_only
from ..workflow import (
    EDITABLE_STATES,
    FOLLOW_UP_STATES,
    OPEN_CASE_STATES,
    PUBLIC_STATES,
    WAITING_FOR_SECRETARIAT,
    Action,
    State,
)
from .amounts import sum_of
from .case import Payment
from .funding_call import FundingCall
from .municipality import Municipality

SUMMARY_MAX_LENGTH = 500


class ApplicationQuerySet(models.QuerySet):
    def of_member(self, user):
        """Applications whose lead municipality the user belongs to."""
        return self.filter(lead_municipality__in=Municipality.objects.applied_for_by(user))

    def visible_to(self, user):
        """The secretariat sees every application; a council member the open cases; a
        municipality user those of their municipalities; anyone else none."""
        if is_secretariat(user):
            return self.all()
        if is_council_member(user):
            return self.filter(Q(status__in=OPEN_CASE_STATES) | Q(pk__in=self.of_member(user)))
        return self.of_member(user)

    def with_amounts(self):
        """applied_sum, recommended_sum (None without a recommendation), granted_sum (None
        without a decision) and paid_sum on each application."""
        application = OuterRef("pk")
        return self.annotate(
            applied_sum=sum_of(
                FundingLine.objects.filter(
                    application=application, source=FundingLine.Source.COUNCIL
                ),
                "application",
                "amount",
            ),
            paid_sum=sum_of(
                Payment.objects.filter(application=application), "application", "amount"
            ),
            recommended_sum=F("recommendation__recommended_amount"),
            granted_sum=F("decision__granted_amount"),
        )

    def awaiting_final_report(self):
        """Granted projects whose final report is not in yet, each with final_report_due_on.
        The state alone says it: a case enters the follow-up states only by its approval, or by
        keeping its grant after an appeal (appeal_settle refuses that step after a rejection)."""
        return self.filter(status__in=sorted(FOLLOW_UP_STATES))

    def funded(self):
        """What the public may see: approved projects, under way or completed."""
        return self.filter(status__in=PUBLIC_STATES)

    def newest_decision_first(self):
        """Ordered by the council's decision, the newest first.

        Driven from the decision side: an inner join on the decision, ordered by its columns,
        lets PostgreSQL walk the index decision_newest_first and stop after a page instead of
        sorting every project. It leaves out no funded project: application_decide records the
        decision before the approval, and a decision is never deleted."""
        return self.filter(decision__isnull=False).order_by(
            "-decision__decided_on", "-decision__application_id"
        )


class Application(models.Model):
    """A municipality's application (søknad) for development funds in a funding call."""

    class Phase(models.TextChoices):
        PRE_STUDY = "pre_study", _("Forstudie")
        PRE_PROJECT = "pre_project", _("Forprosjekt")
        MAIN_PROJECT = "main_project", _("Hovedprosjekt")

    funding_call = models.ForeignKey(
        FundingCall,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("utlysning"),
    )
    lead_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("prosjekteier"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=State.choices, default=State.DRAFT, editable=False
    )
    title = SingleLineCharField(_("prosjektnavn"), max_length=200)
    summary = models.TextField(
        _("kort sammendrag"),
        blank=True,
        validators=[MaxLengthValidator(SUMMARY_MAX_LENGTH)],
        help_text=_("Høyst 500 tegn. Sammendraget kan bli vist offentlig."),
    )
    partner_municipalities = models.ManyToManyField(
        Municipality,
        blank=True,
        related_name="partner_applications",
        verbose_name=_("samarbeidende kommuner og partnere"),
    )
    partner_organisations = models.TextField(
        _("andre samarbeidspartnere"),
        blank=True,
        help_text=_("Organisasjoner, bedrifter eller andre som deltar, én per linje."),
    )
    project_leader_name = SingleLineCharField(_("prosjektleder"), max_length=200, blank=True)
    project_leader_email = models.EmailField(_("prosjektleders e-post"), blank=True)
    project_leader_phone = SingleLineCharField(
        _("prosjektleders telefon"), max_length=30, blank=True
    )
    contact_name = SingleLineCharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-post"), blank=True)
    contact_phone = SingleLineCharField(_("kontaktpersonens telefon"), max_length=30, blank=True)
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, blank=True)
    background = models.TextField(_("bakgrunn"), blank=True)
    main_goal = models.TextField(_("hovedmål"), blank=True)
    sub_goals = models.TextField(_("delmål"), blank=True)
    expected_results = models.TextField(_("forventede resultater og effekter"), blank=True)
    target_group = models.TextField(_("målgruppe"), blank=True)
    anchoring = models.TextField(
        _("forankring"), blank=True, help_text=_("Hvordan prosjektet er forankret hos eierne.")
    )
    organisation = models.TextField(
        _("organisering"),
        blank=True,
        help_text=_("Prosjektorganisasjon, styringsgruppe og roller."),
    )
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    end_date = models.DateField(_("sluttdato"), null=True, blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="applications", verbose_name=_("satsingsområder")
    )
    sub_themes = models.ManyToManyField(
        SubTheme, blank=True, related_name="applications", verbose_name=_("delområder")
    )
    sustainable_development_goals = models.ManyToManyField(
        SustainableDevelopmentGoal,
        blank=True,
        related_name="applications",
        verbose_name=_("bærekraftsmål"),
    )
    creation_token = models.UUIDField(
        _("skjemanøkkel"),
        unique=True,
        default=uuid.uuid4,
        editable=False,
        help_text=_("Hindrer at samme skjema lager to søknader når det sendes to ganger."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("opprettet av"),
    )
    created_at = models.DateTimeField(_("opprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    submitted_at = models.DateTimeField(_("sendt inn"), null=True, blank=True, editable=False)
    # When the status last changed, the time of that step in the timeline; set only by
    # projects.services.application_transition. Stored so that the work queue reads the
    # longest waiting cases from an index instead of searching each case's timeline.
    status_changed_at = models.DateTimeField(
        _("status endret"), null=True, blank=True, editable=False
    )
    # A copy of the decision's deadline for the final report (None without a granted decision),
    # written with it by application_decide and a change of the end date. Kept here, beside the
    # status, so that the work queue reads the overdue reports from one partial index: from the
    # decision's side it walked the deadlines of every completed project before the first one
    # still running.
    final_report_due_on = models.DateField(
        _("frist for sluttrapport"), null=True, blank=True, editable=False
    )
    # Set only through projects.services.case_handler_assign, which records it in the timeline.
    # SET_NULL, not PROTECT: removing a person (erasure of personal data) must not wait for the
    # cases they handled; the case then shows as not assigned in the work queue, and the
    # timeline still says who handled it.
    case_handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        limit_choices_to=secretariat_people_only,
        related_name="handled_applications",
        verbose_name=_("saksbehandler"),
    )

    objects = ApplicationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["creation_token", "final_report_due_on"])

    class Meta:
        verbose_name = _("søknad")
        verbose_name_plural = _("søknader")
        ordering = ["-updated_at", "-pk"]
        permissions = [
            ("handle_application", _("Kan behandle søknader som sekretariat")),
            ("read_open_cases", _("Kan lese åpne saker som rådsmedlem")),
        ]
        indexes = [
            # The secretariat's list, newest change first, reads one page of the index.
            models.Index(fields=["-updated_at", "-id"], name="application_recent_first"),
            # The admin's year filter: first and last year from the ends, a year as a range.
            models.Index(fields=["submitted_at"], name="application_submitted"),
            # The work queue: counts per state, and each state's cases oldest first.
            models.Index(fields=["status", "submitted_at"], name="application_status_submitted"),
            # The work queue's waiting cases, the longest waiting first: partial, as they are
            # the newest cases, which a scan of every case in this order would come to last.
            # A change of the workflow's waiting states changes the index (a migration).
            models.Index(
                fields=["status_changed_at", "id"],
                name="application_status_changed",
                condition=Q(status__in=sorted(WAITING_FOR_SECRETARIAT)),
            ),
            # The work queue's overdue final and progress reports: the running projects alone
            # (a third of all cases at volume), read from the index without the wide table.
            models.Index(
                fields=["id", "start_date", "end_date"],
                name="application_follow_up",
                condition=Q(status__in=sorted(FOLLOW_UP_STATES)),
            ),
            # The work queue's recommended cases not yet on a meeting's agenda, the longest
            # waiting first: from application_status_changed it skipped every other waiting case.
            models.Index(
                fields=["status_changed_at", "id"],
                name="application_recommended",
                condition=Q(status=State.RECOMMENDED),
            ),
            # The work queue's overdue final reports, the longest overdue first.
            models.Index(
                fields=["final_report_due_on", "id"],
                name="application_report_due",
                condition=Q(status__in=sorted(FOLLOW_UP_STATES)),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gt=F("start_date")),
                name="application_ends_after_it_starts",
                violation_error_message=_("Sluttdatoen må være etter startdatoen."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:application-detail", kwargs={"pk": self.pk})

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATES

    def revision_request(self):
        """The secretariat's message while the application is back with the applicant."""
        if self.status != State.RETURNED:
            return None
        return (
            self.status_changes.filter(action=Action.RETURN).order_by("-created_at", "-pk").first()
        )

    def total_cost(self) -> int:
        return sum(line.amount for line in self.cost_lines.all())

    def total_funding(self) -> int:
        return sum(line.amount for line in self.funding_lines.all())

    def decision_or_none(self):
        try:
            return self.decision
        except ObjectDoesNotExist:
            return None

    def recommendation_or_none(self):
        try:
            return self.recommendation
        except ObjectDoesNotExist:
            return None

    def grant_acceptance_or_none(self):
        try:
            return self.grant_acceptance
        except ObjectDoesNotExist:
            return None

    def final_report_or_none(self):
        try:
            return self.final_report
        except ObjectDoesNotExist:
            return None

    def granted_amount(self) -> int:
        decision = self.decision_or_none()
        return decision.granted_amount if decision else 0

    def paid_amount(self) -> int:
        return sum(payment.amount for payment in self.payments.all())

    def remaining_amount(self) -> int:
        return self.granted_amount() - self.paid_amount()

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATES

    def get_public_url(self):
        return reverse("publication:project-detail", kwargs={"pk": self.pk})

    def amount_applied(self) -> int:
        return sum(
            line.amount
            for line in self.funding_lines.all()
            if line.source == FundingLine.Source.COUNCIL
        )


class CostLine(models.Model):
    """One row of the cost plan (kostnadsplan)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="cost_lines", verbose_name=_("søknad")
    )
    item = SingleLineCharField(_("kostnad"), max_length=200)
    amount = models.PositiveBigIntegerField(_("beløp (kr)"))

    class Meta:
        verbose_name = _("kostnadslinje")
        verbose_name_plural = _("kostnadsplan")
        ordering = ["application", "pk"]

    def __str__(self):
        return f"{self.item}: {self.amount} kr"


class FundingLine(models.Model):
    """One row of the financing plan (finansieringsplan)."""

    class Source(models.TextChoices):
        OWN = "own", _("Egenfinansiering")
        OTHER_PUBLIC = "other_public", _("Annen offentlig finansiering")
        PRIVATE = "private", _("Privat finansiering")
        COUNCIL = "council", _("Søknadsbeløp fra regionrådet")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="funding_lines",
        verbose_name=_("søknad"),
    )
    source = models.CharField(_("kilde"), max_length=20, choices=Source.choices)
    description = SingleLineCharField(
        _("beskrivelse"), max_length=200, blank=True, help_text=_("For eksempel hvem som bidrar.")
    )
    amount = models.PositiveBigIntegerField(_("beløp (kr)"))

    class Meta:
        verbose_name = _("finansieringslinje")
        verbose_name_plural = _("finansieringsplan")
        ordering = ["application", "pk"]

    def __str__(self):
        return f"{self.get_source_display()}: {self.amount} kr"
