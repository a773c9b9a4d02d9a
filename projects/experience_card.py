"""The share image of one verified experience (/experience/<id>/'s og:image): a 1200x630 PNG
drawn with Pillow from what the page shows an anonymous visitor, and nothing else.

Its inputs are the public experience (projects/selectors/profiles.experience_get_public): the
title the showable-work clause allows (the mentor's public title when they set one, never the
withheld task title), the drafter's and mentor's display names and the confirmation date. The
image's URL carries a hash of exactly those inputs, so it can be cached for a year: when any of
them changes, the page links a new URL."""

import hashlib
import io
import json
from typing import Any

from django.utils.formats import date_format
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
# The design tokens of app.css (accent, text, muted, surface), so the card reads as the site.
ACCENT, TEXT, MUTED, SURFACE, WHITE = "#1d4ed8", "#1c1f24", "#555b66", "#f7f7f5", "#ffffff"
TITLE_SIZE, TITLE_LINES = 60, 3
VERIFIED = "Verified on Slipstream"


def experience_card_inputs(experience: dict[str, Any]) -> dict[str, str]:
    """Everything drawn on the card, taken only from the public experience."""
    completed = experience.get("completed_at")
    return {
        "title": experience["task_title"],
        "drafter": experience["drafter"]["display_name"],
        "mentor": experience["mentor"]["display_name"],
        "date": date_format(completed, "j M Y") if completed else "",
        "verified": VERIFIED,
    }


def experience_card_key(inputs: dict[str, str]) -> str:
    """A short content hash of the inputs (and of the layout's version): the URL's cache key."""
    raw = json.dumps({"v": 1, **inputs}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    # Pillow's own bundled font: the same glyphs on every machine, no system font needed.
    return ImageFont.load_default(size=size)


def _lines(draw: ImageDraw.ImageDraw, text: str, font: Any, width: int, most: int) -> list[str]:
    """Word-wrap `text` to `width`, at most `most` lines, the last one ending in "…" if cut."""
    lines: list[str] = []
    current = ""
    words = text.split()
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
            continue
        lines.append(current)
        current = word
        if len(lines) == most:
            current = " ".join([lines.pop(), *words[index:]])
            break
    if current:
        lines.append(current)
    last = lines[-1]
    if draw.textlength(last, font=font) > width or len(lines) > most:
        while last and draw.textlength(f"{last}…", font=font) > width:
            last = last[:-1].rstrip()
        lines[-1] = f"{last}…"
    return lines[:most]


def experience_card_png(inputs: dict[str, str]) -> bytes:
    """Draw the card: wordmark, "Verified experience", the title, who drafted it for whom, and
    a band saying "✓ Verified on Slipstream" with the date."""
    image = Image.new("RGB", (WIDTH, HEIGHT), SURFACE)
    draw = ImageDraw.Draw(image)
    text_width = WIDTH - 2 * MARGIN
    draw.rectangle((0, 0, WIDTH, 12), fill=ACCENT)
    draw.text((MARGIN, 64), "Slipstream", font=_font(36), fill=ACCENT)
    draw.text((MARGIN, 128), "VERIFIED EXPERIENCE", font=_font(26), fill=MUTED)
    title_font = _font(TITLE_SIZE)
    y = 172
    for line in _lines(draw, inputs["title"], title_font, text_width, TITLE_LINES):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += int(TITLE_SIZE * 1.2)
    people = f"Drafted by {inputs['drafter']} for {inputs['mentor']}"
    people_font = _font(32)
    draw.text(
        (MARGIN, max(y + 16, 330)),
        _lines(draw, people, people_font, text_width, 1)[0],
        font=people_font,
        fill=TEXT,
    )
    band_top = HEIGHT - 120
    draw.rectangle((0, band_top, WIDTH, HEIGHT), fill=ACCENT)
    # A drawn check mark (the bundled font has no ✓), then the words: never the mark alone.
    cx, cy = MARGIN, band_top + 60
    draw.line((cx, cy, cx + 12, cy + 12, cx + 34, cy - 14), fill=WHITE, width=6, joint="curve")
    band_font = _font(34)
    draw.text((cx + 52, cy), inputs["verified"], font=band_font, fill=WHITE, anchor="lm")
    if inputs["date"]:
        date_text = f"Confirmed {inputs['date']}"
        draw.text((WIDTH - MARGIN, cy), date_text, font=_font(30), fill=WHITE, anchor="rm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
