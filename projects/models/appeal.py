"""Appeals (klage) against the council's decisions: the appeal route every decision letter
states, which the secretariat keeps, and each appeal received with its course and outcome."""

from datetime import date, timedelta
from string import Formatter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField
from hamarregion.formatting import format_date

from ..workflow import APPEAL_KEEP_ACTIONS, Action, State
from .application import Application
from .attachment import Attachment
from .case import Decision
from .documents import CaseDocument

# Forvaltningsloven § 29: three weeks from the day the letter reached the party.
DEFAULT_APPEAL_WEEKS = 3
DEFAULT_APPEAL_BODY = "klageinstansen"
DEFAULT_APPEAL_TEXT = (
    "Vedtaket kan påklages, jf. forvaltningsloven § 28. Klagefristen er {uker} fra dere mottok "
    "dette brevet, jf. § 29. Regnet fra datoen brevet ble sendt, går fristen ut {frist}.\n\n"
    "Klagen sendes skriftlig til Hamarregionen IPR. Den skal nevne vedtaket det klages over og "
    "hvilken endring dere ønsker, og bør begrunnes, jf. § 32. Regionrådet kan endre vedtaket "
    "selv; ellers sendes klagen videre til {klageinstans}. Dere har rett til å se sakens "
    "dokumenter, jf. §§ 18 og 19."
)
PLACEHOLDERS = ("uker", "frist", "klageinstans")


def placeholder_error(text: str) -> str | None:
    """Why the text cannot be filled in, or None."""
    try:
        fields = [(name, spec, conv) for _text, name, spec, conv in Formatter().parse(text)]
    except ValueError:
        return _(
            "Teksten har en krøllparentes uten par. Plassholderne skrives {uker}, {frist} og "
            "{klageinstans}; en krøllparentes i teksten skrives dobbelt."
        )
    names = {name for name, _spec, _conv in fields if name is not None}
    if any(spec or conv for name, spec, conv in fields if name is not None):
        # A format spec or conversion ({frist:%Y}, {uker!r}) fails or garbles the letter.
        return _("Plassholderne skrives uten tillegg: {uker}, {frist} og {klageinstans}.")
    unknown = sorted(names - set(PLACEHOLDERS))
    if unknown:
        return _("Ukjent plassholder: %(names)s. Bruk {uker}, {frist} og {klageinstans}.") % {
            "names": ", ".join("{" + name + "}" for name in unknown)
        }
    if "frist" not in names:
        return _("Teksten må si når klagefristen går ut: ta med {frist}.")
    return None


class AppealRoute(models.Model):
    """How a decision may be appealed: the text every decision letter states, with the appeal
    body and the deadline. One row, kept by the secretariat; a letter already sent keeps the
    text it was frozen with."""

    appeal_body = SingleLineCharField(
        _("klageinstans"),
        max_length=200,
        default=DEFAULT_APPEAL_BODY,
        help_text=_("Den som avgjør klagen når regionrådet ikke endrer vedtaket selv."),
    )
    weeks = models.PositiveSmallIntegerField(
        _("klagefrist (uker)"),
        default=DEFAULT_APPEAL_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Regnet fra datoen vedtaksbrevet ble sendt. Forvaltningsloven sier tre uker."),
    )
    text = models.TextField(
        _("tekst i vedtaksbrevet"),
        default=DEFAULT_APPEAL_TEXT,
        help_text=_(
            "Står under «Klageadgang» i hvert vedtaksbrev. {frist} blir datoen fristen går ut, "
            "{uker} antall uker («3 uker»), {klageinstans} klageinstansen. En tom linje "
            "begynner et nytt avsnitt."
        ),
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("klageadgang")
        verbose_name_plural = _("klageadgang")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="appeal_route_single_row"),
        ]

    def __str__(self):
        return str(_("Klageadgang i vedtaksbrevene"))

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    def clean(self):
        error = placeholder_error(self.text or "")
        if error:
            raise ValidationError({"text": error})

    @classmethod
    def current(cls) -> "AppealRoute":
        """The route letters state now: the stored row, or the default when there is none."""
        return cls.objects.first() or cls()

    @classmethod
    def in_force_at(cls, moment) -> "AppealRoute":
        """The route as it was at `moment`: what a letter frozen then stated."""
        record = cls.history.filter(history_date__lte=moment).order_by("-history_date").first()
        if record is None or record.history_type == "-":
            return cls()
        return record.instance

    def deadline(self, sent_on: date) -> date:
        return sent_on + timedelta(weeks=self.weeks)

    def text_for(self, sent_on: date) -> str:
        """The text with the deadline counted from the day the letter was sent. A text that
        cannot be filled in (clean() refuses one) gives the default, so that a letter is sent."""
        weeks = ngettext("%(weeks)d uke", "%(weeks)d uker", self.weeks) % {"weeks": self.weeks}
        text = DEFAULT_APPEAL_TEXT if placeholder_error(self.text) else self.text
        return text.format(
            uker=weeks, frist=format_date(self.deadline(sent_on)), klageinstans=self.appeal_body
        )


