from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Membership, Organisation
from hamarregion.fields import SingleLineCharField


class MunicipalityQuerySet(models.QuerySet):
    def members(self):
        return self.filter(is_member=True)

    def active(self):
        return self.filter(is_active=True)

    def applied_for_by(self, user):
        """Those the user may write and follow applications for."""
        if not (user and user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(
            organisation__memberships__in=Membership.objects.applying().filter(person=user)
        )


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
    # The organisation its people belong to (accounts.Organisation); made with the municipality.
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="municipality",
        verbose_name=_("organisasjon"),
        null=True,
        blank=True,
        editable=False,
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

    def save(self, *args, **kwargs):
        if self.organisation_id is None:
            self.organisation = self._own_organisation()
        super().save(*args, **kwargs)

    def _own_organisation(self):
        """The organisation of the same address made for it in admin, or a new one; never the
        secretariat's, the council's or another municipality's."""
        kind = Organisation.Kind.MUNICIPALITY if self.is_member else Organisation.Kind.PARTNER
        free = Organisation.objects.filter(
            kind__in=[Organisation.Kind.MUNICIPALITY, Organisation.Kind.PARTNER],
            municipality__isnull=True,
        )
        found = free.filter(slug=self.slug).first()
        if found is not None:
            return found
        slug, name = self.slug, self.name
        if Organisation.objects.filter(slug=slug).exists():
            slug = f"{slug}-{self.number or 'kommune'}"[:50]
        if Organisation.objects.filter(name=name).exists():
            name = f"{name} ({slug})"
        return Organisation.objects.create(slug=slug, name=name, kind=kind)

    def natural_key(self):
        return (self.slug,)
