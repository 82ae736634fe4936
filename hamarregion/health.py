"""Health endpoints for the load balancer and the process supervisor.

`live` says the process answers: it reads nothing (no database, cache, session or user), so
it is also the benchmark's floor, the cheapest response the framework gives. `ready` says the
instance can serve pages: the database answers a trivial query. The cache is reported but
never makes the instance unready, because pages are then served uncached, not refused.

Both are exempt from the HTTPS redirect (SECURE_REDIRECT_EXEMPT in settings): a load balancer
probes the app servers over plain HTTP. Like every request, the probe's Host header must be
one of DJANGO_ALLOWED_HOSTS (README, «Drift / production»).
"""

import logging

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

READY_CACHE_KEY = "health:ready"


@never_cache
@require_safe
def live(request):
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")


def database_answers(alias: str = "default") -> bool:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Readiness: the database %r does not answer: %s", alias, error)
        return False
    return True


def cache_answers(alias: str = "default") -> bool:
    # Django's RedisCache raises redis' own errors (not a Django one) when Redis is down, and
    # any backend may raise its own: whatever it is, the answer is «unavailable».
    try:
        caches[alias].get(READY_CACHE_KEY)
    except Exception as error:
        logger.warning(
            "Readiness: the cache %r does not answer: %s: %s", alias, type(error).__name__, error
        )
        return False
    return True


@never_cache
@require_safe
def ready(request):
    database = database_answers()
    cache = cache_answers()
    body = {
        "status": "ok" if database else "unavailable",
        "database": "ok" if database else "unavailable",
        "cache": "ok" if cache else "unavailable",
    }
    return JsonResponse(body, status=200 if database else 503)
