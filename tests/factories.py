import factory
from django.contrib.auth import get_user_model

from programme.models import (
    FocusArea,
    NarrativeSection,
    Programme,
    SubTheme,
    SustainableDevelopmentGoal,
    Theme,
)

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
