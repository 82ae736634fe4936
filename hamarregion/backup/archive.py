"""What backup and restore share: the archive's layout, the tables it holds, the folders whose
files it holds."""

import hashlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.jsonl"
FILES = "files"
CHUNK = 1024 * 1024

# Left out on purpose (the backup_portal command's help says the same):
# - contenttypes and auth.permission: `migrate` creates them in every database, with ids of its
#   own; the dump refers to them by natural key instead.
# - sessions: logins, not content; restored sessions would log people back in.
# - axes: failed-login counts and lockouts with IP addresses, personal data kept only briefly;
#   restoring them would lock accounts again.
EXCLUDED_APPS = {"contenttypes", "sessions", "axes"}
EXCLUDED_MODELS = {"auth.permission"}
NATURAL_KEY_MODELS = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do."""


def backed_up_models() -> list[type[models.Model]]:
    """Every model of every installed app but the framework tables above. Taken from the app
    registry, so a new app's tables (and their history tables) are backed up without a change
    here."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in EXCLUDED_APPS
        and model._meta.label_lower not in EXCLUDED_MODELS
        and model._meta.managed
        and not model._meta.proxy
    ]


def file_roots() -> dict[str, Path]:
    """The folders whose files go into the archive, by their name there. MEDIA_ROOT only where
    one is set and is not PRIVATE_MEDIA_ROOT or inside it."""
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    roots = {"private": private}
    if settings.MEDIA_ROOT:
        media = Path(settings.MEDIA_ROOT)
        if not media.resolve().is_relative_to(private.resolve()):
            roots["media"] = media
    return roots


def applied_migrations(connection, app_labels) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {label: [] for label in app_labels}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        if app_label in applied:
            applied[app_label].append(name)
    return {label: sorted(names) for label, names in sorted(applied.items())}


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
