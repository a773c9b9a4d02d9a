"""Regenerate the README's screenshots (docs/screenshots/*.png) from a running demo server.

    make run                      # in one terminal: migrate, seed_demo, serve on :8000
    .venv/bin/python devtools/readme_screenshots.py http://127.0.0.1:8000

Chromium (Debian's package, as the browser tests use) draws each page at 960 px; the PNGs are
quantised to 256 colours so the README stays light. Pages: the home page (visitor), a paid
task page with the fee line and the mentor's card (Sam, a drafter), and a finished draft's
share card on Sam's dashboard.
"""

import io
import os
import shutil
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
DEMO_DRAFTER = ("sam.drafter@demo.slipstream.local", "slipstream-demo")
PAID_TASK = "Chart ten years of local rainfall"
WIDTH = 960


def save(png: bytes, name: str) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256)
    image.save(OUT / name, optimize=True)
    print(f"wrote docs/screenshots/{name} ({(OUT / name).stat().st_size // 1024} KB)")


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": 825}, color_scheme="light")

        page.goto(base + "/")
        page.locator("[data-featured] .task-card").first.wait_for()
        page.wait_for_load_state("networkidle")
        save(page.screenshot(), "home.png")

        page.goto(base + "/accounts/login/")
        page.get_by_label("Email").fill(DEMO_DRAFTER[0])
        page.get_by_label("Password:", exact=True).fill(DEMO_DRAFTER[1])
        page.get_by_role("button", name="Log in").click()
        page.get_by_role("button", name="Log out").wait_for(state="attached")

        page.goto(base + "/tasks/?q=" + PAID_TASK.replace(" ", "+"))
        page.get_by_role("link", name=PAID_TASK).click()
        page.locator("[data-fee-line]").first.wait_for()
        page.wait_for_load_state("networkidle")
        header = page.locator(".task-header")
        box = header.bounding_box()
        page.set_viewport_size({"width": WIDTH, "height": int(box["y"] + box["height"] + 48)})
        save(page.screenshot(), "task.png")

        page.set_viewport_size({"width": WIDTH, "height": 825})
        page.goto(base + "/dashboard/")
        card = page.locator("[data-share-card]")
        card.wait_for()
        page.wait_for_load_state("networkidle")
        save(card.screenshot(), "share.png")
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000")
