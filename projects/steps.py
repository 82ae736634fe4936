"""The application form in steps: each step a part of the one-page form, saved on its own
through the same service. The last step, the summary, is where the applicant submits."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    slug: str
    label: str | Promise
    # Keys of projects.forms.FIELDSETS shown on the step.
    fieldsets: tuple[str, ...] = ()
    plans: bool = False
    attachments: bool = False

    def url(self, application) -> str:
        if self.slug == SUMMARY:
            return reverse("projects:application-summary", args=[application.pk])
        return reverse("projects:application-step", args=[application.pk, self.slug])


SUMMARY = "oppsummering"

STEPS = (
    Step("prosjekt", _("Prosjektet"), fieldsets=("project", "partners", "contacts")),
    Step("mal", _("Mål og handlingsprogram"), fieldsets=("content", "programme")),
    Step("planer", _("Kostnader og finansiering"), plans=True),
    Step("vedlegg", _("Vedlegg"), attachments=True),
    Step(SUMMARY, _("Oppsummering")),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
FORM_STEPS = tuple(step for step in STEPS if step.slug != SUMMARY)


def neighbours(step: Step) -> tuple[Step | None, Step | None]:
    """The steps before and after `step`."""
    index = STEPS.index(step)
    return (
        STEPS[index - 1] if index else None,
        STEPS[index + 1] if index + 1 < len(STEPS) else None,
    )


def progress(application, current: str) -> list[dict]:
    """The progress indicator's items: label, address, position, and whether it is the current
    step."""
    return [
        {
            "label": step.label,
            "url": step.url(application),
            "number": number,
            "current": step.slug == current,
        }
        for number, step in enumerate(STEPS, 1)
    ]
