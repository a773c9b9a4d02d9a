"""Portfolio items: the work that speaks for its owner."""

import uuid

from django.db import models

from accounts.models.people import User
from accounts.models.skills import Skill
from marketplace.models import TimeStampedModel


def portfolio_file_path(instance: "PortfolioItem", filename: str) -> str:
    """A random name: the uploader's file name never reaches the storage."""
    extension = instance.file_kind or "bin"
    return f"portfolio/{uuid.uuid4().hex}.{extension}"


class PortfolioItem(TimeStampedModel):
    """A piece of work that speaks for its owner."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public"
        APPLICATIONS = "applications", "Only with my applications"

    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="portfolio_items")
    title = models.CharField(max_length=160)
    description = models.TextField(blank=True, max_length=5000)
    link = models.URLField(blank=True, max_length=500)
    visibility = models.CharField(
        max_length=20, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    position = models.PositiveIntegerField(default=0)
    skills = models.ManyToManyField(Skill, blank=True, related_name="portfolio_items")
    file = models.FileField(upload_to=portfolio_file_path, blank=True, max_length=200)
    file_kind = models.CharField(max_length=10, blank=True, help_text="Sniffed from the content.")
    file_size = models.PositiveIntegerField(default=0)
    file_name = models.CharField(
        max_length=160, blank=True, help_text="The uploader's name for the file, for downloads."
    )

    class Meta:
        ordering = ["position", "id"]
        indexes = [
            models.Index(fields=["owner", "position", "id"]),
            models.Index(fields=["owner", "visibility", "position"]),
        ]

    def __str__(self) -> str:
        return self.title
