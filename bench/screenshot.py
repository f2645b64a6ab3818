"""Save a full-page PNG of an HTML report, rendered offline by the system Chromium.

usage: python bench/screenshot.py REPORT.html SHOT.png [--width 1280] [--height PIXELS]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def screenshot(html: Path, png: Path, width: int = 1280, height: int | None = None) -> None:
    """Open ``html`` from disk with every network request refused, and save the whole page (or its top ``height`` pixels) as ``png``."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": width, "height": height or 900}, device_scale_factor=1)
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort())
        page.goto(html.resolve().as_uri())
        page.screenshot(path=str(png), full_page=height is None)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels (390 for a phone)")
    parser.add_argument("--height", type=int, help="save only the top of the page, this many CSS pixels (a long report's full page is tens of thousands)")
    args = parser.parse_args()
    screenshot(args.html, args.png, args.width, args.height)


if __name__ == "__main__":
    main()
