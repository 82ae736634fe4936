"""The pages this process served lately, kept in its memory."""

import threading
from collections import OrderedDict

# Some hundred of the largest pages (the catalogue, 36 kB): per gunicorn worker, so the memory
# is this times the workers.
LOCAL_MAX_PAGES = 500
LOCAL_MAX_BYTES = 8 * 1024 * 1024


class LocalPages:
    """The pages this process served lately, least recently used dropped first.

    Each page is the tuple the shared cache holds, (version, expires_at, content, headers,
    gzip content or None): it is served only when its version is the current one, read from the
    shared cache on every request, and until expires_at. Shared by the threads of a gunicorn
    worker.
    """

    def __init__(self):
        self._pages = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, key) -> bool:
        return key in self._pages

    def get(self, key):
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def put(self, key, page) -> None:
        size = _size(page)
        if size > LOCAL_MAX_BYTES:
            return
        with self._lock:
            self._discard(key)
            self._pages[key] = page
            self._bytes += size
            while len(self._pages) > LOCAL_MAX_PAGES or self._bytes > LOCAL_MAX_BYTES:
                _, dropped = self._pages.popitem(last=False)
                self._bytes -= _size(dropped)

    def discard(self, key) -> None:
        with self._lock:
            self._discard(key)

    def _discard(self, key) -> None:
        dropped = self._pages.pop(key, None)
        if dropped is not None:
            self._bytes -= _size(dropped)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0


def _size(page) -> int:
    return len(page[2]) + len(page[4] or b"")


local_pages = LocalPages()
