"""Draws the portal's PNG and ICO icons from static/favicon.svg, the Hamarregionen mark.

Run it after changing the mark, and commit what it writes:

    .venv/bin/python scripts/make_icons.py

The SVG is rendered by the Chromium the browser tests use (/usr/bin/chromium through
Playwright), so no image library is needed. favicon.ico holds PNG images, which every browser
since Internet Explorer 9 reads.
"""

from __future__ import annotations

import base64
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "static"
MARK = STATIC / "favicon.svg"
CHROMIUM = "/usr/bin/chromium"

# (file under static/, size in pixels, share of the side left as margin, opaque background)
# The apple-touch icon and the maskable icon get a white background: iOS fills a transparent
# icon with black, and Android crops a maskable icon to a circle within its central 80 %.
ICONS = [
    ("icons/favicon-32.png", 32, 0.0, False),
    ("icons/apple-touch-icon.png", 180, 0.1, True),
    ("icons/icon-192.png", 192, 0.0, False),
    ("icons/icon-512.png", 512, 0.0, False),
    ("icons/icon-maskable-512.png", 512, 0.2, True),
]
# The sizes inside favicon.ico, for browsers and tools that ask for /favicon.ico.
ICO_SIZES = [16, 32, 48]


def page_html(svg: str, size: int, margin: float, opaque: bool) -> str:
    inner = round(size * (1 - 2 * margin))
    offset = (size - inner) // 2
    data = base64.b64encode(svg.encode()).decode()
    background = "#fff" if opaque else "transparent"
    return (
        "<!doctype html><html><body style='margin:0'>"
        f"<div style='width:{size}px;height:{size}px;background:{background};position:relative'>"
        f"<img src='data:image/svg+xml;base64,{data}' width='{inner}' height='{inner}'"
        f" style='position:absolute;left:{offset}px;top:{offset}px'></div></body></html>"
    )


def render(browser, svg: str, size: int, margin: float = 0.0, opaque: bool = False) -> bytes:
    page = browser.new_page(viewport={"width": size, "height": size})
    page.set_content(page_html(svg, size, margin, opaque))
    png = page.screenshot(omit_background=not opaque)
    page.close()
    return png


def ico(images: list[bytes]) -> bytes:
    """An ICO file whose images are the given square PNGs (each at most 256 px)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, bodies = b"", b""
    for data in images:
        # The PNG's IHDR holds the width and height as big-endian integers at bytes 16–23.
        width, height = struct.unpack(">II", data[16:24])
        entries += struct.pack(
            "<BBBBHHII", width % 256, height % 256, 0, 0, 1, 32, len(data), offset
        )
        bodies += data
        offset += len(data)
    return header + entries + bodies


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    svg = MARK.read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, size, margin, opaque in ICONS:
            target = STATIC / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render(browser, svg, size, margin, opaque))
            print(f"wrote static/{name} ({size}×{size})")
        (STATIC / "favicon.ico").write_bytes(ico([render(browser, svg, s) for s in ICO_SIZES]))
        print(f"wrote static/favicon.ico ({', '.join(str(s) for s in ICO_SIZES)} px)")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
