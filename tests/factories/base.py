"""The base of every factory: test data made without the history entries an edit leaves.

A django-simple-history entry costs as much as the row it records, and a test's setup is not an
edit anyone made. A test that reads the creation entry makes its objects inside
`history_recorded()`."""

from contextlib import contextmanager

import factory
from django.conf import settings

_recording = False


@contextmanager
def history_recorded():
    """Factories inside this block leave the creation entries a real installation would have."""
    global _recording
    previous, _recording = _recording, True
    try:
        yield
    finally:
        _recording = previous


@contextmanager
def history_off():
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = previous and _recording
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


class ModelFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with history_off():
            return super()._create(model_class, *args, **kwargs)

    @classmethod
    def _get_or_create(cls, model_class, *args, **kwargs):
        """The stored row under the django_get_or_create fields, or a new one: two queries where
        get_or_create spends four on a savepoint that a test, alone with its database, never
        needs."""
        manager = cls._get_manager(model_class)
        key = {field: kwargs[field] for field in cls._meta.django_get_or_create}
        return manager.filter(**key).first() or manager.create(*args, **kwargs)
