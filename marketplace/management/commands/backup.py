"""`manage.py backup --output DIR`: the database and every uploaded file (marketplace.backups)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from marketplace.backups import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database (PostgreSQL or SQLite) and all uploaded files into a new folder."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, required=True, help="a folder to create")

    def handle(self, *args, output: Path, **options) -> None:
        try:
            manifest = backup_create(output=output)
        except (BackupError, FileExistsError) as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"Backed up {manifest['vendor']}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['files'])} files -> {output}"
        )
