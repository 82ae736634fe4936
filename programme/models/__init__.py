"""The programme app's models: its text (content.py) and its commitments (commitments.py)."""

from .commitments import (
    Commitment,
    CommitmentManager,
    CommitmentQuerySet,
    CommitmentUpdate,
    funded_projects,
)
from .content import (
    MARKDOWN_HELP,
    FocusArea,
    FocusAreaManager,
    FocusAreaQuerySet,
    NarrativeSection,
    NarrativeSectionManager,
    Programme,
    ProgrammeManager,
    ProgrammeQuerySet,
    SubTheme,
    SubThemeManager,
    SustainableDevelopmentGoal,
    SustainableDevelopmentGoalManager,
    Theme,
    ThemeManager,
)

__all__ = [
    "Commitment",
    "CommitmentManager",
    "CommitmentQuerySet",
    "CommitmentUpdate",
    "FocusArea",
    "FocusAreaManager",
    "FocusAreaQuerySet",
    "MARKDOWN_HELP",
    "NarrativeSection",
    "NarrativeSectionManager",
    "Programme",
    "ProgrammeManager",
    "ProgrammeQuerySet",
    "SubTheme",
    "SubThemeManager",
    "SustainableDevelopmentGoal",
    "SustainableDevelopmentGoalManager",
    "Theme",
    "ThemeManager",
    "funded_projects",
]
