"""Backup and restore of the whole portal with the database's own tools: its data and its files
in one archive.

The archive (a .tar.gz, readable by its owner only) holds
- database.pgdump (pg_dump's custom format) on PostgreSQL, or database.sqlite3 (a copy made with
  SQLite's online backup API) on SQLite: the whole database in one consistent snapshot, its
  schema with it, the data of sessions and django-axes' login attempts left out;
- files/private/… and files/media/…: every file under PRIVATE_MEDIA_ROOT (the attachments) and,
  where one is set, MEDIA_ROOT;
- manifest.json, written last: when and from which engine it was made, the migrations the
  database had, and the sha256 of the database's copy and of every file.

A restore checks all of that before it writes anything, and goes only into an empty database of
the same engine: pg_restore in one transaction, or SQLite's backup API the other way round.
"""

from .archive import BackupError
from .dump import backup
from .restore import restore

__all__ = ["BackupError", "backup", "restore"]
