"""gunicorn settings for the portal: `gunicorn hamarregion.wsgi` in the project folder reads
this file by itself. Every value can be changed through the environment (README, «Drift /
production»); the process keeps nothing of its own, so any number of instances can serve one
PostgreSQL and one Redis behind a load balancer.
"""

import os
import sys
from pathlib import Path

# gunicorn reads this file before it puts the project folder on the import path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

# The portal's own logging: the same stdout handler and format (JSON in production) for
# gunicorn's access and error lines as for Django's. Importing the settings also stops the
# start here, with the settings' own message, when production variables are missing.
from hamarregion.settings import LOGGING  # noqa: E402


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


# Only the reverse proxy on the same host (deploy/nginx) may reach gunicorn: a client that
# reached it directly could put any address in X-Forwarded-For and pass the login throttling
# as someone else. GUNICORN_BIND (one address or several, comma-separated, or unix:PATH) wins;
# else PORT, as platforms that read a Procfile set it, on the loopback interface.
if os.environ.get("GUNICORN_BIND"):
    bind = [item.strip() for item in os.environ["GUNICORN_BIND"].split(",") if item.strip()]
else:
    bind = [f"127.0.0.1:{_int('PORT', 8000)}"]

# Threaded workers: a request spends part of its time waiting for PostgreSQL or Redis, and a
# second thread serves another request meanwhile; keep-alive connections from the load
# balancer are kept (the sync worker closes every connection), and a slow client holds one
# thread, not a whole process. Processes, not threads, spread the work over the cores, since
# Python runs one thread at a time per process. Each thread keeps its own database
# connection (CONN_MAX_AGE): instances x workers x threads must stay below PostgreSQL's
# max_connections (100 by default).
worker_class = "gthread"
workers = _int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1)
threads = _int("GUNICORN_THREADS", 2)

# A request that takes longer than this is stuck; the worker is killed and replaced.
timeout = _int("GUNICORN_TIMEOUT", 30)
# On SIGTERM (a deploy, systemctl stop) workers finish their requests for up to this long.
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
# Longer than the load balancer keeps an idle connection would race with its reuse; shorter
# costs a new connection. Set it above the load balancer's idle timeout.
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Workers are replaced after this many requests, at random points of a spread so that they do
# not all restart at once: memory that grows slowly is given back. Rarely, since a worker's
# memory stays flat under load and each replacement costs about half a second of CPU (loading
# Django, then its first requests): every 1,000 requests, that was 0.5 ms a request, more than
# a liveness answer costs.
max_requests = _int("GUNICORN_MAX_REQUESTS", 50_000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 5_000)
# The app is loaded in each worker, not once in the master before the fork (preload_app): a HUP
# (systemctl reload, the release step) then starts workers with the new code, which a preloaded
# master would not. Preloading would halve the rare replacement above, and save nothing else
# that matters at 50,000 requests.
preload_app = False

# The workers' heartbeat files (gunicorn's own, none of the portal's data): in memory, since a
# container's overlay file system can stall them long enough for gunicorn to kill a healthy
# worker.
SHARED_MEMORY = Path("/dev/shm")  # noqa: S108  # nosec B108
if SHARED_MEMORY.is_dir():
    worker_tmp_dir = str(SHARED_MEMORY)

# gunicorn's control socket sits at one path per user by default, which several instances on
# one host would share: off unless a path of the instance's own is given.
control_socket_disable = not os.environ.get("GUNICORN_CONTROL_SOCKET")
if not control_socket_disable:
    control_socket = os.environ["GUNICORN_CONTROL_SOCKET"]

# The access log goes to stdout through the portal's formatter (hamarregion/logging.py), which
# takes method, path, status, duration and request id from the record. The format string is
# the message: the path without its query string (which can carry tokens), no client address,
# user agent or referrer (personal data).
access_log_format = "%(m)s %(U)s %(s)s %(M)sms"
logconfig_dict = {
    **LOGGING,
    "loggers": {
        **LOGGING.get("loggers", {}),
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
