"""The council's meetings (Diskusjonsarena): the meeting, its agenda (saksliste), its guests and
its minutes (protokoll)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField

MARKDOWN_HELP = _(
    "Markdown: tom linje mellom avsnitt, **fet**, *kursiv*, - punktliste, [lenke](https://...)."
)


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(starts_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.filter(starts_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def with_public_minutes(self):
        """Meetings whose minutes the secretariat has published: the only minutes anyone outside
        admin may read."""
        return self.filter(minutes_published_at__isnull=False).exclude(minutes="")


class Meeting(models.Model):
    """A meeting of the council. Meetings are public by law (kommuneloven § 11-2), so a meeting
    and its agenda are shown as soon as they are registered; the minutes only once published."""

    title = SingleLineCharField(_("tittel"), max_length=200)
    starts_at = models.DateTimeField(_("tidspunkt"))
    place = SingleLineCharField(_("sted"), max_length=200)
    description = models.TextField(_("beskrivelse"), blank=True, help_text=MARKDOWN_HELP)
    minutes = models.TextField(
        _("protokoll"),
        blank=True,
        help_text=_(
            "Vises offentlig først når sekretariatet publiserer protokollen (handlingen "
            "«Publiser protokollen» i møtelisten). "
        )
        + MARKDOWN_HELP,
    )
    minutes_published_at = models.DateTimeField(
        _("protokoll publisert"), null=True, blank=True, editable=False
    )
    updated_at = models.DateTimeField(_("sist endret"), auto_now=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("møte")
        verbose_name_plural = _("møter")
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes_published_at__isnull=True) | ~Q(minutes=""),
                name="meeting_published_minutes_not_empty",
                violation_error_message=_("En publisert protokoll kan ikke være tom."),
            ),
        ]

    def __str__(self):
        return f"{self.title} {timezone.localtime(self.starts_at):%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    def clean(self):
        errors = {}
        if self.minutes_published_at is not None and not self.minutes.strip():
            errors["minutes"] = ValidationError(
                _(
                    "Protokollen er publisert og kan ikke tømmes. Trekk tilbake "
                    "publiseringen først."
                ),
                code="published_minutes_empty",
            )
        earlier = self.earliest_decision_before(self.starts_at)
        if earlier is not None:
            # application_decide refuses a decision dated before its meeting; moving the meeting
            # past the decisions made in it would make the same contradiction from this side.
            errors["starts_at"] = ValidationError(
                _(
                    "Et vedtak gjort i dette møtet har vedtaksdato %(date)s. Møtet kan ikke "
                    "flyttes til etter vedtakene som ble gjort i det."
                ),
                code="meeting_after_its_decisions",
                params={"date": f"{earlier:%d.%m.%Y}"},
            )
        if errors:
            raise ValidationError(errors)

    def earliest_decision_before(self, starts_at):
        """The earliest date of a decision made in this meeting that falls before `starts_at`'s
        day, or None."""
        if self.pk is None or starts_at is None:
            return None
        return (
            self.decisions.filter(decided_on__lt=timezone.localdate(starts_at))
            .order_by("decided_on")
            .values_list("decided_on", flat=True)
            .first()
        )

    @property
    def minutes_are_public(self) -> bool:
        return self.minutes_published_at is not None and bool(self.minutes)

    @property
    def is_upcoming(self) -> bool:
        return self.starts_at >= timezone.now()


class Guest(models.Model):
    """An organisation invited to the council's discussion (Diskusjonsarena), such as LO, NHO or
    Statsforvalteren. Deliberately no person's name or contact details: they are published."""

    name = SingleLineCharField(
        _("navn"), max_length=200, unique=True, help_text=_("Organisasjonen, for eksempel «NHO».")
    )
    role = SingleLineCharField(
        _("rolle"),
        max_length=200,
        blank=True,
        help_text=_(
            "Hvem som møter for organisasjonen, med tittel, for eksempel «regiondirektør». "
            "Ikke navn eller kontaktopplysninger: dette vises offentlig."
        ),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gjest")
        verbose_name_plural = _("gjester")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class AgendaItem(models.Model):
    """An item (sak) on a meeting's agenda (saksliste)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("møte")
    )
    number = models.PositiveSmallIntegerField(_("saksnummer"))
    title = SingleLineCharField(_("tittel"), max_length=300)
    description = models.TextField(_("beskrivelse"), blank=True, help_text=MARKDOWN_HELP)
    focus_areas = models.ManyToManyField(
        "programme.FocusArea",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("satsingsområder"),
    )
    applications = models.ManyToManyField(
        "projects.Application",
        blank=True,
        related_name="agenda_items",
        verbose_name=_("søknader"),
        help_text=_(
            "Søknader som ble behandlet i saken. Offentlig vises bare innvilgede prosjekter."
        ),
    )
    guests = models.ManyToManyField(
        Guest, blank=True, related_name="agenda_items", verbose_name=_("gjester")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sak")
        verbose_name_plural = _("saksliste")
        ordering = ["meeting", "number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"],
                name="agenda_item_number_unique_in_meeting",
                violation_error_message=_("En annen sak i møtet har dette saksnummeret."),
            ),
        ]

    def __str__(self):
        return _("Sak %(number)s: %(title)s") % {"number": self.number, "title": self.title}

    def get_absolute_url(self):
        return f"{self.meeting.get_absolute_url()}#sak-{self.number}"


class Disqualification(models.Model):
    """A council member's conflict of interest (inhabilitet) in an agenda item: the member does
    not take part in the item (forvaltningsloven § 6, kommuneloven § 11-10). Declared by the
    member in the meeting pack or recorded by the secretariat; the published minutes name the
    members who did not take part."""

    item = models.ForeignKey(
        AgendaItem,
        on_delete=models.CASCADE,
        related_name="disqualifications",
        verbose_name=_("sak"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="disqualifications",
        verbose_name=_("rådsmedlem"),
    )
    reason = models.TextField(_("begrunnelse"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registrert av"),
    )
    recorded_at = models.DateTimeField(_("registrert"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inhabilitet")
        verbose_name_plural = _("inhabilitet")
        ordering = ["item", "member__last_name", "member__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "member"],
                name="disqualification_once_per_item_and_member",
                violation_error_message=_("Rådsmedlemmet er allerede registrert som inhabilt."),
            ),
        ]

    def __str__(self):
        return _("%(member)s er inhabil i %(item)s") % {
            "member": self.member_name,
            "item": self.item,
        }

    def get_absolute_url(self):
        return self.item.get_absolute_url()

    @property
    def member_name(self) -> str:
        return self.member.get_full_name() or self.member.get_username()
