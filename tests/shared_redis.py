"""The Redis on 127.0.0.1:6379 that a few tests use, shared with every other test process on
the machine: each xdist worker and each run keeps its keys under a prefix of its own and deletes
only those, never the whole database (Django's RedisCache.clear() is FLUSHDB)."""

import os
import socket

import redis

REDIS_URL = "redis://127.0.0.1:6379/9"
# The worker's name says whose keys they are; the process id keeps two runs apart.
KEY_PREFIX = f"tests-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}"


def delete_own_keys() -> None:
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(match=f"{KEY_PREFIX}:*", count=1000))
    if keys:
        client.delete(*keys)


def redis_answers() -> bool:
    """Whether the Redis on 127.0.0.1:6379 answers PING: tests that need it are skipped without."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False
