"""Council meetings: meetings, guests and agenda items."""

from datetime import timedelta

import factory
from django.utils import timezone

from tests.factories.base import ModelFactory
from tests.factories.projects import _minute


class MeetingFactory(ModelFactory):
    """A meeting held 30 days ago with minutes written but not published; pass starts_at= for
    another time. Publish the minutes with meetings.services.meeting_publish_minutes."""

    class Meta:
        model = "meetings.Meeting"

    title = factory.Sequence(lambda n: f"Regionrådsmøte {n}")
    starts_at = factory.LazyFunction(lambda: _minute(timezone.now() - timedelta(days=30)))
    place = "Hamar rådhus"
    minutes = "Regionrådet godkjente innkallingen og sakslisten."


class GuestFactory(ModelFactory):
    class Meta:
        model = "meetings.Guest"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisasjon {n}")
    role = ""


class AgendaItemFactory(ModelFactory):
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
