"""A person reads "10%", never "10 %": no script or template writes a space before a percent
sign in text it shows (comments may say what they like)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SPACED = re.compile(r"(\d|\$\{[^}]*\}|\}\}) %(?![}\w])")


def _shown_lines(path: Path) -> list[str]:
    lines = path.read_text().splitlines()
    if path.suffix == ".js":
        return [line for line in lines if not line.lstrip().startswith("//")]
    return lines


def test_no_script_or_template_puts_a_space_before_a_percent_sign():
    files = [*(ROOT / "frontend" / "static" / "frontend" / "js").glob("*.js")]
    files += [p for p in ROOT.glob("*/**/templates/**/*.*") if ".venv" not in p.parts]
    spaced = {
        f"{path.relative_to(ROOT)}: {line.strip()}"
        for path in files
        for line in _shown_lines(path)
        if SPACED.search(line)
    }
    assert spaced == set()
