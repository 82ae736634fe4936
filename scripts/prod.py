"""`make prod`: the production stack on this machine, started from the repository's own deploy
files. nginx (Debian's package) listens on 127.0.0.1:PORT with deploy/nginx/hamarregion-proxy.conf
and hamarregion-cache.conf, in front of gunicorn (gunicorn.conf.py) with DEBUG off, on
DATABASE_URL and REDIS_URL. What a real server adds is TLS and the systemd units (README,
«Drift / production»). Stop with Ctrl+C.

Without DATABASE_URL it serves the database `make run` uses. Everything else it writes is in
var/prod/: the nginx configuration around the deploy files, the collected static files,
nginx's cache, the logs, and a secret key kept for the next start."""

import os
import secrets
import shutil
import signal
import socket
import subprocess  # noqa: S404 - nginx and our own manage.py and gunicorn, no shell
import sys
import time
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEPLOY = PROJECT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


# The line of hamarregion-proxy.conf that puts pages in nginx's cache.
PROXY_CACHE_LINE = "proxy_cache hamarregion_pages;"


def nginx_config(
    folder: Path,
    port: int,
    upstream_port: int | Sequence[int],
    static_root: Path,
    *,
    proxy_cache: bool = True,
) -> Path:
    """nginx's main configuration in `folder`, around the deploy files themselves: the upstream
    is the local gunicorn (or several, taken in turn as deploy/nginx/hamarregion.conf does),
    the error page is read from the repository, and the cache and the static files are in
    local folders. The deploy tests and `make bench` start nginx from it too; the bench turns
    the page cache off (`proxy_cache=False`) to measure the app servers behind nginx."""
    proxy = (DEPLOY / "hamarregion-proxy.conf").read_text()
    proxy = proxy.replace("/etc/nginx/hamarregion/errors/", f"{DEPLOY / 'errors'}/")
    proxy = proxy.replace("/srv/hamarregion/staticfiles/", f"{static_root}/")
    if not proxy_cache:
        if PROXY_CACHE_LINE not in proxy:
            raise ValueError(f"hamarregion-proxy.conf no longer has `{PROXY_CACHE_LINE}`")
        proxy = proxy.replace(PROXY_CACHE_LINE, "proxy_cache off;")
    upstream_ports = [upstream_port] if isinstance(upstream_port, int) else list(upstream_port)
    servers = " ".join(f"server 127.0.0.1:{each};" for each in upstream_ports)
    (folder / "hamarregion-proxy.conf").write_text(proxy)
    cache = (DEPLOY / "hamarregion-cache.conf").read_text()
    cache = cache.replace("/var/cache/nginx/hamarregion", str(folder / "cache"))
    (folder / "hamarregion-cache.conf").write_text(cache)
    config = folder / "nginx.conf"
    user = "user root;" if os.geteuid() == 0 else ""
    config.write_text(
        f"""
daemon off;
{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log info;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/hamarregion-cache.conf;
    upstream hamarregion_app {{ {servers} keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost 127.0.0.1;
        include {folder}/hamarregion-proxy.conf;
    }}
}}
"""
    )
    return config


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.1)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port}")


def production_environment(folder: Path, port: int) -> dict[str, str]:
    key_file = folder / "secret-key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": key_file.read_text().strip(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SITE_URL": os.environ.get("DJANGO_SITE_URL", f"http://127.0.0.1:{port}"),
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_TRUSTED_PROXY_COUNT": "1",
        # TLS ends at nginx on a real server; here nginx speaks plain HTTP on the loopback.
        "DJANGO_SECURE_SSL_REDIRECT": "0",
    }


def stop(_signal, _frame):
    raise KeyboardInterrupt


def main() -> int:
    # `kill` stops the stack as Ctrl+C does: nginx and gunicorn go with it.
    signal.signal(signal.SIGTERM, stop)
    port = int(os.environ.get("PORT", "8000"))
    if not Path(NGINX).exists():
        raise SystemExit("nginx is not installed: apt-get install nginx")
    folder = PROJECT / "var" / "prod"
    folder.mkdir(parents=True, exist_ok=True)
    environment = production_environment(folder, port)
    for command in (["collectstatic", "--noinput", "-v0"], ["migrate", "-v0"], ["load_programme"]):
        subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command], cwd=PROJECT, env=environment, check=True
        )
    app_port = free_port()
    app = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "hamarregion.wsgi"],
        cwd=PROJECT,
        env={**environment, "GUNICORN_BIND": f"127.0.0.1:{app_port}"},
    )
    config = nginx_config(folder, port, app_port, folder / "static")
    subprocess.run([NGINX, "-t", "-q", "-c", str(config)], check=True)  # noqa: S603
    nginx = subprocess.Popen([NGINX, "-c", str(config)])  # noqa: S603
    try:
        wait_for_port(app_port)
        wait_for_port(port)
        print(f"Serving http://127.0.0.1:{port}/ through nginx (stop with Ctrl+C)", flush=True)
        while app.poll() is None and nginx.poll() is None:
            time.sleep(0.5)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in (nginx, app):
            with suppress(ProcessLookupError):
                process.send_signal(signal.SIGTERM)
        for process in (nginx, app):
            with suppress(subprocess.TimeoutExpired):
                process.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
