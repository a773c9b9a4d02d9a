"""Fill an empty database with a marketplace at benchmark scale (see bench/scale/).

manage.py seed_scale --size large --seed 7
"""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bench.scale import SIZES, generate, has_generated_rows, is_generated


class Command(BaseCommand):
    help = "Generate a deterministic, marketplace-shaped data set with bulk inserts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--size", choices=sorted(SIZES), default="small")
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args: object, size: str, seed: int, **options: object) -> None:
        if is_generated(size=size, seed=seed):
            self.stdout.write(f"{size} data set (seed {seed}) already present: nothing to do.")
            return
        if not has_generated_rows():
            result = generate(size=size, seed=seed, out=self.stdout._out)
            self.stdout.write(f"{size} data set (seed {seed}) in {result['seconds']:.1f} s")
            return
        raise CommandError(
            "This database holds another (or an interrupted) generated data set; "
            "seed_scale writes into a database of its own — point DATABASE_URL at an empty one."
        )
