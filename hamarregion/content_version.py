"""The content version: one value in the shared cache that every change to the public content
replaces. Whatever is kept because it shows that content (the cached public pages, the
catalogue's filter choices) is stored with the version it was made under and is no longer used
once the version has moved on, in whichever process or app server the change was made.

    register("programme")          in an AppConfig.ready(): a change to any model of the app
    register(SomeModel)            (or to this model) changes the public content
    bump()                         for changes no model signal reports: queryset.update(),
                                   bulk_create() and bulk_update(), a release
    current()                      the version now, or None while the shared cache is down
    cached(key, work_out)          work_out(), kept until the content changes
"""

import uuid
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .shared_cache import breaker, shared_cache

VERSION_KEY = "page-cache:version"

_content_apps: set[str] = set()
_content_models: set[type] = set()


def register(*apps_or_models) -> None:
    """Each app label or model class given makes up public content: saving, deleting or
    relinking any of its rows (an edit in admin, a service, loaddata) sets a new version."""
    for item in apps_or_models:
        if isinstance(item, str):
            _content_apps.add(item)
        else:
            _content_models.add(item)
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"content-version-{signal!r}")


def is_content(model) -> bool:
    # A many-to-many field's own table counts with the model that declares the field.
    owner = model._meta.auto_created or model
    return model._meta.app_label in _content_apps or owner in _content_models


def bump() -> None:
    """Sets a new version: everything kept under an older one is made again."""
    if breaker.is_open():
        # Saving many rows while Redis is down must not wait for it once per row.
        breaker.missed_bump = True
        return
    try:
        shared_cache().set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception as error:  # noqa: BLE001 - any failure of the cache means: not cached
        breaker.failed("invalidation", error)
        breaker.missed_bump = True
    else:
        breaker.missed_bump = False


def bump_if_missed() -> None:
    """Sends a bump that did not reach the cache while it was down, once it may answer again."""
    if breaker.missed_bump and not breaker.is_open():
        bump()


def read(*keys: str) -> tuple[str, dict | None]:
    """The current version and what the shared cache holds at `keys`, in one round trip. With no
    version yet (first use, or evicted) a new one is started, with None for what is held: nothing
    stored before can be trusted. The cache's own errors are raised."""
    cache = shared_cache()
    if keys:
        found = cache.get_many([VERSION_KEY, *keys])
        version = found.pop(VERSION_KEY, None)
    else:
        found, version = {}, cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY)
        return version, None
    return version, found


def current() -> str | None:
    if breaker.is_open():
        return None
    try:
        return read()[0]
    except Exception as error:  # noqa: BLE001 - see bump()
        breaker.failed("lookup of the content version", error)
        return None


def cached(key: str, work_out: Callable, *, timeout: int):
    """work_out(), kept in the shared cache with the content version it was worked out under, and
    fetched with the current version in one round trip. A copy made under an older version is
    worked out again; `timeout` only lets an unused copy go. When the cache does not answer,
    work_out() runs each time."""
    if breaker.is_open():
        return work_out()
    try:
        version, found = read(key)
    except Exception as error:  # noqa: BLE001 - see bump()
        breaker.failed(f"lookup of {key}", error)
        return work_out()
    entry = found.get(key) if found is not None else None
    if entry is not None and entry[0] == version:
        return entry[1]
    # Read before working out: a change meanwhile sets a newer version, so this copy of the
    # older data is never taken for the new.
    value = work_out()
    try:
        shared_cache().set(key, (version, value), timeout=timeout)
    except Exception as error:  # noqa: BLE001 - see bump()
        breaker.failed(f"store of {key}", error)
    return value


def _bump_registered_for_commit(connection) -> bool:
    # Django keeps the callbacks of the open transaction in run_on_commit (and drops those of a
    # rolled-back savepoint); one bump after the commit is enough, however many rows changed.
    return any(bump in entry for entry in getattr(connection, "run_on_commit", []))


def _content_changed(sender, **kwargs) -> None:
    """Receiver of post_save, post_delete and m2m_changed for every model."""
    if not is_content(sender):
        return
    if not kwargs.get("action", "post_").startswith("post_"):
        return  # m2m_changed's pre_add, pre_remove and pre_clear
    # Now, so that the change shows at once where the transaction is never committed (tests),
    # and again after the commit: a page rendered meanwhile from the data before the change
    # may have been stored under the first new version.
    bump()
    connection = connections[kwargs.get("using") or DEFAULT_DB_ALIAS]
    if connection.in_atomic_block and not _bump_registered_for_commit(connection):
        transaction.on_commit(bump, using=connection.alias)