class AppealQuerySet(models.QuerySet):
    def open(self):
        return self.filter(outcome="")


class Appeal(models.Model):
    """An appeal (klage) received against the council's decision, as the secretariat registers
    it, with its course: forwarded to the appeal body, and the outcome."""

    class Outcome(models.TextChoices):
        REASSESSED = "reassessed", _("Regionrådet behandler saken på nytt")
        UPHELD = "upheld", _("Tatt til følge av klageinstansen")
        NOT_UPHELD = "not_upheld", _("Ikke tatt til følge")
        DISMISSED = "dismissed", _("Avvist")
        WITHDRAWN = "withdrawn", _("Trukket av klageren")

    class Body(models.TextChoices):
        COUNCIL = "council", _("Regionrådet")
        APPEAL_BODY = "appeal_body", _("Klageinstansen")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="appeals", verbose_name=_("søknad")
    )
    decision_letter = models.ForeignKey(
        CaseDocument,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("vedtaksbrevet det klages på"),
    )
    appealed_outcome = models.CharField(
        _("vedtaket det klages på"), max_length=20, choices=Decision.Outcome.choices
    )
    received_on = models.DateField(_("klagen mottatt"))
    deadline = models.DateField(_("klagefrist"))
    within_deadline = models.BooleanField(_("kom innen fristen"))
    grounds = models.TextField(_("klagerens begrunnelse"), blank=True)
    grounds_attachment = models.OneToOneField(
        Attachment,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="appeal",
        verbose_name=_("klagen som fil"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    registered_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    forwarded_on = models.DateField(_("sendt til klageinstansen"), null=True, blank=True)
    outcome = models.CharField(_("utfall"), max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("avgjort"), null=True, blank=True)
    decided_by_body = models.CharField(
        _("avgjort av"), max_length=20, choices=Body.choices, blank=True
    )
    history = HistoricalRecords()

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("klage")
        verbose_name_plural = _("klager")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(outcome=""),
                name="appeal_one_open_per_application",
                violation_error_message=_("Søknaden har allerede en klage under behandling."),
            ),
            models.CheckConstraint(
                condition=Q(outcome="", decided_on__isnull=True, decided_by_body="")
                | (~Q(outcome="") & Q(decided_on__isnull=False) & ~Q(decided_by_body="")),
                name="appeal_outcome_with_date_and_body",
            ),
            models.CheckConstraint(
                condition=~Q(grounds="") | Q(grounds_attachment__isnull=False),
                name="appeal_has_grounds",
                violation_error_message=_("En klage har en begrunnelse, som tekst eller fil."),
            ),
        ]

    def __str__(self):
        return _("Klage på «%(application)s», mottatt %(date)s") % {
            "application": self.application,
            "date": format_date(self.received_on),
        }

    def get_absolute_url(self):
        return self.application.get_absolute_url()

    @property
    def is_open(self) -> bool:
        return not self.outcome

    def workflow_action(self) -> Action:
        """The step of the workflow the appeal's record calls for: registered, forwarded,
        taken up again by the council, upheld by the appeal body, or come to nothing (the
        decision appealed against stands)."""
        if not self.outcome:
            return Action.FORWARD_APPEAL if self.forwarded_on else Action.REGISTER_APPEAL
        if self.outcome == self.Outcome.REASSESSED:
            return Action.REASSESS_APPEAL
        if self.outcome == self.Outcome.UPHELD:
            return Action.UPHOLD_APPEAL
        return APPEAL_KEEP_ACTIONS[State(self.appealed_outcome)]
