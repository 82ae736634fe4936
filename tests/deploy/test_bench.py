"""`make bench`'s pieces that need no server: the nginx configurations it starts from
deploy/nginx's files (scripts/prod.py), the verdict of each row against the targets, and the
admin form it posts for the edit check."""

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


def measured(row_class, variant, *, rps=1000.0, p95=10.0, status=200, expect=200, unexpected=0):
    row = row_class("front page", variant, "/", expect=expect)
    row.status = status
    row.result = {
        "requests": int(rps * 10),
        "duration_us": 10_000_000,
        "p50_us": int(p95 * 500),
        "p95_us": int(p95 * 1000),
        "unexpected": unexpected,
        "connect": 0,
        "read": 0,
        "write": 0,
        "timeout": 0,
    }
    return row


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


def test_a_page_through_the_proxy_passes_at_eight_tenths_of_the_static_file(script):
    bench = script("bench_measure")
    Row = bench.Row

    at_target = measured(Row, "proxy", rps=800)
    below = measured(Row, "proxy", rps=790)

    assert bench.verdict(at_target, 1000) == ("ratio ≥ 0.8", "PASS")
    assert bench.verdict(below, 1000) == ("ratio ≥ 0.8", "MISS")


def test_uncached_pages_answer_to_50_ms_and_the_staff_list_to_250_ms_at_p95(script):
    bench = script("bench_measure")
    Row = bench.Row

    assert bench.verdict(measured(Row, "uncached", p95=49.9), 1000)[1] == "PASS"
    assert bench.verdict(measured(Row, "uncached", p95=50), 1000)[1] == "MISS"
    assert bench.verdict(measured(Row, "staff", p95=240), 1000)[1] == "PASS"
    assert bench.verdict(measured(Row, "staff", p95=250), 1000)[1] == "MISS"


def test_a_fast_row_of_answers_other_than_the_expected_status_fails(script):
    bench = script("bench_measure")
    Row = bench.Row

    redirected = measured(Row, "proxy", rps=5000, status=301)
    some_errors = measured(Row, "uncached", p95=1, unexpected=3)
    revalidated = measured(Row, "revalidation", status=304, expect=304)

    assert bench.verdict(redirected, 1000)[1] == "FAIL"
    assert bench.verdict(some_errors, 1000)[1] == "FAIL"
    assert bench.verdict(revalidated, 1000) == ("—", "—")
    assert bench.failed([redirected, revalidated])
    assert not bench.failed([revalidated])


def test_two_instances_pass_when_they_serve_a_tenth_more_than_one(script):
    bench = script("bench_measure")
    Row = bench.Row
    one = measured(Row, "1 instance", rps=100)
    rising = measured(Row, "2 instances", rps=110)
    flat = measured(Row, "2 instances", rps=105)
    rising.baseline = flat.baseline = one

    assert bench.verdict(one, 50_000) == ("—", "—")
    assert bench.verdict(rising, 50_000) == ("≥ 1.1 × 1 instance", "PASS")
    assert bench.verdict(flat, 50_000)[1] == "MISS"
    assert bench.instance_rises([one, rising]) == [
        "- front page: 100 → 110 requests/s, × 1.10; p95 10.0 → 10.0 ms"
    ]


def test_ratios_are_taken_to_the_faster_of_the_two_static_file_rows(script):
    bench = script("bench_measure")
    Row = bench.Row
    rows = [measured(Row, "static", rps=900), measured(Row, "static", rps=1000)]

    assert bench.reference_rps(rows) == 1000
    assert bench.ratio_text(800, 1000) == "0.80"
    assert bench.ratio_text(2, 1000) == "1/500"
    assert bench.ratio_text(0, 1000) == "0"
    assert "| front page | nginx, static file | 1000 |" in bench.table(rows)[3]


def test_the_edit_check_posts_the_fields_a_browser_would_send_from_the_admin_form(script):
    html_forms = script("html_forms")
    page = """
    <form id="searchbar"><input name="q" value="ignored"></form>
    <form id="subtheme_form" method="post">
      <input type="hidden" name="csrfmiddlewaretoken" value="token">
      <select name="theme"><option value="1">A</option><option value="2" selected>B</option>
      </select>
      <input type="text" name="name" value="Bolyst &amp; kultur">
      <input type="checkbox" name="archived">
      <input type="checkbox" name="public" checked value="on">
      <textarea name="note">
Linje</textarea>
      <input type="submit" name="_save" value="Lagre">
    </form>"""

    assert html_forms.form_fields(page, "subtheme_form") == [
        ("csrfmiddlewaretoken", "token"),
        ("theme", "2"),
        ("name", "Bolyst & kultur"),
        ("public", "on"),
        ("note", "Linje"),
    ]


def test_a_form_is_found_by_one_of_its_fields_and_a_select_sends_its_first_option(script):
    html_forms = script("html_forms")
    page = """
    <form action="/sok/"><input name="q"></form>
    <form method="post"><input type="hidden" name="creation_token" value="t">
      <select name="phase">
        <option value="pre">Forprosjekt</option><option value="main">Hoved</option>
      </select></form>"""

    assert html_forms.form_with(page, "creation_token") == [
        ("creation_token", "t"),
        ("phase", "pre"),
    ]
    assert html_forms.form_fields(page, "mangler") == []
