"""Which application a follow-up page is about, and the breadcrumbs to it."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from projects.views.applications import (
    application_crumb,
    my_applications_crumb,
    visible_application,
)
from projects.workflow import PUBLIC_STATES


def granted_application(request, pk):
    """The application if the user may see it and it has been granted; 404 otherwise, so ids
    reveal nothing."""
    application = visible_application(request, pk)
    if application.status not in PUBLIC_STATES:
        raise Http404
    return application


def follow_up_crumbs(application, *, here=None) -> list:
    """The crumbs to the follow-up page and, with `here`, to a page below it."""
    crumbs = [my_applications_crumb(), application_crumb(application)]
    url = reverse("grants:follow-up", kwargs={"pk": application.pk})
    if here is None:
        return [*crumbs, (_("Oppfølging"), None)]
    return [*crumbs, (_("Oppfølging"), url), (here, None)]
