"""The UN's sustainable development goals, which focus areas and projects serve."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hamarregion.fields import SingleLineCharField


class SustainableDevelopmentGoalManager(models.Manager):
    def get_by_natural_key(self, number):
        return self.get(number=number)


class SustainableDevelopmentGoal(models.Model):
    number = models.PositiveSmallIntegerField(
        _("nummer"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    name = SingleLineCharField(_("navn"), max_length=200)

    objects = SustainableDevelopmentGoalManager()

    class Meta:
        verbose_name = _("bærekraftsmål")
        verbose_name_plural = _("bærekraftsmål")
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number__gte=1, number__lte=17),
                name="sustainable_development_goal_number_1_to_17",
                violation_error_message=_("FNs bærekraftsmål er nummerert fra 1 til 17."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def get_absolute_url(self):
        return reverse("programme:goal-detail", kwargs={"number": self.number})

    def natural_key(self):
        return (self.number,)
