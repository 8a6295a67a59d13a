"""Take the README's screenshot of the demo: a call answered and muted, 1280x800.

    .venv/bin/python scripts/screenshot.py [--out docs/demo.png] [--scheme light|dark] [--interp py|mpy]

It serves the repository on a free loopback port, drives the demo like a user
(Incoming call, Answer, Mute) in the system Chromium and saves a PNG.
"""

import argparse
import sys
from pathlib import Path

from chromium_path import chromium_path
from playwright.sync_api import sync_playwright
from serve import ROOT, make_server, start

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def screenshot(out: Path, scheme: str = "light", interp: str = "py") -> None:
    server = make_server(0)
    start(server)
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html" + (
        "?interp=mpy" if interp == "mpy" else ""
    )
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
            page.goto(url)
            page.wait_for_selector("html[data-widget-ready]", state="attached", timeout=60_000)
            page.get_by_role("button", name="Incoming call").click()
            page.get_by_role("button", name="Answer").click()
            mute = page.locator("#mute .mute-button")
            page.wait_for_selector("#mute .mute-button:not([disabled])")
            mute.click()
            page.wait_for_selector('#mute .mute-button[aria-pressed="true"]:not([aria-busy])')
            page.mouse.move(0, 0)  # no hover effect in the picture
            page.wait_for_timeout(1200)  # the call timer shows a running call
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "demo.png")
    parser.add_argument("--scheme", choices=("light", "dark"), default="light")
    parser.add_argument("--interp", choices=("py", "mpy"), default="py")
    args = parser.parse_args()
    screenshot(args.out, args.scheme, args.interp)
    print(f"saved {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
