"""The action programme: periods, focus areas, themes, narratives, goals and commitments."""

from datetime import date

import factory

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
from tests.factories.base import ModelFactory


class ProgrammeFactory(ModelFactory):
    """A draft period unless the test passes status= (editable=False keeps it out of forms only)."""

    class Meta:
        model = Programme

    start_year = factory.Sequence(lambda n: 2030 + n % 60)
    end_year = factory.LazyAttribute(lambda programme: programme.start_year + 1)
    title = factory.Sequence(lambda n: f"Handlingsprogram utkast {n}")
    slug = factory.Sequence(lambda n: f"program-{n}")
    vision = "Innlandets beste region å bo og arbeide i"
    introduction = "Innledningen til programmet."
    status = Programme.Status.DRAFT


class FocusAreaFactory(ModelFactory):
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


class ThemeFactory(ModelFactory):
    class Meta:
        model = Theme

    focus_area = factory.SubFactory(FocusAreaFactory)
    name = factory.Sequence(lambda n: f"Tema {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    order = factory.Sequence(lambda n: n)


class SubThemeFactory(ModelFactory):
    class Meta:
        model = SubTheme

    theme = factory.SubFactory(ThemeFactory)
    name = factory.Sequence(lambda n: f"Delområde {n}")
    slug = factory.Sequence(lambda n: f"delomrade-{n}")
    order = factory.Sequence(lambda n: n)


class NarrativeSectionFactory(ModelFactory):
    class Meta:
        model = NarrativeSection

    focus_area = factory.SubFactory(FocusAreaFactory)
    title = factory.Sequence(lambda n: f"Omtale {n}")
    slug = factory.Sequence(lambda n: f"omtale-{n}")
    body = "Regionrådet vil arbeide for dette."
    order = factory.Sequence(lambda n: n)


class SustainableDevelopmentGoalFactory(ModelFactory):
    """The goals are a fixed list of 17: a number already stored is reused, not duplicated."""

    class Meta:
        model = SustainableDevelopmentGoal
        django_get_or_create = ("number",)

    number = factory.Sequence(lambda n: n % 17 + 1)
    name = factory.LazyAttribute(lambda goal: f"Bærekraftsmål {goal.number}")


class CommitmentFactory(ModelFactory):
    """A commitment not yet started; pass status= and progress= (done needs progress=100)."""

    class Meta:
        model = Commitment

    focus_area = factory.SubFactory(FocusAreaFactory)
    text = factory.Sequence(lambda n: f"Regionrådet vil gjennomføre tiltak {n}.")
    slug = factory.Sequence(lambda n: f"tiltak-{n}")
    order = factory.Sequence(lambda n: n)


class CommitmentUpdateFactory(ModelFactory):
    class Meta:
        model = CommitmentUpdate

    commitment = factory.SubFactory(CommitmentFactory)
    date = date(2026, 9, 1)
    text = "Arbeidet er i gang."
