"""Rebuild the careers summary table from scratch (after a deploy that adds it, or to repair
drift): every cell recomputed from the students' own rows, with the function the services use."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from accounts.models import Institution
from projects.careers.services.summary import careers_summary_rebuild


class Command(BaseCommand):
    help = "Recompute the career offices' summary cells from every consenting student's rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--institution", action="append", default=[], help="Only this slug (repeatable)."
        )

    def handle(self, *args: Any, institution: list[str], **options: Any) -> None:
        ids = None
        if institution:
            ids = list(
                Institution.objects.filter(slug__in=institution).values_list("pk", flat=True)
            )
        students = careers_summary_rebuild(institution_ids=ids)
        self.stdout.write(f"Rebuilt the careers summary from {students} student memberships.")
