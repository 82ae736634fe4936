"""The council's meeting pack (møtepapirer): the agenda with each case's summary,
recommendation, scores and attachments on one page that prints to A4, and the council member's
declaration of a conflict of interest in an item."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamarregion.content_language import Text
from hamarregion.ui import add_service_error

from .forms import DisqualificationForm
from .models import AgendaItem, Meeting
from .permissions import can_declare_disqualification, can_read_meeting_pack
from .selectors import pack_agenda_items, scores_by_application
from .services import disqualification_declare


def pack_meeting(request, pk) -> Meeting:
    """The meeting, for a reader of the pack; anyone else is refused before it is read."""
    if not can_read_meeting_pack(request.user):
        raise PermissionDenied
    return get_object_or_404(Meeting, pk=pk)


def pack_entries(meeting, user, *, bound=None):
    """Each agenda item with its cases (application, scored criteria), who is disqualified, the
    reader's own disqualification, and the reader's declaration form where one may be sent."""
    items = pack_agenda_items(meeting, user)
    scores = scores_by_application(
        application for item in items for application in item.applications.all()
    )
    may_declare = can_declare_disqualification(user) and meeting.minutes_published_at is None
    entries = []
    for item in items:
        disqualifications = list(item.disqualifications.all())
        own = next((d for d in disqualifications if d.member_id == user.pk), None)
        form = None
        if own is None and bound is not None and bound[0] == item.pk:
            # A refused declaration is shown with its errors, whatever refused it.
            form = bound[1]
        elif own is None and may_declare:
            form = DisqualificationForm(prefix=f"sak-{item.pk}")
        entries.append(
            {
                "item": item,
                "cases": [
                    (application, scores[application.pk]) for application in item.applications.all()
                ],
                "disqualifications": disqualifications,
                "own_disqualification": own,
                "form": form,
            }
        )
    return entries


def render_pack(request, meeting, *, bound=None, status=200):
    return TemplateResponse(
        request,
        "meetings/meeting_pack.html",
        {
            "meeting": meeting,
            "entries": pack_entries(meeting, request.user, bound=bound),
            "breadcrumbs": [
                (_("Møter"), reverse("meetings:meeting-list")),
                (Text(str(meeting)), meeting.get_absolute_url()),
                (_("Møtepapirer"), None),
            ],
        },
        status=status,
    )


@login_required
def meeting_pack(request, pk):
    return render_pack(request, pack_meeting(request, pk))


@require_POST
@login_required
def disqualification_declare_view(request, pk, item_pk):
    meeting = pack_meeting(request, pk)
    if not can_declare_disqualification(request.user):
        raise PermissionDenied
    item = get_object_or_404(AgendaItem, meeting=meeting, pk=item_pk)
    form = DisqualificationForm(request.POST, prefix=f"sak-{item.pk}")
    if form.is_valid():
        try:
            disqualification_declare(
                item=item,
                member=request.user,
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Du er registrert som inhabil i %(item)s.") % {"item": item},
            )
            return redirect(f"{meeting_pack_url(meeting)}#sak-{item.number}")
    return render_pack(request, meeting, bound=(item.pk, form), status=400)


def meeting_pack_url(meeting) -> str:
    return reverse("meetings:meeting-pack", kwargs={"pk": meeting.pk})
