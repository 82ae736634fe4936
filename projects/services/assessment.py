"""Assessment against criteria: a call's criteria (the programme's standard ones from the start,
and the call's own), and the scores the secretariat's assessors give an application on them
while it is reviewed. Each assessor scores on their own; a score may be changed until the
council's decision, and every version stays in the score's history."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Application, AssessmentCriterion, FundingCall, Score
from ..models.assessment import HIGHEST_SCORE, LOWEST_SCORE, STANDARD_CRITERIA
from ..permissions import is_secretariat
from ..workflow import State

# Scored while the secretariat reviews the application and until the council decides: after the
# recommendation too, for a second assessor who reads the case before the meeting.
SCORING_STATES = frozenset({State.IN_REVIEW, State.RECOMMENDED})


@transaction.atomic
def funding_call_add_standard_criteria(*, funding_call: FundingCall) -> list:
    """The programme's standard criteria on a new call, first in order; a title the call has
    already is not added twice."""
    present = set(funding_call.assessment_criteria.values_list("title", flat=True))
    return [
        AssessmentCriterion.objects.create(
            funding_call=funding_call, title=str(title), description=str(description), order=order
        )
        for order, (title, description) in enumerate(STANDARD_CRITERIA, start=1)
        if str(title) not in present
    ]


def criterion_change_refusal(*, criterion: AssessmentCriterion) -> str | None:
    """Why the criterion may no longer be removed or reworded, or None: once an application has
    been scored on it, the scores would lose what they were given for."""
    if criterion.pk is None or not criterion.scores.exists():
        return None
    return _(
        "Kriteriet «%(title)s» kan ikke fjernes eller endres: søknader har fått poeng på det."
    ) % {"title": criterion.title}


def scoring_refusal(*, application: Application, user) -> str | None:
    """Why the user may not score the application now, or None."""
    if not is_secretariat(user):
        return _("Bare sekretariatet vurderer søknader mot kriteriene.")
    if application.status not in SCORING_STATES:
        return _(
            "Søknaden kan vurderes mot kriteriene under behandling og fram til vedtaket, ikke "
            "når den har status «%(status)s»."
        ) % {"status": application.get_status_display()}
    return None


def score_field(criterion_id) -> str:
    """The name of a criterion's score in the errors assessment_score raises."""
    return f"score_{criterion_id}"


def comment_field(criterion_id) -> str:
    return f"comment_{criterion_id}"


@transaction.atomic
def assessment_score(
    *, application: Application, assessor, scores: dict[int, tuple[int | None, str]]
) -> list[Score]:
    """The assessor's scores on the application: {criterion id: (score, comment)}. A score of
    None removes the assessor's score on that criterion (a comment needs a score). Every
    criterion must belong to the application's call and every score be on the scale; otherwise
    nothing is saved, and the errors are keyed by score_field/comment_field."""
    if not is_secretariat(assessor):
        raise PermissionDenied
    application = Application.objects.select_for_update().get(pk=application.pk)
    refusal = scoring_refusal(application=application, user=assessor)
    if refusal is not None:
        raise ValidationError(refusal, code="not_scoring")
    criteria = {
        criterion.pk: criterion
        for criterion in AssessmentCriterion.objects.filter(
            funding_call_id=application.funding_call_id, pk__in=list(scores)
        )
    }
    errors = {}
    for criterion_id, (score, comment) in scores.items():
        if criterion_id not in criteria:
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                _("Kriteriet hører ikke til utlysningen «%(call)s».")
                % {"call": application.funding_call.title}
            )
        elif score is None:
            if (comment or "").strip():
                errors[score_field(criterion_id)] = _("Gi poeng når du skriver en kommentar.")
        elif not isinstance(score, int) or not LOWEST_SCORE <= score <= HIGHEST_SCORE:
            errors[score_field(criterion_id)] = _(
                "Poengene må være et helt tall fra %(lowest)s til %(highest)s."
            ) % {"lowest": LOWEST_SCORE, "highest": HIGHEST_SCORE}
    if errors:
        raise ValidationError(errors)
    saved = []
    for criterion_id, (score, comment) in scores.items():
        existing = Score.objects.filter(
            application=application, criterion_id=criterion_id, assessor=assessor
        ).first()
        if score is None:
            if existing is not None:
                existing.delete()
            continue
        comment = (comment or "").strip()
        if existing is None:
            existing = Score(application=application, criterion_id=criterion_id, assessor=assessor)
        elif existing.score == score and existing.comment == comment:
            saved.append(existing)
            continue
        existing.score = score
        existing.comment = comment
        existing.save()
        saved.append(existing)
    return saved
