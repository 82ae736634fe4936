from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from programme.models import (
    Commitment,
    CommitmentUpdate,
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    SustainableDevelopmentGoal,
    Theme,
)
from projects.models import (
    Application,
    Attachment,
    CostLine,
    FundingCall,
    FundingLine,
    Membership,
    Municipality,
    StatusChange,
)
from projects.workflow import Action, State, path

DEFAULT_PASSWORD = "et-passord-for-tester"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password(DEFAULT_PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """A draft period unless the test passes status= (editable=False keeps it out of forms only)."""

    class Meta:
        model = Programme

    start_year = factory.Sequence(lambda n: 2030 + n % 60)
    end_year = factory.LazyAttribute(lambda programme: programme.start_year + 1)
    title = factory.Sequence(lambda n: f"Handlingsprogram {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    vision = "Innlandets beste region å bo og arbeide i"
    introduction = "Innledningen til programmet."
    status = Programme.Status.DRAFT


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Satsingsområde {n}")
    slug = factory.Sequence(lambda n: f"satsingsomrade-{n}")
    order = factory.Sequence(lambda n: n)

    @factory.post_generation
    def sustainable_development_goals(self, create, extracted, **kwargs):
        if create and extracted:
            self.sustainable_development_goals.add(*extracted)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    focus_area = factory.SubFactory(FocusAreaFactory)
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    order = factory.Sequence(lambda n: n)


class SubThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SubTheme

    theme = factory.SubFactory(ThemeFactory)
    name = factory.Sequence(lambda n: f"Delområde {n}")
    slug = factory.Sequence(lambda n: f"delomrade-{n}")
    order = factory.Sequence(lambda n: n)


class NarrativeSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NarrativeSection

    focus_area = factory.SubFactory(FocusAreaFactory)
    title = factory.Sequence(lambda n: f"Omtale {n}")
    slug = factory.Sequence(lambda n: f"omtale-{n}")
    body = "Regionrådet vil arbeide for dette."
    order = factory.Sequence(lambda n: n)


class SustainableDevelopmentGoalFactory(factory.django.DjangoModelFactory):
    """The goals are a fixed list of 17: a number already stored is reused, not duplicated."""

    class Meta:
        model = SustainableDevelopmentGoal
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 17 + 1)
    name = factory.LazyAttribute(lambda goal: f"Bærekraftsmål {goal.number}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    """A commitment not yet started; pass status= and progress= (done needs progress=100)."""

    class Meta:
        model = Commitment

    focus_area = factory.SubFactory(FocusAreaFactory)
    text = factory.Sequence(lambda n: f"Regionrådet vil gjennomføre tiltak {n}.")
    slug = factory.Sequence(lambda n: f"tiltak-{n}")
    order = factory.Sequence(lambda n: n)


class CommitmentUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitmentUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    date = date(2026, 9, 1)
    text = "Arbeidet er i gang."


# --- Development funds (projects) -------------------------------------------------------------


def _minute(value):
    # Calls are stored to the minute (FundingCall.clean); factories do the same.
    return value.replace(second=0, microsecond=0)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    """A partner by default. The migrations create the four members (hamar, loten, ringsaker,
    stange): MunicipalityFactory(slug="hamar") returns the stored one."""

    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    number = ""
    is_member = False
    is_active = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)


class FundingCallFactory(factory.django.DjangoModelFactory):
    """A published call, open from 30 days ago to 30 days ahead, for two focus areas of its
    programme (each with a theme and a sub-theme) unless the test passes focus_areas=[...].

    The programme is archived, not published: the database allows one published programme,
    and an archived one is as public, so tests can make as many calls as they like."""

    class Meta:
        model = FundingCall
        skip_postgeneration_save = True

    programme = factory.SubFactory(ProgrammeFactory, status=Programme.Status.ARCHIVED)
    title = factory.Sequence(lambda n: f"Utviklingsmidler {n}")
    slug = factory.Sequence(lambda n: f"utlysning-{n}")
    description = "Regionrådet lyser ut **utviklingsmidler**."
    opens_at = factory.LazyFunction(lambda: _minute(timezone.now() - timedelta(days=30)))
    closes_at = factory.LazyFunction(lambda: _minute(timezone.now() + timedelta(days=30)))
    budget_frame = 2_000_000
    max_share_percent = 50
    max_amount = 500_000
    is_published = True

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None:
            extracted = [
                SubThemeFactory(theme__focus_area__programme=self.programme).theme.focus_area
                for _ in range(2)
            ]
        self.focus_areas.set(extracted)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A draft with a title only, as the start page makes it. Pass status= for other states."""

    class Meta:
        model = Application

    funding_call = factory.SubFactory(FundingCallFactory)
    lead_municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Søknad {n}")
    created_by = factory.SubFactory(UserFactory)
    status = State.DRAFT


class CostLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CostLine

    application = factory.SubFactory(ApplicationFactory)
    item = factory.Sequence(lambda n: f"Kostnad {n}")
    amount = 100_000


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    application = factory.SubFactory(ApplicationFactory)
    source = FundingLine.Source.OWN
    description = "Egen innsats"
    amount = 100_000


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class AttachmentFactory(factory.django.DjangoModelFactory):
    """A small PDF stored under settings.PRIVATE_MEDIA_ROOT (a temporary folder in tests)."""

    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    file = factory.django.FileField(filename="vedlegg.pdf", data=PDF_BYTES)
    original_name = "vedlegg.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    uploaded_by = factory.SelfAttribute("application.created_by")


class StatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusChange

    application = factory.SubFactory(ApplicationFactory)
    action = "submit"
    from_status = State.DRAFT
    to_status = State.SUBMITTED
    actor = factory.SelfAttribute("application.created_by")
    comment = ""


# Every field projects.services.REQUIRED_FOR_SUBMISSION asks for, filled in.
COMPLETE_FIELDS = {
    "title": "Bolyst i Hamarregionen",
    "summary": "Et samarbeid om å gjøre regionen til et godt sted å bo.",
    "project_leader_name": "Kari Nordmann",
    "project_leader_email": "kari@hamar.example.org",
    "project_leader_phone": "+47 62 00 00 00",
    "contact_name": "Ola Nordmann",
    "contact_email": "kontakt@hamar.example.org",
    "contact_phone": "+47 62 00 00 01",
    "phase": Application.Phase.PRE_PROJECT,
    "background": "Kommunene har sammen sett behovet.",
    "main_goal": "Flere innbyggere.",
    "sub_goals": "Kartlegge.\nPrøve ut.",
    "expected_results": "Et felles grunnlag.",
    "target_group": "Innbyggere og næringsliv.",
    "anchoring": "Vedtatt i formannskapet.",
    "organisation": "Styringsgruppe med én fra hver kommune.",
    "start_date": date(2027, 1, 1),
    "end_date": date(2027, 12, 31),
}


def complete_application(*, cost=1_000_000, applied=500_000, **fields):
    """An application that passes every submission rule: all fields, the call's first focus area
    and a sub-theme under it, a cost plan of `cost` kr and a financing plan of the same sum with
    `applied` kr from the council (50 % of 1 000 000 and the call's largest amount by default)."""
    application = ApplicationFactory(**{**COMPLETE_FIELDS, **fields})
    focus_area = application.funding_call.focus_areas.order_by("pk").first()
    application.focus_areas.set([focus_area])
    application.sub_themes.set([SubTheme.objects.filter(theme__focus_area=focus_area).first()])
    CostLineFactory(application=application, item="Prosjektledelse", amount=cost)
    if cost - applied:
        FundingLineFactory(
            application=application,
            source=FundingLine.Source.OWN,
            description="Kommunens egeninnsats",
            amount=cost - applied,
        )
    FundingLineFactory(
        application=application, source=FundingLine.Source.COUNCIL, description="", amount=applied
    )
    return application


# --- Decisions, final reports and funded projects (the public catalogue) ----------------------


class DecisionFactory(factory.django.DjangoModelFactory):
    """The council's approval; pass outcome="rejected" for a rejection (0 kr, no report date)."""

    class Meta:
        model = "projects.Decision"

    application = factory.SubFactory(ApplicationFactory, status=State.APPROVED)
    outcome = "approved"
    granted_amount = factory.LazyAttribute(lambda d: 400_000 if d.outcome == "approved" else 0)
    decided_on = date(2026, 3, 12)
    case_number = factory.Sequence(lambda n: f"2026/{n:04d}")
    decision_text = "Regionrådet vedtar søknaden slik sekretariatet innstiller."
    report_due_on = factory.LazyAttribute(
        lambda d: d.decided_on + timedelta(days=365) if d.outcome == "approved" else None
    )


class FinalReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "projects.FinalReport"

    application = factory.SubFactory(ApplicationFactory, status=State.REPORT_SUBMITTED)
    results = "Prosjektet nådde hovedmålet."
    actual_cost = 1_000_000


# The steps a funded project has been through in each public state: (action, from, to).
FUNDED_STEPS = [
    ("approve", State.RECOMMENDED, State.APPROVED),
    ("start_project", State.APPROVED, State.IN_PROGRESS),
    ("submit_report", State.IN_PROGRESS, State.REPORT_SUBMITTED),
    ("approve_report", State.REPORT_SUBMITTED, State.COMPLETED),
]


def funded_project(
    *,
    status=State.APPROVED,
    granted_amount=400_000,
    decided_on=date(2026, 3, 12),
    results="Prosjektet nådde hovedmålet.",
    **fields,
):
    """A project as the case handling leaves it in a public state: a complete application, the
    council's approval, a timeline entry for each step so far and, once reported, a final
    report. The status changes are dated today."""
    application = complete_application(status=status, **fields)
    DecisionFactory(application=application, granted_amount=granted_amount, decided_on=decided_on)
    for action, source, target in FUNDED_STEPS:
        StatusChangeFactory(
            application=application, action=action, from_status=source, to_status=target
        )
        if target == status:
            break
    if status in (State.REPORT_SUBMITTED, State.COMPLETED):
        FinalReportFactory(application=application, results=results)
    return application


# --- Case handling in admin: applications moved through the workflow by the services --------


def staff_in_group(group_name, **fields):
    """A staff user in one of the groups the migrations create («Sekretariat», «Rådsmedlem»)."""
    from django.contrib.auth.models import Group

    return UserFactory(is_staff=True, groups=[Group.objects.get(name=group_name)], **fields)


def case_in(state, *, secretariat, recommended=None, granted=None, **fields):
    """A complete application sent in and moved to `state` by the services, as the secretariat
    and the applicant (created_by, made a member of the lead municipality) would: with the
    recommendation, decision and final report each step needs, and its timeline: the
    workflow's main path from submission to the state."""
    from projects import services

    fields.setdefault("submitted_at", timezone.now())
    application = complete_application(status=State.SUBMITTED, **fields)
    applicant = application.created_by
    Membership.objects.get_or_create(user=applicant, municipality=application.lead_municipality)
    applied = application.amount_applied()
    for action in path(State.SUBMITTED, state):
        if action == Action.RECOMMEND:
            services.application_recommend(
                application=application,
                user=secretariat,
                assessment="Prosjektet passer godt med handlingsprogrammet.",
                recommended_amount=applied if recommended is None else recommended,
            )
        elif action in (Action.APPROVE, Action.REJECT):
            approved = action == Action.APPROVE
            services.application_decide(
                application=application,
                user=secretariat,
                outcome="approved" if approved else "rejected",
                granted_amount=(granted or recommended or applied) if approved else 0,
                decided_on=date(2026, 11, 27),
                case_number="26/00042",
                conditions="Tilskuddet kan bare brukes til prosjektet." if approved else "",
                decision_text="Regionrådet vedtar sekretariatets innstilling.",
                report_due_on=date(2027, 12, 31) if approved else None,
            )
        elif action == Action.SUBMIT_REPORT:
            services.final_report_save(
                application=application,
                user=applicant,
                results="Prosjektet nådde hovedmålet.",
                actual_cost=950_000,
                submit=True,
            )
        else:
            services.application_transition(
                application=application, action=action, user=secretariat
            )
    application.refresh_from_db()
    return application


# --- Council meetings -------------------------------------------------------------------------


class MeetingFactory(factory.django.DjangoModelFactory):
    """A meeting held 30 days ago with minutes written but not published; pass starts_at= for
    another time. Publish the minutes with meetings.services.meeting_publish_minutes."""

    class Meta:
        model = "meetings.Meeting"

    title = factory.Sequence(lambda n: f"Regionrådsmøte {n}")
    starts_at = factory.LazyFunction(lambda: _minute(timezone.now() - timedelta(days=30)))
    place = "Hamar rådhus"
    minutes = "Regionrådet godkjente innkallingen og sakslisten."


class GuestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.Guest"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    role = ""


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.AgendaItem"
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Sak {n}")

    @factory.post_generation
    def focus_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.focus_areas.add(*extracted)

    @factory.post_generation
    def applications(self, create, extracted, **kwargs):
        if create and extracted:
            self.applications.add(*extracted)

    @factory.post_generation
    def guests(self, create, extracted, **kwargs):
        if create and extracted:
            self.guests.add(*extracted)
