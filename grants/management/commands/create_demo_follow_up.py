from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from grants.models import ChangeRequest, PaymentRequest
from grants.services.change_requests import change_request_decide, change_request_submit
from grants.services.payment_requests import payment_request_approve, payment_request_submit
from hamarregion.demo import require_debug
from projects.models import Application
from projects.services import application_transition, final_report_save
from projects.workflow import Action, State

# The demo's grant followed from acceptance to the final report (create_demo_data leaves it
# accepted and under way): a part payment, a new end date, the final report, the final payment.
FOLLOWED = "Tilflytterguide for Hamarregionen"


class Command(BaseCommand):
    help = (
        "Take the demo grant «Tilflytterguide for Hamarregionen» through its follow-up: two "
        "payment requests, a change request and the final report (development only: refused "
        "unless DEBUG is on). Does nothing where it has been done."
    )

    @transaction.atomic
    def handle(self, *args, verbosity=1, **options):
        require_debug("Demo data")
        application = Application.objects.filter(title=FOLLOWED).first()
        if application is None:
            raise CommandError("Run create_demo_data first.")
        if application.payment_requests.exists() or application.status != State.IN_PROGRESS:
            if verbosity >= 1:
                self.stdout.write("The demo grant's follow-up exists already; nothing done.")
            return
        applicant = application.created_by
        secretariat = get_user_model().objects.get(username="sekretariat")
        lines = list(application.cost_lines.order_by("pk"))
        granted = application.granted_amount()

        first = payment_request_submit(
            application=application,
            user=applicant,
            kind=PaymentRequest.Kind.PART,
            amount=granted // 2,
            spent={line.pk: line.amount // 2 for line in lines},
            comment="Guiden er skrevet; trykking og lansering gjenstår.",
        )
        payment_request_approve(request=first, user=secretariat, reference="Første utbetaling")

        change = change_request_submit(
            application=application,
            user=applicant,
            kind=ChangeRequest.Kind.END_DATE,
            end_date=application.end_date + timedelta(days=30),
            justification="Trykkeriet ble forsinket, og lanseringen ble flyttet en måned.",
        )
        change_request_decide(change_request=change, user=secretariat, approve=True)

        final_report_save(
            application=application,
            user=applicant,
            results=(
                "Guiden ble lansert på nett og i papirutgave, og kommunene bruker den i møtet "
                "med nye innbyggere.\n\nTretti tilflyttere deltok i velkomstkvelder i løpet av "
                "prosjektperioden."
            ),
            actual_cost=480_000,
            cost_comment="Trykkingen ble rimeligere enn planlagt.",
            submit=True,
        )
        application.refresh_from_db()
        final = payment_request_submit(
            application=application,
            user=applicant,
            kind=PaymentRequest.Kind.FINAL,
            amount=application.remaining_amount(),
            spent={line.pk: line.amount for line in lines},
            comment="Sluttrapporten er sendt inn.",
        )
        payment_request_approve(
            request=final,
            user=secretariat,
            paid_on=timezone.localdate(),
            reference="Sluttutbetaling",
        )
        application_transition(
            application=application, action=Action.APPROVE_REPORT, user=secretariat
        )
        if verbosity >= 1:
            self.stdout.write(
                f"Followed up «{FOLLOWED}»: two payment requests paid, a new end date, the "
                "final report approved."
            )
