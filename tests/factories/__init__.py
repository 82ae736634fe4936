"""The factories of the test suite, one module per app; import them from here:
`from tests.factories import ApplicationFactory`."""

from tests.factories.accounts import MembershipFactory, OrganisationFactory, TOTPDeviceFactory
from tests.factories.base import history_recorded
from tests.factories.cases import case_in, case_moved
from tests.factories.grants import (
    change_request,
    payment_request_for,
    progress_report,
    project_under_way,
)
from tests.factories.meetings import AgendaItemFactory, GuestFactory, MeetingFactory
from tests.factories.programme import (
    CommitmentFactory,
    CommitmentUpdateFactory,
    FocusAreaFactory,
    NarrativeSectionFactory,
    ProgrammeFactory,
    SubThemeFactory,
    SustainableDevelopmentGoalFactory,
    ThemeFactory,
)
from tests.factories.projects import (
    COMPLETE_FIELDS,
    FUNDED_STEPS,
    PDF_BYTES,
    ApplicationFactory,
    AttachmentFactory,
    CostLineFactory,
    DecisionFactory,
    FinalReportFactory,
    FundingCallFactory,
    FundingLineFactory,
    GrantAcceptanceFactory,
    MunicipalityFactory,
    StatusChangeFactory,
    complete_application,
    funded_project,
    report_deadline_moved,
)
from tests.factories.users import DEFAULT_PASSWORD, UserFactory, staff_in_group

__all__ = [
    "AgendaItemFactory",
    "ApplicationFactory",
    "AttachmentFactory",
    "COMPLETE_FIELDS",
    "CommitmentFactory",
    "CommitmentUpdateFactory",
    "CostLineFactory",
    "DEFAULT_PASSWORD",
    "DecisionFactory",
    "FUNDED_STEPS",
    "FinalReportFactory",
    "FocusAreaFactory",
    "FundingCallFactory",
    "FundingLineFactory",
    "GrantAcceptanceFactory",
    "GuestFactory",
    "MeetingFactory",
    "MembershipFactory",
    "OrganisationFactory",
    "MunicipalityFactory",
    "NarrativeSectionFactory",
    "PDF_BYTES",
    "ProgrammeFactory",
    "StatusChangeFactory",
    "SubThemeFactory",
    "SustainableDevelopmentGoalFactory",
    "TOTPDeviceFactory",
    "ThemeFactory",
    "UserFactory",
    "case_in",
    "case_moved",
    "change_request",
    "complete_application",
    "funded_project",
    "report_deadline_moved",
    "history_recorded",
    "payment_request_for",
    "progress_report",
    "project_under_way",
    "staff_in_group",
]
