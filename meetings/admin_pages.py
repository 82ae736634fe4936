"""The secretariat's pages for a meeting in admin, beside its change page: the agenda built from
the recommended cases, the conflicts of interest recorded for the meeting, and all of the
meeting's decisions in one step. Each parses a form, calls meetings.services and shows its
refusal at the fields."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamarregion.ui import add_service_error, service_error_message

from .forms import (
    AgendaFromRecommendedForm,
    DecisionFormSet,
    DisqualificationRecordForm,
    decision_initial,
)
from .models import Disqualification
from .selectors import recommended_not_on_an_agenda
from .services import (
    MeetingDecisionsRefused,
    agenda_add_recommended,
    disqualification_declare,
    disqualification_remove,
    meeting_cases_to_decide,
    meeting_date,
    meeting_decisions_record,
)


def page(request, model_admin, meeting, template, title, **context):
    return TemplateResponse(
        request,
        template,
        {
            **model_admin.admin_site.each_context(request),
            "opts": model_admin.model._meta,
            "original": meeting,
            "change_url": reverse("admin:meetings_meeting_change", args=[meeting.pk]),
            "title": title,
            **context,
        },
    )


def agenda_view(model_admin, request, meeting):
    """«Sett opp saksliste fra innstilte saker»."""
    candidates = (
        recommended_not_on_an_agenda()
        .select_related("lead_municipality", "recommendation")
        .order_by("submitted_at", "pk")
    )
    form = AgendaFromRecommendedForm(
        request.POST if request.method == "POST" else None, candidates=candidates
    )
    if form.is_bound and form.is_valid():
        try:
            items = agenda_add_recommended(
                meeting=meeting,
                application_ids=[
                    application.pk for application in form.cleaned_data["applications"]
                ],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)d sak er satt opp på sakslisten.",
                    "%(count)d saker er satt opp på sakslisten.",
                    len(items),
                )
                % {"count": len(items)},
                messages.SUCCESS,
            )
            return redirect("admin:meetings_meeting_change", meeting.pk)
    return page(
        request,
        model_admin,
        meeting,
        "admin/meetings/meeting/agenda.html",
        _("Sett opp saksliste fra innstilte saker"),
        form=form,
        candidates=list(candidates),
    )


def disqualifications_view(model_admin, request, meeting):
    """The conflicts of interest recorded for the meeting's items, each with a button that
    removes one recorded in error, and the form to record one."""
    if request.method == "POST" and "remove_disqualification" in request.POST:
        return remove_disqualification(model_admin, request, meeting)
    form = DisqualificationRecordForm(
        request.POST if request.method == "POST" else None, meeting=meeting
    )
    if form.is_bound and form.is_valid():
        try:
            disqualification_declare(
                item=form.cleaned_data["item"],
                member=form.cleaned_data["member"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            model_admin.message_user(request, _("Inhabiliteten er registrert."), messages.SUCCESS)
            return redirect("admin:meetings_meeting_disqualifications", meeting.pk)
    return page(
        request,
        model_admin,
        meeting,
        "admin/meetings/meeting/disqualifications.html",
        _("Inhabilitet i møtet"),
        form=form,
        disqualifications=Disqualification.objects.filter(item__meeting=meeting)
        .select_related("item", "member", "recorded_by")
        .order_by("item__number", "member__last_name", "pk"),
    )


def remove_disqualification(model_admin, request, meeting):
    chosen = request.POST["remove_disqualification"]
    disqualification = (
        Disqualification.objects.filter(item__meeting=meeting, pk=chosen).first()
        if chosen.isdigit()
        else None
    )
    if disqualification is None:
        model_admin.message_user(
            request, _("Inhabiliteten finnes ikke lenger i møtet."), messages.WARNING
        )
    else:
        try:
            disqualification_remove(disqualification=disqualification, by=request.user)
        except ValidationError as error:
            model_admin.message_user(request, service_error_message(error), messages.ERROR)
        else:
            model_admin.message_user(
                request,
                _("Inhabiliteten til %(member)s i %(item)s er fjernet.")
                % {"member": disqualification.member_name, "item": disqualification.item},
                messages.SUCCESS,
            )
    return redirect("admin:meetings_meeting_disqualifications", meeting.pk)


def decision_rows(cases, formset):
    """(application, form) for each row: by the application the row was sent for."""
    by_pk = {application.pk: application for application in cases}
    rows = []
    for form in formset:
        application_id = form["application_id"].value()
        try:
            application = by_pk.get(int(application_id))
        except (TypeError, ValueError):
            application = None
        if application is not None:
            rows.append((application, form))
    return rows


def decisions_view(model_admin, request, meeting):
    """Every recommended case on the meeting's agenda decided in one step."""
    cases = list(meeting_cases_to_decide(meeting))
    formset = DecisionFormSet(
        request.POST if request.method == "POST" else None,
        initial=[decision_initial(application, meeting) for application in cases],
        prefix="vedtak",
    )
    if formset.is_bound and formset.is_valid():
        try:
            recorded = meeting_decisions_record(
                meeting=meeting,
                decisions=[form.cleaned_data for form in formset],
                by=request.user,
            )
        except MeetingDecisionsRefused as refusal:
            by_application = {form.cleaned_data["application_id"]: form for form in formset}
            for application_id, error in refusal.by_application.items():
                if application_id in by_application:
                    add_service_error(by_application[application_id], error)
            formset.non_form_errors().extend(refusal.messages)
        except ValidationError as error:
            formset.non_form_errors().extend(error.messages)
        else:
            model_admin.message_user(
                request,
                ngettext(
                    "%(count)d vedtak er registrert med vedtaksdato %(date)s.",
                    "%(count)d vedtak er registrert med vedtaksdato %(date)s.",
                    len(recorded),
                )
                % {"count": len(recorded), "date": f"{meeting_date(meeting):%d.%m.%Y}"},
                messages.SUCCESS,
            )
            return redirect("admin:meetings_meeting_change", meeting.pk)
    return page(
        request,
        model_admin,
        meeting,
        "admin/meetings/meeting/decisions.html",
        _("Registrer møtets vedtak"),
        rows=decision_rows(cases, formset),
        formset=formset,
        decided_on=meeting_date(meeting),
    )
