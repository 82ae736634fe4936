"""`make bench`'s pieces that need no server: the nginx configurations it starts from
deploy/nginx's files (scripts/prod.py)."""

import importlib
import shutil
import subprocess  # noqa: S404 - nginx -t on a file of our own
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@pytest.fixture
def script(monkeypatch):
    """A module of scripts/, imported as `make bench` imports its siblings."""
    monkeypatch.syspath_prepend(str(SCRIPTS))
    return importlib.import_module


def test_nginx_config_with_two_app_servers_puts_both_in_one_upstream(script, tmp_path):
    prod = script("prod")

    config = prod.nginx_config(tmp_path, 8080, [8001, 8002], tmp_path / "static").read_text()

    assert "upstream hamarregion_app { server 127.0.0.1:8001; server 127.0.0.1:8002; " in config
    assert "listen 127.0.0.1:8080;" in config


def test_nginx_config_without_the_cache_changes_only_the_cache_line_of_the_deploy_file(
    script, tmp_path
):
    prod = script("prod")
    cached, uncached = tmp_path / "cached", tmp_path / "uncached"
    cached.mkdir()
    uncached.mkdir()

    prod.nginx_config(cached, 8080, 8001, tmp_path / "static")
    prod.nginx_config(uncached, 8080, 8001, tmp_path / "static", proxy_cache=False)

    with_cache = (cached / "hamarregion-proxy.conf").read_text().splitlines()
    without = (uncached / "hamarregion-proxy.conf").read_text().splitlines()
    changed = [(a.strip(), b.strip()) for a, b in zip(with_cache, without, strict=True) if a != b]
    assert changed == [("proxy_cache hamarregion_pages;", "proxy_cache off;")]


def test_nginx_config_refuses_to_leave_the_cache_on_when_the_deploy_file_names_it_otherwise(
    script, tmp_path, monkeypatch
):
    prod = script("prod")
    deploy = tmp_path / "deploy"
    shutil.copytree(prod.DEPLOY, deploy)
    proxy = deploy / "hamarregion-proxy.conf"
    proxy.write_text(proxy.read_text().replace("hamarregion_pages;", "other_zone;"))
    monkeypatch.setattr(prod, "DEPLOY", deploy)

    with pytest.raises(ValueError, match="proxy_cache hamarregion_pages;"):
        prod.nginx_config(tmp_path, 8080, 8001, tmp_path / "static", proxy_cache=False)


@pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed")
def test_nginx_accepts_the_configuration_without_the_cache_before_two_app_servers(script, tmp_path):
    prod = script("prod")
    (tmp_path / "static").mkdir()

    config = prod.nginx_config(tmp_path, 8080, [8001, 8002], tmp_path / "static", proxy_cache=False)

    check = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-c", str(config)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr
