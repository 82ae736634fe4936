"""The follow-up after a grant: payment requests sent by the applicant through the services."""

from grants.models import PaymentRequest


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
