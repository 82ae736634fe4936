"""Writes with rules for meetings: publishing and withdrawing the minutes, the agenda built
from the recommended cases, conflicts of interest, and the meeting's decisions in one step."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Application
from projects.permissions import is_council_member, is_secretariat
from projects.services import application_decide
from projects.workflow import State

from .models import AgendaItem, Disqualification, Meeting


@transaction.atomic
def meeting_publish_minutes(*, meeting: Meeting) -> Meeting:
    """Make the minutes public. Only minutes that are written, of a meeting that has been held;
    publishing again keeps the first publication date."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_published_at is not None:
        return meeting
    if not meeting.minutes.strip():
        raise ValidationError(
            _("«%(meeting)s» har ingen protokoll ennå, og den kan ikke publiseres."),
            code="no_minutes",
            params={"meeting": meeting},
        )
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _("«%(meeting)s» er ikke holdt ennå, og protokollen kan ikke publiseres."),
            code="meeting_not_held",
            params={"meeting": meeting},
        )
    meeting.minutes_published_at = timezone.now()
    meeting.save(update_fields=["minutes_published_at", "updated_at"])
    return meeting


@transaction.atomic
def meeting_unpublish_minutes(*, meeting: Meeting) -> Meeting:
    """Take the minutes off the public pages again, for instance to correct them."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.minutes_published_at is None:
        return meeting
    meeting.minutes_published_at = None
    meeting.save(update_fields=["minutes_published_at", "updated_at"])
    return meeting


def _require_secretariat(user) -> None:
    if not is_secretariat(user):
        raise PermissionDenied


@transaction.atomic
def agenda_add_recommended(*, meeting: Meeting, application_ids: list[int], by) -> list[AgendaItem]:
    """One agenda item for each recommended application, numbered after the meeting's items,
    titled and linked to it. One item per case: each case gets a decision of its own, and a
    member's conflict of interest is recorded per item, so it bars the member from that case
    only."""
    _require_secretariat(by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ids = sorted(set(application_ids or []))
    if not ids:
        raise ValidationError(_("Velg minst én innstilt sak."), code="no_applications")
    applications = list(
        Application.objects.filter(pk__in=ids)
        .select_related("lead_municipality")
        .order_by("submitted_at", "pk")
    )
    errors = []
    if len(applications) != len(ids):
        errors.append(ValidationError(_("En av de valgte søknadene finnes ikke."), code="missing"))
    on_agenda = set(
        AgendaItem.applications.through.objects.filter(
            agendaitem__meeting=meeting, application_id__in=ids
        ).values_list("application_id", flat=True)
    )
    for application in applications:
        if application.status != State.RECOMMENDED:
            errors.append(
                ValidationError(
                    _("«%(title)s» har ikke status «%(status)s» og kan ikke settes opp."),
                    code="not_recommended",
                    params={"title": application.title, "status": State.RECOMMENDED.label},
                )
            )
        elif application.pk in on_agenda:
            errors.append(
                ValidationError(
                    _("«%(title)s» står allerede på sakslisten til dette møtet."),
                    code="already_on_agenda",
                    params={"title": application.title},
                )
            )
    if errors:
        raise ValidationError(errors)
    number = meeting.agenda_items.aggregate(last=Max("number"))["last"] or 0
    items = []
    for application in applications:
        number += 1
        item = AgendaItem.objects.create(
            meeting=meeting,
            number=number,
            title=_("Søknad fra %(municipality)s: %(title)s")
            % {"municipality": application.lead_municipality.name, "title": application.title},
        )
        item.applications.add(application)
        items.append(item)
    return items


@transaction.atomic
def disqualification_declare(*, item: AgendaItem, member, reason: str, by) -> Disqualification:
    """Record that `member`, a council member, is disqualified for `item`: declared by the member
    or recorded by the secretariat, until the meeting's minutes are published."""
    if not (by == member or is_secretariat(by)):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    errors = {}
    reason = (reason or "").strip()
    if not is_council_member(member):
        errors["member"] = _("Bare rådsmedlemmer kan registreres som inhabile.")
    elif Disqualification.objects.filter(item=item, member=member).exists():
        errors["member"] = _("%(member)s er allerede registrert som inhabil i saken.") % {
            "member": member.get_full_name() or member.get_username()
        }
    if not reason:
        errors["reason"] = _("Skriv hvorfor rådsmedlemmet er inhabilt.")
    if meeting.minutes_published_at is not None:
        errors[NON_FIELD_ERRORS] = _(
            "Protokollen for møtet er publisert. Inhabilitet kan ikke registreres etterpå."
        )
    if errors:
        raise ValidationError(errors)
    return Disqualification.objects.create(item=item, member=member, reason=reason, recorded_by=by)


