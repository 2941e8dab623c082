"""
Screenshots of the front page and the lead story for the README, taken from a running
site in Debian's Chromium at a phone's and a desktop's width, in light and dark.

    make demo                                # in one terminal
    .venv/bin/python scripts/screenshots.py  # in another: writes docs/images/*.png

Options: --base (the site's address, http://127.0.0.1:8000 by default), --story (a story's
path; by default the front page's lead story), --out (docs/images).
"""

import argparse
import sys
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

from newsdesk import chromium

ROOT = Path(__file__).resolve().parents[1]
SCREENS = {"375": {"width": 375, "height": 812}, "1280": {"width": 1280, "height": 900}}
SCHEMES = ("light", "dark")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--story", default="")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args(argv)
    executable = chromium.executable()
    if executable is None:
        sys.exit("Chromium is not installed: `make browser` installs Debian's chromium.")
    args.out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=chromium.FLAGS)
        try:
            story = args.story
            for screen, viewport in SCREENS.items():
                for scheme in SCHEMES:
                    context = browser.new_context(
                        viewport=viewport, color_scheme=scheme, device_scale_factor=1
                    )
                    page = context.new_page()
                    page.goto(args.base + "/")
                    if not story:
                        lead = page.locator(".card--lead .card__headline a")
                        if not lead.count():
                            sys.exit(f"No lead story on {args.base}/: pass --story.")
                        story = lead.first.get_attribute("href")
                    shots = {"home": args.base + "/", "flagship": urljoin(args.base, story)}
                    for name, url in shots.items():
                        page.goto(url)
                        page.wait_for_load_state("networkidle")
                        path = args.out / f"{name}-{screen}-{scheme}.png"
                        page.screenshot(path=path)
                        written.append(path)
                    context.close()
        finally:
            browser.close()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
