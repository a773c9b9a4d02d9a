"""Fill an empty database with a marketplace at benchmark scale (see bench/scale/).

    python bench/seed_scale.py --size large --seed 7     (DATABASE_URL names the database)

A benchmark tool, not a product command: the product never imports bench (the import
contracts), so this runs as a script with Django set up here. Settings default to
bench.settings, as bench/run.py uses them.
"""

import argparse
import os
import sys
from pathlib import Path
from typing import TextIO

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class SeedRefused(Exception):
    """The database holds another (or an interrupted) generated data set."""


def seed_scale(*, size: str, seed: int, out: TextIO) -> str:
    """Generate the data set unless this exact one is already present; returns what happened."""
    from bench.scale import generate, has_generated_rows, is_generated

    if is_generated(size=size, seed=seed):
        return f"{size} data set (seed {seed}) already present: nothing to do."
    if has_generated_rows():
        raise SeedRefused(
            "This database holds another (or an interrupted) generated data set; "
            "seed_scale writes into a database of its own — point DATABASE_URL at an empty one."
        )
    result = generate(size=size, seed=seed, out=out)
    # The generator writes past the services, so the careers summary table is built once here.
    from projects.careers.services.summary import careers_summary_rebuild

    students = careers_summary_rebuild()
    took = f"{result['seconds']:.1f} s"
    return f"{size} data set (seed {seed}) in {took} ({students} careers students summarised)"


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from bench.scale import SIZES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    try:
        print(seed_scale(size=args.size, seed=args.seed, out=sys.stdout))
    except SeedRefused as refused:
        print(refused, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
