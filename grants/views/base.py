"""What every page of the follow-up shares: the granted application it is about, and the way
back to the follow-up page."""

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.views.applications import visible_application


def follow_up_crumb(application):
    return (gettext_lazy("Oppfølging"), reverse("grants:follow-up", kwargs={"pk": application.pk}))


def granted_application(request, pk):
    """The application if the user may see it and it has been granted; 404 otherwise, so that
    ids reveal nothing."""
    application = visible_application(request, pk)
    if not application.is_public:
        raise Http404(_("Søknaden er ikke innvilget."))
    return application
