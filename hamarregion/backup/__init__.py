"""Backup and restore of the whole portal: its data and its private files in one archive.

The archive (a .tar.gz) holds
- data.jsonl: every row of the portal's own apps, of auth users and groups, of the history
  tables and of the admin log, in Django's fixture format (`manage.py loaddata` reads it);
- files/private/… and files/media/…: every file under PRIVATE_MEDIA_ROOT (the attachments) and,
  where one is set, MEDIA_ROOT;
- manifest.json, written last: when and with what it was made, the migrations the database had,
  the rows per model and the sha256 of data.jsonl and of every file.

Primary keys are kept, so links in e-mails (/soknader/<pk>/…), the admin log's object ids and the
history tables' ids still point at the same rows after a restore. Only content types and
permissions are written by natural key (["projects", "application"]): `migrate` creates those
itself, with ids of its own in every database.
"""

from .archive import BackupError
from .dump import backup
from .restore import restore

__all__ = ["BackupError", "backup", "restore"]
