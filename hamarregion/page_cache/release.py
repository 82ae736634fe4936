"""The code's release: part of every cached page's key and validator, so that a process never
serves or confirms a page that other code rendered (a rolling deploy shares one Redis)."""

import functools
import hashlib
from pathlib import Path

from django.conf import settings

# What a page is made from besides the data: the code, its templates, translations and assets.
CODE_FOLDERS = ("hamarregion", "programme", "projects", "publication", "meetings", "templates")
ASSET_FOLDERS = ("static", "locale")
CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg", ".mo", ".json"}


@functools.cache
def release() -> str:
    """DJANGO_RELEASE where the deployment names it (a commit, a version), else a digest of the
    code's files, read once per process."""
    if settings.RELEASE:
        return settings.RELEASE
    base = Path(settings.BASE_DIR)
    digest = hashlib.sha256()
    for folder in CODE_FOLDERS + ASSET_FOLDERS:
        for path in sorted((base / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(base)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
