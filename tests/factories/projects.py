"""Development funds: municipalities, calls, applications with their tables and
attachments, decisions, final reports, and a complete or funded application."""

from datetime import UTC, date, datetime, time, timedelta

import factory
from django.utils import timezone

from programme.models import Programme, SubTheme
from projects.models import (
    Application,
    Attachment,
    CostLine,
    Decision,
    FundingCall,
    FundingLine,
    Municipality,
    StatusChange,
)
from projects.workflow import State
from tests.factories.base import ModelFactory
from tests.factories.programme import ProgrammeFactory, SubThemeFactory
from tests.factories.users import UserFactory


def _minute(value):
    # Calls are stored to the minute (FundingCall.clean); factories do the same.
    return value.replace(second=0, microsecond=0)


class MunicipalityFactory(ModelFactory):
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


class FundingCallFactory(ModelFactory):
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


# The call that applications made without funding_call= share, until the test ends
# (tests/conftest.py forgets it): a call with its programme and focus areas costs more rows than
# the application itself, and a test that needs calls of its own passes them.
_shared_call = None


def shared_call():
    global _shared_call
    if _shared_call is None:
        _shared_call = FundingCallFactory()
    return _shared_call


def forget_shared_call():
    global _shared_call
    _shared_call = None
    _first_topics.clear()


# complete_application's focus area and sub-theme for each call, looked up once per call in a
# test: the factory runs thousands of times a run, and forgotten with the shared call.
_first_topics = {}


def first_topics(call):
    """The call's first focus area and the first sub-theme under it."""
    if call.pk not in _first_topics:
        focus_area = call.focus_areas.order_by("pk").first()
        sub_theme = SubTheme.objects.filter(theme__focus_area=focus_area).first()
        _first_topics[call.pk] = focus_area, sub_theme
    return _first_topics[call.pk]


class ApplicationFactory(ModelFactory):
    """A draft with a title only, as the start page makes it, in the test's shared call (see
    shared_call). Pass status= for other states."""

    class Meta:
        model = Application

    funding_call = factory.LazyFunction(shared_call)
    lead_municipality = factory.SubFactory(MunicipalityFactory)
    title = factory.Sequence(lambda n: f"Søknad {n}")
    created_by = factory.SubFactory(UserFactory)
    status = State.DRAFT
    submitted_at = None
    # What the migration gives an application with no step in its timeline.
    status_changed_at = factory.SelfAttribute("submitted_at")


class CostLineFactory(ModelFactory):
    class Meta:
        model = CostLine

    application = factory.SubFactory(ApplicationFactory)
    item = factory.Sequence(lambda n: f"Kostnad {n}")
    amount = 100_000


class FundingLineFactory(ModelFactory):
    class Meta:
        model = FundingLine

    application = factory.SubFactory(ApplicationFactory)
    source = FundingLine.Source.OWN
    description = "Egen innsats"
    amount = 100_000


PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class AttachmentFactory(ModelFactory):
    """A small PDF stored under settings.PRIVATE_MEDIA_ROOT (a temporary folder in tests)."""

    class Meta:
        model = Attachment

    application = factory.SubFactory(ApplicationFactory)
    file = factory.django.FileField(filename="vedlegg.pdf", data=PDF_BYTES)
    original_name = "vedlegg.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    uploaded_by = factory.SelfAttribute("application.created_by")


class StatusChangeFactory(ModelFactory):
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
    focus_area, sub_theme = first_topics(application.funding_call)
    # One INSERT each, where add() first asks which of them the new application already has;
    # the row's post_save bumps the content version as add()'s m2m_changed would.
    Application.focus_areas.through.objects.create(application=application, focusarea=focus_area)
    Application.sub_themes.through.objects.create(application=application, subtheme=sub_theme)
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


class DecisionFactory(ModelFactory):
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
    acceptance_due_on = factory.LazyAttribute(
        lambda d: d.decided_on + timedelta(days=21) if d.outcome == "approved" else None
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """The decision, and the application's copy of its deadline as application_decide
        keeps it."""
        decision = super()._create(model_class, *args, **kwargs)
        application = decision.application
        application.final_report_due_on = decision.report_due_on
        Application.objects.filter(pk=application.pk).update(
            final_report_due_on=decision.report_due_on
        )
        return decision


class GrantAcceptanceFactory(ModelFactory):
    """The lead municipality's acceptance of the grant its decision gave."""

    class Meta:
        model = "projects.GrantAcceptance"

    application = factory.SubFactory(ApplicationFactory, status=State.ACCEPTED)
    granted_amount = factory.LazyAttribute(lambda a: a.application.decision.granted_amount)
    conditions = factory.LazyAttribute(lambda a: a.application.decision.conditions)
    accepted_by = factory.SelfAttribute("application.created_by")
    accepted_at = factory.LazyAttribute(
        lambda a: datetime.combine(
            a.application.decision.decided_on + timedelta(days=7), time(12), tzinfo=UTC
        )
    )


class FinalReportFactory(ModelFactory):
    class Meta:
        model = "projects.FinalReport"

    application = factory.SubFactory(ApplicationFactory, status=State.REPORT_SUBMITTED)
    results = "Prosjektet nådde hovedmålet."
    actual_cost = 1_000_000


# The steps a funded project has been through in each public state: (action, from, to).
FUNDED_STEPS = [
    ("approve", State.RECOMMENDED, State.APPROVED),
    ("accept_grant", State.APPROVED, State.ACCEPTED),
    ("start_project", State.ACCEPTED, State.IN_PROGRESS),
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
    if status != State.APPROVED:
        GrantAcceptanceFactory(application=application)
    for action, source, target in FUNDED_STEPS:
        change = StatusChangeFactory(
            application=application, action=action, from_status=source, to_status=target
        )
        if target == status:
            application.status_changed_at = change.created_at
            Application.objects.filter(pk=application.pk).update(
                status_changed_at=change.created_at
            )
            break
    if status in (State.REPORT_SUBMITTED, State.COMPLETED):
        FinalReportFactory(application=application, results=results)
    return application


def report_deadline_moved(application, due_on):
    """A decided project's final report deadline set to `due_on`: on the decision and on the
    application's copy, as application_decide and a change of end date keep them."""
    Decision.objects.filter(application=application).update(report_due_on=due_on)
    Application.objects.filter(pk=application.pk).update(final_report_due_on=due_on)
    application.final_report_due_on = due_on
