"""The application list as a CSV file that Excel with Norwegian settings opens as it is:
UTF-8 with a byte order mark, semicolons between the columns, amounts as plain whole numbers,
dates as 27.11.2026. No contact person's name, e-mail or phone."""

import csv

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hamarregion.formatting import format_date

from ..permissions import is_secretariat

BOM = "\ufeff"
# A cell starting with one of these is read by spreadsheet programs as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def header() -> list[str]:
    return [
        _("ID"),
        _("Prosjektnavn"),
        _("Prosjekteier"),
        _("Utlysning"),
        _("Status"),
        _("Sendt inn"),
        _("Søknadsbeløp (kr)"),
        _("Anbefalt (kr)"),
        _("Innvilget (kr)"),
        _("Utbetalt (kr)"),
    ]


def text(value: str) -> str:
    value = " ".join(str(value).split())
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def amount(value) -> str:
    return "" if value is None else str(int(value))


def row(application) -> list[str]:
    return [
        str(application.pk),
        text(application.title),
        text(application.lead_municipality.name),
        text(application.funding_call.title),
        str(application.get_status_display()),
        format_date(application.submitted_at, language="nb"),
        amount(application.applied_sum),
        amount(application.recommended_sum),
        amount(application.granted_sum),
        amount(application.paid_sum),
    ]


class CsvExportMixin:
    """A ModelAdmin view that exports exactly what the changelist shows for the same query
    string: its filters, its search and its ordering, every page."""

    def export_csv_view(self, request):
        if not is_secretariat(request.user):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            messages.error(request, _("Filteret i adressen er ugyldig. Velg filtrene på nytt."))
            return redirect(reverse("admin:projects_application_changelist"))
        # The admin's queryset carries the sums (ApplicationAdmin.get_queryset).
        applications = changelist.get_queryset(request).select_related(
            "lead_municipality", "funding_call"
        )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"soknader-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write(BOM)
        writer = csv.writer(response, delimiter=";")
        writer.writerow(header())
        for application in applications:
            writer.writerow(row(application))
        return response
