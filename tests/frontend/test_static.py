"""The stylesheet is one file edited by many hands: a lost brace silently disables every rule
after it (it happened once in a merge), so its blocks must balance."""

from pathlib import Path

import pytest

CSS = Path(__file__).resolve().parents[2] / "frontend" / "static" / "frontend" / "css" / "app.css"


def test_stylesheet_blocks_are_balanced():
    depth = 0
    for number, line in enumerate(CSS.read_text().splitlines(), start=1):
        depth += line.count("{") - line.count("}")
        if depth < 0:
            pytest.fail(f"app.css line {number} closes a block that was never opened")
    assert depth == 0, f"app.css leaves {depth} block(s) open at the end"
