"""The cache every process and app server shares (Redis with REDIS_URL, each process's memory
otherwise), where the content version and the public pages are kept.

The shared cache only makes pages faster: when it does not answer (Redis down), a warning is
logged at most once a minute and the cache is left alone for a few seconds (the circuit
breaker), so that each request does not wait for the connect timeout.
"""

import logging
import math
import time

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
# After a failed cache call the cache is skipped this long, and warned about at most this often.
RETRY_SECONDS = 5
WARNING_INTERVAL_SECONDS = 60


def shared_cache():
    return caches[CACHE_ALIAS]


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client with one redis.Redis per connection pool instead of one per call.

    redis-py fills some 170 response callbacks into every redis.Redis it makes, which takes about
    as long as the round trip to Redis itself (0.25 ms); a cached page needs one round trip.
    A redis.Redis may be shared between threads: each command takes a connection from the pool.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_shared_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class SharedClientRedisCache(RedisCache):
    """Django's RedisCache (settings and behaviour unchanged) with the client above."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient


class CircuitBreaker:
    """Remembers a failed cache call for RETRY_SECONDS, per process."""

    def __init__(self):
        self.reset()

    def reset(self) -> None:
        self.retry_at = -math.inf
        self.last_warning_at = -math.inf
        # An invalidation that did not reach the cache: sent again as soon as it answers.
        self.missed_bump = False

    def is_open(self) -> bool:
        return time.monotonic() < self.retry_at

    def failed(self, action: str, error: Exception) -> None:
        now = time.monotonic()
        self.retry_at = now + RETRY_SECONDS
        if now - self.last_warning_at >= WARNING_INTERVAL_SECONDS:
            self.last_warning_at = now
            logger.warning(
                "The page cache does not answer (%s: %s: %s); pages are served uncached and "
                "the cache is tried again in %s seconds.",
                action,
                type(error).__name__,
                error,
                RETRY_SECONDS,
            )


breaker = CircuitBreaker()
