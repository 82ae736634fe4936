"""What every reminder run shares: each due reminder is sent once, its row written in the
transaction its mail is queued in, so that a mail that cannot be queued rolls its row back and
the next run tries again."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


def reminders_send(
    due: Iterable[T], *, record: Callable[[T], bool], send: Callable[[T], None], dry_run: bool
) -> list[T]:
    """The due reminders sent: `record` writes the reminder's row and says whether it is new
    (False: sent before, skipped), `send` queues its mail. With dry_run, the due reminders,
    nothing written."""
    sent = []
    for reminder in due:
        if not dry_run:
            with transaction.atomic():
                if not record(reminder):
                    continue
                send(reminder)
        sent.append(reminder)
    return sent
