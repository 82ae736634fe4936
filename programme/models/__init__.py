"""The programme app's models: its text (content.py), its commitments (commitments.py) and
the UN's goals (goals.py)."""

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
    Theme,
    ThemeManager,
)
from .goals import SustainableDevelopmentGoal, SustainableDevelopmentGoalManager

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
