from django.conf import settings
from django.core import checks

from hamarregion.shared_cache import CACHE_ALIAS


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    backend = settings.CACHES.get(CACHE_ALIAS, {}).get("BACKEND", "")
    if settings.DEBUG or not backend.endswith("LocMemCache"):
        return []
    return [
        checks.Warning(
            "The page cache is a local-memory cache: each process (every gunicorn worker, every "
            "app server) keeps its own copy of the public pages, and an edit is invalidated only "
            "in the process that saved it, so the others serve the old page for up to "
            "DJANGO_PAGE_CACHE_SECONDS.",
            hint="Set REDIS_URL so that all processes share one cache, or run one process only.",
            id="page_cache.W001",
        )
    ]
