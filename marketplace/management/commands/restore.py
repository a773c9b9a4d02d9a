"""`manage.py restore --input DIR --yes`: replace the database and uploads with a backup."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.backups import MANIFEST, BackupError, backup_restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (replaces the database!)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--input", dest="source", type=Path, required=True, help="a backup folder"
        )
        parser.add_argument("--yes", action="store_true", help="confirm: the database is replaced")

    def handle(self, *args, source: Path, yes: bool, **options) -> None:
        if not (source / MANIFEST).exists():
            raise CommandError(f"{source} is not a backup (no {MANIFEST}).")
        if not yes:
            raise CommandError("This replaces the database and files; run again with --yes.")
        try:
            manifest = backup_restore(source=source)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored {source}: {sum(manifest['tables'].values())} rows and "
            f"{len(manifest['files'])} files, checked against the manifest."
        )
