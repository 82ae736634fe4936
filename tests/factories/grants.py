"""The follow-up after a grant: payment requests, progress reports and change requests, made
through the services as the applicant would make them."""

from datetime import date, timedelta

from django.utils import timezone

from grants.models import ChangeRequest, PaymentRequest
from projects.workflow import State
from tests.factories.cases import case_in


def payment_request_for(
    application, *, amount=100_000, kind=PaymentRequest.Kind.PART, spent=None, **fields
):
    """A payment request sent through grants.services by the application's creator (a member
    of its lead municipality, as case_in makes them). What was spent defaults to the amount asked
    for on the plan's first line and 0 on the others."""
    from grants import services

    if spent is None:
        line_ids = list(application.cost_lines.values_list("pk", flat=True))
        spent = dict.fromkeys(line_ids, 0)
        spent[line_ids[0]] = amount
    fields.setdefault("user", application.created_by)
    return services.payment_request_submit(
        application=application, kind=kind, amount=amount, spent=spent, **fields
    )


def project_under_way(*, secretariat, start_date=None, end_date=None, **fields):
    """A granted project under way (case_in: the workflow's main path to IN_PROGRESS, through
    any step it gains), by default three years long and started eleven months and twenty days
    ago: its first progress report is due in ten days."""
    today = timezone.localdate()
    start_date = start_date or today - timedelta(days=355)
    end_date = end_date or date(start_date.year + 3, start_date.month, min(start_date.day, 28))
    return case_in(
        State.IN_PROGRESS,
        secretariat=secretariat,
        start_date=start_date,
        end_date=end_date,
        **fields,
    )


def progress_report(application, *, number=1, user=None, today=None, **values):
    """Report `number` sent in by the application's creator (a member of its municipality)."""
    from grants.services.progress_reports import progress_report_submit

    values.setdefault("progress", "Kartleggingen er ferdig, og pilotene er i gang.")
    values.setdefault("spent", 250_000)
    values.setdefault("deviations", "")
    return progress_report_submit(
        application=application,
        user=user or application.created_by,
        number=number,
        today=today,
        **values,
    )


def change_request(application, *, kind=ChangeRequest.Kind.END_DATE, user=None, **values):
    """A change request sent by the application's creator: by default a new end date three
    months later."""
    from grants.services.change_requests import change_request_submit

    values.setdefault("justification", "Leverandøren er forsinket, og piloten tar lengre tid.")
    if kind == ChangeRequest.Kind.END_DATE:
        values.setdefault("end_date", application.end_date + timedelta(days=92))
    return change_request_submit(
        application=application, user=user or application.created_by, kind=kind, **values
    )
