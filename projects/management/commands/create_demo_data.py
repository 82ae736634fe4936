import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from hamarregion.demo import require_debug
from programme.demo import demo_commitment_follow_up
from programme.models import Programme, SustainableDevelopmentGoal
from projects.models import (
    Application,
    CostLine,
    FundingCall,
    FundingLine,
    Municipality,
)
from projects.services import (
    application_create,
    application_decide,
    application_recommend,
    application_transition,
    grant_accept,
    payment_register,
)
from projects.services.assessment import assessment_score, funding_call_add_standard_criteria
from projects.workflow import Action, State

OPEN_CALL = "utviklingsmidler-2026"
CLOSED_CALL = "utviklingsmidler-varen-2026"
OSLO = ZoneInfo("Europe/Oslo")


class Command(BaseCommand):
    help = (
        "Create demo funding calls and applications in several states for `make run` "
        "(development only: refused unless DEBUG is on). Does nothing where they exist."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would be done, change nothing."
        )

    @transaction.atomic
    def handle(self, *args, dry_run=False, verbosity=1, **options):
        require_debug("Demo data")
        if FundingCall.objects.filter(slug__in=[OPEN_CALL, CLOSED_CALL]).exists():
            if verbosity >= 1:
                self.stdout.write("Demo calls exist already; nothing done.")
            return
        programme = Programme.objects.filter(slug="2022-2023").first()
        users = {
            u.username: u
            for u in get_user_model().objects.filter(
                username__in=["hamar", "loten", "stange", "sekretariat"]
            )
        }
        if programme is None or len(users) < 4:
            raise CommandError("Run load_programme and create_demo_accounts first.")
        if dry_run:
            self.stdout.write(
                "Would create two demo calls and nine applications, three of them funded "
                "projects and one rejected."
            )
            return

        now = timezone.now().replace(second=0, microsecond=0)
        focus_areas = list(programme.focus_areas.order_by("order"))
        open_call = self.make_call(
            programme,
            OPEN_CALL,
            "Utviklingsmidler 2026–2027",
            now - timedelta(days=30),
            now + timedelta(days=45),
            focus_areas,
        )
        closed_call = self.make_call(
            programme,
            CLOSED_CALL,
            "Utviklingsmidler våren 2026",
            now - timedelta(days=200),
            now - timedelta(days=100),
            focus_areas[:2],
        )
        hamar, loten, stange = (
            Municipality.objects.get(slug=s) for s in ["hamar", "loten", "stange"]
        )
        secretariat = users["sekretariat"]

        self.make_application(open_call, hamar, users["hamar"], "Bolyst i Hamarregionen", None)
        submitted = self.make_application(
            open_call, hamar, users["hamar"], "Næringsnettverk for unge gründere", Action.SUBMIT
        )
        returned = self.make_application(
            open_call, loten, users["loten"], "Ladestruktur langs riksveiene", Action.SUBMIT
        )
        application_transition(
            application=returned,
            action=Action.RETURN,
            user=secretariat,
            comment="Legg ved kostnadsoverslag fra leverandør og oppdater finansieringsplanen.",
        )
        withdrawn = self.make_application(
            open_call, stange, users["stange"], "Felles merkevare for regionen", None
        )
        application_transition(application=withdrawn, action=Action.WITHDRAW, user=users["stange"])
        self.make_application(
            closed_call,
            stange,
            users["stange"],
            "Kompetanseløft i landbruket",
            Action.SUBMIT,
            now=closed_call.closes_at - timedelta(days=3),
        )
        funded = self.make_funded_projects(closed_call, users, hamar, loten, stange)
        demo_commitment_follow_up(programme=programme, projects=funded, user=secretariat)
        if verbosity >= 1:
            self.stdout.write(
                f"Created calls {open_call} and {closed_call} and nine applications "
                f"(one submitted: {submitted}; funded: {', '.join(map(str, funded))})."
            )

    def make_funded_projects(self, call, users, hamar, loten, stange):
        """Decided applications in the closed call, taken through the case handling services,
        so that the public catalogue has approved and running projects, and a rejection that it
        must not show. The grants under way were accepted by their applicant first; one grant
        waits for its acceptance. Stange's grant is followed up to its completion by grants'
        create_demo_follow_up (payment requests, a change, the final report)."""
        secretariat = users["sekretariat"]
        submitted_at = call.closes_at - timedelta(days=10)
        decided_on = timezone.localdate(call.closes_at) + timedelta(days=20)
        today = timezone.localdate()
        started = decided_on + timedelta(days=10)
        plans = [
            # title, owner, applicant, partners, focus area, goals, amount, stage, period
            (
                "Reiselivsstrategi for Mjøsregionen",
                hamar,
                users["hamar"],
                [loten, stange],
                1,
                [8, 12],
                200_000,
                State.APPROVED,
                (today + timedelta(days=30), today + timedelta(days=395)),
            ),
            (
                "Felles næringsarealer langs E6",
                loten,
                users["loten"],
                [hamar],
                0,
                [8, 9, 11],
                250_000,
                State.IN_PROGRESS,
                (started, today + timedelta(days=200)),
            ),
            (
                "Tilflytterguide for Hamarregionen",
                stange,
                users["stange"],
                [hamar, loten],
                0,
                [11, 17],
                150_000,
                # Paid, changed, reported and completed by grants' create_demo_follow_up.
                State.IN_PROGRESS,
                (started, today - timedelta(days=40)),
            ),
        ]
        funded = []
        for title, owner, applicant, partners, area, goals, amount, stage, period in plans:
            application = self.make_application(
                call,
                owner,
                applicant,
                title,
                Action.SUBMIT,
                now=submitted_at,
                partners=partners,
                focus_area_index=area,
                goals=goals,
                period=period,
            )
            if stage == State.APPROVED:
                # Waiting for the applicant's acceptance, which the demo shows: not yet due.
                self.decide(
                    application,
                    secretariat,
                    amount=amount,
                    decided_on=decided_on,
                    acceptance_due_on=today + timedelta(days=14),
                )
                funded.append(application)
                continue
            self.decide(application, secretariat, amount=amount, decided_on=decided_on)
            accepted_at = datetime.combine(decided_on + timedelta(days=5), time(10), tzinfo=OSLO)
            grant_accept(application=application, user=applicant, confirmed=True, now=accepted_at)
            if owner == loten:
                # Registered by the secretariat by hand; Stange's grant is paid on request.
                payment_register(
                    application=application,
                    user=secretariat,
                    amount=amount // 2,
                    paid_on=decided_on + timedelta(days=14),
                    reference="Første utbetaling",
                )
            application_transition(
                application=application, action=Action.START_PROJECT, user=applicant
            )
            funded.append(application)

        rejected = self.make_application(
            call,
            hamar,
            users["hamar"],
            "Felles kulturkalender på nett",
            Action.SUBMIT,
            now=submitted_at,
        )
        self.decide(rejected, secretariat, amount=0, decided_on=decided_on)
        return funded

    def decide(self, application, secretariat, *, amount, decided_on, acceptance_due_on=None):
        """Review, recommend and record the council's decision: approved for an amount,
        rejected for 0 kr."""
        application_transition(
            application=application, action=Action.START_REVIEW, user=secretariat
        )
        score = 5 if amount else 2
        assessment_score(
            application=application,
            assessor=secretariat,
            scores={
                criterion.pk: (score, "")
                for criterion in application.funding_call.assessment_criteria.all()
            },
        )
        application_recommend(
            application=application,
            user=secretariat,
            assessment="Søknaden følger opp handlingsprogrammet og er godt forankret."
            if amount
            else "Søknaden ligger utenfor utlysningens prioriteringer.",
            recommended_amount=amount,
        )
        application_decide(
            application=application,
            user=secretariat,
            outcome="approved" if amount else "rejected",
            granted_amount=amount,
            decided_on=decided_on,
            case_number=f"{decided_on.year}/{application.pk:04d}",
            decision_text="Regionrådet vedtar sekretariatets innstilling.",
            report_due_on=decided_on + timedelta(days=365) if amount else None,
            acceptance_due_on=acceptance_due_on,
        )

    def make_call(self, programme, slug, title, opens_at, closes_at, focus_areas):
        call = FundingCall.objects.create(
            programme=programme,
            slug=slug,
            title=title,
            description=(
                "Regionrådet lyser ut utviklingsmidler til prosjekter som følger opp "
                "handlingsprogrammet.\n\nKommunene i Hamarregionen kan søke. Prosjektene må "
                "ha egenfinansiering, og regionrådet dekker høyst halvparten av kostnaden."
            ),
            opens_at=opens_at,
            closes_at=closes_at,
            budget_frame=2_000_000,
            max_share_percent=50,
            max_amount=500_000,
            is_published=True,
        )
        call.focus_areas.set(focus_areas)
        funding_call_add_standard_criteria(funding_call=call)
        return call

    def make_application(
        self,
        call,
        municipality,
        user,
        title,
        action,
        now=None,
        partners=(),
        focus_area_index=0,
        goals=(8, 11, 17),
        period=(date(2027, 1, 1), date(2027, 12, 31)),
    ):
        application, _ = application_create(
            funding_call=call,
            municipality=municipality,
            user=user,
            title=title,
            creation_token=uuid.uuid4(),
            now=now or call.opens_at,
        )
        focus_area = call.focus_areas.order_by("order")[focus_area_index]
        Application.objects.filter(pk=application.pk).update(
            summary=f"{title}: et samarbeid mellom kommunene i Hamarregionen.",
            project_leader_name="Kari Nordmann",
            project_leader_email=f"prosjektleder@{municipality.slug}.example.org",
            project_leader_phone="+47 62 00 00 00",
            contact_name="Ola Nordmann",
            contact_email=user.email,
            contact_phone="+47 62 00 00 01",
            phase=Application.Phase.PRE_PROJECT,
            background="Kommunene har sammen sett behovet gjennom arbeidet i regionrådet.",
            main_goal="Styrke Hamarregionen som bo- og arbeidsregion.",
            sub_goals="Kartlegge behov.\nPrøve ut tiltak.\nDele erfaringer.",
            expected_results="Et felles grunnlag for videre satsing i regionen.",
            target_group="Innbyggere og næringsliv i regionen.",
            anchoring="Vedtatt i formannskapet og drøftet i regionrådet.",
            organisation="Styringsgruppe med én representant fra hver kommune.",
            start_date=period[0],
            end_date=period[1],
        )
        application.refresh_from_db()
        application.focus_areas.set([focus_area])
        application.sub_themes.set(focus_area.themes.first().sub_themes.all()[:2])
        application.partner_municipalities.set(partners)
        application.sustainable_development_goals.set(
            SustainableDevelopmentGoal.objects.filter(number__in=goals)
        )
        CostLine.objects.bulk_create(
            [
                CostLine(application=application, item="Prosjektledelse", amount=300_000),
                CostLine(application=application, item="Utredning og innkjøp", amount=200_000),
            ]
        )
        FundingLine.objects.bulk_create(
            [
                FundingLine(
                    application=application,
                    source=FundingLine.Source.OWN,
                    description=str(municipality),
                    amount=250_000,
                ),
                FundingLine(
                    application=application,
                    source=FundingLine.Source.COUNCIL,
                    amount=250_000,
                ),
            ]
        )
        if action:
            application = application_transition(
                application=application, action=action, user=user, now=now
            )
        return application