@transaction.atomic
def disqualification_remove(*, disqualification: Disqualification, by) -> None:
    """Remove a conflict of interest recorded in error, until the meeting's minutes are
    published: by the secretariat or the member it names. Its history keeps the record and who
    removed it."""
    if not (by == disqualification.member or is_secretariat(by)):
        raise PermissionDenied
    meeting = Meeting.objects.select_for_update().get(pk=disqualification.item.meeting_id)
    if meeting.minutes_published_at is not None:
        raise ValidationError(
            _("Protokollen for møtet er publisert. Inhabiliteten kan ikke fjernes etterpå.")
        )
    disqualification.delete()


def meeting_date(meeting: Meeting):
    """The date of the meeting, the decision date of what it decided."""
    return timezone.localdate(meeting.starts_at)


def meeting_cases_to_decide(meeting: Meeting):
    """The recommended applications on the meeting's agenda, in agenda order, with what the
    decision page shows of them."""
    return (
        Application.objects.filter(agenda_items__meeting=meeting, status=State.RECOMMENDED)
        .select_related("lead_municipality", "recommendation", "funding_call")
        .with_amounts()
        .order_by("agenda_items__number", "pk")
        .distinct()
    )


class MeetingDecisionsRefused(ValidationError):
    """The meeting's decisions, refused as a whole: `by_application` holds each refused case's
    ValidationError (application_decide's, by field), keyed by the application's pk."""

    def __init__(self, by_application: dict):
        self.by_application = by_application
        super().__init__(
            _("Ingen vedtak er lagret: rett feilene ved sakene som er merket, og lagre igjen."),
            code="decisions_refused",
        )


@transaction.atomic
def meeting_decisions_record(*, meeting: Meeting, decisions: list[dict], by) -> list:
    """Record the meeting's decisions in one step, each through application_decide with the
    meeting's date as the decision date: all of them, or none (the first refusal does not stop
    the others' checks, so that every refused case is named at once). Each entry of `decisions`:
    application_id, outcome, granted_amount, case_number, decision_text, conditions,
    report_due_on."""
    _require_secretariat(by)
    meeting = Meeting.objects.get(pk=meeting.pk)
    if meeting.starts_at > timezone.now():
        raise ValidationError(
            _("Møtet er ikke holdt ennå. Vedtakene registreres etter møtet."),
            code="meeting_not_held",
        )
    if not decisions:
        raise ValidationError(_("Møtet har ingen innstilte saker å vedta."), code="nothing")
    on_agenda = {application.pk: application for application in meeting_cases_to_decide(meeting)}
    decided_on = meeting_date(meeting)
    recorded, refused = [], {}
    for entry in decisions:
        application = on_agenda.get(entry["application_id"])
        if application is None:
            refused[entry["application_id"]] = ValidationError(
                _("Søknaden står ikke som innstilt sak på møtets saksliste."), code="not_on_agenda"
            )
            continue
        try:
            recorded.append(
                application_decide(
                    application=application,
                    user=by,
                    outcome=entry["outcome"],
                    granted_amount=entry.get("granted_amount") or 0,
                    decided_on=decided_on,
                    case_number=entry.get("case_number", ""),
                    decision_text=entry.get("decision_text", ""),
                    conditions=entry.get("conditions", ""),
                    report_due_on=entry.get("report_due_on"),
                    meeting=meeting,
                )
            )
        except ValidationError as error:
            # application_decide ran in a savepoint of its own, rolled back by the error: the
            # transaction is still usable for the other cases' checks.
            refused[application.pk] = error
    if refused:
        raise MeetingDecisionsRefused(refused)
    return recorded
