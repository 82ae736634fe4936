"""The case's frozen documents, downloaded by those who may see the application."""

import logging

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from ..services import document_pdf
from ..services.documents import DocumentUnavailable
from .applications import visible_application

logger = logging.getLogger(__name__)


class ApplicationDocumentView(LoginRequiredMixin, View):
    """The receipt or decision letter as PDF/A: as stored, or made now from its frozen HTML if
    that could not be done when it was sent."""

    def get(self, request, pk, document_pk):
        application = visible_application(request, pk)
        document = get_object_or_404(application.documents, pk=document_pk)
        try:
            document = document_pdf(document=document)
        except DocumentUnavailable:
            logger.exception("Could not make the PDF of case document %s", document.pk)
            messages.error(
                request, _("Dokumentet kan ikke lages akkurat nå. Prøv igjen om en stund.")
            )
            return redirect(application)
        response = HttpResponse(bytes(document.pdf), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
