from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from hamarregion.fields import SingleLineCharField


class MunicipalityQuerySet(models.QuerySet):
    def members(self):
        return self.filter(is_member=True)

    def active(self):
        return self.filter(is_active=True)


class MunicipalityManager(models.Manager.from_queryset(MunicipalityQuerySet)):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Municipality(models.Model):
    """A member municipality of the council, or a partner such as the county."""

    name = SingleLineCharField(_("navn"), max_length=200, unique=True)
    slug = models.SlugField(_("adresse"), unique=True)
    number = SingleLineCharField(
        _("kommunenummer"), max_length=4, blank=True, help_text=_("Fire sifre, for eksempel 3403.")
    )
    organisation_number = SingleLineCharField(
        _("organisasjonsnummer"),
        max_length=9,
        blank=True,
        help_text=_(
            "Ni sifre, fra Enhetsregisteret. Arkivuttrekket oppgir kommunen som part med dette "
            "nummeret."
        ),
    )
    is_member = models.BooleanField(
        _("medlem av regionrådet"),
        default=False,
        help_text=_(
            "Hamar, Løten, Ringsaker og Stange. Partnere som fylkeskommunen er ikke medlemmer."
        ),
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="municipalities",
        verbose_name=_("brukere"),
        blank=True,
    )

    objects = MunicipalityManager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kommune eller partner")
        verbose_name_plural = _("kommuner og partnere")
        ordering = ["-is_member", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number="") | models.Q(number__regex=r"^[0-9]{4}$"),
                name="municipality_number_four_digits",
                violation_error_message=_("Kommunenummeret har fire sifre."),
            ),
            models.CheckConstraint(
                condition=models.Q(organisation_number="")
                | models.Q(organisation_number__regex=r"^[0-9]{9}$"),
                name="municipality_organisation_number_nine_digits",
                violation_error_message=_("Organisasjonsnummeret har ni sifre."),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class Membership(models.Model):
    """A user who may write and follow applications for a municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("bruker"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("kommune"),
    )

    class Meta:
        verbose_name = _("tilknytning til kommune")
        verbose_name_plural = _("tilknytninger til kommuner")
        ordering = ["municipality", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"],
                name="membership_unique_user_municipality",
                violation_error_message=_("Brukeren er allerede knyttet til denne kommunen."),
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.municipality}"
